// vm.runInNewContext('a + b', { a, b }).
const vm = require('vm');
const { bench } = require('./_harness');
let a = 1;
bench('run_in_new_context', () => {
  for (let k = 0; k < 20; k++) {
    if (vm.runInNewContext('a + b', { a: a++, b: 2 }) !== a + 1) throw new Error('wrong');
  }
}, { batch: 20 });
