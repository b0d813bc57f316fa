// Shared by the workloads: warm up, repeat for at least `minMs`, print one result line
// `BENCH {json}` that the runner reads. Runs unchanged under node and jsvm.
'use strict';

function rss() {
  return process.memoryUsage().rss;
}

function bench(name, fn, { minMs = 200, batch = 1, warmup = 3 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  let ops = 0;
  const t0 = performance.now();
  let elapsed;
  do {
    fn();
    ops += batch;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  report(name, { us_per_op: (elapsed * 1000) / ops, ops });
}

function report(name, fields) {
  console.log('BENCH ' + JSON.stringify({ name, ...fields, rss: rss() }));
}

function gc() {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
}

module.exports = { bench, report, rss, gc };
