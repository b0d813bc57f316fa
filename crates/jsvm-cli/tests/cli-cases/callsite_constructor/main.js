// A call site's prototype has a `constructor`, `CallSite`, which makes none: sandboxes (vm2)
// find the prototype through `sites[0].constructor` in a context and wrap the sites that the
// context's own formatter is given, so its frames show the wrapper's text.
const vm = require('vm');

function firstSite() {
  let site;
  const saved = Error.prepareStackTrace;
  Error.prepareStackTrace = (e, sites) => { site = sites[0]; };
  new Error().stack;
  Error.prepareStackTrace = saved;
  return site;
}
const site = firstSite();
const CallSite = site.constructor;
console.log(CallSite.name, CallSite.length, CallSite.prototype === Object.getPrototypeOf(site));
console.log(Object.getOwnPropertyDescriptor(CallSite.prototype, 'constructor').enumerable);
for (const make of [() => CallSite(), () => new CallSite()]) {
  try { make(); } catch (e) { console.log(e instanceof Error, e.message); }
}
console.log(Object.prototype.toString.call(site), Object.keys(site).length);

const ctx = vm.createContext({});
const stack = vm.runInContext(`
  let Original;
  Error.prepareStackTrace = (e, sites) => { Original = sites[0].constructor; };
  new Error().stack;
  class Wrapped {
    constructor(site) { this.file = Original.prototype.getFileName.call(site); }
    toString() { return 'Wrapped(' + this.file + ')'; }
  }
  Error.prepareStackTrace = (e, sites) =>
    e.message + sites.map((s) => '\\n    at ' + new Wrapped(s)).join('');
  function inner() { return new Error('from the context').stack; }
  [typeof Original, Original.name, Original === Object, inner()];
`, ctx, { filename: 'sandboxed.js' });
console.log(stack[0], stack[1], stack[2]);
// The frames of the context (the host's frames below them differ by runtime).
console.log(stack[3].split('\n').slice(0, 3).join('\n'));
