// Code that sets a trap for the making of the timeout error, then loops: the timeout holds
// (Node: the first three hang or return the code's value).
const vm = require('vm');
const traps = [
  "Error.prepareStackTrace = function () { for (;;) {} }",
  "Object.defineProperty(Error, 'prepareStackTrace', { get() { for (;;) {} } })",
  "globalThis.Error = function () { for (;;) {} }",
  "Error.stackTraceLimit = { valueOf() { for (;;) {} } }",
  "Object.defineProperty(Error.prototype, 'name', { get() { for (;;) {} } })",
  "Object.defineProperty(Object.prototype, 'code', { set(v) { for (;;) {} } })",
  "Error.prepareStackTrace = function () { for (;;) {} }; new Error('x')",
];
for (const trap of traps) {
  const start = Date.now();
  try {
    vm.runInNewContext(`${trap}; for (;;) {}`, {}, { timeout: 200 });
    console.log('returned');
  } catch (e) {
    console.log(e.code, e instanceof Error ? 'host Error' : 'context Error', Date.now() - start < 1500 ? 'in time' : 'LATE');
  }
}
