// vm inside a worker works as on the main thread, timeouts included.
const { Worker } = require('worker_threads');

const code = `
const vm = require('vm');
const { parentPort } = require('worker_threads');
const ctx = vm.createContext({ a: 41 });
const out = [vm.runInContext('a + 1', ctx), vm.runInNewContext('typeof require')];
try {
  vm.runInNewContext('while (true) {}', {}, { timeout: 50 });
} catch (e) {
  out.push(e.code);
}
out.push(new vm.Script('this.a * 2').runInContext(ctx));
parentPort.postMessage(out);
`;
const w = new Worker(code, { eval: true });
w.on('message', (m) => console.log(m));
w.on('exit', (c) => console.log('exit', c));
