// Engine refusals V8 makes another class: a string beyond the engine's length limit is V8's
// `RangeError: Invalid string length`, of the realm whose code refused it.
'use strict';
const vm = require('vm');
function show(e) {
  console.log(
    e.constructor.name + ': ' + e.message,
    '|', e instanceof RangeError,
    '|', Object.getPrototypeOf(e) === RangeError.prototype,
    '|', e.stack.split('\n')[0],
    '|', Object.keys(e).length,
  );
}
// Doubling by `+=` until the limit.
try {
  let s = 'ab';
  for (;;) s += s;
} catch (e) {
  show(e);
}
// By `+`, in a function, caught by its caller.
function grow(s) {
  for (;;) s = s + s;
}
try {
  grow('xyz');
} catch (e) {
  show(e);
}
// A new context's refusal is its own realm's RangeError.
const ctx = vm.createContext({});
const r = vm.runInContext(
  "let s = 'q'; let caught; try { for (;;) s += s; } catch (e) { caught = e; } caught",
  ctx,
);
console.log(
  r instanceof RangeError,
  vm.runInContext('caught instanceof RangeError', ctx),
  vm.runInContext('caught.name + ": " + caught.message', ctx),
  vm.runInContext('caught.stack.split("\\n")[0]', ctx),
);
// A context that replaced its RangeError global still gets the intrinsic one, running none
// of its code.
const odd = vm.createContext({});
vm.runInContext('globalThis.RangeError = function Fake() { throw 1 };', odd);
console.log(
  vm.runInContext(
    "let t = 'ab'; let got; try { for (;;) t += t; } catch (e) { got = e; } " +
      'Object.getPrototypeOf(got) === Object.getPrototypeOf(new SyntaxError()).constructor ' +
      '|| Object.getPrototypeOf(got).name + "/" + got.message',
    odd,
  ),
);
// Code's own error with the engine's words stays as made.
class Mine extends Error {}
const own = new Mine('string too long');
console.log(own instanceof RangeError, own.message, own.stack.split('\n')[0]);
// An entry that is no object, named from the caller's array literal.
function entries(f) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    const header = e.stack.split('\n').find((l) => l.startsWith(e.name));
    console.log(header, '|', e.name + ': ' + e.message, '|', e instanceof TypeError);
  }
}
entries(() => Object.fromEntries([1]));
entries(() => new Map([1]));
entries(() => new WeakMap([[{}, 1], 'ab']));
entries(() => new Map([[1, 2], null]));
entries(() => Object.fromEntries([, 1]));
entries(() => new Map([true]));
entries(() => new Map([-1.5]));
entries(() => new Map([-0]));
entries(() => Object.fromEntries([[1, 2], 7n]));
entries(() => vm.runInNewContext('new Map([[1, 2], 3])'));
