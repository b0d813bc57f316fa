// Contexts that fill the heap (run under --memory-limit 64), each dropped by the function that
// ran it, then the program's own work. Node: the first bomb is fatal (its heap limit is the
// process's). jsvm: each bomb is the context's out-of-memory error, and the dropped contexts'
// garbage is collected before the program's allocations are refused.
const vm = require('vm');
function bomb(code, options) {
  try {
    vm.runInNewContext(code, {}, options);
    return 'finished';
  } catch (e) {
    return e !== null && typeof e === 'object' ? `${e.name}: ${e.message}` : `thrown ${e}`;
  }
}
const bombs = [
  'const m = new Map(); for (let i = 0; ; i++) m.set(i, i)',
  'const a = []; for (;;) a.push({})',
  'const a = []; for (;;) a.push(function () {})',
  "const a = []; for (;;) a.push('x' + a.length)",
  'let o = {}; for (let i = 0; ; i++) o = { o, i }',
];
for (const code of bombs) {
  const t = Date.now();
  console.log(bomb(code));
  if (process.env.TIMES) console.error(Date.now() - t, 'ms');
}
// A bomb whose code catches every refusal: its timeout ends it.
const started = Date.now();
console.log(bomb('const a = []; for (;;) { try { a.push({}) } catch {} }', { timeout: 300 }));
console.log('in time:', Date.now() - started < 5000);
for (let round = 0; round < 3; round++) {
  const keep = [];
  for (let i = 0; i < 1e5; i++) keep.push({ i, s: 'v' + i });
  console.log('round', round, 'kept', keep.length, bomb(bombs[round]));
}
const ctx = vm.createContext({});
console.log(vm.runInContext('[1, 2, 3].map((x) => x * 2).join()', ctx));
