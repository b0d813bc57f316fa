// Hostile values a context throws or rejects, reaching the host's error paths uncaught: each
// program runs in a child and must end (exit code 1, its error printed) without running the
// value's traps. Node hangs on the thrown proxies (its check of a thrown value asks it) and
// on a rejected proxy whose getOwnPropertyDescriptor trap loops.
const { spawnSync } = require('child_process');
const loop = '() => { for (;;) {} }';
const traps = `{ get: ${loop}, getPrototypeOf: ${loop}, has: ${loop}, ownKeys: ${loop}, getOwnPropertyDescriptor: ${loop} }`;
const programs = {
  thrownProxy: `require('vm').runInNewContext('throw new Proxy({}, ${traps})', {}, { timeout: 200 })`,
  thrownProxyOfError: `require('vm').runInNewContext('throw new Proxy(new Error("x"), ${traps})', {}, { timeout: 200 })`,
  thrownProxyNoTimeout: `require('vm').runInNewContext('throw new Proxy({}, ${traps})')`,
  rejectedProxy: `require('vm').runInNewContext('Promise.reject(new Proxy({}, ${traps}))')`,
  rejectedProxyAfterEvaluate: `require('vm').runInNewContext('Promise.reject(new Proxy({}, ${traps}))', {}, { microtaskMode: 'afterEvaluate', timeout: 200 })`,
  mainThrownProxy: `throw new Proxy({}, ${traps})`,
  timerThrownProxy: `setTimeout(() => { throw new Proxy({}, ${traps}) }, 1)`,
};
for (const [name, source] of Object.entries(programs)) {
  const r = spawnSync(process.execPath, ['-e', source], { timeout: 10000, encoding: 'utf8' });
  console.log(name, r.status, r.signal, /\{\}|Error: x|#<Object>/.test(r.stderr));
}
