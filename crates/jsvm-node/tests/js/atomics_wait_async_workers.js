// Atomics.waitAsync across threads: a worker's notify settles the main thread's wait (its loop
// woken while it sleeps on a timer), and the main thread's settles a worker's; a worker's
// waits end with it.
'use strict';
const { Worker, isMainThread, workerData, parentPort } = require('worker_threads');
if (isMainThread) {
  const ia = new Int32Array(new SharedArrayBuffer(16));
  const w = new Worker(__filename, { workerData: ia.buffer });
  const keep = setTimeout(() => console.log('main: too late'), 10000);
  const r = Atomics.waitAsync(ia, 0, 0, 10000);
  console.log('main waits', r.async);
  w.on('message', (m) => console.log('from the worker:', m));
  r.value.then(async (v) => {
    console.log('main woke:', v, Atomics.load(ia, 0));
    clearTimeout(keep);
    // The worker waits on index 1 by now (it said so before notifying).
    console.log('main notifies the worker:', Atomics.notify(ia, 1));
  });
  w.on('exit', (code) => {
    console.log('worker exit', code, 'notify after its end:', Atomics.notify(ia, 2));
  });
} else {
  const ia = new Int32Array(workerData);
  const keep = setTimeout(() => parentPort.postMessage('too late'), 10000);
  Atomics.waitAsync(ia, 1, 0).value.then((v) => {
    parentPort.postMessage('woke: ' + v);
    clearTimeout(keep);
    // Left pending when the worker ends: nothing keeps its loop.
    Atomics.waitAsync(ia, 2, 0);
  });
  setTimeout(() => {
    Atomics.store(ia, 0, 7);
    Atomics.notify(ia, 0);
  }, 20);
}
