// Seed: Node v6 docs, vm.runInNewContext(code[, sandbox][, options]).
// COMPLETED (lost in extraction, restored as in Node v6's docs):
//   the `};` closing `sandbox` and `console.log(util.inspect(sandbox));`.
const util = require('util');
const vm = require('vm');

const sandbox = {
  animal: 'cat',
  count: 2
};

vm.runInNewContext('count += 1; name = "kitty"', sandbox);
console.log(util.inspect(sandbox));

// { animal: 'cat', count: 3, name: 'kitty' }
