// WebAssembly globals and externref under the vm's limits and its boundary (run with
// --memory-limit 64): externref values made in a loop stop at the memory limit as errors
// (each value a realm's wasm holds stays held while its store lives; an externref table grows
// only as far as the limit); a wasm loop over a global stops at the timeout; a Global or an
// externref Table of one context does not link into another context's instance (jsvm links wasm objects within a realm: a LinkError),
// and a table of one context hands its values only through its own realm's record. Node: the
// loops grow until V8's heap limit ends the process (or stop at the timeout); its contexts
// link each other's globals and tables.
const vm = require('vm');
const leb = n => { const o = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
const str = s => [...leb(s.length), ...Buffer.from(s)];
const sec = (id, body) => [id, ...leb(body.length), ...body];
const vec = items => [...leb(items.length), ...items.flat()];
const mod = (...secs) => new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, ...secs.flat()]);
// (global (mut i32) (i32.const 0)) (func (export "spin") (loop global.get 0 i32.const 1 i32.add global.set 0 br 0))
const spin = mod(
  sec(1, vec([[0x60, 0, 0]])), sec(3, vec([[0]])),
  sec(6, vec([[0x7f, 1, 0x41, 0, 0x0b]])),
  sec(7, vec([[...str('spin'), 0, 0]])),
  sec(10, vec([[...leb(14), 0, 0x03, 0x40, 0x23, 0, 0x41, 1, 0x6a, 0x24, 0, 0x0c, 0, 0x0b, 0x0b]])),
);
// (import "js" "g" (global (mut i32))) (import "js" "t" (table 1 externref))
const imports = mod(sec(2, vec([[...str('js'), ...str('g'), 3, 0x7f, 1], [...str('js'), ...str('t'), 1, 0x6f, 0, 1]])));
const cases = {
  spin: 'new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.spin()',
  externrefTableBomb: 'const t = new WebAssembly.Table({ element: "externref", initial: 1 }); for (;;) t.grow(100000, {})',
  // Last: the strings it made stay in the engine's heap until the context is collected. The
  // limit is met either by the charge for the value held (RangeError, the library's) or by the
  // engine allocating the next string (InternalError): which one comes first shifts with the
  // heap's starting size (a larger environment moves it), so both read as out of memory.
  externrefBomb: 'const t = new WebAssembly.Table({ element: "externref", initial: 1 }); for (let i = 0; ; i++) t.set(0, "v" + i)',
};
const run = () => {
  for (const [name, code] of Object.entries(cases)) {
    const start = Date.now();
    try {
      console.log(name, 'returned', vm.runInNewContext(code, { bytes: spin }, { timeout: 2000 }));
    } catch (e) {
      const oom = name === 'externrefBomb' && /^(RangeError|InternalError)$/.test(e.name) && /out of memory/i.test(e.message);
      const what = oom ? 'out of memory' : `${e.code || e.name} ${e.message.slice(0, 70)}`;
      console.log(name, what, Date.now() - start < 5000 ? 'in time' : 'LATE');
    }
  }
};
// The same value set twice is held once: a loop over a few values goes on.
console.log(vm.runInNewContext('const t = new WebAssembly.Table({ element: "externref", initial: 1 }); const o = {}; for (let i = 0; i < 200000; i++) t.set(0, i % 2 ? o : "same"); t.get(0) === o'));
const a = vm.createContext({});
const [g, t] = vm.runInContext('const o = { secret: 1 }; const t = new WebAssembly.Table({ element: "externref", initial: 1 }, o); [new WebAssembly.Global({ value: "i32", mutable: true }, 5), t]', a);
const b = vm.createContext({ g, t, bytes: imports });
for (const code of [
  'new WebAssembly.Instance(new WebAssembly.Module(bytes), { js: { g, t: new WebAssembly.Table({ element: "externref", initial: 1 }) } })',
  'new WebAssembly.Instance(new WebAssembly.Module(bytes), { js: { g: new WebAssembly.Global({ value: "i32", mutable: true }), t } })',
]) {
  try {
    vm.runInContext(code, b);
    console.log('linked');
  } catch (e) {
    console.log(e.name, e.message, e instanceof vm.runInContext('WebAssembly.LinkError', b));
  }
}
// B's own Table.prototype.get on A's table gives A's value (the table's realm answers).
console.log(vm.runInContext('WebAssembly.Table.prototype.get.call(t, 0).secret', b), vm.runInContext('g.value', b));
run();
