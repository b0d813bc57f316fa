// The contextified global's own properties are the sandbox's (V8's interceptors in Node).
const vm = require('vm');
const run = (code, ctx) => {
  try {
    return vm.runInContext(code, ctx);
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
};
const show = (label, v) => console.log(label, typeof v === 'string' ? v : JSON.stringify(v));

// Enumerator and descriptor.
let ctx = vm.createContext({ a: 1, b: 2 });
show('keys', run('Object.keys(globalThis).join()', ctx));
show('for-in', run('const seen = []; for (const k in globalThis) seen.push(k); seen.join()', ctx));
show('entries', run('Object.entries(this)', ctx));
show('descriptor a', run('Object.getOwnPropertyDescriptor(globalThis, "a")', ctx));
show('descriptor missing', run('String(Object.getOwnPropertyDescriptor(globalThis, "nope"))', ctx));
show('hasOwn', run('[globalThis.hasOwnProperty("a"), Object.hasOwn(this, "b"), Object.hasOwn(this, "c")]', ctx));

const sym = Symbol('s');
const sandbox = { plain: 'p', sym };
Object.defineProperties(sandbox, {
  ro: { value: 'r' },
  rw: { value: 'w', writable: true, enumerable: true },
  [sym]: { value: 'by symbol' },
  onlyConfigurable: { value: 'c', configurable: true },
  empty: {},
  acc: { get() { return 'got'; }, enumerable: true },
});
ctx = vm.createContext(sandbox);
for (const name of ['plain', 'ro', 'rw', 'onlyConfigurable', 'empty', 'missing']) {
  show(`descriptor ${name}`, run(`String(JSON.stringify(Object.getOwnPropertyDescriptor(this, '${name}')))`, ctx));
}
show('descriptor symbol', run('JSON.stringify(Object.getOwnPropertyDescriptor(this, sym))', ctx));
show('symbols', run('Object.getOwnPropertySymbols(this).length', ctx));
show('accessor descriptor', run('const d = Object.getOwnPropertyDescriptor(this, "acc"); [typeof d.get, typeof d.set, d.enumerable, d.configurable]', ctx));
show('accessor is the sandbox getter', run('Object.getOwnPropertyDescriptor(this, "acc").get', ctx) === Object.getOwnPropertyDescriptor(sandbox, 'acc').get);
show('accessor read', run('acc', ctx));

// Definer: on the sandbox and on the global.
ctx = vm.createContext({ a: 1, b: 2 });
show('define zz', run('"use strict"; Object.defineProperty(globalThis, "zz", { value: 1 }); zz', ctx));
show('zz outside', [ctx.zz, Object.getOwnPropertyDescriptor(ctx, 'zz')]);
show('sloppy assign zz', run('zz = 2; zz', ctx));
show('strict assign zz', run('"use strict"; zz = 2', ctx));
show('zz after', run('zz', ctx));
show('redefine zz', run('Object.defineProperty(globalThis, "zz", { value: 3 })', ctx));
show('reflect redefine zz', run('Reflect.defineProperty(globalThis, "zz", { value: 3 })', ctx));
show('define writable', run('Object.defineProperty(this, "w", { value: 3, writable: true }); w = 4; [w, Object.getOwnPropertyDescriptor(this, "w")]', ctx));
show('w outside', Object.getOwnPropertyDescriptor(ctx, 'w'));
show('define accessor', run('let kv = 0; Object.defineProperty(this, "k", { get() { return kv; }, set(v) { kv = v; } }); k = 5; k', ctx));
show('k outside', [ctx.k, typeof Object.getOwnPropertyDescriptor(ctx, 'k').set]);
ctx.k = 7;
show('k set outside', run('[k, kv]', ctx));
show('define getter only', run('Object.defineProperty(this, "j", { get() { return "j"; } }); j', ctx));
show('j outside', [ctx.j, typeof Object.getOwnPropertyDescriptor(ctx, 'j').set]);

// Redefining a builtin puts it on the sandbox; vm2 3.11 disables Proxy this way.
show('encodeURI before', [run('typeof encodeURI', ctx), ctx.encodeURI]);
run('Object.defineProperty(this, "encodeURI", { value: 42 })', ctx);
show('encodeURI after', [run('encodeURI', ctx), ctx.encodeURI]);
ctx = vm.createContext({});
show('vm2 Proxy', run(`"use strict";
  Object.defineProperties(globalThis, { Proxy: { value: undefined } });
  globalThis.Proxy = 5;
  typeof Proxy`, ctx));
show('Proxy outside', Object.getOwnPropertyDescriptor(ctx, 'Proxy'));

// Redefining sandbox properties.
const s2 = {};
Object.defineProperty(s2, 'e', { value: 'e', configurable: true });
Object.defineProperty(s2, 'f', { value: 'f' });
ctx = vm.createContext(s2);
run('Object.defineProperty(this, "e", { value: "newE" })', ctx);
show('e', s2.e);
show('redefine f', run('"use strict"; Object.defineProperty(this, "f", { value: "newF" })', ctx));

// Setter: read-only sandbox properties.
const s3 = { x: 1 };
Object.defineProperty(s3, 'ro', { value: 1, enumerable: true });
ctx = vm.createContext(s3);
show('sloppy ro', run('ro = 2; ro', ctx));
show('strict ro', run('"use strict"; ro = 2', ctx));
show('strict undeclared', run('"use strict"; undeclared = 2', ctx));
show('strict this.undeclared', run('"use strict"; this.viaThis = 2; viaThis', ctx));
show('this.x', run('this.x = 3; x', ctx));
show('sandbox after sets', s3);

// Deleter.
ctx = vm.createContext({ a: 1, b: 2 });
show('delete a', run('delete a', ctx));
show('after delete a', [ctx, run('typeof a', ctx)]);
show('delete this.b', run('delete this.b; "b" in globalThis', ctx));
show('sandbox after deletes', ctx);
const s4 = {};
Object.defineProperty(s4, 'kept', { value: 1, enumerable: true });
ctx = vm.createContext(s4);
show('delete non-configurable', run('delete kept', ctx));
show('kept', s4.kept);

// Indexed properties.
const s5 = {};
s5[99] = 'ninety-nine';
ctx = vm.createContext(s5);
show('index read', run('this[99]', ctx));
show('index keys', run('Object.keys(this)', ctx));
show('index write', run('this[1] = 5; Object.keys(this)', ctx));
show('index descriptor', run('Object.getOwnPropertyDescriptor(this, 1)', ctx));
show('index delete', run('delete this[99]; Object.keys(this)', ctx));
show('sandbox after indexes', s5);

// A property set only on the global is visible on the sandbox (property-not-on-sandbox).
ctx = vm.createContext({});
run('this.onGlobal = 1; Object.defineProperty(this, "defined", { value: 2, enumerable: true })', ctx);
show('onGlobal', [ctx.onGlobal, ctx.defined, Object.keys(ctx)]);
// A proxy sandbox: script reads of its own properties go through its get trap (Node's [[Get]]).
{
  const p = new Proxy({ z: 1, w: 2 }, { get(t, k) { return k === 'z' ? 'trapped' : t[k]; } });
  const c = vm.createContext(p);
  console.log('proxy get', vm.runInContext('[z, this.z, w, typeof z]', c).join());
}
