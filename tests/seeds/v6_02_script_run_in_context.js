// Seed: Node v6 docs, script.runInContext(contextifiedSandbox[, options]).
// COMPLETED (lost in extraction, restored as in Node v6's docs):
//   the `};` closing `sandbox`, the loop body `script.runInContext(context);`,
//   the closing `}` of the loop and `console.log(util.inspect(sandbox));`.
const util = require('util');
const vm = require('vm');

const sandbox = {
  animal: 'cat',
  count: 2
};

const script = new vm.Script('count += 1; name = "kitty";');

const context = new vm.createContext(sandbox);
for (var i = 0; i < 10; ++i) {
  script.runInContext(context);
}

console.log(util.inspect(sandbox));

// { animal: 'cat', count: 12, name: 'kitty' }
