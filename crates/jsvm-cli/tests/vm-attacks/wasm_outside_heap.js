// WebAssembly's memory outside the engine's heap, and buffers over wasm memory moved away
// (run with --memory-limit 64). Node: no memory limit of its own below V8's heap; it compiles
// and instantiates all of these, and refuses to detach a memory's buffer by any method.
const vm = require('vm');
const leb = (n) => { const o = []; do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; o.push(b); } while (n); return o; };
const section = (id, content) => [id, ...leb(content.length), ...content];
const mod = (...sections) => new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, ...sections.flat()]);
// A module of 8 MiB in one custom section: wasmi keeps it with the compiled module.
const N = 8 << 20;
const head = [0, 97, 115, 109, 1, 0, 0, 0, 0, ...leb(N + 4), 3, 98, 105, 103];
const custom = new Uint8Array(head.length + N);
custom.set(head);
// A module of 10^5 empty functions (400 KB): each compile holds ~16 MiB, each instance ~5 MiB.
const F = 100000;
const funcs = mod(section(1, [1, 0x60, 0, 0]), section(3, [...leb(F), ...new Array(F).fill(0)]),
  section(10, [...leb(F), ...new Array(F).fill([2, 0, 0x0b]).flat()]));
const rss = () => process.memoryUsage().rss;
const start = rss();
for (const [name, bytes, code] of [
  // Compiled modules kept (each charged now; 2.4 GB resident under the 64 MiB limit before).
  ['modules kept', custom, 'const keep = []; for (let i = 0; i < 300; i++) keep.push(new WebAssembly.Module(bytes)); keep.length'],
  // Instances kept (2.7 GB resident for 500 before).
  ['instances kept', funcs, 'const m = new WebAssembly.Module(bytes); const keep = []; for (let i = 0; i < 500; i++) keep.push(new WebAssembly.Instance(m)); keep.length'],
  // Instances dropped: wasmi frees an instance only with its store, so they are charged too.
  ['instances dropped', funcs, 'const m = new WebAssembly.Module(bytes); for (let i = 0; i < 500; i++) new WebAssembly.Instance(m); "all made"'],
]) {
  // Caught inside the context: an error kept by the program would keep the context alive.
  console.log(name, vm.runInNewContext(`try { ${code} } catch (e) { e.name + ' ' + e.message }`, { bytes }));
  console.log(name, rss() - start < 256 << 20 ? 'stays near the limit' : 'GREW PAST THE LIMIT');
}
// Modules compiled by contexts that are then dropped: the one engine of the process kept the
// code of every module compiled (16 MiB each, never freed); each realm now has its own.
for (let i = 0; i < 40; i++) vm.runInNewContext('new WebAssembly.Module(bytes); 0', { bytes: funcs });
console.log('dropped contexts', rss() - start < 256 << 20 ? 'leave nothing behind' : 'LEFT THEIR CODE BEHIND');
// A module of one context instantiated in another (compiled again with that one's engine).
const add = mod(section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]), section(3, [1, 0]),
  section(7, [1, 3, 97, 100, 100, 0, 0]), section(10, [1, 7, 0, 0x20, 0, 0x20, 1, 0x6a, 0x0b]));
const m = vm.runInNewContext('new WebAssembly.Module(bytes)', { bytes: add });
console.log('foreign module', vm.runInNewContext('new WebAssembly.Instance(m).exports.add(20, 22)', { m }));
// Every method of ArrayBuffer.prototype that detaches its receiver refuses a memory's buffer
// (transferToImmutable did not: its buffer kept the bytes the memory freed when it grew, read
// after the free). jsvm's contexts are at Node 20's level, which has none of them: the
// library's default level has all three (crates/jsvm/tests/wasm.rs checks them there).
const owner = vm.createContext({});
vm.runInContext('globalThis.mem = new WebAssembly.Memory({ initial: 1, maximum: 100 })', owner);
const names = vm.runInContext('Object.getOwnPropertyNames(ArrayBuffer.prototype).filter((n) => n.startsWith("transfer"))', owner);
console.log(names.join(' '));
for (const name of names) {
  console.log(name, vm.runInContext(`(() => {
    try { const b = mem.buffer[${JSON.stringify(name)}](); mem.grow(60); return 'moved ' + new Uint8Array(b).length; }
    catch (e) { return e.name + ': ' + e.message; }
  })()`, owner));
}
console.log(vm.runInContext('mem.buffer.byteLength', owner));
