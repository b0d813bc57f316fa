// Seed: Node v6 docs, "Executing JavaScript" intro: "It can be accessed using:".
// The example is the single line `const vm = require('vm');`.
// ADDED: the console.log line, so the fragment prints something observable
// (the types of the API entries the v6 docs describe, except runInDebugContext,
// which has its own example, v6_06).
const vm = require('vm');
console.log(typeof vm.Script, typeof vm.createContext, typeof vm.isContext,
  typeof vm.runInContext, typeof vm.runInNewContext, typeof vm.runInThisContext);
