// A script compiled with importModuleDynamically keeps the filename it was given in stacks
// and in call sites' getFileName (read by source-map-support, and so by jest).
'use strict';
const vm = require('vm');

Error.prepareStackTrace = (e, sites) => sites.slice(0, 1)
  .map((s) => `${s.getFileName()} | ${s.getScriptNameOrSourceURL()} | ${s.getLineNumber()}`).join('\n');
const script = new vm.Script('(function f() { return new Error("x").stack; })', {
  filename: '/virtual/with-import.js',
  importModuleDynamically: () => {},
});
console.log(script.runInThisContext()());
const fn = vm.compileFunction('return new Error("y").stack', [], {
  filename: '/virtual/compiled.js',
  importModuleDynamically: () => {},
});
console.log(fn());
const inContext = new vm.Script('new Error("z").stack', {
  filename: '/virtual/in-context.js',
  importModuleDynamically: () => {},
});
Error.prepareStackTrace = undefined;
console.log(inContext.runInNewContext({}).split('\n')[1]);
