// A script with more than 65535 block scopes in one function (`{;}` repeated): QuickJS numbers
// scopes in 16 bits, so it re-enters the wrong scope, and the script's completion became the
// engine's marker of an uninitialized binding. Handed to the host as the run's value, it broke
// Node's vm.js (`ReferenceError: Cannot access 'result' before initialization`, thrown by the
// host's own code). The run's value is now undefined and the host goes on. Open (the engine's):
// inside the context, bindings of the wrong scope read as uninitialized, and `eval` of such a
// source gives the marker to the context's code. Node: 1, and the bindings hold.
const vm = require('vm');
const blocks = '{;}'.repeat(65540);
const ctx = vm.createContext({});
for (const [name, src] of Object.entries({ script: '1;' + blocks, function: '(function () { return 1;' + blocks + '})()' })) {
  let r;
  try { r = typeof vm.runInContext(src, ctx); } catch (e) { r = e.name + ': ' + e.message; }
  console.log(name, r);
}
console.log('goes on', vm.runInContext('1 + 1', ctx), vm.runInNewContext('2 + 2'));
