// A caller's frame where the callee is in parentheses, as Babel and TypeScript call what a
// module imports (`(0, _lib.parse)(text)`): V8 points at the arguments' `(`, not at the name.
// Test runners print code frames at these positions.
const _lib = { nested: { parse(text) { throw new Error(`cannot parse ${text}`); } } };
const top = (text) => (0, _lib.nested.parse)(text);
const spaced = (text) => (0,_lib.nested.parse) (text);
const grouped = (text) => (_lib.nested.parse)(text);
function multiline() {
  return (0, _lib.nested.parse)({
    text: 'an object',
  });
}
const plain = (text) => _lib.nested.parse(text);
for (const f of [top, spaced, grouped, multiline, plain]) {
  try {
    f('input');
  } catch (e) {
    console.log(e.stack.split('\n').slice(2, 3).map((l) => l.replace(__filename, 'main.js')).join('\n'));
  }
}
