// Frames that Error.captureStackTrace starts from a function (assert's stackStartFn, libraries'
// own errors): the first frame is the call of that function, at V8's column (the callee's
// name), as the frames below a throwing function are.
const assert = require('assert');
const o = { m(a, b) { const e = new Error('x'); Error.captureStackTrace(e, o.m); throw e; } };
const frame = (e, i = 1) => e.stack.split('\n')[i].replace(__dirname, '');
function a(x, n) { o.m(x, n); }
try { a(1, 2); } catch (e) { console.log(frame(e)); }
function b(x, n) { assert.strictEqual(x, n); }
try { b(1, 2); } catch (e) { console.log(frame(e, 4)); }
function c(x, n) { assert.deepStrictEqual({ x }, { x: n }, 'differs'); }
try { c(1, 2); } catch (e) { console.log(frame(e)); }
function d(x) { assert.notStrictEqual(x, 1); }
try { d(1); } catch (e) { console.log(frame(e, e.stack.split('\n').findIndex((l) => l.includes(' d ')))); }
function Thing(n) { const e = {}; Error.captureStackTrace(e, Thing); this.stack = e.stack; }
function e1() { return new Thing(1); }
console.log(frame(e1()));
const f = function named() { const e = {}; Error.captureStackTrace(e, named); return e.stack; };
function g() { return f(1, [2].map((v) => v)); }
console.log(frame({ stack: g() }));
