const vm = require('vm');
vm.runInNewContext('var a = 1;\n  throw null;', {}, { filename: 'ctx.js' });
