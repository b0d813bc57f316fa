// A context whose code redefines or deletes a builtin Intl is made from (near-membrane
// redefines Date on its sandbox's global) still gets Intl when it first reads it.
const vm = require('vm');
const a = vm.createContext({});
console.log(vm.runInContext(`
  Object.defineProperty(globalThis, 'Date', { value: function FakeDate() {}, configurable: true, writable: true });
  [typeof Intl, typeof Intl.DateTimeFormat, new Intl.NumberFormat('en-US').format(1234.5), Date.name].join()`, a));
const b = vm.createContext({});
console.log(vm.runInContext(`
  delete globalThis.Object; delete globalThis.Array;
  [typeof Intl, new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(0), typeof Object].join()`, b));
const c = vm.createContext({});
console.log(vm.runInContext(`
  globalThis.Math = null; globalThis.Reflect = 1;
  [typeof Intl.Collator, ['b', 'a'].sort(new Intl.Collator('en').compare).join(''), Math].join()`, c));
