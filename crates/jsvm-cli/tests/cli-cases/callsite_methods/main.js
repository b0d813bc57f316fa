// The methods of V8's call sites that programs' own Error.prepareStackTrace calls (depd,
// source-map-support), in the main context and in a vm context.
Error.prepareStackTrace = (e, s) => s;
function f() { return new Error('x').stack; }
const sites = f();
Error.prepareStackTrace = undefined;
const s0 = sites[0];
console.log(typeof s0.isEval, s0.isEval(), s0.getEvalOrigin(), s0.getTypeName === undefined, s0.isToplevel() === true || s0.isToplevel() === false);
console.log(s0.toString().split('/').pop(), s0.getScriptNameOrSourceURL().split('/').pop(), s0.isAsync(), s0.isPromiseAll());
console.log(String(s0).split('/').pop());
console.log(s0.getLineNumber(), s0.getColumnNumber()); // V8's column: at `new`
// depd's way of finding its caller.
function getStack() {
  const limit = Error.stackTraceLimit; const obj = {}; const prep = Error.prepareStackTrace;
  Error.prepareStackTrace = (o, stack) => stack; Error.stackTraceLimit = Math.max(10, limit);
  Error.captureStackTrace ? Error.captureStackTrace(obj) : (obj.stack = new Error().stack);
  const stack = obj.stack.slice(1); Error.prepareStackTrace = prep; Error.stackTraceLimit = limit; return stack;
}
const cs = getStack()[0];
console.log([cs.getFileName().split('/').pop(), cs.getLineNumber(), cs.isEval() ? cs.getEvalOrigin() : 'not eval'].join(' '));
const vm = require('vm');
console.log(vm.runInNewContext(`
  Error.prepareStackTrace = (e, s) => [s[0].isEval(), s[0].getTypeName(), s[0].isToplevel(), s[0].toString()].join(' ');
  function g() { return new Error('in context').stack; }
  g();
`, {}, { filename: 'ctx.js' }));
