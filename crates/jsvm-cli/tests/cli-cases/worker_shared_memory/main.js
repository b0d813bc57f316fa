// SharedArrayBuffers are shared with workers, not copied: workers count on one counter with
// Atomics.add, the main thread sleeps in Atomics.wait until a worker's Atomics.notify, and a
// worker sleeping in Atomics.wait wakes on the main thread's notify.
const { Worker } = require('worker_threads');

const counter = `
const { workerData: { sab, times }, parentPort } = require('worker_threads');
const i32 = new Int32Array(sab);
for (let k = 0; k < times; k++) Atomics.add(i32, 0, 1);
// Slot 1 counts finished workers; the main thread waits on it.
Atomics.add(i32, 1, 1);
Atomics.notify(i32, 1);
`;

async function counting() {
  const sab = new SharedArrayBuffer(8);
  const i32 = new Int32Array(sab);
  const exits = [1, 2, 3].map(() => {
    const w = new Worker(counter, { eval: true, workerData: { sab, times: 10000 } });
    return new Promise((r) => w.on('exit', r));
  });
  // The main thread blocks (as Node lets it) until all three are done.
  for (let done; (done = Atomics.load(i32, 1)) < 3;) Atomics.wait(i32, 1, done);
  console.log('counter', Atomics.load(i32, 0), 'finished', Atomics.load(i32, 1));
  console.log('exits', await Promise.all(exits));
}

async function sleeper() {
  const w = new Worker(`
const { parentPort } = require('worker_threads');
parentPort.once('message', ({ shared }) => {
  const i32 = new Int32Array(shared);
  parentPort.postMessage('waiting');
  const result = Atomics.wait(i32, 0, 0);
  parentPort.postMessage({ result, seen: Atomics.load(i32, 1), same: shared instanceof SharedArrayBuffer });
});`, { eval: true });
  const exited = new Promise((r) => w.on('exit', r));
  const shared = new SharedArrayBuffer(8);
  const i32 = new Int32Array(shared);
  i32[1] = 5;
  w.postMessage({ shared });
  await new Promise((r) => w.once('message', r));
  // Notify until the worker was asleep to be woken (it may not be yet, just after 'waiting').
  let woken = 0;
  while (woken === 0) {
    woken = Atomics.notify(i32, 0);
    if (woken === 0) await new Promise((r) => setTimeout(r, 5));
  }
  const reply = await new Promise((r) => w.once('message', r));
  console.log('woken', woken, reply);
  console.log('exit', await exited);
}

async function writesBothWays() {
  const sab = new SharedArrayBuffer(16);
  const bytes = new Uint8Array(sab);
  bytes[0] = 1;
  const w = new Worker(`
const { parentPort } = require('worker_threads');
parentPort.once('message', (view) => {
  const before = [...view];
  view[1] = 2;
  parentPort.postMessage({ before, type: view.constructor.name, buffer: view.buffer.constructor.name });
});`, { eval: true });
  const exited = new Promise((r) => w.on('exit', r));
  w.postMessage(new Uint8Array(sab, 0, 4));
  console.log('worker saw', await new Promise((r) => w.once('message', r)), 'main sees', [...bytes.slice(0, 4)]);
  await exited;
  const i32 = new Int32Array(new SharedArrayBuffer(4));
  console.log('main thread waits too:', Atomics.wait(i32, 0, 0, 10), Atomics.wait(i32, 0, 1));
  try {
    require('vm').runInNewContext('Atomics.wait(i32, 0, 0)', { i32 }, { timeout: 20 });
  } catch (e) {
    console.log('a vm timeout ends a wait:', e.code);
  }
}

async function terminateWaiting() {
  const w = new Worker(`
const i32 = new Int32Array(new SharedArrayBuffer(4));
require('worker_threads').parentPort.postMessage('asleep');
Atomics.wait(i32, 0, 0);`, { eval: true });
  await new Promise((r) => w.once('message', r));
  console.log('terminate() ends a worker asleep in Atomics.wait:', await w.terminate());
}

counting().then(sleeper).then(writesBothWays).then(terminateWaiting);
