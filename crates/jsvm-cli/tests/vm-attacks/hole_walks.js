// Array methods walking ~2 ** 31 holes (sparse arrays, array-likes, nested arrays, a flatMap
// answer, a replacer list), under a timeout. Node: Array(2 ** 32 - 1).join('') returns '' at
// once (V8 skips holes), the others run on past the timeout (killed after 20 s). jsvm ran
// each for minutes before hole_walks.rs; each now times out, and the context goes on.
const vm = require('vm');
const ctx = vm.createContext({});
const cases = {
  join: "Array(2 ** 32 - 1).join('')",
  joinArrayLike: "Array.prototype.join.call({ length: 2 ** 31 }, '')",
  reverse: "Array.prototype.reverse.call({ length: 2 ** 31 })",
  slice: "Array.prototype.slice.call({ length: 2 ** 31 })",
  splice: "Array(2 ** 31 - 1).splice(0, 0, 1)",
  sort: "Array(2 ** 31 - 1).sort((a, b) => a - b)",
  flatNested: "[Array(2 ** 31 - 1)].flat()",
  flatMapAnswer: "[1].flatMap(() => Array(2 ** 31 - 1))",
  concatArgument: "[].concat(Array(2 ** 31 - 1))",
  replacerList: "JSON.stringify({ a: 1 }, Array(2 ** 31 - 1))",
  proxyWithoutTraps: "Array.prototype.copyWithin.call(new Proxy({ length: 2 ** 31 }, {}), 0, 1)",
  // The engine ignores String.raw's failed appends (no memory refusal ended it): endless before.
  // Node: runs on past the timeout (killed after 20 s).
  stringRaw: "String.raw({ raw: { length: 2 ** 53 - 1 } })",
  // An array-like concat spreads by its flag (was open: one step of minutes). Node: runs on.
  concatSpreadable: "[].concat({ length: 2 ** 31 - 1, [Symbol.isConcatSpreadable]: true })",
};
for (const [name, code] of Object.entries(cases)) {
  const start = Date.now();
  try { vm.runInContext(code, ctx, { timeout: 200 }); console.log(name, 'returned'); } catch (e) {
    console.log(name, e.code || e.name, Date.now() - start < 3000 ? 'in time' : 'LATE');
  }
}
console.log(vm.runInContext('[1, 2, 3].reverse().join()', ctx));
// A host call of a context's method over a long frozen array: the error is the context's, as in
// Node (the guard runs only for calls from the method's own realm, so nothing of the host's
// realm is made for the context's code to catch).
const frozen = vm.runInContext('globalThis.f = Object.freeze(Array.from({ length: 70000 })); f', ctx);
try { frozen.reverse(); } catch (e) { console.log(e instanceof TypeError ? 'host TypeError' : 'context TypeError'); }
console.log(vm.runInContext('try { f.reverse() } catch (e) { e instanceof TypeError }', ctx));
