// The facts jsvm keeps on call sites handed to a context's Error.prepareStackTrace (their
// receivers' type and method, for sites kept past the formatter): an object of the library's
// class under a symbol, with no prototype, so nothing of another realm is reached through it,
// read-only, and changing nothing for code that tries. Node keeps them in V8's private fields
// (no key to see).
const vm = require('vm');
const context = vm.createContext({});
const out = vm.runInContext(`
  Error.prepareStackTrace = (_, stack) => stack;
  class C { m() { return new Error().stack; } }
  const site = new C().m()[0];
  delete Error.prepareStackTrace;
  const keys = Reflect.ownKeys(site);
  const lines = [];
  lines.push('keys: ' + keys.length + ', symbols: ' + keys.filter((k) => typeof k === 'symbol').length);
  for (const key of keys) {
    const facts = site[key];
    lines.push('prototype: ' + Object.getPrototypeOf(facts));
    lines.push('own keys of the facts: ' + Reflect.ownKeys(facts).length);
    lines.push('constructor reached: ' + typeof facts.constructor);
    try { site[key] = {}; } catch (e) { lines.push('assign: ' + e.constructor.name); }
    try { delete site[key]; } catch (e) { lines.push('delete: ' + e.constructor.name); }
    lines.push('still: ' + (site[key] === facts));
  }
  lines.push('type: ' + site.getTypeName() + ', method: ' + site.getMethodName());
  lines.join('\\n');
`, context);
console.log(out);
