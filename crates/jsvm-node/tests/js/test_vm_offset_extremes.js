// vm's lineOffset and columnOffset take any int32 (Node's test
// es-module/test-vm-compile-function-lineoffset.js): scripts and functions compiled at the
// ends of the range compile and run (jsvm padded the first line by the column offset, 2 GiB of
// spaces at the top, and its line arithmetic overflowed), and the values past them are refused.
const vm = require('vm');
const min = -2147483648;
const max = 2147483647;
const tryIt = (f) => {
  try {
    return f();
  } catch (e) {
    return `${e.name} ${e.code}: ${e.message}`;
  }
};

for (const [lineOffset, columnOffset] of [[min, min], [max, max], [min, max], [max, min], [0, max], [max, 0]]) {
  const f = vm.compileFunction('return a * 2', ['a'], { lineOffset, columnOffset });
  const script = new vm.Script('21 * 2', { lineOffset, columnOffset });
  const thrower = vm.compileFunction('throw new TypeError("from the body")', [], { lineOffset, columnOffset });
  console.log(lineOffset, columnOffset, f(21), script.runInThisContext(),
    vm.runInNewContext('[1, 2].length', {}, { lineOffset, columnOffset }), tryIt(thrower));
}
// A syntax error's wording past the first line's columns (jsvm words it as V8 for lines >= 1
// only: a line offset that makes negative line numbers leaves the engine's words).
console.log(tryIt(() => vm.runInThisContext('x y', { columnOffset: max })).split('\n')[0]);
console.log(tryIt(() => vm.compileFunction('x y', [], { columnOffset: max })).split('\n')[0]);
console.log(tryIt(() => vm.compileFunction('', [], { lineOffset: min - 1 })));
console.log(tryIt(() => vm.compileFunction('', [], { columnOffset: max + 1 })));
console.log(tryIt(() => new vm.Script('', { lineOffset: max + 1 })));
console.log(tryIt(() => new vm.Script('', { columnOffset: min - 1 })));
