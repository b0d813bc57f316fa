// Natives of jsvm's own (not the engine's) reached from a context. The stack formatter copied
// and scanned the whole source line for each frame (64 frames on a 4 MiB line: 34 s past a 1 s
// timeout) and copied each frame's name out of the heap (a 16 MiB name on 64 frames: 1.5 GB
// outside a 512 MB limit); frames alike are settled once, lines and names have budgets. Node:
// in time, its names within its heap. Intl.Segmenter's native took
// the whole text in one call, a step no timeout stopped, with its memory (the text as UTF-8,
// pieces, triples) outside --memory-limit (16 Mi characters under a 128 MB limit: 11 s and
// 725 MB resident). It now gets windows of the text, as far as the text is read. Node: ICU
// segments lazily, the timeout holds; all segment objects of such a text exhaust node's heap
// (fatal, the process aborts) where jsvm reports out of memory.
const vm = require('vm');
const ctx = vm.createContext({});
const cases = {
  timed: ["{ const s = 'a'.repeat(2 ** 24); for (;;) new Intl.Segmenter('en').segment(s).containing(5) }", 2000],
  words: ["{ const s = 'ab. '.repeat(2 ** 22); new Intl.Segmenter('en', { granularity: 'word' }).segment(s).containing(5); for (;;); }", 2000],
  memory: ["[...new Intl.Segmenter('en').segment('a'.repeat(2 ** 24))].length", undefined],
  // Segmented as far as read (as ICU's): one segment near the start of a long text is cheap.
  near: ["new Intl.Segmenter('en').segment('a'.repeat(2 ** 24)).containing(5).index", undefined],
  stackOnLongLine: [`{ const s = '${'x'.repeat(2 ** 22)}'; Error.stackTraceLimit = Infinity; const f = (n) => n ? f(n - 1) : new Error().stack; for (;;) f(300) }`, 1000],
  longNames: ["{ const f = function (n) { return n ? f(n - 1) : new Error().stack }; Object.defineProperty(f, 'name', { value: 'x'.repeat(2 ** 24) }); Error.stackTraceLimit = Infinity; typeof f(100) }", undefined],
};
for (const [name, [code, timeout]] of Object.entries(cases)) {
  const start = Date.now();
  try { console.log(name, vm.runInContext(code, ctx, { timeout })); } catch (e) {
    // Only runs with a timeout are timed (the others may take long on a loaded machine).
    console.log(name, e.code || e.message, timeout === undefined ? '' : Date.now() - start < 6000 ? 'in time' : 'LATE');
  }
}
const rss = process.memoryUsage().rss;
console.log('resident under 512 MB:', rss < 512 * 2 ** 20);
console.log(vm.runInContext("[...new Intl.Segmenter('en', { granularity: 'word' }).segment(\"can't stop\")].map(s => s.segment).join('|')", ctx));
