// Seed: 2025 guide, section 9 "Security Warning" -- "Safer Alternatives":
// "Use vm.constants.DONT_CONTEXTIFY", "Freeze or strictly limit the sandbox",
// "Use timeout".
// ADDED (the guide gives no code for these bullets): the smallest program that
// does each of the three and prints the outcome:
//  1. createContext(vm.constants.DONT_CONTEXTIFY) returns the new context's own
//     global object (no sandbox object is contextified), which scripts see as
//     globalThis and whose properties they set;
//  2. a frozen sandbox: assignments by the code do not change it;
//  3. timeout: an endless loop is stopped with ERR_SCRIPT_EXECUTION_TIMEOUT.
const vm = require('node:vm');

const global = vm.createContext(vm.constants.DONT_CONTEXTIFY);
vm.runInContext('globalThis.answer = 42; var declared = 1;', global);
console.log(vm.isContext(global), global.answer, global.declared,
  vm.runInContext('globalThis', global) === global);

const frozen = Object.freeze({ limit: 3 });
vm.createContext(frozen);
vm.runInContext('limit = 1000; extra = true;', frozen);
console.log(frozen, 'extra' in frozen);

try {
  vm.runInNewContext('while (true) {}', {}, { timeout: 50 });
} catch (e) {
  console.log(e.code, e.message);
}
