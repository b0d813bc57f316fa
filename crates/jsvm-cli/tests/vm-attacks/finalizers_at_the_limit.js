// FinalizationRegistry and WeakRef floods at the memory limit (run with --memory-limit 32),
// in both microtask modes, under a timeout; then the program's own work. Each target freed at
// the limit queues its registry's job: the allocator refused the job's entry, the engine made
// its out-of-memory error (an object) while still freeing the target, and the collection the
// allocator had asked for ran inside that freeing over half-freed objects: a segmentation
// fault, from the first case. A stopped run's jobs queued behind another context's were
// dropped by a search from the queue's head for each: seconds past the timeout. Node: no
// memory limit of this kind; the loops run to the timeout. (Open: other mixes of such floods
// still end in an abort when a context is made at the limit: docs/security.md.)
const vm = require('vm');
const flood = 'const r = new FinalizationRegistry(() => {}); for (;;) r.register({}, 1)';
for (let i = 0; i < 4; i++) {
  for (const microtaskMode of [undefined, 'afterEvaluate']) {
    const start = Date.now();
    let out;
    try {
      out = 'returned ' + vm.runInNewContext(flood, {}, { timeout: 300, microtaskMode });
    } catch (e) {
      out = e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' || /out of memory/.test(e.message) ? 'stopped' : 'threw ' + e.message;
    }
    console.log(i, microtaskMode || 'default', out, Date.now() - start < 3000 ? 'in time' : 'LATE');
  }
}
// The default-mode contexts' finalizer jobs run on the program's loop (as Node's would);
// once they ran, their contexts are garbage and the program's own work finds room.
setTimeout(() => {
  const keep = [];
  for (let i = 0; i < 1e5; i++) keep.push({ i });
  console.log('the program goes on', keep.length);
});
