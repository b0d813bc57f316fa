// Seed: 2025 guide, section 5.2 "vm.runInNewContext()".
// ADDED: `const vm = require('node:vm');` (section 2).
const vm = require('node:vm');

const result = vm.runInNewContext('a + b', { a: 10, b: 20 });
console.log(result); // 30
