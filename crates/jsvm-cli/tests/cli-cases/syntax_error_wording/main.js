// Syntax errors that programs compiling user code (template engines, sandboxes, REPL-like
// tools) show or test for, in V8's words: source cut short, a misplaced `new.target` or
// `super`, a bad number or regular expression literal, `let` as a lexical name, `break` or
// `continue` outside a loop, a `const` without a value, strict mode's refusals, and what V8
// names when an expression is followed by more than an operator (QuickJS: "expecting ';'"),
// `await` outside an async function first.
const vm = require('vm');
const sources = [
  'total = 1 +',
  'print(',
  'if (ready) {',
  'var answer =',
  'var 2fast = 1',
  'var re = /unfinished',
  'let let = 1',
  'new.target',
  'super()',
  'function plain() { super.method(); }',
  'break;',
  'if (done) continue;',
  'const limit;',
  '"use strict"; with (scope) {}',
  '"use strict"; delete total;',
  '"use strict"; var arguments = [];',
  'function load() { return await fetchIt(); }',
  'const data = await read()',
  'for await (const chunk of stream) {}',
  'total = 1 2',
  'let label = first second',
  'print "hello"',
  'value = 1 true',
  'result = compute() {',
  'price = 10 @ 2',
];
// The caret under what V8 points at.
for (const src of ['x = y "quoted \\" text" z', 'function f() {\n  return await it;\n}']) {
  try {
    new vm.Script(src, { filename: 'caret.js' });
  } catch (e) {
    console.log(e.stack.split('\n').slice(0, 4).join('\n'));
  }
}
for (const src of sources) {
  for (const compile of [(s) => new vm.Script(s), (s) => new Function(s), (s) => vm.runInNewContext(`eval(${JSON.stringify(s)})`)]) {
    try {
      compile(src);
      console.log(JSON.stringify(src), 'compiled');
    } catch (e) {
      console.log(JSON.stringify(src), `${e.name}: ${e.message}`);
    }
  }
}
