// Seed: Node v0.8 docs, script.runInNewContext([sandbox]) --
// "compile code that increments a global variable and sets one, then execute
// this code multiple times".
// Nothing completed: the example is complete in the seed text.
var util = require('util'),
    vm = require('vm'),
    sandbox = {
      animal: 'cat',
      count: 2
    };
var script = vm.createScript('count += 1; name = "kitty"', 'myfile.vm');
for (var i = 0; i < 10 ; i += 1) {
  script.runInNewContext(sandbox);
}
console.log(util.inspect(sandbox));
// { animal: 'cat', count: 12, name: 'kitty' }
