// `__proto__` read as a name of a context's global answers the sandbox's prototype, as Node's
// interceptor does (it runs the accessor on the sandbox). A sandbox library (vm2) sets the
// sandbox's prototype to the context's own Object.prototype and relies on this.
const vm = require('vm');

const ctx = vm.createContext();
const ownObjectPrototype = vm.runInContext('Object.prototype', ctx);
Reflect.setPrototypeOf(ctx, ownObjectPrototype);
console.log('context prototype:', vm.runInContext('globalThis.__proto__ === Object.prototype', ctx),
  vm.runInContext('__proto__ === Object.prototype', ctx),
  vm.runInContext('this.__proto__.constructor === Object', ctx));
// Object.getPrototypeOf still answers the global's own chain.
console.log('getPrototypeOf differs:', vm.runInContext('Object.getPrototypeOf(globalThis) !== __proto__', ctx));

// A sandbox with a prototype of its own: that object.
const base = { inherited: 1 };
const withBase = Object.create(base);
console.log('custom prototype:', vm.runInNewContext('__proto__.inherited', withBase),
  vm.runInNewContext('Object.keys(this.__proto__).join()', withBase),
  vm.runInNewContext('this.__proto__', withBase) === base);

// No prototype: the global's own chain answers.
const bare = Object.create(null);
console.log('null prototype:', vm.runInNewContext('this.__proto__ === Object.getPrototypeOf(this)', bare));

// Writing it sets the sandbox's prototype.
const target = vm.createContext({});
vm.runInContext('globalThis.__proto__ = { z: 3 }', target);
console.log('write:', vm.runInContext('typeof z', target), Object.getPrototypeOf(target).z);

// A sandbox's own property named __proto__ wins.
const own = JSON.parse('{"__proto__": "mine"}');
console.log('own property:', vm.runInNewContext('__proto__', own));
