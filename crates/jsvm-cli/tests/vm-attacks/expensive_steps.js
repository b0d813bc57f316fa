// Steps that loop or cost inside one engine call, under a timeout; stack overflows are
// RangeErrors; the process and other contexts go on.
const vm = require('vm');
const other = vm.createContext({ n: 41 });
const cases = {
  regex: "/(a+)+$/.test('a'.repeat(40) + 'b')",
  sort: "[3, 2, 1, 5, 4].sort(() => { for (;;) {} })",
  reviver: "JSON.parse('[1,2]', () => { for (;;) {} })",
  replace: "'aaa'.replace(/a/g, () => { for (;;) {} })",
  species: "class A extends Array { static get [Symbol.species]() { for (;;) {} } }; new A(1, 2).map(x => x)",
  functionToString: "const f = eval('(function f(){' + 'x;'.repeat(1e6) + '})'); for (;;) f.toString()",
  strings: "const a = []; for (;;) a.push('x'.repeat(1e6) + a.length)",
  recursion: "(function f() { return f() + 1 })()",
  getterRecursion: "({ get x() { return this.x } }).x",
};
for (const [name, code] of Object.entries(cases)) {
  const start = Date.now();
  try { vm.runInNewContext(code, {}, { timeout: 200 }); console.log(name, 'returned'); } catch (e) {
    console.log(name, e.code || e.name, Date.now() - start < 3000 ? 'in time' : 'LATE');
  }
}
console.log(vm.runInContext('n + 1', other));
