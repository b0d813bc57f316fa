// Frames whose file name is megabytes long: `eval` code named by `//# sourceURL=`, and a
// script's filename. The stack formatter copied every frame's file name out of the engine's
// heap, outside the memory limit (--memory-limit in .args): a 16 MiB name on 200 frames took
// 6.5 s past a 1 s timeout and 2.2 GB of memory. Now a stack copies at most 4 MiB of file
// names; frames past that are `<anonymous>`. Node: a RangeError (Invalid string length).
const vm = require('vm');
const big = (n) => `'x'.repeat(${n})`;
const cases = {
  sourceURL: `Error.stackTraceLimit = Infinity;
    const src = 'function f(n) { return n ? f(n - 1) : new Error().stack }\\n//# sourceURL=' + ${big(1 << 24)};
    const s = eval(src + '\\nf(200)');
    [s.split('\\n').length, s.length < (1 << 24)].join()`,
  sourceURLLoop: `const src = 'function f(n) { return n ? f(n - 1) : new Error().stack }\\n//# sourceURL=' + ${big(1 << 22)};
    const g = eval(src + '\\nf'); for (;;) g(9).length`,
  underBudget: `const src = 'function f(n) { return n ? f(n - 1) : new Error().stack }\\n//# sourceURL=' + ${big(1 << 20)};
    eval(src + '\\nf(9)').split('\\n').map(l => l.length > 100 ? l.slice(0, 12) + '…' + l.slice(-5) : l).slice(0, 6).join('|')`,
};
for (const [name, code] of Object.entries(cases)) {
  const start = Date.now();
  let r;
  try {
    r = vm.runInNewContext(code, {}, { timeout: 1000 });
  } catch (e) {
    r = e.code || e.message;
  }
  console.log(name, r, Date.now() - start < 3000 ? 'in time' : 'LATE');
}
// A filename of 4 MiB given by the program, on 300 frames.
const script = new vm.Script('Error.stackTraceLimit = Infinity; function f(n) { return n ? f(n - 1) : new Error().stack } f(300)',
  { filename: 'y'.repeat(1 << 22) });
const start = Date.now();
const stack = script.runInNewContext({}, { timeout: 1000 });
console.log('filename', stack.split('\n').length, stack.length < (16 << 20), Date.now() - start < 3000 ? 'in time' : 'LATE');
console.log('memory', process.memoryUsage().rss < (1 << 30) ? 'bounded' : 'UNBOUNDED');
