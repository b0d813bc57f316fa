// Creating, finding and running contexts calls no method code can replace on
// WeakMap.prototype (Node's contextify keeps its registrations out of reach): replaced
// methods are neither called nor able to break vm.
'use strict';
const vm = require('vm');

const original = {};
const calls = [];
for (const key of ['get', 'set', 'has', 'delete']) {
  original[key] = WeakMap.prototype[key];
  WeakMap.prototype[key] = function (...args) {
    calls.push(key);
    return original[key].apply(this, args);
  };
}
const sandbox = { a: 1 };
const context = vm.createContext(sandbox);
console.log(vm.isContext(sandbox), vm.runInContext('a + 1', context));
console.log(vm.runInNewContext('b * 2', { b: 21 }), vm.runInNewContext('typeof c', undefined, 'f.js'));
console.log(vm.runInThisContext('1 + 2'), new vm.Script('a * 3').runInContext(context));
const global = vm.createContext(vm.constants.DONT_CONTEXTIFY);
console.log(vm.isContext(global), vm.runInContext('typeof Array', global));
console.log('replaced WeakMap methods called:', calls.length);

for (const key of ['get', 'set', 'has']) {
  WeakMap.prototype[key] = () => { throw new Error(`WeakMap.prototype.${key} called`); };
}
try {
  const other = vm.createContext({ x: 5 });
  console.log(vm.isContext(other), vm.runInContext('x', other), vm.runInNewContext('7'));
} catch (e) {
  console.log('threw', e.message);
}
Object.assign(WeakMap.prototype, original);
