// A context's error whose stack the main context reads after the run (as Node programs print
// errors a vm run threw): the header is read then, from data only. Getters the context set on
// name and message after making the error loop: Node runs them at that read (and hangs: no
// timeout covers it); jsvm does not run them and prints the header of when the error was made.
const vm = require('vm');
const e = vm.runInNewContext(`
  const e = new TypeError('made'); e.name = 'Renamed';
  const hostile = new RangeError('r');
  for (const key of ['name', 'message'])
    Object.defineProperty(hostile, key, { get() { for (;;) {} } });
  [e, hostile]`, {}, { timeout: 200 });
const start = Date.now();
console.log(e[0].stack.split('\n')[0]);
console.log(e[1].stack.split('\n')[0]);
console.log(Object.getOwnPropertyNames(e[1]).join(), Date.now() - start < 1000 ? 'in time' : 'LATE');
// The accessor leads to the error's own realm only.
const get = Object.getOwnPropertyDescriptor(e[1], 'stack');
console.log(typeof get.value, get.get === undefined ? 'data after the read' : 'accessor');
// Thrown out of the run: described without running them either.
try {
  vm.runInNewContext(`const t = new Error('thrown'); Object.defineProperty(t, 'message', { get() { for (;;) {} } }); t.name = 'X'; throw t`, {}, { timeout: 200 });
} catch (t) {
  console.log(t.stack.split('\n').find((l) => /^(Error|X)\b/.test(l)), Date.now() - start < 1500 ? 'in time' : 'LATE');
}
