// What the vm module lists, as programs enumerate it (Object.keys, a spread, an ESM
// namespace): Node 20's keys without --experimental-vm-modules.
const vm = require('vm');
console.log(Object.keys(vm).join());
console.log(Object.keys({ ...vm }).length);
console.log(Object.getOwnPropertyNames(vm.Script.prototype).filter((n) => n !== 'createCachedData').sort().join());
