// A proxy whose handler's trap is no function: V8 names the value, the trap and the handler
// (jsvm read the engine's 'not a function' as a call's and named a callee from the source).
const vm = require('vm');
function t(f) {
  try {
    f();
  } catch (e) {
    console.log(e.constructor.name + ': ' + e.message);
  }
}
class H {
  constructor() {
    this.get = [1];
  }
}
t(() => new Proxy({}, { get: 1 }).x);
t(() => { const p = new Proxy({}, { get: 1 }); p.x; });
t(() => { const p = new Proxy({}, new H()); p.x; });
t(() => { const p = new Proxy([], { get: 'no' }); p.length; });
t(() => { const p = new Proxy({}, { get: 1 }); p.m(); });
t(() => { const p = new Proxy({}, { has: 'x' }); 'a' in p; });
t(() => { const p = new Proxy({}, { deleteProperty: 3 }); delete p.x; });
// An assignment: its object read from the variable it came from (a local, a captured one).
t(() => { const p = new Proxy({}, { set: {} }); p.a = 1; });
t(() => { 'use strict'; const p = new Proxy({}, { set: 4 }); p.b = 2; });
t(() => { let q = new Proxy({}, { set: 'no' }); (() => { q.c = 3; })(); });
// A function trap and an undefined one are not refused.
t(() => console.log(new Proxy({ x: 1 }, { get: undefined }).x, new Proxy({}, { get: () => 2 }).x));
// In a context and in code of eval.
t(() => vm.runInNewContext('const p = new Proxy({}, { get: 5 }); p.q'));
t(() => eval('const p = new Proxy({}, { has: null }); const q = new Proxy({}, { has: 7 }); "a" in p; "a" in q'));
