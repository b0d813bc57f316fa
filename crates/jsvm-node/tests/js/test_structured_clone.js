// structuredClone: one structured clone with worker messages (internal/serdes); what it copies,
// shares (SharedArrayBuffer memory), moves (transfer), and refuses, with Node's errors.
const show = (label, f) => { try { const v = f(); console.log(label, v); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); } };
show('sab shared', () => { const s = new SharedArrayBuffer(4); const c = structuredClone(s); new Uint8Array(c)[0] = 7; return [c !== s, new Uint8Array(s)[0], c.constructor.name]; });
show('proxy', () => structuredClone(new Proxy({}, {})));
show('weakmap', () => structuredClone(new WeakMap()));
show('fn in obj', () => structuredClone({ f() {} }));
show('symbol', () => structuredClone(Symbol('x')));
show('transfer', () => { const ab = new ArrayBuffer(4); new Uint8Array(ab)[0] = 5; const c = structuredClone({ ab }, { transfer: [ab] }); return [ab.byteLength, c.ab.byteLength, new Uint8Array(c.ab)[0]]; });
show('error', () => { const e = new TypeError('m', { cause: 1 }); e.extra = 2; const c = structuredClone(e); return [c.name, c.message, c.cause, c.extra, Object.keys(c), typeof c.stack, Object.getOwnPropertyDescriptor(c, 'message').enumerable]; });
show('custom error', () => { class MyErr extends Error {} const c = structuredClone(new MyErr('x')); return [c.constructor.name, c.name]; });
show('getter', () => structuredClone({ get x() { return 1; } }));
show('class inst', () => { class A { constructor() { this.a = 1; } } const c = structuredClone(new A()); return [c.constructor.name, c.a]; });
show('typed', () => { const b = new ArrayBuffer(8); const c = structuredClone([new Uint8Array(b, 1, 2), new Uint16Array(b)]); return [c[0].buffer === c[1].buffer, c[0].byteOffset, c[1].length]; });
show('no args', () => structuredClone());
show('port no transfer', () => { const { port1 } = new (require('worker_threads').MessageChannel)(); try { return structuredClone(port1); } finally { port1.close(); } });
show('port transfer', () => { const { port1, port2 } = new (require('worker_threads').MessageChannel)(); const c = structuredClone(port1, { transfer: [port1] }); const r = [c === port1, c.constructor.name]; c.close(); port2.close(); return r; });
show('bad transfer', () => structuredClone(1, { transfer: 5 }));
show('date/regexp/map/set', () => structuredClone([new Date(0), /a/g, new Map([[1, 2]]), new Set([3]), Object(1n), -0, [1, , 3]]));
show('non-index array props', () => { const a = [1]; a.x = 2; const c = structuredClone(a); return [c.x, c.length]; });
show('global replaced', () => { const R = globalThis.RangeError; globalThis.RangeError = function Fake() {}; try { return structuredClone(new R('r')) instanceof R; } finally { globalThis.RangeError = R; } });
show('cycles', () => { const o = { a: [1] }; o.self = o; o.b = o.a; const c = structuredClone(o); return [c.self === c, c.b === c.a, c !== o]; });
show('buffer copied', () => { const ab = new ArrayBuffer(2); const c = structuredClone(ab); new Uint8Array(c)[0] = 1; return [new Uint8Array(ab)[0], ab.byteLength]; });
