'use strict';
// util.inspect with showHidden previews a WeakMap's and a WeakSet's entries (V8's
// previewEntries; jsvm's host walks the engine's records, running no code), sorted; without
// showHidden they stay `<items unknown>`.
const util = require('util');
const vm = require('vm');
const a = { a: 1 };
const b = { b: 2 };
const c = [1];
const wm = new WeakMap([[a, 'x'], [b, { deep: { er: 1 } }]]);
const ws = new WeakSet([a, c]);
console.log(util.inspect(wm, { showHidden: true }));
console.log(util.inspect(ws, { showHidden: true }));
console.log(util.inspect(wm));
console.log(util.inspect(ws));
console.log(util.inspect(new WeakMap(), { showHidden: true }));
console.log(util.inspect(new WeakSet(), { showHidden: true }));
// Entries past maxArrayLength are counted.
const keys = Array.from({ length: 5 }, (_, i) => ({ i }));
console.log(util.inspect(new WeakSet(keys), { showHidden: true, maxArrayLength: 0 }));
console.log(util.inspect(new WeakMap(keys.map((k) => [k, k.i])), { showHidden: true, maxArrayLength: 0 }));
// A getter on a key is not run.
const tricky = { get boom() { throw new Error('ran'); } };
console.log(util.inspect(new WeakSet([tricky]), { showHidden: true, getters: false }));
// A vm context's collection.
const fromContext = vm.runInNewContext('globalThis.k = { n: 1 }; new WeakMap([[k, [1, 2]]])');
console.log(util.inspect(fromContext, { showHidden: true }));
// Nested, and a subclass.
console.log(util.inspect({ wm }, { showHidden: true, depth: 0 }));
class MyWeakSet extends WeakSet {}
console.log(util.inspect(new MyWeakSet([a]), { showHidden: true }));
// Deleted entries are gone.
ws.delete(a);
console.log(util.inspect(ws, { showHidden: true }));
