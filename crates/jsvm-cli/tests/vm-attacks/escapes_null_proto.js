// A context given a null-prototype sandbox (no host object): no way found to the host's
// realm (each line prints what `process` is from where the attempt got).
const vm = require('vm');
const tries = {
  constructorChain: "this.constructor && this.constructor.constructor('return typeof process')()",
  globalPrototype: "Object.getPrototypeOf(globalThis).constructor.constructor('return typeof process')()",
  prototypeWalk: "(() => { const seen = []; let o = globalThis; while (o) { try { seen.push(o.constructor.constructor('return typeof process')()) } catch (e) { seen.push(e.name) } o = Object.getPrototypeOf(o) } return seen.join() })()",
  ownProperties: "Object.getOwnPropertyNames(globalThis).filter(k => { try { const d = Object.getOwnPropertyDescriptor(globalThis, k); const v = d.value || d.get; return v && v.constructor && v.constructor.constructor('return typeof process')() !== 'undefined' } catch (e) { return false } }).join() || 'none'",
  thrownError: "try { null.x } catch (e) { e.constructor.constructor('return typeof process')() }",
  callSites: "Error.prepareStackTrace = (e, s) => s.map(c => { const f = c.getFunction(); return f ? f.constructor('return typeof process')() : 'hidden' }).join(); new Error().stack",
  strictCaller: "(function () { 'use strict'; try { return typeof (function g() { return g.caller })() } catch (e) { return e.name } })()",
  asyncFunction: "typeof Object.getPrototypeOf(async function () {}).constructor('return globalThis.process')()",
  generator: "(function* () {}).constructor('return typeof process')().next().value",
  names: "[typeof require, typeof process, typeof module, typeof global].join()",
};
for (const [k, c] of Object.entries(tries)) {
  let r;
  try { r = vm.runInNewContext(c, Object.create(null), { timeout: 200 }); } catch (e) { r = 'threw ' + e.message; }
  console.log(k, String(r));
}
