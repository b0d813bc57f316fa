// BroadcastChannel: same-name channels on the main thread and in a worker get each other's
// messages (not their own, not another name's), each channel in the order they were made;
// closed channels throw on post; an open channel keeps the loop alive until closed.
const { BroadcastChannel, Worker } = require('worker_threads');
console.log(globalThis.BroadcastChannel === BroadcastChannel);
const a = new BroadcastChannel('room');
const b = new BroadcastChannel('room');
const other = new BroadcastChannel('other');
console.log(a.name);
other.onmessage = () => console.log('other got one (wrong)');
const got = new Set();
function fromWorker(who) {
  got.add(who);
  if (got.size < 2) return;
  a.close();
  b.close();
  other.close();
  try { a.postMessage('x'); } catch (e) { console.log(e.name, e.message); }
  w.terminate();
}
b.onmessage = (e) => {
  console.log('b got', e.data, e.constructor.name, e.target === b);
  if (e.data.from === 'worker') fromWorker('b');
};
a.onmessage = (e) => {
  console.log('a got', e.data);
  if (e.data.from === 'worker') fromWorker('a');
};
const w = new Worker(`
const { BroadcastChannel } = require('worker_threads');
const c = new BroadcastChannel('room');
c.onmessage = (e) => { if (e.data === 'hello worker') c.postMessage({ from: 'worker' }); };
require('worker_threads').parentPort.postMessage('ready');
`, { eval: true });
w.once('message', () => a.postMessage('hello worker'));
w.on('exit', (c) => console.log('worker exit', c));
a.postMessage({ n: 1 });
process.on('exit', () => console.log('exit'));
