// vm.createContext(vm.constants.DONT_CONTEXTIFY): the context's own global, an ordinary
// object (no sandbox behind it), as jsdom uses it for a window.
'use strict';
const vm = require('vm');
const log = (...a) => console.log(...a);

const g = vm.createContext(vm.constants.DONT_CONTEXTIFY);
log(typeof g, vm.isContext(g), vm.runInContext('this', g) === g, vm.runInContext('globalThis', g) === g);
log(Object.prototype.toString.call(g), g.Array === Array, typeof g.Array, g.Object.name);
log(Object.getOwnPropertyNames(g).includes('Array'), Object.keys(g));
g.x = 5;
log(vm.runInContext('x + 1', g));
vm.runInContext('var v = 1; globalThis.w = 2; function f() { return "f"; } let l = 3;', g);
log(g.v, g.w, g.f(), g.l, Object.keys(g));
log(vm.runInContext('l', g), Object.getOwnPropertyDescriptor(g, 'v'));

// Replacing the global's prototype keeps the builtins (they are the global's own).
const proto = Object.create({ inherited() { return 'from proto'; } });
proto.viaProto = 'p';
Object.setPrototypeOf(g, proto);
log(Object.getPrototypeOf(g) === proto);
log(vm.runInContext('typeof Object + " " + typeof Array + " " + inherited() + " " + viaProto', g));
log(vm.runInContext('[1, 2, 3].map((n) => n * 2).join()', g), vm.runInContext('new Map([[1, 2]]).get(1)', g));
vm.runInContext('globalThis.later = "set later"', g);
log(g.later, 'later' in g, g.hasOwnProperty('later'));

// Accessors defined on the global run with the global as `this`.
Object.defineProperty(g, 'self', { get() { return this; }, configurable: true });
log(vm.runInContext('self === globalThis', g), g.self === g);

// Another one is another realm; deleting a builtin removes it.
const g2 = vm.createContext(vm.constants.DONT_CONTEXTIFY);
log(g2 !== g, g2.Array !== g.Array, vm.runInContext('delete globalThis.Array; typeof Array', g2));

// Errors thrown inside are of the context's realm.
try {
  vm.runInContext('null.x', g2);
} catch (e) {
  log(e instanceof TypeError, e instanceof g2.TypeError, e.message);
}
log(vm.runInContext('missing = 1; missing', g2), g2.missing);
try {
  vm.runInContext('notDefined', g2);
} catch (e) {
  log(e.name, e.message);
}

// codeGeneration and the microtask mode apply as for other contexts.
const noEval = vm.createContext(vm.constants.DONT_CONTEXTIFY, { codeGeneration: { strings: false } });
try {
  vm.runInContext('eval("1")', noEval);
} catch (e) {
  log(e.name, e.message);
}
const after = vm.createContext(vm.constants.DONT_CONTEXTIFY, { microtaskMode: 'afterEvaluate' });
after.out = [];
vm.runInContext('Promise.resolve().then(() => out.push("job")); out.push("sync")', after);
log(after.out);
