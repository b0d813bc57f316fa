// Seed: Node v0.8 docs, vm.runInNewContext(code, [sandbox], [filename]) --
// "compile and execute code that increments a global variable and sets a new one".
// Nothing completed: the example is complete in the seed text.
var util = require('util'),
    vm = require('vm'),
    sandbox = {
      animal: 'cat',
      count: 2
    };
vm.runInNewContext('count += 1; name = "kitty"', sandbox, 'myfile.vm');
console.log(util.inspect(sandbox));
// { animal: 'cat', count: 3, name: 'kitty' }
