// WebAssembly re-entered and shared (branch redteam15, --memory-limit 64): an imported
// JavaScript function that grows the memory and the table, reads the buffer, instantiates the
// module again and calls back into the instance while its wasm frame is live; a result's
// valueOf that grows both in the middle of a call; wasm -> JavaScript -> wasm without end;
// tables and memories grown past the limit; a loop of memory.fill over the whole memory and a
// wasm loop calling JavaScript, each under a timeout; one context's instance, table and memory
// handed to another. Node: the same answers, except the growth past 64 MiB (V8's own caps)
// and a foreign table element (V8 takes another context's function).
const vm = require('vm');
// (module (import "env" "cb" (func $cb (param i32) (result i32))) (memory (export "mem") 1)
//   (table (export "tab") 2 funcref) (elem (i32.const 0) $f)
//   (func $f (export "f") (param i32) (result i32) store, call $cb, load, add)
//   (func (export "grow") ...) (func (export "tgrow") ...) (func (export "call_indirect") ...)
//   (func (export "fillloop") (loop memory.fill over memory.size pages, br 0))
//   (func (export "spin_cb") (loop (drop (call $cb (i32.const 1))) (br 0))))
const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,9,2,96,1,127,1,127,96,0,0,2,10,1,3,101,110,118,2,99,98,0,0,3,7,6,0,0,0,0,1,1,4,4,1,112,0,2,5,3,1,0,1,7,69,8,3,109,101,109,2,0,3,116,97,98,1,0,1,102,0,1,4,103,114,111,119,0,2,5,116,103,114,111,119,0,3,13,99,97,108,108,95,105,110,100,105,114,101,99,116,0,4,8,102,105,108,108,108,111,111,112,0,5,7,115,112,105,110,95,99,98,0,6,9,7,1,0,65,0,11,1,1,10,83,6,19,0,65,0,32,0,54,2,0,32,0,16,0,65,0,40,2,0,106,11,6,0,32,0,64,0,11,9,0,208,112,32,0,252,15,0,11,9,0,65,5,32,0,17,0,0,11,21,0,3,64,65,0,65,7,63,0,65,128,128,4,108,252,11,0,12,0,11,11,12,0,3,64,65,1,16,0,26,12,0,11,11]);
function run(name, code, timeout = 300, ctx = vm.createContext({ bytes })) {
  const start = Date.now();
  try {
    console.log(name, String(vm.runInContext(code, ctx, { timeout })).slice(0, 200));
  } catch (e) {
    const late = Date.now() - start > timeout + 3000 ? ' LATE' : '';
    console.log(name, e && e.name, String(e && e.message).slice(0, 100) + late);
  }
}
const setup = 'let inst, depth = 0; const log = []; const mod = new WebAssembly.Module(bytes);';
run('reenter', setup + `
  inst = new WebAssembly.Instance(mod, { env: { cb(x) {
    const e = inst.exports;
    const b = e.mem.buffer;
    e.mem.grow(1); log.push(b.byteLength, e.mem.buffer.byteLength);
    e.tab.grow(3); e.tab.set(1, e.f); log.push(e.tab.length, e.tab.get(0) === e.f);
    e.grow(1); e.tgrow(2);
    new WebAssembly.Instance(mod, { env: { cb: () => 0 } });
    if (depth++ < 50) e.f(x + 1);
    return 1;
  } } });
  inst.exports.f(1) + ' ' + log.slice(0, 8).join() + ' pages ' + inst.exports.mem.buffer.byteLength / 65536 + ' table ' + inst.exports.tab.length;
`);
run('reenter_without_end', setup + `
  inst = new WebAssembly.Instance(mod, { env: { cb(x) { return inst.exports.f(x + 1); } } });
  inst.exports.f(1)
`);
run('valueOf_grows', setup + `
  inst = new WebAssembly.Instance(mod, { env: { cb: (x) => x } });
  const e = inst.exports;
  e.f({ valueOf() { e.mem.grow(2); e.tab.grow(10); e.tab.set(0, null); return 3 } }) + ' ' + e.mem.buffer.byteLength + ' ' + e.tab.length
`);
run('table_grow_past_the_limit', setup + `
  const t = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
  const r = [];
  for (const d of [2 ** 32, 2 ** 53, 1e300, 1e8, 2 ** 31]) { try { r.push(t.grow(d)) } catch (e) { r.push(e.name) } }
  r.join() + ' length ' + t.length
`);
run('tables_in_a_loop', 'const all = []; for (;;) all.push(new WebAssembly.Table({ element: "anyfunc", initial: 1e6 }))', 2000);
run('table_grown_in_a_loop', 'const t = new WebAssembly.Table({ element: "anyfunc", initial: 1 }); for (;;) t.grow(1e5)', 2000);
run('wasm_table_grow_in_a_loop', setup + `
  inst = new WebAssembly.Instance(mod, { env: { cb: (x) => x } }); let n = 0;
  for (;;) { if (inst.exports.tgrow(1e5) < 0) break; n++ } 'refused: ' + (n < 1000)
`, 5000);
run('null_call_indirect', setup + 'inst = new WebAssembly.Instance(mod, { env: { cb: (x) => x } }); inst.exports.call_indirect(1)');
run('fill_loop', setup + 'inst = new WebAssembly.Instance(mod, { env: { cb: (x) => x } }); inst.exports.grow(500); inst.exports.fillloop()');
run('loop_calling_js', setup + 'inst = new WebAssembly.Instance(mod, { env: { cb: (x) => x } }); inst.exports.spin_cb()');
run('loop_calling_a_catching_loop', setup + 'inst = new WebAssembly.Instance(mod, { env: { cb() { try { for (;;) {} } catch (e) { return 1 } } } }); inst.exports.spin_cb()');
// One context's wasm objects handed to another.
const a = vm.createContext({ bytes });
vm.runInContext(setup + 'inst = new WebAssembly.Instance(mod, { env: { cb: (x) => x * 2 } }); globalThis.e = inst.exports; globalThis.mod = mod;', a);
const b = vm.createContext({ bytes, eA: vm.runInContext('e', a), modA: vm.runInContext('mod', a) });
run('foreign', `
  const r = [];
  const attempt = (f) => { try { r.push(f()) } catch (e) { r.push(e.name) } };
  attempt(() => new WebAssembly.Instance(modA, { env: { cb: eA.f } }).exports.f(3));
  attempt(() => WebAssembly.Table.prototype.get.call(eA.tab, 0) === eA.f);
  attempt(() => { const t = new WebAssembly.Table({ element: 'anyfunc', initial: 2 }); t.set(0, eA.f); return 'set' });
  attempt(() => { eA.tab.set(1, eA.f); return 'set in its own table' });
  attempt(() => WebAssembly.Memory.prototype.grow.call(eA.mem, 1));
  attempt(() => new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { cb: eA.f } }).exports.f(2));
  r.join(' | ')
`, 1000, b);
run('owner_after', 'e.f(5) + " " + e.mem.buffer.byteLength / 65536', 300, a);
