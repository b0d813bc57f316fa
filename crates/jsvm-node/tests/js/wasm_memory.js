'use strict';
// WebAssembly memories and imports: the buffer over a wasm memory, growth detaching it,
// imported JavaScript functions, start functions, a memory made in JavaScript and imported.
// (module
//   (import "env" "log" (func $log (param i32 i64)))
//   (import "env" "twice" (func $twice (param i32) (result i32)))
//   (memory (export "mem") 1 4)
//   (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store8)
//   (func (export "sum") (param i32 i32) (result i32) ...sums arg1 bytes from arg0...)
//   (func (export "callLog") (param i32) local.get 0 local.get 0 i64.extend_i32_u
//     i64.const 1000000000000 i64.mul call $log)
//   (func (export "useTwice") (param i32) (result i32) local.get 0 call $twice i32.const 1 i32.add)
//   (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
//   (func (export "size") (result i32) memory.size))
const memBytes = new Uint8Array([0,97,115,109,1,0,0,0,1,30,6,96,2,127,126,0,96,1,127,1,127,96,2,127,127,0,96,2,127,127,1,127,96,1,127,0,96,0,1,127,2,23,2,3,101,110,118,3,108,111,103,0,0,3,101,110,118,5,116,119,105,99,101,0,1,3,7,6,2,3,4,1,1,5,5,4,1,1,1,4,7,56,7,3,109,101,109,2,0,5,115,116,111,114,101,0,2,3,115,117,109,0,3,7,99,97,108,108,76,111,103,0,4,8,117,115,101,84,119,105,99,101,0,5,4,103,114,111,119,0,6,4,115,105,122,101,0,7,10,95,6,9,0,32,0,32,1,58,0,0,11,43,1,1,127,2,64,3,64,32,1,69,13,1,32,2,32,0,45,0,0,106,33,2,32,0,65,1,106,33,0,32,1,65,1,107,33,1,12,0,11,11,32,2,11,17,0,32,0,32,0,173,66,128,160,148,165,141,29,126,16,0,11,9,0,32,0,16,1,65,1,106,11,6,0,32,0,64,0,11,4,0,63,0,11]);
// (module (import "env" "hello" (func $hello (param i32))) (func $s i32.const 42 call $hello) (start $s))
const startBytes = new Uint8Array([0,97,115,109,1,0,0,0,1,8,2,96,1,127,0,96,0,0,2,13,1,3,101,110,118,5,104,101,108,108,111,0,0,3,2,1,1,8,1,1,10,8,1,6,0,65,42,16,0,11]);
// (module (import "js" "mem" (memory 1))
//   (func (export "peek") (param i32) (result i32) local.get 0 i32.load8_u)
//   (func (export "poke") (param i32 i32) local.get 0 local.get 1 i32.store8))
const importMemBytes = new Uint8Array([0,97,115,109,1,0,0,0,1,11,2,96,1,127,1,127,96,2,127,127,0,2,11,1,2,106,115,3,109,101,109,2,0,1,3,3,2,0,1,7,15,2,4,112,101,101,107,0,0,4,112,111,107,101,0,1,10,19,2,7,0,32,0,45,0,0,11,9,0,32,0,32,1,58,0,0,11]);

const show = (label, f) => {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, 'threw', e.name, e.message);
  }
};

const seen = [];
let inst;
const imports = {
  env: {
    log: (a, b) => seen.push([a, b, typeof b]),
    twice: (n) => {
      // JavaScript called by wasm sees the live memory, and can call back into wasm.
      seen.push(['twice sees', new Uint8Array(inst.exports.mem.buffer)[0], inst.exports.size()]);
      return n * 2;
    },
  },
};
console.log(WebAssembly.Module.imports(new WebAssembly.Module(memBytes)));
inst = new WebAssembly.Instance(new WebAssembly.Module(memBytes), imports);
const x = inst.exports;
console.log(Object.keys(x), x.mem instanceof WebAssembly.Memory, x.mem === inst.exports.mem, String(x.mem));
const buf = x.mem.buffer;
console.log(buf instanceof ArrayBuffer, buf.byteLength, buf === x.mem.buffer);
const view = new Uint8Array(buf);
view[0] = 5; view[1] = 6; view[2] = 7;
console.log('sum from wasm', x.sum(0, 3));
x.store(3, 300);
console.log('wasm wrote', view[3]);
x.callLog(7);
console.log('useTwice', x.useTwice(20));
console.log(seen);
console.log('grow from JS', x.mem.grow(1), buf.byteLength, view.length, x.mem.buffer.byteLength, x.size());
const buf2 = x.mem.buffer;
console.log('grow from wasm', x.grow(1), buf2.byteLength, x.mem.buffer.byteLength, x.size());
console.log('kept bytes', new Uint8Array(x.mem.buffer)[0], new Uint8Array(x.mem.buffer)[3]);
show('grow past max', () => x.mem.grow(5));
console.log('wasm grow past max', x.grow(5), x.size());
show('bad import', () => new WebAssembly.Instance(new WebAssembly.Module(memBytes), { env: { log: 1, twice: () => 0 } }));
show('missing module', () => new WebAssembly.Instance(new WebAssembly.Module(memBytes), {}));
show('no imports', () => new WebAssembly.Instance(new WebAssembly.Module(memBytes)));
show('import throws', () => new WebAssembly.Instance(new WebAssembly.Module(memBytes), {
  env: { log() {}, twice() { throw new RangeError('from JS'); } },
}).exports.useTwice(1));

const started = [];
new WebAssembly.Instance(new WebAssembly.Module(startBytes), { env: { hello: (n) => started.push(n) } });
console.log('start ran', started, WebAssembly.Module.exports(new WebAssembly.Module(startBytes)));

const mem = new WebAssembly.Memory({ initial: 1, maximum: 3 });
console.log(String(mem), mem.buffer.byteLength);
new Uint8Array(mem.buffer)[10] = 99;
const shared = new WebAssembly.Instance(new WebAssembly.Module(importMemBytes), { js: { mem } }).exports;
console.log('peek', shared.peek(10));
shared.poke(11, 42);
console.log('poked', new Uint8Array(mem.buffer)[11]);
show('memory descriptor', () => new WebAssembly.Memory());
show('memory initial', () => new WebAssembly.Memory({}));
show('memory too big', () => new WebAssembly.Memory({ initial: 70000 }));
show('memory no new', () => WebAssembly.Memory({ initial: 1 }));
show('memory import not a memory', () => new WebAssembly.Instance(new WebAssembly.Module(importMemBytes), { js: { mem: {} } }));
