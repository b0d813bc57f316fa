// process.exit in a worker ends the worker only; terminate() stops busy code; unref().
const { Worker } = require('worker_threads');

const plain = new Worker('const x = 1 + 1', { eval: true });
plain.on('exit', (code) => {
  console.log('plain worker exit', code);
  const exits = new Worker('process.on("exit", (c) => require("worker_threads").parentPort.postMessage("exit " + c)); process.exit(7); for (;;) {}', { eval: true });
  exits.on('message', (m) => console.log('worker said:', m));
  exits.on('exit', (code) => {
    console.log('exiting worker:', code);
    const busy = new Worker('require("worker_threads").parentPort.postMessage("busy"); while (true) {}', { eval: true });
    busy.on('exit', (c) => console.log('busy exit event', c));
    busy.once('message', () => {
      busy.terminate().then((c) => {
        console.log('terminate resolved', c);
        const sleeper = new Worker('setInterval(() => {}, 1000)', { eval: true });
        sleeper.on('exit', () => console.log('never: an unref()ed worker does not hold the process'));
        sleeper.unref();
        process.on('exit', (c) => console.log('main exit', c));
      });
    });
  });
});
