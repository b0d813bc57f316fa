// The loader takes anything that exists and is no folder as a file, as Node's internalModuleStat:
// a device such as /dev/null is an empty module.
console.log(require('/dev/null'));
console.log(require.resolve('/dev/null'));
const Module = require('module');
console.log(Module._stat('/dev/null'), Module._stat('/dev'), Module._stat('/no/such/path'));
