// import() with no callback rejects with an error of the importing context: its constructor
// chain does not reach the host's realm (Node's error is the host's: `object`).
const vm = require('vm');
const ctx = vm.createContext(Object.create(null));
vm.runInContext(`globalThis.r = 'pending';
  import('fs').then(() => { r = 'resolved' }, e => {
    r = [e.name, e.code, (() => { try { return typeof e.constructor.constructor('return process')() } catch (x) { return x.name } })()].join()
  })`, ctx);
setTimeout(() => console.log(ctx.r), 20);
