// A `var` declared by a script is the global's: the sandbox gets the name only when code
// assigns it (V8 declares it on the global; Node's interceptors see only the assignment).
const vm = require('vm');

let sb = {};
vm.runInNewContext('var c', sb);
console.log('var c:', Object.keys(sb), 'c' in sb);

sb = {};
console.log('inside:', vm.runInNewContext('var c; [typeof c, "c" in globalThis, c === undefined]', sb));
console.log('after:', Object.keys(sb));

sb = {};
vm.runInNewContext('var c = undefined', sb);
console.log('var c = undefined:', Object.keys(sb), 'c' in sb);

sb = {};
vm.runInNewContext('var c; c = 2', sb);
console.log('assigned later:', sb);

sb = { pre: 0 };
vm.runInNewContext('var a = 1; function b() {} var c; function d() {}', sb);
console.log('order:', Object.keys(sb));

sb = { count: 1 };
vm.runInNewContext("count += 1; name = 'kitty'; var v = 1; function f() { return 2 }", sb);
console.log('mixed:', Object.keys(sb));

const ctx = vm.createContext({});
vm.runInContext('var a = 1; function b() {}', ctx);
vm.runInContext('var e; function f() {} e = 5', ctx);
console.log('two runs:', Object.keys(ctx));
vm.runInContext('var g; var a', ctx);
console.log('declared again:', Object.keys(ctx), vm.runInContext('[a, typeof g]', ctx));
