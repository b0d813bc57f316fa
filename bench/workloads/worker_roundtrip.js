// Workers: start one, post a message, get the answer, terminate it (the whole life of a
// worker, per op); the round trip of one message to a running worker; and the memory (RSS
// growth) per live, idle worker. Bounded: each timed part measures for about 1 s, and a guard
// ends the program at 30 s.
'use strict';
const { Worker } = require('worker_threads');
const { report, rss, gc } = require('./_harness');

const guard = setTimeout(() => { console.error('worker_roundtrip: timed out'); process.exit(1); }, 30000);
const ECHO = `require('worker_threads').parentPort.on('message', (m) => {
  require('worker_threads').parentPort.postMessage({ answer: m.n * 2 });
});`;

function ask(worker, n) {
  return new Promise((resolve) => {
    worker.once('message', (m) => resolve(m.answer));
    worker.postMessage({ n });
  });
}

async function lifecycle() {
  const w = new Worker(ECHO, { eval: true });
  if (await ask(w, 21) !== 42) throw new Error('wrong answer');
  await w.terminate();
}

async function measure(name, fn, minMs) {
  for (let i = 0; i < 3; i++) await fn(i);
  let ops = 0;
  const t0 = performance.now();
  let elapsed;
  do {
    await fn(ops);
    ops++;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  report(name, { us_per_op: (elapsed * 1000) / ops, ops });
}

(async () => {
  // No commas in names: the runner's line parser splits on them.
  await measure('worker start + message + answer + terminate', lifecycle, 1000);
  const w = new Worker(ECHO, { eval: true });
  await measure('worker message round trip', async (i) => {
    if (await ask(w, i) !== i * 2) throw new Error('wrong answer');
  }, 1000);
  await w.terminate();
  // Live workers, each having answered once (so each is started and idle in its loop).
  const LIVE = 16;
  gc();
  const before = rss();
  const live = [];
  for (let i = 0; i < LIVE; i++) live.push(new Worker(ECHO, { eval: true }));
  await Promise.all(live.map((lw, i) => ask(lw, i)));
  gc();
  report('memory per live worker', { bytes_per_op: (rss() - before) / LIVE, ops: LIVE, rss_before: before });
  await Promise.all(live.map((lw) => lw.terminate()));
  clearTimeout(guard);
})();
