'use strict';
// WebAssembly.validate's edge cases (buffer sources V8 takes and refuses, bad headers and
// sections), compilation from a SharedArrayBuffer, and a module's imports read and reported
// in the module's order (all read before any is checked, as V8 does).
const show = f => { try { console.log(f()); } catch (e) { console.log(e.name, e.message); } };
const ok = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
show(() => WebAssembly.validate(ok));
show(() => WebAssembly.validate(ok.buffer));
show(() => WebAssembly.validate(new DataView(ok.buffer)));
show(() => WebAssembly.validate(new Uint16Array(4)));
show(() => WebAssembly.validate(new Uint8Array(0)));
show(() => WebAssembly.validate(new Uint8Array([0,97,115,109,2,0,0,0])));
show(() => WebAssembly.validate([0,97,115,109,1,0,0,0]));
show(() => WebAssembly.validate());
show(() => WebAssembly.validate('x'));
show(() => WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0, 1, 5])));
show(() => WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0, 0, 3, 1, 97, 1])));
show(() => WebAssembly.validate(Buffer.from(ok)));
show(() => WebAssembly.validate(new SharedArrayBuffer(8)));
show(() => WebAssembly.validate.length);
const mem = new WebAssembly.Memory({initial:1}); new Uint8Array(mem.buffer).set(ok);
show(() => WebAssembly.validate(new Uint8Array(mem.buffer, 0, 8)));
// an exception-handling tag section, a memory of 4 GiB pages, a tail call (return_call)
show(() => WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,13,3,1,0,0,3,2,1,0,10,6,1,4,0,8,0,11])));
const ab = new ArrayBuffer(8); structuredClone(ab, {transfer:[ab]}); show(() => WebAssembly.validate(ab));
show(() => WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,5,4,1,4,1,0])));
show(() => WebAssembly.validate(new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,10,5,1,3,0,0x12,0])));
const sab = new SharedArrayBuffer(8); new Uint8Array(sab).set([0,97,115,109,1,0,0,0]);
show(() => WebAssembly.validate(sab));
show(() => WebAssembly.validate(new Uint8Array(sab)));
show(() => new WebAssembly.Module(sab) && 'module');
show(() => new WebAssembly.Module(new Uint8Array(sab)) && 'module view');

const leb = n => { const o = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
const str = s => [...leb(s.length), ...Buffer.from(s)];
const sec = (id, body) => [id, ...leb(body.length), ...body];
const vec = items => [...leb(items.length), ...items.flat()];
const mod = (...secs) => new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, ...secs.flat()]);
const m = new WebAssembly.Module(mod(sec(1, vec([[0x60, 0, 0]])), sec(2, vec([[...str('a'), ...str('g'), 3, 0x7f, 0], [...str('a'), ...str('m'), 2, 0, 1], [...str('a'), ...str('f'), 0, 0]]))));
console.log(WebAssembly.Module.imports(m));
const seen = [];
const imports = { a: new Proxy({}, { get(_, k) { seen.push(k); return undefined; } }) };
try { new WebAssembly.Instance(m, imports); } catch (e) { console.log(e.message); }
console.log(seen);
WebAssembly.compile(sab).then(() => console.log('compiled'), e => console.log('async', e.name, e.message));
