// A getter interrupted while a promise resolves: the engine makes the interruption the
// promise's rejection. The run still ends as timed out, and the jobs that would hand the
// interruption on (the `catch` here) are dropped, so nothing keeps it: Node's output (V8 ends
// the run, no promise settles). Before, the catch ran after the stop and kept the error (an
// ordinary error by then: thrown again, the host caught it).
const vm = require('vm');
const code = "globalThis.p = Promise.resolve({ get then() { for (;;) {} } }); p.catch(e => { globalThis.saved = e }); 1";
for (const microtaskMode of [undefined, 'afterEvaluate']) {
  const ctx = vm.createContext({}, { microtaskMode });
  try { vm.runInContext(code, ctx, { timeout: 200 }); console.log('returned'); } catch (e) { console.log(e.code); }
  setTimeout(() => {
    try { vm.runInContext('if (globalThis.saved) throw saved', ctx); console.log('nothing kept'); } catch (e) { console.log('host caught', e.message); }
    try { vm.runInContext('(function () { if (globalThis.saved) throw saved })', ctx)(); } catch (e) { console.log('host caught direct', e.message); }
    console.log('host goes on');
  }, 20);
}
