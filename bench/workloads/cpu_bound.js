// A recursive fib(25) inside a context.
const vm = require('vm');
const { bench } = require('./_harness');
const context = vm.createContext({});
const fib = vm.runInContext('(function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) })', context);
bench('cpu_bound', () => {
  if (fib(25) !== 75025) throw new Error('wrong');
}, { minMs: 1000, warmup: 2 });
