// Seed: Node v6 docs, script.runInThisContext([options]) (the heading itself was
// lost in extraction).
// COMPLETED (lost in extraction, restored as in Node v6's docs):
//   the loop body `script.runInThisContext();`, the closing `}` of the loop
//   and `console.log(globalVar);`.
const vm = require('vm');

global.globalVar = 0;

const script = new vm.Script('globalVar += 1', { filename: 'myfile.vm' });

for (var i = 0; i < 1000; ++i) {
  script.runInThisContext();
}

console.log(globalVar);

// 1000
