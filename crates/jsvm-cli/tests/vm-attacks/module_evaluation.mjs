// vm.SourceTextModule under a timeout: a looping body, a looping top-level await
// continuation in an afterEvaluate context (its evaluation used to stay pending forever;
// Node rejects it with the timeout), and the module's error with a looping getter.
import vm from 'vm';
const start = Date.now();
const inTime = () => (Date.now() - start < 3000 ? 'in time' : 'LATE');
async function attempt(name, source, contextOptions) {
  const m = new vm.SourceTextModule(source, { context: vm.createContext({}, contextOptions) });
  await m.link(() => {});
  try {
    await m.evaluate({ timeout: 200 });
    console.log(name, 'settled', m.status, inTime());
  } catch (e) {
    console.log(name, 'rejected', e.code, m.status, inTime());
  }
}
await attempt('body loop', 'for (;;) {}');
await attempt('await loop', 'await null; for (;;) {}', { microtaskMode: 'afterEvaluate' });
await attempt('await chain', 'for (;;) await null', { microtaskMode: 'afterEvaluate' });
await attempt('error getter', "const e = new Error('x'); Object.defineProperty(e, 'message', { get() { for (;;) {} } }); throw e");
