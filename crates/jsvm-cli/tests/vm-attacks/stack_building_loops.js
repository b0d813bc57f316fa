// The engine builds a stack whatever the code it calls there throws, dropping an
// interruption: code looping there, in a loop making errors, still meets the timeout.
const vm = require('vm');
for (const code of [
  "Error.prepareStackTrace = function () { for (;;) {} }; for (;;) { try { new Error('x') } catch (e) {} }",
  "Error.prepareStackTrace = function () { for (;;) {} }; for (;;) { new Error('x') }",
  "Error.stackTraceLimit = { valueOf() { for (;;) {} } }; for (;;) { try { new Error('x') } catch (e) {} }",
  "Error.stackTraceLimit = { valueOf() { for (;;) {} } }; for (;;) { try { null.x } catch (e) {} }",
  "Error.prepareStackTrace = function () { for (;;) {} }; new Error('x'); 'returned'",
]) {
  const start = Date.now();
  try { vm.runInNewContext(code, {}, { timeout: 200 }); console.log('returned'); } catch (e) {
    console.log(e.code, Date.now() - start < 1500 ? 'in time' : 'LATE');
  }
}
// Error.stackTraceLimit as V8 has it: any value is kept, only a number limits.
console.log(vm.runInNewContext(`
  const o = { valueOf() { return 1 } };
  Error.stackTraceLimit = o;
  const kept = Error.stackTraceLimit === o;
  Error.stackTraceLimit = 1;
  [kept, Error.stackTraceLimit, new Error('x').stack.split('\\n').length].join()`));
