// RSS growth per live context: 1000 contexts each with a few globals, kept alive.
const vm = require('vm');
const { report, rss, gc } = require('./_harness');
const keep = [];
gc();
const before = rss();
for (let i = 0; i < 1000; i++) {
  const ctx = vm.createContext({ id: i, name: 'ctx' + i, config: { debug: false, level: i % 5 } });
  vm.runInContext('var ready = true; id + 1', ctx);
  keep.push(ctx);
}
gc();
const after = rss();
report('memory_per_context', { bytes_per_op: (after - before) / keep.length, ops: keep.length, rss_before: before });
