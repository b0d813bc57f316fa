// Call sites kept past Error.prepareStackTrace (as the `callsites` package keeps them) answer
// as they did inside it: type, method, top level, and their text.
'use strict';
const vm = require('vm');

function callsites() {
  const orig = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, stack) => stack;
  const stack = new Error().stack.slice(1);
  Error.prepareStackTrace = orig;
  return stack;
}
const show = (s) => [
  String(s).replace(/\(.*[\\/]/, '('),
  s.getTypeName(), s.getMethodName(), s.getFunctionName(), s.isToplevel(), s.isConstructor(),
].map((v) => (v === null ? 'null' : v === undefined ? 'undefined' : String(v))).join(' | ');

class A { m(x) { return callsites(); } static s() { return callsites(); } }
class B extends A {}
function plain() { return callsites(); }
class K { constructor() { this.sites = callsites(); } }
const o = { method() { return callsites(); }, fewer(a, b) { return callsites(); } };
const alias = { other: o.method };

console.log(show(new A().m(1)[0]));
console.log(show(new B().m()[0]));
console.log(show(A.s()[0]));
console.log(show(plain()[0]));
console.log(show(new K().sites[0]));
console.log(show(o.method()[0]));
console.log(show(o.fewer()[0]));
console.log(show(alias.other()[0]));
console.log(show([1].map(() => callsites())[0][1]));
console.log(show(callsites()[0]));
// The same site read twice, and after more stacks were made.
const kept = new A().m()[0];
callsites();
console.log(show(kept) === show(kept), show(kept));
// Sites of a context's own errors, kept by its code.
const context = vm.createContext({});
console.log(vm.runInContext(`
  function callsites() {
    Error.prepareStackTrace = (_, stack) => stack;
    const stack = new Error().stack.slice(1);
    delete Error.prepareStackTrace;
    return stack;
  }
  class C { m() { return callsites(); } }
  const s = new C().m()[0];
  [s.getTypeName(), s.getMethodName(), s.isToplevel(), Object.keys(s).length].join(' ');
`, context));
