// Seed: 2025 guide, section 4 "Creating a Context".
// ADDED: `const vm = require('node:vm');` (section 2) and the console.log line,
// so the fragment runs and prints something observable: createContext
// contextifies the object in place and returns that same object.
const vm = require('node:vm');

const context = { foo: 'hello', console };
const returned = vm.createContext(context);

console.log(vm.isContext(context), returned === context, context.foo);
