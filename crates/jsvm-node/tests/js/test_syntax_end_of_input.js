// A script that stops in the middle of a construct: V8 says "Unexpected end of input" and
// marks nothing under the end (a REPL takes that message for "read one more line"). A literal
// left open keeps its own words.
const vm = require('vm');
const sources = [
  'var obj = {\n',
  'call(\n',
  'if (ready) {\n} else {',
  'total = 1 +   // a comment\n',
  'node.\n',
  'const t = `open\ntemplate',
  'var o = {a: 1,',
  '(function () {',
  'let r = /abc',
  'var s = "abc',
  "name = 'left open\nnext = 1",
];
for (const src of sources) {
  try {
    new vm.Script(src, { filename: 'part.js' });
    console.log('compiled?', JSON.stringify(src));
  } catch (e) {
    const lines = e.stack.split('\n');
    const at = lines.findIndex((l) => l.startsWith('SyntaxError'));
    console.log(JSON.stringify(src), '->', e.message);
    console.log(lines.slice(0, at).map((l) => `|${l}`).join('\n'));
  }
}
