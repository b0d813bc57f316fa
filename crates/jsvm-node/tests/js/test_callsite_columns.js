// The call sites code's own Error.prepareStackTrace gets give the same positions as the
// default stack text (source-map tools map exactly these): `new X(...)` at `new` whatever its
// arguments, a member call at the member's name.
function withTemplate(x) {
  throw new Error(`made with ${x} in a template`);
}
function assigned(x) {
  const e = new TypeError('a' + x, { cause: x }); throw e;
}
function memberCall(o) {
  return o.helper.run(1);
}
const o = { helper: { run() { throw new RangeError('in run'); } } };
const cases = [() => withTemplate(1), () => assigned(2), () => memberCall(o)];

const positions = [];
for (const run of cases) {
  try { run(); } catch (e) { positions.push(e.stack.split('\n').slice(1, 3).map((l) => l.trim()).join(' / ')); }
}
Error.prepareStackTrace = (err, sites) => sites.slice(0, 2)
  .map((s) => `at ${s.getFunctionName()} (${require('path').basename(s.getFileName())}:${s.getLineNumber()}:${s.getColumnNumber()})`)
  .join(' / ');
for (const [i, run] of cases.entries()) {
  try { run(); } catch (e) {
    console.log(e.stack);
    console.log(positions[i].replace(/\/[^ ]*\//g, ''));
  }
}
