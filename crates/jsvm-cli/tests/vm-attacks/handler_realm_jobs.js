// A reaction is the job of its handler's realm (as V8 queues it): a context's handler on a host
// promise runs under the context's run and its timeout; a host handler on a context's promise
// is the host's job.
const vm = require('vm');
const ctx = vm.createContext({ hostPromise: Promise.resolve(1) }, { microtaskMode: 'afterEvaluate' });
try {
  vm.runInContext('hostPromise.then(() => { for (;;) {} })', ctx, { timeout: 200 });
  console.log('returned');
} catch (e) { console.log(e.code, e.message); }
// The reverse: a context's promise, a host handler: the host's job.
const ctx2 = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
const p = vm.runInContext('Promise.resolve(2)', ctx2);
p.then((v) => console.log('host handler ran', v));
setTimeout(() => console.log('timer'), 10);
