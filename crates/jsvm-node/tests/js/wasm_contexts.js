'use strict';
// WebAssembly in vm contexts: each context has its own namespace, its instances' functions
// are the context's, and codeGeneration: { wasm: false } refuses compilation from bytes.
const vm = require('vm');
// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,7,1,96,2,127,127,1,127,3,2,1,0,7,7,1,3,97,100,100,0,0,10,9,1,7,0,32,0,32,1,106,11]);
const ctx = vm.createContext({ bytes });
console.log(vm.runInContext('new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.add(1, 2)', ctx));
console.log(vm.runInContext('WebAssembly', ctx) !== WebAssembly, vm.runInContext('WebAssembly.Module', ctx) !== WebAssembly.Module);
const f = vm.runInContext('new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.add', ctx);
console.log(Object.getPrototypeOf(f) === vm.runInContext('Function.prototype', ctx), Object.getPrototypeOf(f) !== Function.prototype);
const inst = vm.runInContext('new WebAssembly.Instance(new WebAssembly.Module(bytes))', ctx);
console.log(inst instanceof WebAssembly.Instance, inst instanceof vm.runInContext('WebAssembly.Instance', ctx));
// A module of the main realm instantiates in the context, the instance being the context's.
const other = vm.runInContext('(m) => new WebAssembly.Instance(m)', ctx)(new WebAssembly.Module(bytes));
console.log(other instanceof vm.runInContext('WebAssembly.Instance', ctx), other.exports.add(20, 22));
const no = vm.createContext({ bytes }, { codeGeneration: { wasm: false } });
try {
  vm.runInContext('new WebAssembly.Module(bytes)', no);
} catch (e) {
  console.log(e.name, e.message, e instanceof vm.runInContext('WebAssembly.CompileError', no), e instanceof WebAssembly.CompileError);
}
console.log(vm.runInContext('WebAssembly.validate(bytes)', no));
vm.runInContext('WebAssembly.compile(bytes).catch(e => console.log("async", e.message))', vm.createContext({ bytes, console }, { codeGeneration: { wasm: false } }));
vm.runInContext('WebAssembly.instantiate(bytes).catch(e => console.log("async", e.message))', vm.createContext({ bytes, console }, { codeGeneration: { wasm: false } }));
console.log(Object.getOwnPropertyNames(vm.runInNewContext('globalThis')).slice(-3));
console.log(vm.runInNewContext('typeof WebAssembly.validate'), vm.runInNewContext('var WebAssembly = 1; WebAssembly'));
console.log(vm.runInNewContext('WebAssembly', { WebAssembly: 'mine' }));
