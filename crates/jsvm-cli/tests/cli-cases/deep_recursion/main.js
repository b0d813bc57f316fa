// Call depths that real programs reach and Node allows: tape runs each subtest from the end of
// the one before (a suite of a few hundred nests thousands of calls through event emitters),
// recursive parsers and walkers go thousands of plain calls deep. Beyond the limit, a
// RangeError that the program can catch.
const { EventEmitter } = require('events');

function plain(n) { return n === 0 ? 0 : plain(n - 1) + 1; }
console.log('plain calls:', plain(8000));

function throughCallbacks(n) {
  let depth = 0;
  [1].forEach(() => { depth = n === 0 ? 0 : throughCallbacks(n - 1) + 1; });
  return depth;
}
console.log('through forEach callbacks:', throughCallbacks(1500));

const emitter = new EventEmitter();
let emitted = 0;
emitter.on('next', (left) => {
  emitted++;
  if (left > 0) emitter.emit('next', left - 1);
});
emitter.emit('next', 1500);
console.log('nested emits:', emitted);

function forever() { return forever() + 1; }
try {
  forever();
} catch (e) {
  console.log('beyond the limit:', e instanceof RangeError, e.message);
}
