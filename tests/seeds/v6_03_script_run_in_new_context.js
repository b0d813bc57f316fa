// Seed: Node v6 docs, script.runInNewContext([sandbox][, options]).
// COMPLETED (lost in extraction, restored as in Node v6's docs):
//   the callback body `script.runInNewContext(sandbox);`, the closing `});`
//   and `console.log(util.inspect(sandboxes));`.
const util = require('util');
const vm = require('vm');

const script = new vm.Script('globalVar = "set"');

const sandboxes = [{}, {}, {}];
sandboxes.forEach((sandbox) => {
  script.runInNewContext(sandbox);
});

console.log(util.inspect(sandboxes));

// [{ globalVar: 'set' }, { globalVar: 'set' }, { globalVar: 'set' }]
