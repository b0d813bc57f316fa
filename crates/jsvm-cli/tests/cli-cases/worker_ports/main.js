// MessagePorts transferred to workers: through postMessage and through workerData, a port
// between two workers, messages sent before the transfer, and 'close' when a worker ends.
const { Worker, MessageChannel, MessagePort } = require('worker_threads');

const echo = `
const { parentPort, workerData } = require('worker_threads');
const port = workerData && workerData.port;
function serve(p, tag) {
  p.on('message', (m) => {
    if (m === 'bye') { p.close(); return; }
    p.postMessage({ tag, echo: m, isPort: p instanceof require('worker_threads').MessagePort });
  });
}
if (port) serve(port, 'workerData');
parentPort.on('message', (m) => {
  if (m.port) serve(m.port, 'message');
  if (m.stop) parentPort.close();
});
`;

async function viaMessage() {
  const w = new Worker(echo, { eval: true });
  const { port1, port2 } = new MessageChannel();
  port2.postMessage('waits on port1 while it moves');
  w.postMessage({ port: port1 }, [port1]);
  const answers = [];
  await new Promise((resolve) => {
    port2.on('message', (m) => {
      answers.push(m);
      if (answers.length === 1) port2.postMessage('second');
      else port2.postMessage('bye');
    });
    port2.on('close', resolve);
  });
  console.log('via message', JSON.stringify(answers));
  try { port1.postMessage('x'); console.log('posting on a transferred port is a no-op'); } catch (e) { console.log(e); }
  w.postMessage({ stop: true });
  console.log('exit', await new Promise((r) => w.on('exit', r)));
}

async function viaWorkerData() {
  const { port1, port2 } = new MessageChannel();
  const w = new Worker(echo, { eval: true, workerData: { port: port1 }, transferList: [port1] });
  const answer = await new Promise((resolve) => {
    port2.once('message', resolve);
    port2.postMessage([1, 2, 3]);
  });
  console.log('via workerData', JSON.stringify(answer));
  const closed = new Promise((r) => port2.on('close', () => r('closed')));
  await w.terminate();
  console.log('after terminate:', await closed);
}

async function betweenWorkers() {
  const a = new Worker(`
const { parentPort } = require('worker_threads');
parentPort.once('message', ({ port }) => {
  port.postMessage('ping from a');
  port.once('message', (m) => { parentPort.postMessage('a got ' + m); port.close(); });
});`, { eval: true });
  const b = new Worker(`
const { parentPort } = require('worker_threads');
parentPort.once('message', ({ port }) => {
  port.once('message', (m) => port.postMessage('pong for ' + m));
});`, { eval: true });
  const exits = Promise.all([a, b].map((w) => new Promise((r) => w.on('exit', r))));
  const { port1, port2 } = new MessageChannel();
  a.postMessage({ port: port1 }, [port1]);
  b.postMessage({ port: port2 }, [port2]);
  console.log(await new Promise((r) => a.once('message', r)));
  console.log('both exited', await exits);
}

viaMessage().then(viaWorkerData).then(betweenWorkers);
