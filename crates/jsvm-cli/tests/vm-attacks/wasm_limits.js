// WebAssembly under the vm's limits: an infinite wasm loop (and a start function that never
// ends) stops at the run's timeout; memory.grow in a loop and memories made in a loop stop at
// the memory limit (run with --memory-limit 64) as errors; deep wasm recursion is a
// RangeError; the process and other contexts go on. Node: the loops stop at the timeout too
// (V8 checks its stack guard in wasm loops); the growth goes on to V8's own 4 GiB cap.
const vm = require('vm');
const other = vm.createContext({ n: 41 });
// (module
//   (func (export "count") (param i32) (result i32) ...)
//   (func (export "spin") (loop br 0))
//   (memory (export "mem") 1)
//   (func (export "bomb") (result i32)
//     (loop (memory.grow (i32.const 1)) i32.const -1 i32.ne br_if 0) memory.size))
const loops = new Uint8Array([0,97,115,109,1,0,0,0,1,13,3,96,1,127,1,127,96,0,0,96,0,1,127,3,4,3,0,1,2,5,3,1,0,1,7,29,4,5,99,111,117,110,116,0,0,4,115,112,105,110,0,1,3,109,101,109,2,0,4,98,111,109,98,0,2,10,60,3,33,1,1,127,2,64,3,64,32,0,69,13,1,32,1,32,0,106,33,1,32,0,65,1,107,33,0,12,0,11,11,32,1,11,7,0,3,64,12,0,11,11,16,0,3,64,65,1,64,0,65,127,71,13,0,11,63,0,11]);
// (module (func $s (loop br 0)) (start $s))
const startSpin = new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,8,1,0,10,9,1,7,0,3,64,12,0,11,11]);
// (module (func $r (export "rec") (call $r)))
const rec = new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,7,7,1,3,114,101,99,0,0,10,6,1,4,0,16,0,11]);
const make = 'new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports';
const cases = {
  spin: [loops, `${make}.spin()`],
  spinCaught: [loops, `try { ${make}.spin() } catch (e) { 'caught ' + e }`],
  startSpin: [startSpin, make],
  asyncSpin: [startSpin, 'WebAssembly.instantiate(bytes); for (;;) {}'],
  // Given time to meet the limit (a thousand growths, each a copy in an unoptimised build).
  growBomb: [loops, `${make}.bomb() < 1024 ? 'refused at the limit' : 'grew past the limit'`, 10000],
  memoryBomb: [loops, 'const all = []; for (;;) all.push(new WebAssembly.Memory({ initial: 16 }))'],
  jsGrowBomb: [loops, 'const m = new WebAssembly.Memory({ initial: 1 }); for (;;) m.grow(16)'],
  recursion: [rec, `${make}.rec()`],
};
for (const [name, [bytes, code, timeout = 200]] of Object.entries(cases)) {
  const start = Date.now();
  try {
    const r = vm.runInNewContext(code, { bytes }, { timeout });
    console.log(name, 'returned', r);
  } catch (e) {
    console.log(name, e.code || e.name, e.message.slice(0, 60), Date.now() - start < timeout + 3000 ? 'in time' : 'LATE');
  }
}
console.log(vm.runInContext('n + 1', other));
// A buffer over wasm memory cannot be transferred away (the engine's transfer would hand the
// wasm bytes to a buffer that outlives them when the memory grows): refused from every realm,
// as V8 refuses to detach it; other buffers transfer as before. Node 20 (and so jsvm's Node
// surface) has no `ArrayBuffer.prototype.transfer`; structuredClone transfers through the
// library's (the library's own tests cover `transfer` at the full language level).
const owner = vm.createContext({});
const wasmBuffer = vm.runInContext('globalThis.m = new WebAssembly.Memory({ initial: 1, maximum: 2 }); m.buffer', owner);
for (const [name, code, context] of [
  ['own realm', 'typeof m.buffer.transfer', owner],
  ['structuredClone', 'structuredClone(b, { transfer: [b] })'],
  ['plain buffer', 'const p = new ArrayBuffer(8); [structuredClone(p, { transfer: [p] }).byteLength, p.byteLength].join()'],
]) {
  try {
    const where = context || vm.createContext({ b: wasmBuffer, structuredClone });
    console.log(name, vm.runInContext(code, where));
  } catch (e) {
    console.log(name, e.name, e.message);
  }
}
console.log(wasmBuffer.byteLength, new Uint8Array(wasmBuffer).length);
