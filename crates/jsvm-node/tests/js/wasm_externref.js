'use strict';
// externref in WebAssembly: tables of 'externref' (get/set/grow with any JavaScript value),
// and JavaScript values passing through wasm functions and tables as they are.
const leb = n => { const o = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
const str = s => [...leb(s.length), ...Buffer.from(s)];
const sec = (id, body) => [id, ...leb(body.length), ...body];
const vec = items => [...leb(items.length), ...items.flat()];
const mod = (...secs) => new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, ...secs.flat()]);
const show = f => { try { console.log(f()); } catch (e) { console.log(e.name, e.message); } };
const EXT = 0x6f;

const t = new WebAssembly.Table({ element: 'externref', initial: 2 });
console.log(t.length, t.get(0), t.get(1), String(t));
const o = { a: 1 };
t.set(0, o); console.log(t.get(0) === o, t.get(0));
t.set(1); console.log(t.get(1));
t.set(1, null); console.log(t.get(1));
console.log(t.grow(2, 'x'), t.length, t.get(2), t.get(3));
console.log(t.grow(1), t.get(4));
t.set(2, Symbol.for('s')); console.log(t.get(2));
t.set(3, 10n); console.log(t.get(3));
t.set(4, 0.5); console.log(t.get(4), t.get(0) === t.get(0));
const t2 = new WebAssembly.Table({ element: 'externref', initial: 1, maximum: 2 }, 42);
console.log(t2.get(0));
show(() => t2.grow(5));
show(() => t2.get(9));
show(() => t2.set(9, 1));
const f = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
show(() => { f.set(0); return f.get(0); });

// (func (export "id") (param externref) (result externref) local.get 0)
// (func (export "isnull") (param externref) (result i32) local.get 0 ref.is_null)
// (import "js" "t" (table 2 externref))
// (func (export "get") (param i32) (result externref) local.get 0 table.get 0)
// (func (export "put") (param i32 externref) local.get 0 local.get 1 table.set 0)
// (import "js" "cb" (func (param externref) (result externref)))
// (func (export "call") (param externref) (result externref) local.get 0 call 0)
const bytes = mod(
  sec(1, vec([[0x60, 1, EXT, 1, EXT], [0x60, 1, EXT, 1, 0x7f], [0x60, 1, 0x7f, 1, EXT], [0x60, 2, 0x7f, EXT, 0]])),
  sec(2, vec([[...str('js'), ...str('cb'), 0, 0], [...str('js'), ...str('t'), 1, EXT, 0, 2]])),
  sec(3, vec([[0], [1], [2], [3], [0]])),
  sec(7, vec([[...str('id'), 0, 1], [...str('isnull'), 0, 2], [...str('get'), 0, 3], [...str('put'), 0, 4], [...str('call'), 0, 5]])),
  sec(10, vec([
    [4, 0, 0x20, 0, 0x0b],
    [5, 0, 0x20, 0, 0xd1, 0x0b],
    [6, 0, 0x20, 0, 0x25, 0, 0x0b],
    [8, 0, 0x20, 0, 0x20, 1, 0x26, 0, 0x0b],
    [6, 0, 0x20, 0, 0x10, 0, 0x0b],
  ])),
);
const shared = new WebAssembly.Table({ element: 'externref', initial: 2 });
const seen = [];
const { exports: e } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
  js: { t: shared, cb: v => { seen.push(v); return [v]; } },
});
const fn = () => 1;
for (const v of [o, 'str', 1.5, 7n, undefined, null, fn, true]) console.log(e.id(v) === v, e.isnull(v));
shared.set(0, o); console.log(e.get(0) === o, e.get(1));
e.put(1, fn); console.log(shared.get(1) === fn);
e.put(1, null); console.log(shared.get(1));
const back = e.call(o);
console.log(Array.isArray(back), back[0] === o, seen[0] === o);
show(() => e.get(5));
show(() => new WebAssembly.Instance(new WebAssembly.Module(bytes), { js: { t: new WebAssembly.Table({ element: 'anyfunc', initial: 2 }), cb() {} } }));
// An externref global holding an exported function keeps its identity.
const gx = new WebAssembly.Global({ value: 'externref', mutable: true }, e.id);
console.log(gx.value === e.id);
