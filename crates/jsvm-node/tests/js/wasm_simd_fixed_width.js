// WebAssembly's fixed-width SIMD, which Node 20's V8 has: a module using v128 validates,
// compiles and runs; a v128 crossing to JavaScript is refused; relaxed SIMD, which Node 20
// lacks, does not validate.
const body = (op) => new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10,
  46, 1, 44, 0, 253, 12, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 253, 12, 10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0, 40, 0, 0, 0,
  ...op, 253, 27, 2, 11]);
// i32x4.add, then lane 2.
const add = body([253, 174, 1]);
console.log('validate', WebAssembly.validate(add));
console.log('lane 2 of the sum', new WebAssembly.Instance(new WebAssembly.Module(add)).exports.f());
// i8x16.relaxed_swizzle (relaxed SIMD).
const relaxed = body([253, 128, 2]);
console.log('relaxed validates', WebAssembly.validate(relaxed));
try { new WebAssembly.Module(relaxed); } catch (e) { console.log(e.name); }
// (func (export "g") (param v128))
const param = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 1, 123, 0, 3, 2, 1, 0, 7, 5, 1, 1, 103, 0, 0, 10, 4, 1, 2, 0, 11]);
const g = new WebAssembly.Instance(new WebAssembly.Module(param)).exports.g;
try { g(1); } catch (e) { console.log(e.name, e.message); }
console.log(g.length);
WebAssembly.instantiate(add).then(({ instance }) => console.log('async', instance.exports.f()));
