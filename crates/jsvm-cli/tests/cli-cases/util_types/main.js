// util/types is util.types.
const types = require('util/types');
console.log(types === require('util').types, types === require('node:util/types'));
console.log(types.isPromise(Promise.resolve()), types.isRegExp(/x/), types.isDate(new Date()),
  types.isMap(new Map()), types.isTypedArray(new Uint8Array(1)), types.isProxy(new Proxy({}, {})),
  types.isAsyncFunction(async () => {}), types.isGeneratorFunction(function* () {}),
  types.isBoxedPrimitive(Object(1)), types.isNativeError(new TypeError()), types.isPromise({}));
