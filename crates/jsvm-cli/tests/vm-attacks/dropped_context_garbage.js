// Contexts that fill the heap (the command's --memory-limit, in .args) and are dropped: the
// host goes on. A dropped context is garbage only a collection finds (a cycle of its global
// and its functions), and the engine's next collection was due at 1.5 times what survived its
// last, past the limit: the host's next allocations were refused and the program died of a
// full heap (FATAL, exit 134) with most of the heap garbage. The allocator now has the engine
// collect before it refuses (allocator.rs). Node: the first bomb is fatal (its heap limit is
// the process's).
const vm = require('vm');
function bomb(code) {
  try {
    return vm.runInNewContext(code, {});
  } catch (e) {
    return e.name + ': ' + e.message;
  }
}
const bombs = [
  'const m = new Map(); for (let i = 0; ; i++) m.set(i, i)',
  'const a = []; for (;;) a.push({})',
  "const a = []; for (;;) a.push(function () { return a.length })",
  'globalThis.keep = []; for (;;) keep.push([1, 2, 3])',
  "const s = new Set(); for (let i = 0; ; i++) s.add('k' + i)",
];
for (const code of bombs) {
  console.log(bomb(code));
  // The host's own work after each bomb: objects, strings, a growing array.
  const keep = [];
  for (let i = 0; i < 1e5; i++) keep.push({ i, s: 'k' + i });
  console.log('host', keep.length, keep.map((o) => o.s).join('').length);
}
const other = vm.createContext({ n: 41 });
console.log(vm.runInContext('n + 1', other));
