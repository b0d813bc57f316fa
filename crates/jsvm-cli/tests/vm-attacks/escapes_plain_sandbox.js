// A context made from a plain object (no sandbox, `{}`, `{ a: 1 }`, `vm.createContext()`),
// which inherits the host's Object.prototype: no way found to the host's realm. Node answers
// `this.constructor` from the sandbox's chain, so `this.constructor.constructor('return
// process')()` returns the host's process there (the classic escape: under node, the first
// four lines of each sandbox and `prototypeWalk`, `valueOf` print "object", `ownProperties`
// "globalThis"). jsvm answers the names of Object.prototype from the context's own.
// `__proto__` read as a global name is the sandbox's prototype (as in Node), answered as a data
// property: `__lookupGetter__('__proto__')` on the global finds no getter.
const vm = require('vm');
const tries = {
  constructorChain: "this.constructor.constructor('return typeof process')()",
  bareConstructor: "constructor.constructor('return typeof process')()",
  protoAccessor: "this.__proto__.constructor.constructor('return typeof process')()",
  inheritedMethod: "hasOwnProperty.constructor('return typeof process')()",
  lookupGetter: "this.__lookupGetter__('__proto__').constructor('return typeof process')()",
  globalPrototype: "Object.getPrototypeOf(globalThis).constructor.constructor('return typeof process')()",
  prototypeWalk: "(() => { const seen = []; let o = globalThis; while (o) { try { seen.push(o.constructor.constructor('return typeof process')()) } catch (e) { seen.push(e.name) } o = Object.getPrototypeOf(o) } return seen.join() })()",
  valueOf: "this.valueOf().constructor.constructor('return typeof process')()",
  ownProperties: "Object.getOwnPropertyNames(globalThis).filter(k => { try { const d = Object.getOwnPropertyDescriptor(globalThis, k); const v = d.value || d.get; return v && v.constructor && v.constructor.constructor('return typeof process')() !== 'undefined' } catch (e) { return false } }).join() || 'none'",
  thrownError: "try { null.x } catch (e) { e.constructor.constructor('return typeof process')() }",
  names: "[typeof require, typeof process, typeof module, typeof global].join()",
  stillWorks: "[this.hasOwnProperty('a'), toString(), String(this), typeof a].join()",
};
const sandboxes = {
  none: () => undefined,
  empty: () => ({}),
  data: () => ({ a: 1 }),
  created: () => vm.createContext(),
};
for (const [s, make] of Object.entries(sandboxes)) {
  for (const [k, c] of Object.entries(tries)) {
    let r;
    try {
      const sandbox = make();
      r = s === 'created' ? vm.runInContext(c, sandbox, { timeout: 200 }) : vm.runInNewContext(c, sandbox, { timeout: 200 });
    } catch (e) { r = 'threw ' + e.message; }
    console.log(s, k, String(r));
  }
}
// A class instance as sandbox: its own methods still answer (as in Node).
class Page { toString() { return 'page' } }
console.log(vm.runInNewContext("toString() + ' ' + this.toString() + ' ' + this.constructor.name", new Page()));
