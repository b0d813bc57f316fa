// V8's inferred names of anonymous functions held on the right of an assignment: a branch of a
// conditional, an operand of ||, && or ??, an element of an array literal, a property of an
// object literal (`o.k`), also for plain variables (which name only a function right after
// their `=` themselves); none through parentheses or a call's arguments. An anonymous class or
// constructor function names its instances' and static methods' frames by its inferred name
// (`exports.C.m`).
const frame = (e) => e.stack.split('\n')[1].trim().replace(__filename, 'F');
const t = true;
const x = {};
x.y = true ? function () { throw new Error(); } : 0;
x.y2 = x.y2 || function () { throw new Error(); };
x.arr = [function () { throw new Error(); }];
x.arr2 = [1, f(2, 3), function () { throw new Error(); }];
x.p = (function () { throw new Error(); });
x.q = t ? 0 : 1;
x.q2 = !t ? 0 : function () { throw new Error(); };
x.r = f(1) || function () { throw new Error(); };
x.s = 'str' && (() => { throw new Error(); });
x.n = null ?? function () { throw new Error(); };
x.call = g(function () { throw new Error(); });
function f() { return 0; }
function g(h) { return h; }
const v = { k: { j: t && function () { throw new Error(); } } };
const w = { a: 1, b: [2, 3], 'k 2': t && function () { throw new Error(); } };
var u1 = t ? () => { throw new Error(); } : 0;
u2 = t ? () => { throw new Error(); } : 0;
const multi = t
  ? function () { throw new Error(); }
  : null;

// A call read after a held function drops its name, unless a function was added first.
const two = [function () { throw new Error(); }, function () { throw new Error(); }];
const cases = [() => f(1), () => f(2) || thrower(), () => thrower()];
function thrower() { throw new Error(); }
const bound = { k: function () { throw new Error(); }.bind(null) };
const first = [function () { throw new Error(); }][0];
const called = [function () { return function () { throw new Error(); }; }][0]();
const mapped = [null || function () { throw new Error(); }].map((y) => y)[0];
const arrows = [() => { throw new Error(); }, () => new Error('not thrown')];

exports.F = function () {};
exports.F.prototype.m = function () { throw new Error(); };
exports.F.prototype.n = function named() { throw new Error(); };
exports.C = class { static s() { throw new Error(); } m() { throw new Error(); } };
exports.D = class {
  constructor() { this.x = 1; }
  static s() { throw new Error(); }
  m() { throw new Error(); }
};
exports.E = class extends Object {
  static s() { throw new Error(); }
};
class H extends exports.C {}
const named = { K: class { static s() { throw new Error(); } } };
module.exports.M = class {
  static s() { throw new Error(); }
};

const calls = {
  'x.y': () => x.y(), 'x.y2': () => x.y2(), 'x.arr': () => x.arr[0](), 'x.arr2': () => x.arr2[2](),
  'x.p': () => x.p(), 'x.q2': () => x.q2(), 'x.r': () => x.r(), 'x.s': () => x.s(), 'x.n': () => x.n(),
  'x.call': () => x.call(), 'v.k.j': () => v.k.j(), 'w["k 2"]': () => w['k 2'](), u1: () => u1(),
  u2: () => u2(), multi: () => multi(),
  'new F().m': () => new exports.F().m(), 'new F().n': () => new exports.F().n(),
  'C.s': () => exports.C.s(), 'new C().m': () => new exports.C().m(), 'D.s': () => exports.D.s(),
  'new D().m': () => new exports.D().m(), 'E.s': () => exports.E.s(), 'new H().m': () => new H().m(),
  'named.K.s': () => named.K.s(), 'M.s': () => module.exports.M.s(),
  'two[0]': () => two[0](), 'two[1]': () => two[1](), 'cases[1]': () => cases[1](),
  'bound.k': () => bound.k(), first: () => first(), called: () => called(), mapped: () => mapped(),
  'arrows[0]': () => arrows[0](),
};
for (const [label, call] of Object.entries(calls)) {
  try { call(); } catch (e) { console.log(`${label}: ${frame(e)}`); }
}
