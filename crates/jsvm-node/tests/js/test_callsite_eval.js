// What V8's call sites say of frames of eval code and of builtins (programs' own formatters,
// source-map-support's among them, read them): isEval, getFunctionName, getFileName,
// getEvalOrigin, isNative.
const describe = (c) => [
  c.getFunctionName(), c.isEval(), c.isNative(), String(c.getFileName()).split(__dirname).join('.'),
  String(c.getEvalOrigin()).split(__dirname).join('.'), c.getLineNumber(),
].join(' | ');
Error.prepareStackTrace = (e, sites) => describe(sites[0]);
console.log(eval("new Error('direct').stack"));
console.log((0, eval)("new Error('indirect').stack"));
console.log(new Function("return new Error('made').stack")());
console.log(eval("(function inner() { return new Error('inner').stack; })()"));
Error.prepareStackTrace = (e, sites) => describe(sites.find((s) => s.getFunctionName() === 'map'));
console.log([1].map(() => new Error('builtin').stack)[0]);
Error.prepareStackTrace = (e, sites) => String(sites[0].getScriptNameOrSourceURL());
console.log(eval("new Error('script name').stack"));
