// Contexts that fill the heap (run under --memory-limit 32) whose out-of-memory errors the
// host keeps while it goes on working. Node: the first bomb is fatal (its heap limit is the
// process's). jsvm: the error the host gets is made in the host's realm (a context's own error
// reaches its realm, and so would keep what filled the heap alive): each dropped context is
// collected while the host holds the errors, and the host's own allocations succeed.
const vm = require('vm');
const kept = [];
const bombs = [
  'const a = []; while (true) a.push({ x: a.length });',
  'const m = new Map(); for (let i = 0; ; i++) m.set(i, { i });',
  'let o = {}; for (let i = 0; ; i++) o = { o, i };',
];
for (const code of bombs) {
  try {
    vm.runInNewContext(code, {}, { timeout: 5000 });
    kept.push('finished');
  } catch (e) {
    kept.push(e);
    // The host's work while it holds the error.
    const work = [];
    for (let i = 0; i < 20000; i++) work.push({ i });
    console.log(`${e.name}: ${e.message}`, e instanceof Error, 'host work', work.length);
  }
}
console.log(kept.length, kept.every((e) => e instanceof Error));
const ctx = vm.createContext({});
console.log(vm.runInContext('[1, 2, 3].map((x) => x * 2).join()', ctx));
// A context whose promise chain filled the heap: the reaction it queued held the chain and the
// context for the host's queue. Its jobs are dropped with the run's end at the limit.
try {
  vm.runInNewContext('let p = Promise.resolve(); for (;;) p = p.then(() => {})', {}, { timeout: 5000 });
} catch (e) {
  console.log(`${e.name}: ${e.message}`);
}
const after = [];
for (let i = 0; i < 50000; i++) after.push({ i });
console.log('host work after the promise bomb', after.length);
setTimeout(() => {
  const later = [];
  for (let i = 0; i < 100000; i++) later.push({ i });
  console.log('a timer later', later.length);
}, 1);
