// Engine error messages in V8's words where jsvm can settle them: redeclared identifiers
// (at run time and at compile time, with the caret at the name), a callee that is no
// constructor, `this` before super(), JSON.parse positions, proxy traps that refuse.
const vm = require('vm');
const t = (f) => {
  try { f(); } catch (e) { console.log(`${e.name}: ${e.message}`); }
};
vm.runInThisContext('let r = 1');
t(() => vm.runInThisContext('let r = 2'));
t(() => vm.runInThisContext('var r = 2'));
const ctx = vm.createContext({});
vm.runInContext('const k = 1', ctx);
t(() => vm.runInContext('let k = 2', ctx));
t(() => vm.runInContext('function k() {}', ctx));
t(() => vm.runInThisContext('let q = 1;\nconst q = 2;', { filename: 'redeclared.js' }));
try {
  new vm.Script('function f() { let a; { } let a = 2; }', { filename: 'caret.js' });
} catch (e) {
  console.log(e.stack.split('\n').slice(0, 5).join('\n'));
}
const Arrow = () => {};
t(() => new Arrow());
t(() => { const o = { m: () => {} }; return new o.m(); });
t(() => new (class B extends Object { constructor() { this.x = 1; super(); } })());
t(() => JSON.parse('{bad'));
t(() => JSON.parse('[1, 2'));
t(() => Object.setPrototypeOf(new Proxy({}, { setPrototypeOf() { return false; } }), null));
t(() => Object.preventExtensions(new Proxy({}, { preventExtensions() { return false; } })));
console.log(Reflect.preventExtensions(new Proxy({}, { preventExtensions() { return false; } })));
// Syntax errors thrown while running (new Function, eval): the compile-time words.
t(() => new Function('a', 'return a +'));
t(() => eval('({ a: 1 }'));
t(() => new Function('}'));
t(() => eval('return 5'));
t(() => eval('"abc'));
t(() => { throw new SyntaxError('my own message'); });
// Update operators on what is not a reference: V8 names the form.
t(() => new vm.Script('-----BEGIN CERTIFICATE-----'));
t(() => new vm.Script('1++'));
