// A caller's frame at a call spread over lines is at the callee's line and column (V8's), as
// QuickJS keeps the line of an argument; the callee named as called or by another name, and
// a failed assert's message read from such a call.
const assert = require('assert');
function inner() { throw new Error('e'); }
const alias = inner;
const frame = (e, i = 2) => e.stack.split('\n')[i].trim().replace(__dirname, '');
function a(x) {
  return inner(
    x,
    2);
}
function b(x) {
  const r = alias(x,
    [1, 2].map((v) => v * 2));
  return r;
}
function c(x) {
  return inner(
    x > 1 &&
      x < 0,
  );
}
function d(x) {
  return alias(
    x,
    { key: ')' },
  );
}
const o = { m() { throw new Error('m'); } };
function e(x) {
  o
    .m(
      x);
}
for (const f of [a, b, c, d, e]) {
  try { f(1); } catch (err) { console.log(frame(err)); }
}
function f(x) {
  assert(
    x > 1 &&
      x < 0,
  );
}
try { f(1); } catch (err) { console.log(JSON.stringify(err.message), err.stack.split('\n').find((l) => l.includes(' f ')).trim().replace(__dirname, '')); }
function g(x) {
  assert.ok(
    x, // a comment )
    undefined);
}
try { g(0); } catch (err) { console.log(JSON.stringify(err.message)); }
