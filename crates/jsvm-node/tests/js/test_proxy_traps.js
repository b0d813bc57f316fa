'use strict';
// A proxy whose trap breaks an invariant: V8's words, which name the trap, the property and
// the rule (the engine's name none of them).
const t = {}; Object.defineProperty(t, 'fixed', { value: 1, configurable: false, writable: false });
const ne = Object.preventExtensions({ soft: 1 });
const run = (label, f) => { try { console.log(label, f()); } catch (e) { console.log(label, e.constructor.name, e.message); } };
run('has in', () => 'fixed' in new Proxy(t, { has: () => false }));
run('has Reflect', () => Reflect.has(new Proxy(t, { has: () => false }), 'fixed'));
run('has non-extensible', () => Reflect.has(new Proxy(ne, { has: () => false }), 'soft'));
run('delete', () => { delete new Proxy(t, { deleteProperty: () => true }).fixed; });
run('delete []', () => { delete new Proxy(t, { deleteProperty: () => true })['fixed']; });
run('delete Reflect', () => Reflect.deleteProperty(new Proxy(t, { deleteProperty: () => true }), 'fixed'));
run('delete non-extensible', () => Reflect.deleteProperty(new Proxy(ne, { deleteProperty: () => true }), 'soft'));
run('preventExtensions', () => Object.preventExtensions(new Proxy({}, { preventExtensions: () => true })));
run('isExtensible', () => Object.isExtensible(new Proxy({}, { isExtensible: () => false })));
run('isExtensible Reflect', () => Reflect.isExtensible(new Proxy(ne, { isExtensible: () => true })));
run('getPrototypeOf', () => Object.getPrototypeOf(new Proxy({}, { getPrototypeOf: () => 1 })));
run('getPrototypeOf ne', () => Object.getPrototypeOf(new Proxy(ne, { getPrototypeOf: () => ({}) })));
run('defineProperty', () => Object.defineProperty(new Proxy({}, { defineProperty: () => false }), 'test', { value: 1 }));
run('set', () => { new Proxy({}, { set: () => false }).test = 1; });
run('setPrototypeOf', () => Object.setPrototypeOf(new Proxy({}, { setPrototypeOf: () => false }), {}));
