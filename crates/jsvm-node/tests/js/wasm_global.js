'use strict';
// WebAssembly.Global: the constructor (i32, i64 as BigInt, f32, f64, externref, anyfunc),
// value get/set and valueOf with V8's errors, and globals imported and exported by modules
// (a number, a BigInt or a Global; mutable globals shared with wasm code).
const leb = n => { const o = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
const str = s => [...leb(s.length), ...Buffer.from(s)];
const sec = (id, body) => [id, ...leb(body.length), ...body];
const vec = items => [...leb(items.length), ...items.flat()];
const mod = (...secs) => new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, ...secs.flat()]);
const T = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, externref: 0x6f, funcref: 0x70 };
const show = f => { try { console.log(f()); } catch (e) { console.log(e.name, e.message); } };

const g = new WebAssembly.Global({ value: 'i32', mutable: true }, 42);
console.log(g.value, g.valueOf(), String(g), Object.prototype.toString.call(g), g instanceof WebAssembly.Global);
g.value = 7.9; console.log(g.value);
g.value = 2 ** 32 + 5; console.log(g.value);
const gi = new WebAssembly.Global({ value: 'i64' }, 5n);
console.log(gi.value, typeof gi.value);
show(() => { gi.value = 3n; });
show(() => new WebAssembly.Global({ value: 'i64' }, 5));
console.log(new WebAssembly.Global({ value: 'f32', mutable: true }, 1.1).value, new WebAssembly.Global({ value: 'f32' }, 16777217).value);
console.log(new WebAssembly.Global({ value: 'f64' }).value, new WebAssembly.Global({ value: 'i64' }).value, new WebAssembly.Global({ value: 'f32' }, NaN).value);
show(() => WebAssembly.Global({ value: 'i32' }));
show(() => new WebAssembly.Global());
show(() => new WebAssembly.Global({ value: 'x' }));
show(() => new WebAssembly.Global({ value: 'v128' }));
show(() => new WebAssembly.Global({}));
show(() => WebAssembly.Global.prototype.value);
show(() => WebAssembly.Global.prototype.valueOf.call({}));
const d = Object.getOwnPropertyDescriptor(WebAssembly.Global.prototype, 'value');
console.log(typeof d.get, typeof d.set, d.get.name, d.set.name, d.enumerable, d.configurable);
show(() => d.set.call(g));
show(() => d.set.call({}, 1));
console.log(Object.getOwnPropertyNames(WebAssembly.Global.prototype), WebAssembly.Global.length, WebAssembly.Global.prototype[Symbol.toStringTag]);
const ge = new WebAssembly.Global({ value: 'externref', mutable: true }, { a: 1 });
console.log(ge.value); ge.value = 'x'; console.log(ge.value); ge.value = undefined; console.log(ge.value);
console.log(new WebAssembly.Global({ value: 'externref' }).value, new WebAssembly.Global({ value: 'anyfunc' }).value);
show(() => new WebAssembly.Global({ value: 'anyfunc' }, () => 1));
const gf = new WebAssembly.Global({ value: 'anyfunc', mutable: true });
show(() => { gf.value = () => 1; });
show(() => { new WebAssembly.Global({ value: 'f64' }).value = 1; });
console.log(new WebAssembly.Global({ value: 'i32', mutable: 0 }, '12').value);
show(() => new WebAssembly.Global({ value: 'i32', mutable: true }, 1n));
show(() => { g.value = Symbol('s'); });
show(() => new WebAssembly.Global({ value: 'i32' }, { valueOf() { throw new Error('boom'); } }));
const g3 = new WebAssembly.Global({ value: 'i64', mutable: true });
g3.value = true; console.log(g3.value); g3.value = '12'; console.log(g3.value);
show(() => { g3.value = 'x'; });
console.log(new WebAssembly.Global({ value: { toString() { return 'f64'; } } }, 0.5).value);
class G extends WebAssembly.Global {}
const sg = new G({ value: 'i32' }, 4);
console.log(sg instanceof G, sg.value, Object.keys(WebAssembly.Global.prototype));

