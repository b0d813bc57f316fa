// Frames that stacks leave out (Function.prototype.call and apply, the host's loop) do not
// count against Error.stackTraceLimit, as V8 gives them no frame.
const vm = require('vm');
const names = (stack) =>
  stack.split('\n').slice(1).map((l) => l.trim().replace(__filename, 'FILE')).filter((l) => !l.includes('node:'));
function viaCall(n) { if (n === 0) return new Error('x'); return viaCall.call(null, n - 1); }
function viaApply(n) { if (n === 0) return new Error('x'); return viaApply.apply(null, [n - 1]); }
function viaReflect(n) { if (n === 0) return new Error('x'); return Reflect.apply(viaReflect, null, [n - 1]); }
function bound(n) { if (n === 0) return new Error('x'); return bound.bind(null, n - 1)(); }

console.log(viaCall(12).stack.split('\n').length - 1);
console.log(viaApply(12).stack.split('\n').length - 1);
console.log(viaReflect(12).stack.split('\n').length - 1);
console.log(bound(12).stack.split('\n').length - 1);
for (const limit of [1, 3, 7]) {
  Error.stackTraceLimit = limit;
  console.log(limit, names(viaCall(9).stack));
}
Error.stackTraceLimit = 10;

// Code's own formatter is given as many sites.
Error.prepareStackTrace = (e, sites) => sites.map((s) => s.getFunctionName());
console.log(viaCall(12).stack);
Error.stackTraceLimit = 4;
console.log(viaApply(12).stack);
Error.prepareStackTrace = undefined;

// captureStackTrace with a limit of 1 keeps its one frame.
Error.stackTraceLimit = 1;
const o = {};
(function capture() { Error.captureStackTrace(o); })();
console.log(names(o.stack));
Error.stackTraceLimit = 0;
console.log(JSON.stringify(viaCall(3).stack));
Error.stackTraceLimit = 10;

// In a context, its own limit.
console.log(vm.runInNewContext(`
  function r(n) { if (n === 0) return new Error('x'); return r.call(null, n - 1); }
  Error.stackTraceLimit = 4;
  r(9).stack.split('\\n').length - 1`));

// After the loop: timers, ticks and promise jobs.
function deep(n) { if (n === 0) return new Error('x'); return deep.call(null, n - 1); }
setTimeout(() => console.log('timer', names(deep(12).stack).length), 1);
process.nextTick(() => console.log('tick', names(deep(12).stack).length));
Promise.resolve().then(() => console.log('job', names(deep(12).stack).length));
