// A context's error with looping getters (or a proxy) passes through host frames and is
// caught there: nothing of the context runs (Node: hangs on the first).
const vm = require('vm');
const thrown = [
  "const e = new Error('x'); Object.defineProperty(e, 'message', { get() { for (;;) {} } }); throw e",
  "const e = new Error('x'); Object.defineProperty(e, 'name', { get() { for (;;) {} } }); throw e",
  "throw { get name() { for (;;) {} }, get message() { for (;;) {} } }",
  "throw new Proxy({}, { get() { for (;;) {} }, getOwnPropertyDescriptor() { for (;;) {} }, getPrototypeOf() { for (;;) {} } })",
  "throw { name: { toString() { for (;;) {} } }, message: { toString() { for (;;) {} } } }",
];
function inner(code, options) { return vm.runInNewContext(code, {}, options); }
function outer(code, options) { return inner(code, options); }
for (const code of thrown) {
  for (const options of [undefined, { timeout: 200 }]) {
    const start = Date.now();
    try { outer(code, options); console.log('returned'); } catch (e) {
      console.log('caught', typeof e, Date.now() - start < 1500 ? 'in time' : 'LATE');
    }
  }
}
// Looping `stack` getters: read while decorating (displayErrors), under the run's timeout.
for (const code of [
  "const e = new Error('x'); Object.defineProperty(e, 'stack', { get() { for (;;) {} }, set(v) { for (;;) {} } }); throw e",
  "Object.defineProperty(Error.prototype, 'stack', { get() { for (;;) {} }, set(v) { for (;;) {} } }); throw new Error('x')",
]) {
  const start = Date.now();
  try { outer(code, { timeout: 200 }); } catch (e) {
    console.log('caught', typeof e, Date.now() - start < 1500 ? 'in time' : 'LATE');
  }
}
