// import() with no callback rejects with an error of the importing context: its constructor
// chain does not reach the host's realm (Node's error is the host's: `object`).
const vm = require('vm');
const ctx = vm.createContext(Object.create(null));
vm.runInContext(`globalThis.r = 'pending';
  import('fs').then(() => { r = 'resolved' }, e => {
    r = [e.name, e.code, (() => { try { return typeof e.constructor.constructor('return process')() } catch (x) { return x.name } })()].join()
  })`, ctx);
setTimeout(() => console.log(ctx.r), 20);
// A callback given without --experimental-vm-modules: the rejection (ERR_VM_DYNAMIC_IMPORT_
// CALLBACK_MISSING_FLAG, made by the vm module) is the importing context's too (Node: the host's).
const script = new vm.Script(`import('fs').then(() => 'resolved', e => [e.code,
  (() => { try { return typeof e.constructor.constructor('return process')() } catch (x) { return x.name } })()].join())`,
  { importModuleDynamically: () => ({}) });
script.runInContext(ctx).then((r) => console.log(r));
