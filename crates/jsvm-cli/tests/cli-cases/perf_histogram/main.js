// perf_hooks.createHistogram: Node's HDR histogram reports bucket bounds (min the lowest value
// of its bucket, max the highest, mean and stddev from bucket midpoints, percentiles as
// hdr_histogram's iterator walks them), for the default 3 significant figures and others.
const { createHistogram } = require('perf_hooks');
const util = require('util');

const show = (label, h) => console.log(label, JSON.stringify(h.toJSON()), h.percentile(50), h.percentile(99.9), h.percentile(100));

const empty = createHistogram();
console.log(empty.min, empty.max, empty.mean, empty.stddev, empty.count, empty.exceeds, empty.percentiles, empty.percentile(50));
console.log(util.inspect(empty), Object.getPrototypeOf(empty).constructor.name);

const h = createHistogram();
let x = 7;
for (let i = 0; i < 500; i++) {
  x = (x * 1103515245 + 12345) % 2147483648;
  h.record(1 + (x % (i < 250 ? 3000 : 9000000)));
}
h.record(1); h.record(Number.MAX_SAFE_INTEGER); h.record(123456789012n); h.record(2n ** 60n); h.record(2n ** 53n);
show('default', h);
console.log(h.percentiles);
console.log(h.minBigInt, h.maxBigInt, h.countBigInt, h.exceedsBigInt, h.percentileBigInt(10), h.percentilesBigInt.get(50));
console.log(util.inspect(h, { depth: 0 }));

const same = createHistogram();
for (let i = 0; i < 100; i++) same.record(42);
show('one value', same);
console.log(same.percentiles);

for (const opts of [{ figures: 1 }, { figures: 5 }, { lowest: 1000, highest: 1e9 }, { lowest: 7, figures: 2 }]) {
  const g = createHistogram(opts);
  for (let v = 1; v < 5e6; v = Math.ceil(v * 1.37)) if (v >= (opts.lowest || 1)) g.record(v);
  show(JSON.stringify(opts), g);
}

const a = createHistogram(); const b = createHistogram();
[5, 10, 2049, 4097].forEach((v) => a.record(v)); [3, 100000].forEach((v) => b.record(v));
a.add(b);
show('added', a);
a.reset();
console.log('reset', a.count, a.min, a.max, a.percentiles);
const d = createHistogram(); d.recordDelta(); console.log('first delta records nothing', d.count);

for (const bad of [() => h.record(0), () => h.record(1.5), () => h.record('3'), () => h.record(0n), () => h.percentile(0),
  () => h.percentile(101), () => h.percentile('50'), () => createHistogram({ figures: 6 }), () => createHistogram({ lowest: 0 }),
  () => createHistogram({ lowest: 10, highest: 15 }), () => a.add({})]) {
  try { bad(); console.log('accepted'); } catch (e) { console.log(e.name, e.code, e.message); }
}
