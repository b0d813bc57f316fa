// Seed: 2025 guide, section 5.4 "vm.Script -- Precompiled Code".
// ADDED: `const vm = require('node:vm');` (section 2) and, at the end,
// console.log(context.name) to show the second assignment of the script too.
const vm = require('node:vm');

const script = new vm.Script('count += 1; name = "kitty"');

const context = { count: 0 };
vm.createContext(context);

for (let i = 0; i < 1000; i++) {
  script.runInContext(context);
}

console.log(context.count); // 1000
console.log(context.name); // kitty (added)
