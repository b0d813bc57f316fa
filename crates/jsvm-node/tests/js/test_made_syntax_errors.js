// SyntaxErrors a program makes itself keep their words, wherever they are made: an
// anonymous function's frame has no name, as the parser's position has none (a parser of
// the program's own, @nyariv/sandboxjs, throws V8-like messages from arrow functions).
'use strict';
const words = [
  "Unexpected token 'class'",
  "unexpected token 'x'",
  "expecting ';'",
  'unexpected number',
  "Unexpected identifier 'a'",
  'invalid increment/decrement operand',
  'variable name expected',
  'unexpected end of input',
];
const named = (m) => new SyntaxError(m);
for (const m of words) {
  const arrow = ((x) => new SyntaxError(x))(m).message;
  const thrown = (function () {
    try {
      throw new SyntaxError(m);
    } catch (e) {
      return e.message;
    }
  })();
  const method = { parse(x) { return new SyntaxError(`${x}`); } }.parse(m).message;
  console.log(JSON.stringify([named(m).message, arrow, thrown, method]));
}
// A parser of its own: a token it refuses, from a table of handlers (arrow functions).
const reserved = new Set(['class', 'if', 'return']);
const handlers = {
  word: (tok) => {
    if (reserved.has(tok)) throw new SyntaxError(`Unexpected token '${tok}'`);
    return { type: 'word', tok };
  },
};
for (const tok of ['a', 'class']) {
  try {
    console.log(handlers.word(tok));
  } catch (e) {
    console.log(e.name, e.message, e instanceof SyntaxError);
  }
}
// The engine's own syntax errors still read as V8's.
for (const src of ['let x = 1; x++ ++', 'return a +* 2', 'class { }', 'var 1a;', 'if (']) {
  try {
    (() => new Function(src))();
  } catch (e) {
    console.log('Function', e.name, e.message);
  }
  try {
    (() => eval(src))();
  } catch (e) {
    console.log('eval', e.name, e.message);
  }
}
// Made at the top level of a script, in a context, and the engine's refusals there.
const vm = require('vm');
console.log(new SyntaxError('unexpected end of input').message);
console.log(vm.runInThisContext("new SyntaxError('unexpected end of input').message"));
console.log(vm.runInNewContext("(() => new SyntaxError('expecting \\';\\'').message)()"));
try {
  vm.runInThisContext('let qq = 1; let qq = 2');
} catch (e) {
  console.log(e.message);
}
vm.runInThisContext('let zz = 1');
(function redeclare() {
  try {
    vm.runInThisContext('let zz = 2');
  } catch (e) {
    console.log(e.name, e.message);
  }
})();
(() => {
  try {
    JSON.parse('[1,]');
  } catch (e) {
    console.log(e.message);
  }
})();
// The parser's position in eval code is no frame: the stack starts at the call that compiled.
const firstFrames = (e) => e.stack.split('\n').slice(0, 2).join(' | ').replaceAll(__filename, 'F');
function compiles(src) { return new Function(src); }
try { compiles('a b'); } catch (e) { console.log(firstFrames(e)); }
try { eval('x y'); } catch (e) { console.log(firstFrames(e)); }
try { eval('throw new SyntaxError("made")'); } catch (e) { console.log(firstFrames(e)); }
