'use strict';
// WebAssembly's JS API: modules, instances, values of each type, traps, custom sections.
// The bytes were made with wat2wasm from the text in the comments.
// (module
//   (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
//   (func (export "add64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add)
//   (func (export "mulf") (param f32 f64) (result f64) local.get 0 f64.promote_f32 local.get 1 f64.mul)
//   (func (export "pair") (param i32) (result i32 i64) local.get 0 local.get 0 i64.extend_i32_s)
//   (func (export "unreachable") unreachable)
//   (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
//   (func (export "load") (param i32) (result i32) local.get 0 i32.load)
//   (memory 1)
//   (func $rec (export "rec") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $rec)
//   (func (export "spin") (loop br 0)))
// plus a custom section "note" holding "hello".
const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,33,6,96,2,127,127,1,127,96,2,126,126,1,126,96,2,125,124,1,124,96,1,127,2,127,126,96,0,0,96,1,127,1,127,3,10,9,0,1,2,3,4,0,5,5,4,5,3,1,0,1,7,69,9,3,97,100,100,0,0,5,97,100,100,54,52,0,1,4,109,117,108,102,0,2,4,112,97,105,114,0,3,11,117,110,114,101,97,99,104,97,98,108,101,0,4,3,100,105,118,0,5,4,108,111,97,100,0,6,3,114,101,99,0,7,4,115,112,105,110,0,8,10,72,9,7,0,32,0,32,1,106,11,7,0,32,0,32,1,124,11,8,0,32,0,187,32,1,162,11,7,0,32,0,32,0,172,11,3,0,0,11,7,0,32,0,32,1,109,11,7,0,32,0,40,2,0,11,9,0,32,0,65,1,106,16,7,11,7,0,3,64,12,0,11,11,0,10,4,110,111,116,101,104,101,108,108,111]);

const show = (label, f) => {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, 'threw', e instanceof Error, e.name, e.message);
  }
};

console.log(typeof WebAssembly, String(WebAssembly), Object.getOwnPropertyNames(WebAssembly).filter((n) => ['compile', 'validate', 'instantiate', 'Module', 'Instance', 'Memory', 'CompileError', 'LinkError', 'RuntimeError'].includes(n)));
console.log(WebAssembly.validate(bytes), WebAssembly.validate(new Uint8Array([1, 2, 3, 4])));
const module = new WebAssembly.Module(bytes);
console.log(String(module), module instanceof WebAssembly.Module);
console.log(WebAssembly.Module.exports(module));
console.log(WebAssembly.Module.imports(module));
const notes = WebAssembly.Module.customSections(module, 'note');
console.log(notes.length, notes[0] instanceof ArrayBuffer, Buffer.from(notes[0]).toString());
const instance = new WebAssembly.Instance(module, {});
const x = instance.exports;
console.log(String(instance), Object.keys(x), Object.isFrozen(x), x.add === instance.exports.add);
console.log(typeof x.add, x.add.length, x.add.name);
console.log(x.add(2, 3), x.add(2 ** 31, 1), x.add('7', { valueOf: () => 8 }), x.add());
console.log(x.add64(2n, 3n), x.add64(2n ** 63n - 1n, 1n));
show('add64 number', () => x.add64(1, 2));
console.log(x.mulf(1.5, 2), x.mulf(0.1, 1));
console.log(x.pair(-5));
show('unreachable', () => x.unreachable());
show('div', () => x.div(1, 0));
show('overflow', () => x.div(-(2 ** 31), -1));
show('load', () => x.load(65536));
show('rec', () => x.rec(0));
const err = (() => { try { x.unreachable(); } catch (e) { return e; } })();
console.log(err instanceof WebAssembly.RuntimeError, err instanceof Error, Object.prototype.toString.call(err), err.constructor === WebAssembly.RuntimeError);
show('no new', () => WebAssembly.Module(bytes));
show('no bytes', () => new WebAssembly.Module());
show('bad magic', () => new WebAssembly.Module(new Uint8Array([1, 2, 3, 4])));
show('bad version', () => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0])));
show('instance of a non-module', () => new WebAssembly.Instance({}));
const ce = new WebAssembly.CompileError('made');
console.log(ce.name, ce.message, ce instanceof Error, WebAssembly.CompileError.prototype.name, new WebAssembly.LinkError().message === '');
console.log(new WebAssembly.Module(bytes.buffer) instanceof WebAssembly.Module);
show('DataView', () => new WebAssembly.Module(new DataView(bytes.buffer)));
// V8 settles compilation from bytes a task later; jsvm at once: each awaited in turn.
(async () => {
  console.log('compiled', (await WebAssembly.compile(bytes)) instanceof WebAssembly.Module);
  const r = await WebAssembly.instantiate(bytes);
  console.log('instantiated', Object.keys(r), r.instance.exports.add(40, 2));
  console.log('instance', (await WebAssembly.instantiate(module)) instanceof WebAssembly.Instance);
  await WebAssembly.compile(new Uint8Array([0])).catch((e) => console.log('rejected', e.name));
  await WebAssembly.compile(5).catch((e) => console.log('rejected', e.name, e.message));
  await WebAssembly.instantiate(bytes, 5).catch((e) => console.log('rejected', e.name, e.message));
})();
