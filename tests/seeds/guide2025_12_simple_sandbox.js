// Seed: 2025 guide, section 10.1 "Simple Sandbox".
// ADDED: `const vm = require('node:vm');` (section 2).
const vm = require('node:vm');

const sandbox = {
  result: null,
  console: { log: (msg) => console.log('User:', msg) }
};
vm.createContext(sandbox);

vm.runInContext('result = 2 + 3 * 4', sandbox);
console.log(sandbox.result); // 14
