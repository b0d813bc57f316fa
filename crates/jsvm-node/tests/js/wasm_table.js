// WebAssembly.Table of function references: the constructor, get/set/grow/length with V8's
// errors, and a module's exported table whose elements are the instance's functions.
const t = new WebAssembly.Table({ initial: 2, maximum: 3, element: 'anyfunc' });
console.log(t.length, t.get(0), String(t), Object.prototype.toString.call(t), typeof WebAssembly.Table);
for (const f of [() => t.get(5), () => t.set(0, 5), () => t.set(0, () => 1), () => t.grow(10), () => new WebAssembly.Table({ initial: 1, element: 'x' }), () => new WebAssembly.Table({ element: 'anyfunc' }), () => WebAssembly.Table({initial:1, element:'anyfunc'}), () => t.get(-1), () => t.get('a'), () => new WebAssembly.Table({ initial: 1e8, element: 'anyfunc' })]) {
  try { console.log(f()); } catch (e) { console.log(e.name, e.message); }
}
console.log(t.grow(1), t.length, Object.getOwnPropertyNames(WebAssembly.Table.prototype));
// a module exporting a table with two functions
const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,127,3,3,2,0,0,4,4,1,112,0,2,7,9,1,5,116,97,98,108,101,1,0,9,8,1,0,65,0,11,2,0,1,10,11,2,4,0,65,7,11,4,0,65,9,11]);
const { instance } = { instance: new WebAssembly.Instance(new WebAssembly.Module(bytes)) };
const tb = instance.exports.table;
console.log(tb instanceof WebAssembly.Table, tb.length, tb.get(0)(), tb.get(1)(), tb.get(0) === tb.get(0), tb.get(0).name, tb.get(0).length);
tb.set(0, tb.get(1));
console.log(tb.get(0)());
// A table imported by a module that calls through it (call_indirect).
const caller = new Uint8Array([0,97,115,109,1,0,0,0,1,10,2,96,0,1,127,96,1,127,1,127,2,10,1,2,106,115,1,116,1,112,0,1,3,2,1,1,7,8,1,4,99,97,108,108,0,0,10,9,1,7,0,32,0,17,0,0,11]);
const shared = new WebAssembly.Table({ initial: 2, element: 'anyfunc' });
shared.set(0, tb.get(0));
shared.set(1, tb.get(1));
const inst = new WebAssembly.Instance(new WebAssembly.Module(caller), { js: { t: shared } });
console.log(inst.exports.call(0), inst.exports.call(1));
try { inst.exports.call(5); } catch (e) { console.log(e.name, e.message); }
try { new WebAssembly.Instance(new WebAssembly.Module(caller), { js: { t: {} } }); } catch (e) { console.log(e.name, e.message); }
