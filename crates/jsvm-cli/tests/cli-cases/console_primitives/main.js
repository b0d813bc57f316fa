// console.log/error of strings and primitives (which jsvm formats before util is loaded), then
// the same after util.inspect.defaultOptions changed.
const values = [1, -0, 0, 1.5e-7, 1e21, NaN, -Infinity, 2n, -3n, true, false, undefined, null,
  '', 'text', 'a%sb', '100%', 1000000];
for (const v of values) console.log(v);
console.log(...values);
console.log();
console.log('', '');
console.log('x', 'y%s', 1, null);
console.error(1, 'two', 3n, undefined);
console.info(false, null);
console.debug('%');
console.log('%s and %d', 'a', 42);
console.log('100%%', 1);
console.log(1, { a: [1, 2] }, 'z');
console.log(Symbol('s'), 1);
console.group('group');
console.log(1, 'in a group\nsecond line');
console.groupEnd();
require('util').inspect.defaultOptions.numericSeparator = true;
console.log(1000000, 'text', -0, 123456789n);
console.log(...values);
