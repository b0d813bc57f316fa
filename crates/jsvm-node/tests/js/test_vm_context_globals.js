// The globals of a new context, as programs list them (to copy the host's into a sandbox, to
// offer completions): Node 20's set, in Node's order, after the sandbox's own keys. Left out of
// the comparison: WebAssembly (jsvm has none), and where `Infinity`, `NaN` and `undefined` come
// (the engine lists a global's fixed properties first).
const vm = require('vm');
const fixed = ['WebAssembly', 'Infinity', 'NaN', 'undefined'];
const names = new vm.Script('Object.getOwnPropertyNames(globalThis)').runInNewContext();
console.log(names.filter((n) => !fixed.includes(n)).join(' '));
const c = vm.createContext({ zed: 1, alpha: 2 });
const listed = vm.runInContext('globalThis.late = 3; Object.getOwnPropertyNames(globalThis)', c);
console.log(listed.filter((n) => !fixed.includes(n)).slice(0, 6).join(' '));
console.log(vm.runInContext(
  '[typeof Iterator, typeof Float16Array, typeof SuppressedError, typeof DisposableStack,' +
  ' typeof AsyncDisposableStack, typeof InternalError, typeof queueMicrotask].join()', c));
console.log([typeof Iterator, typeof Float16Array, typeof SuppressedError].join());
