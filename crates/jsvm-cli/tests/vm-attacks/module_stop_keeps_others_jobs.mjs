// A module of an `afterEvaluate` context stopped by its timeout: its own jobs are dropped, and
// nobody else's are touched. The engine's whole queue was run under a frame already due: the
// jobs another context left for its next run ran then (code of a context outside its run), and
// the host's were cut at their first interrupt check. Node: the same output.
import vm from 'vm';
const ctx = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
const m = new vm.SourceTextModule('Promise.resolve().then(() => { globalThis.own = true }); for (;;) {}', { context: ctx });
await m.link(() => {});
let host = 0;
Promise.resolve().then(() => { for (let i = 0; i < 1e6; i++) host++; });
const other = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
try {
  vm.runInContext('globalThis.ran = 0; Promise.resolve().then(() => { for (let i = 0; i < 1e6; i++) ran++ }); throw 1', other);
} catch {}
try { await m.evaluate({ timeout: 100 }); } catch (e) { console.log('evaluate', e.code); }
console.log('own job', vm.runInContext('globalThis.own', ctx));
console.log('host job', host);
console.log('other context before its next run', vm.runInContext('ran', other));
console.log('after it', vm.runInContext('ran', other));
