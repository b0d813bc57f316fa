// Destructuring undefined or null: V8's message and position (the pattern's first key, or its
// brace), where the value is known: a literal right side, or a parameter of the running
// function (the pattern's own, or the name on the right side).
const at = (e) => e.stack.split('\n')[1].split(__dirname).join('<DIR>');
const p = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(e.message, '|', at(e)); } };
p(() => { const { a } = undefined; });
p(() => { const { a, b } = null; });
p(() => { function f({ a }) { return a; } f(); });
p(() => { function f(z, { a, b }) { return a; } f(1, null); });
p(() => { const f = ({ a }) => a; f(); });
p(() => { const {} = undefined; });
p(() => { let a; ({ a } = undefined); });
p(() => { const { ['a']: q } = undefined; });
p(() => { const { a } = void 0; });
p(() => { const { a = 1 } = null; });
p(() => { const { ...r } = null; });
function g(options) {
  const { verbose, depth } = options;
  return verbose && depth;
}
p(() => g());
p(() => g(null));
