// new vm.Script of a distinct generated ~600 KB program; then the same with cachedData.
const vm = require('vm');
const { bench } = require('./_harness');

// A ~600 KB body, built once; each program differs by its first line, so no engine can
// reuse an earlier compilation.
const body = (() => {
  const parts = [];
  let size = 0;
  for (let i = 0; size < 600 * 1024; i++) {
    const f = `function f${i}(a, b) {
  const o = { x: a + ${i}, y: b * 2, s: "item ${i}" };
  if (o.x > o.y) { return [o.x, o.y, o.s].join("-"); }
  for (let k = 0; k < 3; k++) { o.x += k; }
  return o.s + String(o.x);
}`;
    parts.push(f);
    size += f.length + 1;
  }
  return parts.join('\n');
})();
const program = (seed) => `var seed = ${seed};\n${body}`;

let seed = 0;
bench('compile_large', () => {
  new vm.Script(program(seed++));
}, { minMs: 1000, warmup: 1 });

const source = program(1e9);
const data = new vm.Script(source, { produceCachedData: true }).cachedData;
bench('compile_large_cached', () => {
  const s = new vm.Script(source, { cachedData: data });
  if (s.cachedDataRejected) throw new Error('cached data rejected');
}, { minMs: 500, warmup: 1 });
