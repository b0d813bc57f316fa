// Seed: Node v6 docs, vm.runInContext(code, contextifiedSandbox[, options]).
// COMPLETED (lost in extraction, restored as in Node v6's docs):
//   `vm.createContext(sandbox);` after the sandbox declaration, the closing `}`
//   of the loop and `console.log(util.inspect(sandbox));`.
const util = require('util');
const vm = require('vm');

const sandbox = { globalVar: 1 };
vm.createContext(sandbox);

for (var i = 0; i < 10; ++i) {
  vm.runInContext('globalVar *= 2;', sandbox);
}
console.log(util.inspect(sandbox));

// { globalVar: 1024 }
