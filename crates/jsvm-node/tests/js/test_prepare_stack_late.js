// Error.prepareStackTrace formats a stack when it is first read, as V8 does: a message set
// after the error was made is the one the formatter sees (jest sets the message of errors it
// made in advance, through Error.captureStackTrace). V8 gives no call site for
// Function.prototype.call and apply.
'use strict';
const vm = require('vm');

const inContext = vm.runInNewContext(`
  Error.prepareStackTrace = (e, sites) => 'PST ' + String(e);
  class WithStack extends Error {
    constructor(message, callsite) { super(message); Error.captureStackTrace(this, callsite); }
  }
  function made() { return new WithStack(undefined, made); }
  const late = new Error(); late.message = 'set later';
  const read = new Error('first'); const first = read.stack; read.message = 'changed';
  const captured = made(); captured.message = 'thrown: "timeout"';
  const named = new TypeError('x'); named.name = 'Renamed';
  [late.stack, first, read.stack, captured.stack, named.stack];
`);
for (const line of inContext) console.log(line);

Error.prepareStackTrace = (e, sites) => 'MAIN ' + String(e);
const late = new Error();
late.message = 'main, set later';
console.log(late.stack);

Error.prepareStackTrace = (e, sites) => sites.slice(0, 2).map((s) => s.getFunctionName()).join(' < ');
function inner() { return new Error().stack; }
function outer() { return inner.call(null); }
function viaApply() { return inner.apply(null, []); }
console.log(outer());
console.log(viaApply());
