// Promise jobs of an afterEvaluate context run inside its run, under its timeout; the host's
// timers go on.
const vm = require('vm');
const cases = {
  chain: "Promise.resolve().then(function f() { return Promise.resolve().then(f) }); 1",
  loop: "Promise.resolve().then(() => { for (;;) {} }); 1",
  asyncLoop: "(async () => { await null; for (;;) {} })(); 1",
  awaitLoop: "(async function f() { for (;;) await null })(); 1",
  thenGetter: "Object.defineProperty(Object.prototype, 'then', { get() { for (;;) {} } }); Promise.resolve({}); 1",
};
for (const [name, code] of Object.entries(cases)) {
  const start = Date.now();
  try { vm.runInNewContext(code, {}, { timeout: 200, microtaskMode: 'afterEvaluate' }); console.log(name, 'returned'); } catch (e) {
    console.log(name, e.code, Date.now() - start < 1500 ? 'in time' : 'LATE');
  }
}
setTimeout(() => console.log('timer ran'), 10);
