// Loops of steps that cost milliseconds each without allocating or calling code (a join of a
// million empty strings, a search in a long string), under a timeout. Node: times out. jsvm
// reached its interrupt handler once per 10000 polls, so each ran for minutes before its
// timeout was seen; a run with a limit now polls its realm every few dozen.
const vm = require('vm');
const cases = {
  joinEmpty: "const a = Array(1e6).fill(''); for (;;) a.join('')",
  search: "const s = 'a'.repeat(1 << 22); for (;;) s.indexOf('b')",
  moduleLike: "const a = Array(1e6).fill(''); (function f() { for (;;) a.join('') })()",
  // One step over every match, allocating nothing (2 ** 27 characters: seconds in one step
  // before the empty replacement of a long string was made by a function). Node: times out.
  replaceAllEmpty: "const s = 'a'.repeat(2 ** 27); s.replaceAll('', '')",
};
for (const [name, code] of Object.entries(cases)) {
  const start = Date.now();
  try { vm.runInNewContext(code, {}, { timeout: 200 }); console.log(name, 'returned'); } catch (e) {
    console.log(name, e.code || e.name, Date.now() - start < 3000 ? 'in time' : 'LATE');
  }
}
