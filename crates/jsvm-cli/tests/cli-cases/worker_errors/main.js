// What cannot be cloned, bad filenames, and a worker's uncaught exception or exhausted heap.
const { Worker } = require('worker_threads');

const w = new Worker('require("worker_threads").parentPort.on("message", () => {})', { eval: true });
for (const v of [function foo() {}, Symbol('s'), { f: () => 1 }, Promise.resolve(), new WeakMap()]) {
  try {
    w.postMessage(v);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
w.unref();

try {
  new Worker('relative.js');
} catch (e) {
  console.log(e.name, e.code, e.message);
}

const thrower = new Worker('setTimeout(() => { throw new TypeError("boom in worker"); }, 1)', { eval: true });
thrower.on('error', (e) => console.log('error event:', e instanceof TypeError, e.message));
thrower.on('exit', (code) => {
  console.log('thrower exit', code);
  const bomb = new Worker('const a = []; for (;;) a.push({ n: a.length, s: "x" + a.length })', {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: 16 },
  });
  bomb.on('error', (e) => console.log('error event:', e.code, e.message));
  bomb.on('exit', (code) => console.log('bomb exit', code, '- main goes on'));
});
