// Refusals V8 words with their operands, which jsvm reads from the failing instruction's
// code and frame (a variable, a constant, a global), never by running code.
'use strict';
const vm = require('vm');
function t(f) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    console.log(e.constructor.name + ': ' + e.message);
  }
}
// Strict code assigning a primitive's property: a constant or a variable of any kind.
t(() => { (5).x = 1; });
t(() => { const n = 5; n.x = 1; });
t(() => { const s = 'abc'; s.x = 1; });
t(() => { true.y = 1; });
t(() => { const s = Symbol('q'); s.x = 1; });
t(() => { const b = 12n; b.x = 1; });
t(() => { (5)['y'] = 1; });
t(() => { const k = 'z'; (-3)[k] = 1; });
// A string's index and length are read only.
t(() => { 'abc'[0] = 'x'; });
t(() => { const a = 'abc'; const i = 1; a[i] = 'x'; });
t(() => { 'abc'[5] = 'x'; });
t(() => { 'abc'.length = 1; });
let captured = 'captured';
t(() => { captured[2] = 'x'; });
// A read-only property of an object read from a global variable.
t(() => { Math.PI = 1; });
t(() => vm.runInNewContext('"use strict"; const s = "ab"; s.q = 3'));
// A pattern nested in another's property, given undefined or null.
t(() => { const { a: { b } } = {}; });
t(() => { const { a: { b } } = { a: null }; });
t(() => { const { a: { b: { c } } } = { a: {} }; });
t(() => { let b; ({ a: { b } } = {}); });
t(() => { function g({ a: { b } }) { return b; } g({}); });
// A pattern of the declaration itself keeps its own words.
t(() => { const { a } = null; });
// A proxy's trap that is no function, asked by a builtin given the proxy, by a computed read
// or by `for in`.
t(() => Reflect.ownKeys(new Proxy({}, { ownKeys: 1 })));
t(() => Object.keys(new Proxy({}, { ownKeys: 'no' })));
t(() => Object.keys(new Proxy({ x: 1 }, { getOwnPropertyDescriptor: 2 })));
t(() => Object.keys(new Proxy({}, { ownKeys: () => [], getOwnPropertyDescriptor: 2 })));
t(() => Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor: [] }), 'x'));
t(() => Object.defineProperty(new Proxy({}, { defineProperty: 1 }), 'x', { value: 1 }));
t(() => Object.getPrototypeOf(new Proxy({}, { getPrototypeOf: true })));
t(() => Object.setPrototypeOf(new Proxy({}, { setPrototypeOf: 1 }), null));
t(() => Object.isExtensible(new Proxy({}, { isExtensible: 1 })));
t(() => Object.freeze(new Proxy({}, { preventExtensions: 1 })));
t(() => Reflect.has(new Proxy({}, { has: 1 }), 'x'));
t(() => Reflect.get(new Proxy({}, { get: 1 }), 'x'));
t(() => Reflect.set(new Proxy({}, { set: 1 }), 'x', 1));
t(() => Reflect.deleteProperty(new Proxy({}, { deleteProperty: 1 }), 'x'));
t(() => Reflect.ownKeys(new Proxy({}, Object.create({ ownKeys: 3 }))));
t(() => { const k = 'x'; const p = new Proxy({}, { get: 1 }); return p[k]; });
t(() => { const p = new Proxy({}, { ownKeys: 1 }); for (const k in p) console.log(k); });
t(() => vm.runInNewContext('Reflect.ownKeys(new Proxy({}, { ownKeys: 1 }))'));
// A proxy's invariants: the rule broken, told by the target and by what was asked.
function readOnly(value) {
  const target = {};
  Object.defineProperty(target, 'x', { value });
  return target;
}
function getterOnly() {
  const target = {};
  Object.defineProperty(target, 'x', { get() { return 1; } });
  return target;
}
t(() => { const p = new Proxy(readOnly(1), { set: () => true }); p.x = 5; });
t(() => { const p = new Proxy(getterOnly(), { set: () => true }); p.x = 5; });
t(() => Reflect.set(new Proxy(readOnly(1), { set: () => true }), 'x', 5));
t(() => Reflect.ownKeys(new Proxy(readOnly(1), { ownKeys: () => [] })));
t(() => Object.keys(new Proxy(Object.preventExtensions({ a: 1 }), { ownKeys: () => [] })));
t(() => { const p = new Proxy(readOnly(1), { ownKeys: () => [] }); for (const k in p) console.log(k); });
t(() => { const p = new Proxy(readOnly(1), { has: () => false }); return 'x' in p; });
t(() => { const p = new Proxy(Object.preventExtensions({ x: 1 }), { has: () => false }); return 'x' in p; });
t(() => Reflect.has(new Proxy(Object.preventExtensions({ x: 1 }), { has: () => false }), 'x'));
t(() => { const p = new Proxy(readOnly(1), { deleteProperty: () => true }); delete p.x; });
t(() => { const p = new Proxy(Object.preventExtensions({ x: 1 }), { deleteProperty: () => true }); delete p.x; });
t(() => Object.defineProperty(new Proxy({}, { defineProperty: () => true }), 'x', { value: 1 }));
t(() => Object.defineProperty(new Proxy(Object.preventExtensions({}), { defineProperty: () => true }), 'x', { value: 1 }));
t(() => Reflect.defineProperty(new Proxy(readOnly(1), { defineProperty: () => true }), 'x', { value: 2 }));
t(() => {
  const target = {};
  Object.defineProperty(target, 'x', { value: 1, writable: true });
  const p = new Proxy(target, { defineProperty: () => true });
  Object.defineProperty(p, 'x', { value: 1, configurable: false, writable: false });
});
t(() => {
  const target = { x: 1 };
  const p = new Proxy(target, { defineProperty: () => true });
  Object.defineProperty(p, 'x', { value: 1, configurable: false });
});
// An array method refused by a frozen, sealed or non-extensible array: V8 names the index.
for (const kind of ['freeze', 'seal', 'preventExtensions']) {
  t(() => Object[kind]([1, 2]).pop());
  t(() => Object[kind]([1, 2]).push(3, 4));
  t(() => Object[kind]([1, 2]).shift());
  t(() => Object[kind]([1, 2]).unshift(0));
  t(() => Object[kind]([1, 2]).splice(0, 1));
  t(() => Object[kind]([2, 1]).sort());
  t(() => { const a = Object[kind]([]); a.pop(); });
}
// Array.from given an iterator method that is no function.
t(() => Array.from({ [Symbol.iterator]: 1 }));
t(() => Array.from({ [Symbol.iterator]: 'no' }));
// A parenthesized callee of `new`, printed back as V8 prints it.
{
  const a = { b: 1 };
  const x = [1];
  for (const src of ['new ({})', 'new ({ a: 1, b: 2 })', 'new ([1, 2])', "new ('s')", 'new (1.50)',
    'new (-1)', 'new (null)', 'new ({ a: 1 }).b', 'new (a, 1)', 'new (a.b)', 'new (x[0])()',
    'new ({})()', '({ a: 1 }).f()', '({}).f()']) {
    t(() => eval(src));
  }
}
