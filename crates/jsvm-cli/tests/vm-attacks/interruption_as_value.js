// A getter interrupted while a promise resolves: the engine makes the interruption the
// promise's rejection. The run still ends as timed out, and the interruption error, if code
// kept it, is an ordinary error afterwards: thrown again, the host catches it.
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
