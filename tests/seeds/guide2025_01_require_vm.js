// Seed: 2025 guide, section 2 "Accessing the Module".
// The example is the single line `const vm = require('node:vm');`.
// ADDED: the console.log line, so the fragment prints something observable
// (the `node:` scheme gives the same module as the bare name, and its API).
const vm = require('node:vm');
console.log(vm === require('vm'), typeof vm.Script, typeof vm.createContext,
  typeof vm.runInContext, typeof vm.runInNewContext, typeof vm.runInThisContext);
