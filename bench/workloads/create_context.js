// vm.createContext({ i }), many times.
const vm = require('vm');
const { bench } = require('./_harness');
let i = 0;
bench('create_context', () => {
  for (let k = 0; k < 20; k++) vm.createContext({ i: i++ });
}, { batch: 20 });