// (import "env" "g" (global ty mut)) (func (export "get") (result ty) global.get 0) (export "g" (global 0))
function getter(ty, mut) {
  return mod(
    sec(1, vec([[0x60, 0, 1, T[ty]]])),
    sec(2, vec([[...str('env'), ...str('g'), 3, T[ty], mut]])),
    sec(3, vec([[0]])),
    sec(7, vec([[...str('get'), 0, 0], [...str('g'), 3, 0]])),
    sec(10, vec([[...leb(4), 0, 0x23, 0, 0x0b]])),
  );
}
const m = new WebAssembly.Module(getter('i32', 0));
console.log(WebAssembly.Module.imports(m), WebAssembly.Module.exports(m));
let i = new WebAssembly.Instance(m, { env: { g: 5 } });
console.log(i.exports.get(), i.exports.g instanceof WebAssembly.Global, i.exports.g.value, i.exports.g === i.exports.g);
i = new WebAssembly.Instance(m, { env: { g: new WebAssembly.Global({ value: 'i32' }, 9) } });
console.log(i.exports.get(), i.exports.g.value);
for (const v of ['x', 5n, {}, new WebAssembly.Global({ value: 'i64' }, 1n), new WebAssembly.Global({ value: 'i32', mutable: true }, 1), new WebAssembly.Global({ value: 'i64', mutable: true }), undefined]) {
  show(() => new WebAssembly.Instance(m, { env: { g: v } }) && 'ok');
}
const mm = new WebAssembly.Module(getter('i32', 1));
const gm = new WebAssembly.Global({ value: 'i32', mutable: true }, 3);
i = new WebAssembly.Instance(mm, { env: { g: gm } });
console.log(i.exports.get(), i.exports.g === gm, i.exports.g.value);
gm.value = 11; console.log(i.exports.get());
for (const v of [5, new WebAssembly.Global({ value: 'i32' }, 1)]) show(() => new WebAssembly.Instance(mm, { env: { g: v } }) && 'ok');
const m64 = new WebAssembly.Module(getter('i64', 0));
i = new WebAssembly.Instance(m64, { env: { g: 7n } }); console.log(i.exports.get(), i.exports.g.value);
show(() => new WebAssembly.Instance(m64, { env: { g: 7 } }));
i = new WebAssembly.Instance(new WebAssembly.Module(getter('f64', 0)), { env: { g: 1.5 } });
console.log(i.exports.get(), i.exports.g.value);
i = new WebAssembly.Instance(new WebAssembly.Module(getter('f32', 0)), { env: { g: 0.1 } });
console.log(i.exports.get(), i.exports.g.value);
const o = { k: 1 };
i = new WebAssembly.Instance(new WebAssembly.Module(getter('externref', 0)), { env: { g: o } });
console.log(i.exports.get() === o, i.exports.g.value === o);

// A module's own mutable global, bumped by wasm code and set from JavaScript:
// (global (mut i32) (i32.const 100)) (func (export "bump") global.get 0 i32.const 1 i32.add global.set 0)
const own = new WebAssembly.Instance(new WebAssembly.Module(mod(
  sec(1, vec([[0x60, 0, 0]])),
  sec(3, vec([[0]])),
  sec(6, vec([[T.i32, 1, 0x41, ...leb(100), 0x0b]])),
  sec(7, vec([[...str('bump'), 0, 0], [...str('counter'), 3, 0]])),
  sec(10, vec([[...leb(9), 0, 0x23, 0, 0x41, 1, 0x6a, 0x24, 0, 0x0b]])),
)));
const counter = own.exports.counter;
own.exports.bump(); own.exports.bump();
console.log(counter.value);
counter.value = -1; own.exports.bump();
console.log(counter.value, counter.valueOf());
