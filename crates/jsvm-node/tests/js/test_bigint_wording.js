// BigInt refusals in V8's words: a result past the size BigInts may have, a negative exponent.
const vm = require('vm');
function t(f) {
  try {
    f();
  } catch (e) {
    console.log(e.constructor.name + ': ' + e.message);
  }
}
t(() => 1n << 2n ** 40n);
t(() => 10n ** 10000000000n);
t(() => 2n ** 4000000000n);
t(() => 2n ** -1n);
t(() => vm.runInNewContext('1n << 2n ** 40n'));
t(() => vm.runInNewContext('const e = -3n; 5n ** e'));
console.log(String(2n ** 64n), (-7n) ** 3n);
