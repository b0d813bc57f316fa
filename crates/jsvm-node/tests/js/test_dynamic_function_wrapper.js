// Function, AsyncFunction, GeneratorFunction and AsyncGeneratorFunction refuse parameters and
// bodies that close the function early, with V8's words, in every realm.
const vm = require('vm');
const kinds = {
  Function,
  AsyncFunction: (async function () {}).constructor,
  GeneratorFunction: (function* () {}).constructor,
  AsyncGeneratorFunction: (async function* () {}).constructor,
};
const tries = [
  ['});\n\n(function() {'],
  ['}); (function() {'],
  ['a', 'b', '})(); (function() {'],
  ['a) { }; (function (b', 'return 1'],
  ['/*', '*/){'],
  ['a = `', '`'],
  ['a', 'b', 'return a + b'],
  ['a = \')\'', 'return a'],
  ['a // c', 'return a'],
  ['a = function() {', '}'],
  ['return "})"'],
  [],
];
for (const [name, F] of Object.entries(kinds)) {
  for (const args of tries) {
    try {
      const f = new F(...args);
      console.log(name, JSON.stringify(args), 'made', typeof f);
    } catch (e) {
      console.log(name, JSON.stringify(args), `${e.name}: ${e.message}`, e instanceof SyntaxError);
    }
  }
}
console.log(new Function('a', 'b', 'return a + b')(1, 2), new Function('return "})"')());
try { Function('});\n\n(function() {'); } catch (e) { console.log(e.stack.split('\n').slice(0, 2).join(' | ')); }
const ctx = vm.createContext({});
console.log(vm.runInContext(`
  const out = [];
  for (const src of ['});\\n\\n(function() {', 'return 1']) {
    try { out.push(typeof new Function(src)); } catch (e) { out.push(e.name + ': ' + e.message, e instanceof SyntaxError); }
  }
  try { new (async function () {}).constructor('a) {', ''); } catch (e) { out.push(e.message); }
  out.join(', ')`, ctx));
