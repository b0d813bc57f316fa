// One vm.Script('count += 1; name = "kitty"') run 100 000 times per batch in one context.
const vm = require('vm');
const { bench } = require('./_harness');
const script = new vm.Script('count += 1; name = "kitty"');
const context = vm.createContext({ count: 0 });
bench('script_run_in_context', () => {
  for (let k = 0; k < 100000; k++) script.runInContext(context);
}, { batch: 100000, warmup: 1 });
if (context.count < 100000 || context.name !== 'kitty') throw new Error('wrong');
