// Callers' columns for calls of a function the callee does not name: a variable holding it
// (`const old = require.extensions['.js']; ... return old(m, filename)`, how require hooks
// chain), a computed member (`handlers[type](event)`), with arguments the engine records.
function inner() { throw new Error('x'); }
const handlers = { run: inner };
function chain(m, filename) {
  const old = inner;
  return old(m, filename);
}
function local(m, f) { const fn = inner; fn(m, f); }
function computed(type, event) { return handlers[type](event); }
function computedConst(type) { handlers[type](1, 2); }
function named(a) { return inner(a, a); }
function nested(a) { return inner(a, String(a)); }
const viaClosure = ((cb) => (x) => cb(x, x))(inner);
const extensions = {};
extensions['.ts'] = function (m, filename) {
  if (m) return inner(m, filename);
  const next = inner;
  return next(m, filename);
};
const cases = [
  () => chain(1, 'a'),
  () => local(1, 2),
  () => computed('run', {}),
  () => computedConst('run'),
  () => named(1),
  () => nested(1),
  () => viaClosure(3),
  () => extensions['.ts'](0, 'f'),
  () => extensions['.ts'](1, 'f'),
];
for (const run of cases) {
  try { run(); } catch (e) {
    console.log(e.stack.split('\n').slice(1, 3).map((l) => l.trim().replace(__filename, 'FILE')).join(' | '));
  }
}
