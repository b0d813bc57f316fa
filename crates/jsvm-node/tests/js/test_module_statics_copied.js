// Module's own keys copied by assignment onto a subclass (jest's runtime does so): every
// enumerable key is a writable data property, as Node's.
const M = require('module');
class Sub extends M.Module {}
Object.entries(M.Module).forEach(([key, value]) => { Sub[key] = value; });
console.log(typeof Sub.SourceMap, typeof Sub.findSourceMap, Sub.builtinModules === M.builtinModules);
const kinds = Object.entries(Object.getOwnPropertyDescriptors(M))
  .filter(([, d]) => d.enumerable && !('value' in d)).map(([k]) => k);
console.log('enumerable accessors:', kinds.length);
