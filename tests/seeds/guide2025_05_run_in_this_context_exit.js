// Seed: 2025 guide, section 5.3 "vm.runInThisContext()".
// ADDED: `const vm = require('node:vm');` (section 2) and the console.log lines
// around the example. The code run in this context reaches the real `process`
// and exits: 'before' is printed, 'after' never is, and the exit code is 1.
const vm = require('node:vm');

console.log('before');
vm.runInThisContext('process.exit(1)');
console.log('after');
