// Workers as a sandbox: code that never yields is ended by terminate(); hostile values a worker
// throws reach the parent's 'error' event without running their code; resourceLimits end only
// the worker. Node ends all of these too, except the thrown values whose code it runs while
// serializing them (the proxy and the looping toString: Node's worker never ends; jsvm's ran
// String() on them, with the same result).
const { Worker } = require('worker_threads');
const loop = '() => { for (;;) {} }';
async function run(name, code, opts, stop) {
  const start = Date.now();
  const w = new Worker(code, { eval: true, ...opts });
  const exited = new Promise((res) => w.on('exit', res));
  let error = 'none';
  w.on('error', (e) => { error = typeof e === 'string' ? 'string' : e.name + (e.code ? ' ' + e.code : ''); });
  if (stop) { await new Promise((r) => setTimeout(r, 50)); await w.terminate(); }
  const code_ = await exited;
  console.log(name, 'exit', code_, 'error', error, Date.now() - start < 10000 ? 'in time' : 'late');
}
(async () => {
  await run('loop', 'for (;;) {}', {}, true);
  await run('catchingLoop', 'for (;;) { try { for (;;) {} } catch (e) {} }', {}, true);
  await run('finallyLoop', 'for (;;) { try { for (;;) {} } finally { for (;;) {} } }', {}, true);
  await run('atomicsWait', 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)', {}, true);
  await run('microtaskLoop', 'Promise.resolve().then(function f() { return Promise.resolve().then(f) })', {}, true);
  await run('thrownProxy', `throw new Proxy({}, { get: ${loop}, getPrototypeOf: ${loop}, getOwnPropertyDescriptor: ${loop}, ownKeys: ${loop}, has: ${loop} })`, {});
  await run('thrownToString', `throw { toString: ${loop}, valueOf: ${loop}, f() {} }`, {});
  await run('rejectedProxy', `Promise.reject(new Proxy({}, { get: ${loop}, getPrototypeOf: ${loop}, getOwnPropertyDescriptor: ${loop} }))`, {});
  await run('stack', 'function f() { return f() + 1 } f()', { resourceLimits: { stackSizeMb: 0.25 } });
  // Over 16 MiB, rquickjs took the limit for none: the recursion overflowed the thread's real
  // stack and aborted the whole process.
  await run('largeStack', 'function f() { return f() + 1 } f()', { resourceLimits: { stackSizeMb: 64 } });
  await run('heap', 'const a = []; for (;;) a.push("x".repeat(1000) + a.length)', { resourceLimits: { maxOldGenerationSizeMb: 8 } });
  await run('heapCatching', 'const a = []; for (;;) { try { a.push(new Array(1e4).fill(a.length)) } catch (e) {} }', { resourceLimits: { maxOldGenerationSizeMb: 8 } });
  console.log('parent goes on');
})();
