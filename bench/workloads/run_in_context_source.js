// vm.runInContext(source, ctx) with a handful of sources repeated (a compile cache helps).
const vm = require('vm');
const { bench } = require('./_harness');
const context = vm.createContext({ x: 1 });
const sources = ['x + 1', 'x * 2', 'x = x % 1000 + 1', 'String(x)', '[x, x].length'];
bench('run_in_context_source', () => {
  for (let k = 0; k < 1000; k++) vm.runInContext(sources[k % sources.length], context);
}, { batch: 1000 });
