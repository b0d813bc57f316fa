const vm = require('vm');
vm.runInNewContext('const e = new Error("v");\nthrow e;', {}, { filename: 'ctx.js' });
