// The tiny vm program the startup workload runs (whole-process time).
const vm = require('vm');
console.log(vm.runInNewContext('a + b', { a: 1, b: 2 }));
