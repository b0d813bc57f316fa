// Seed: 2025 guide, section 5.1 "vm.runInContext()".
// ADDED: `const vm = require('node:vm');` (section 2) and the context of section 4
// (`const context = { foo: 'hello', console }; vm.createContext(context);`),
// which this example uses.
const vm = require('node:vm');
const context = { foo: 'hello', console };
vm.createContext(context);

vm.runInContext('foo += " world!"; console.log(foo)', context);
console.log(context.foo); // "hello world!"
