// What module loaders that wrap Node's own pieces rely on (the `esm` package does all of
// these): process._fatalException sees each uncaught error and a wrapper of it is called;
// crypto.Hash and crypto.Hmac are callable without `new`, with their own update/digest (a
// copy of the class's own prototype still hashes); Module.builtinModules is frozen.
const crypto = require('crypto');
const Module = require('module');

const d = Object.getOwnPropertyDescriptor(process, '_fatalException');
console.log(typeof d.value, d.value.length, d.writable, d.enumerable, d.configurable);

console.log(Object.isFrozen(Module.builtinModules), Module.builtinModules.includes('vm'));

for (const C of [crypto.Hash, crypto.Hmac]) {
  const own = Object.getOwnPropertyNames(C.prototype);
  console.log(C.name, C.length, own.includes('update'), own.includes('digest'));
}
console.log(crypto.Hash('sha256').update('a').digest('hex'));
console.log(crypto.Hash('md5') instanceof crypto.Hash, crypto.Hmac('sha1', 'k') instanceof crypto.Hmac);
console.log(crypto.Hmac('sha1', 'key').update('x').digest('base64'));
const h = new crypto.Hash('sha1');
h.update('part one ');
const copy = h.copy();
console.log(copy instanceof crypto.Hash, h.digest('hex') === copy.digest('hex'));

// A "safe" copy of the class: a subclass whose prototype holds copies of the own methods.
function safeCopy(Super) {
  const Safe = class extends Super {};
  for (const key of Reflect.ownKeys(Super.prototype)) {
    if (key !== 'constructor') {
      Object.defineProperty(Safe.prototype, key, Object.getOwnPropertyDescriptor(Super.prototype, key));
    }
  }
  Object.setPrototypeOf(Safe.prototype, null);
  return Safe;
}
const SafeHash = safeCopy(crypto.Hash);
const sh = new SafeHash('md5');
console.log(typeof sh.update, sh.update('abc').digest('hex'));

// Uncaught errors go through process._fatalException, wrapped or not.
const original = process._fatalException;
process._fatalException = function (err, fromPromise) {
  console.log('fatal handler:', err.message, fromPromise);
  return original.call(this, err, fromPromise);
};
process.on('uncaughtException', (err, origin) => console.log('listener:', err.message, origin));
setTimeout(() => { throw new Error('thrown in a timer'); });
Promise.reject(new Error('rejected'));
