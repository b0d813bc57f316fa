// Stacks of common calls as V8 (Node 20) prints them: a method bound to its object and called
// plainly or by a builtin is named by the object bound (`at H.go`), JSON.parse's refusal
// starts at the builtin, `Reflect.construct` makes no frame, `f.apply(o)` names `o`.
'use strict';
const path = require('path');
function show(e) {
  const lines = e.stack.split('\n').filter((l) => !/\(node:|at node:/.test(l));
  console.log(lines.join('\n').split(path.dirname(__filename) + path.sep).join(''));
}
function t(f) {
  try {
    f();
  } catch (e) {
    show(e);
  }
}

// Bound methods called plainly, by a builtin, through call/apply/Reflect.apply.
function P() { this.x = 1; }
P.prototype.m = function m() { throw new Error('P.m bound'); };
const p = new P();
t(() => { const w = p.m.bind(p); w(); });
const lit = { m() { throw new Error('literal bound'); } };
t(() => { const w = lit.m.bind(lit); w(1, 2, 3); });
class H {
  constructor() { this.go = this.go.bind(this); }
  go() { throw new Error('go'); }
}
const h = new H();
t(() => { const g = h.go; g(); });
t(() => Reflect.apply(h.go, null, []));
t(() => h.go.call(null));
t(() => h.go.apply(null, []));
t(() => [1].forEach(h.go));
t(() => { const b = H.prototype.go.bind(h).bind({}); b(); });
t(() => { const args = [1, 2]; const b = p.m.bind(p); b(...args); });
function F() { throw new Error('F'); }
t(() => { const b = F.bind(null); b(); });
t(() => { const b = F.bind(5); b(); });
t(() => { const b = F.bind(undefined); b(); });
const EventEmitter = require('events');
const em = new EventEmitter();
em.on('e', h.go);
t(() => em.emit('e'));

// Function.prototype.apply given no argument list.
t(() => (function f() { throw new Error('apply'); }).apply({ x: 1 }));
t(() => F.apply({}));

// Reflect.construct and Reflect.apply make no frame.
t(() => Reflect.construct(F, []));
t(() => Reflect.construct(F, [], Object));
t(() => Reflect.apply(F, {}, []));

// JSON.parse's refusal starts at the builtin's frame.
function load(s) { return JSON.parse(s); }
t(() => load('{bad'));
t(() => load('[1,'));
t(() => load(''));
t(() => JSON.parse('{"a":1}x'));

// Calls of a call's result (curried functions) and of a computed member: V8 places the caller
// at the arguments' `(` of the call it is in.
function curried(a) {
  if (a === 0) throw new Error('first');
  return function (b) {
    if (b === 0) throw new Error('second');
    return function (c) { throw new Error('third'); };
  };
}
t(() => curried(1)(2)(3));
t(() => curried(1)(0)(3));
t(() => curried(0)(2)(3));
t(() => { const x = curried(1)(2)(3); return x; });
const holder = { curried, list: [curried] };
t(() => holder.curried(1)(2)(3));
t(() => holder['curried'](1)(0));
t(() => holder.list[0](0));
t(() => holder.list[0](1)(2)(3));
t(() => curried(1)(String(2))(3));
const arrow = (a) => (b) => (c) => { throw new Error('arrow ' + a + b + c); };
t(() => arrow(1)(2)(3));

// Array patterns given what is not iterable: V8 places the frame at the value (a declaration)
// or at the `=` (an assignment), where the engine records no position. (The frames only: the
// messages are another matter.)
function frames(f) {
  try {
    f();
  } catch (e) {
    const lines = e.stack.split('\n').slice(1).filter((l) => !/\(node:|at node:/.test(l));
    console.log(lines.join('\n').split(path.dirname(__filename) + path.sep).join(''));
  }
}
function declared(v) { const [a] = v; return a; }
frames(() => declared(5));
function declaredTwo(v) {
  let q = 1;
  const [a, b] = v;
  return a + b + q;
}
frames(() => declaredTwo(null));
function assigned(v) { let a; [a] = v; return a; }
frames(() => assigned(7));
const throwingIterator = { [Symbol.iterator]() { throw new Error('iterator'); } };
t(() => declaredTwo(throwingIterator));
// An iterator's `next` called by a pattern is named by the iterator.
const throwingNext = { [Symbol.iterator]() { return { next() { throw new Error('next'); } }; } };
t(() => assigned(throwingNext));

// Getters: the caller at the property read (`o.name`; after a call's result, its `.`), and a
// getter named `get` (a descriptor's, as Babel's and TypeScript's re-exports define them) by
// the object read.
const withGetter = { get g() { throw new Error('getter'); } };
const holding = { withGetter, f() { return withGetter; } };
t(() => withGetter.g);
t(() => holding.withGetter.g);
t(() => holding.f().g);
t(() => [1, holding.withGetter.g]);
const reexports = {};
Object.defineProperty(reexports, 'thing', { enumerable: true, get: function () { throw new Error('reexport'); } });
t(() => reexports.thing);
t(() => Object.defineProperty({}, 'x', { get() { throw new Error('descriptor'); } }).x);
class WithGetters {
  get size() { throw new Error('class getter'); }
  static get kind() { throw new Error('static getter'); }
}
t(() => new WithGetters().size);
t(() => WithGetters.kind);

// A for...of loop's call of `next`: V8 places the loop's frame at its binding.
function loop() {
  for (const x of throwingNext) { void x; }
}
frames(loop);
frames(() => { for (let item of throwingNext) { void item; } });

// fs's system errors: Node makes those of the callback forms in libuv's callback (no frame) and
// those of the promise forms there too (the frames of the functions awaiting them).
const fs = require('fs');
const missing = path.join(__dirname, 'no-such-file');
function stackOf(e) {
  return e.stack.split('\n').filter((l) => !/\(node:|at node:/.test(l)).join('\n')
    .split(path.dirname(__filename) + path.sep).join('');
}
async function readMissing() {
  try {
    await fs.promises.readFile(missing);
  } catch (e) {
    console.log(stackOf(e));
  }
  try {
    await fs.promises.stat(missing);
  } catch (e) {
    console.log(stackOf(e));
  }
}
fs.readFile(missing, (e) => {
  console.log(stackOf(e));
  fs.stat(missing, (e2) => {
    console.log(stackOf(e2));
    readMissing();
  });
});

// Proxies' traps named by their handler (`at Object.get`, `at Handler.get`), the caller at the
// property read (an element read's `[`, an assignment's `=`); setters' callers at the `=`.
const trapping = {
  get(target, key) { if (key === 'bad') throw new Error('get trap'); return target[key]; },
  set() { throw new Error('set trap'); },
};
const proxied = new Proxy({}, trapping);
t(() => proxied.bad);
t(() => proxied['bad']);
t(() => { const k = 'bad'; return proxied[k]; });
t(() => { proxied.x = 1; });
t(() => { proxied['y'] = 1; });
class Handler { get() { throw new Error('class handler'); } }
t(() => new Proxy({}, new Handler()).foo);
t(() => Object.create(proxied).bad);
const withSetter = { set v(x) { throw new Error('setter ' + x); } };
t(() => { withSetter.v = 1; });
t(() => { withSetter['v'] = 2; });

// Array methods given a `this` for their callback (`items.forEach(fn, this)`, as ES5 code
// does): the callback's frame is named by that `this`.
function Es5() { this.items = [1]; }
Es5.prototype.run = function () {
  this.items.forEach(function (x) { throw new Error('es5 ' + x); }, this);
};
t(() => new Es5().run());
t(() => [1].map(function named() { throw new Error('named'); }, { a: 1 }));
t(() => [1].filter(() => { throw new Error('arrow'); }, {}));
t(() => [1].some(function () { throw new Error('undefined this'); }, undefined));
t(() => new Set([1]).forEach(function () { throw new Error('set'); }, {}));
t(() => [1].find(function () { throw new Error('string this'); }, 'str'));
