// Seed: Node v0.8 docs, script.runInThisContext() --
// "compile code once and run it multiple times" (uses vm.createScript).
// Nothing completed: the example is complete in the seed text.
var vm = require('vm');
globalVar = 0;
var script = vm.createScript('globalVar += 1', 'myfile.vm');
for (var i = 0; i < 1000 ; i += 1) {
  script.runInThisContext();
}
console.log(globalVar);
// 1000
