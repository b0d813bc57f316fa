// A SharedArrayBuffer the memory limit refuses (run with --memory-limit 64). Node allocates
// shared buffers outside its heap limit, so it makes these; where its allocation fails it
// throws `RangeError: Array buffer allocation failed` of the realm whose constructor ran. jsvm
// throws the same, of the calling realm (the constructor's), never an object of another realm.
const vm = require('vm');
const size = 256 * 1024 * 1024;
try {
  new SharedArrayBuffer(size);
  console.log('main: made');
} catch (e) {
  console.log('main:', e instanceof RangeError, e.constructor === RangeError, String(e));
}
const ctx = vm.createContext({});
console.log('context:', vm.runInContext(`
  try { new SharedArrayBuffer(${size}); 'made' } catch (e) {
    [e instanceof RangeError, Object.getPrototypeOf(e) === RangeError.prototype, String(e)].join()
  }`, ctx));
// `slice` of a shared buffer allocates too.
console.log('slice:', vm.runInContext(`
  try { const s = new SharedArrayBuffer(${size / 2 + 1}); s.slice(0); 'made' } catch (e) {
    [e instanceof RangeError, String(e)].join()
  }`, ctx));
// Thrown out of the context, it is still the context's own RangeError.
try {
  vm.runInContext(`new SharedArrayBuffer(${size})`, ctx);
} catch (e) {
  console.log('escaped:', e instanceof RangeError, e instanceof vm.runInContext('RangeError', ctx));
}
// The heap is usable after.
console.log('after:', new SharedArrayBuffer(1024).byteLength);
