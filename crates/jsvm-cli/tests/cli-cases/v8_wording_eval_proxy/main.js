'use strict';
// V8's wording where QuickJS words differently and the source settles it: callee names in
// code compiled by eval (a literal) and new Function, redeclarations there, proxy traps that
// refuse (the key read from the assignment or the defineProperty call), the proxy invariants
// QuickJS words with one V8 counterpart; and the column of a caller's frame at the callee.
const vm = require('vm');
const t = (f) => {
  try { f(); console.log('no error'); } catch (e) { console.log(`${e.name}: ${e.message}`); }
};
const o = { g: () => 1 };
t(() => eval('o.foo()'));
t(() => eval('1;\n  o.bar()'));
t(() => new Function('o', 'return o.foo()')(o));
t(() => new Function('o', 'const x = 1;\nreturn o.g(o.missing())')(o));
t(() => new Function('o', 'return new o.g()')(o));
t(() => eval('let r2; let r2;'));
t(() => new Function('a', 'let r3;\nlet r3;'));
t(() => vm.runInNewContext('eval("let r5; let r5;")'));
t(() => vm.runInThisContext('let r; let r;'));
const refuse = new Proxy({}, { set() { return false; }, defineProperty() { return false; } });
const holder = { p: refuse };
t(() => { refuse.x = 1; });
t(() => { holder.p.yy += 1; });
t(() => { refuse['zz'] = 1; });
t(() => { refuse[0] = 1; });
t(() => Object.defineProperty(refuse, 'test', { value: 1 }));
t(() => Object.defineProperty(holder.p, "quoted", { value: 1 }));
console.log(Reflect.defineProperty(refuse, 'test', { value: 1 }), Reflect.set(refuse, 'x', 1));
t(() => Object.preventExtensions(new Proxy({}, { preventExtensions() { return true; } })));
t(() => Object.keys(new Proxy({}, { ownKeys() { return 1; } })));
t(() => Object.keys(new Proxy({}, { ownKeys() { return ['a', 'a']; } })));
const ne = Object.preventExtensions({ a: 1 });
t(() => Object.keys(new Proxy(ne, { ownKeys() { return ['a', 'b']; } })));
// The caller's frame points at the callee's name (at `new` for a construction).
function a() { throw new Error('x'); }
class K { constructor() { a(); } }
const m = { n(x) { return x; }, m() { a(); } };
const at = (f) => {
  try { f(); } catch (e) { console.log(e.stack.split('\n').slice(1, 4).map((l) => l.replace(/^.*\((.*)\)$/, '$1').replace(/^\s*at /, '').replace(__dirname, '<DIR>')).join(' | ')); }
};
at(() => { const z = 1; const w = 2;       a(); });
at(() => { const z = 1; m.n(1, m.n(2, a())); });
at(() => { const z = 1;   new K(); });
at(() => { const z = 1;   new K(1, 2); });
at(() => { const z = 1;   m.n(m.m(), 2); });
at(() => { const z = 1;   [1].map(a); });
at(() => { const z = 1;   a.call(null, 1); });
at(() => { const z = 1;   m . m ( ); });
// The getPrototypeOf and setPrototypeOf invariants (QuickJS words both "inconsistent prototype").
const pxTarget = Object.preventExtensions({});
const px = new Proxy(pxTarget, { getPrototypeOf() { return Array.prototype; }, setPrototypeOf() { return true; } });
try { Object.getPrototypeOf(px) } catch (e) { console.log(e.message) }
try { Reflect.getPrototypeOf(px) } catch (e) { console.log(e.message) }
try { Object.setPrototypeOf(px, Array.prototype) } catch (e) { console.log(e.message) }
try { Reflect.setPrototypeOf(px, Array.prototype); console.log('reflect ok') } catch (e) { console.log(e.message) }
