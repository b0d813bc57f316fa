// Seed: Node v0.8 docs, "Executing JavaScript" intro: "You can access this module with:".
// The example is the single line `var vm = require('vm');`.
// ADDED: the console.log line, so the fragment prints something observable
// (the types of the functions the v0.8 docs describe).
var vm = require('vm');
console.log(typeof vm.runInThisContext, typeof vm.runInNewContext,
  typeof vm.runInContext, typeof vm.createContext, typeof vm.createScript);
