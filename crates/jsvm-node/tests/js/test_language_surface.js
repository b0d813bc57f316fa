'use strict';
// The ECMAScript surface a program sees, in the main realm and in a vm context: the own keys
// of every builtin constructor, its prototype and the hidden intrinsics, as Node 20 (V8 11.3)
// has them. Builtins newer than Node 20 (the engine has them) must not show, so code
// feature-testing them takes its fallback as under node.
const vm = require('vm');

function surface(g) {
  // Not walked here: Intl and WebAssembly (their own goldens), and a few keys that still
  // differ (the report lists them): Atomics.waitAsync, a context's BigInt.prototype.toLocaleString,
  // Symbol.dispose/asyncDispose in a context (node adds them to its main realm only).
  const skip = new Set(['Atomics.waitAsync', 'BigInt.prototype.toLocaleString',
    'Symbol.dispose', 'Symbol.asyncDispose']);
  const es = ['Object', 'Function', 'Array', 'Number', 'parseFloat', 'parseInt', 'Boolean',
    'String', 'Symbol', 'Date', 'Promise', 'RegExp', 'Error', 'AggregateError', 'EvalError',
    'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'JSON', 'Math',
    'ArrayBuffer', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array',
    'Int32Array', 'Float32Array', 'Float64Array', 'Uint8ClampedArray', 'BigUint64Array',
    'BigInt64Array', 'DataView', 'Map', 'BigInt', 'Set', 'WeakMap', 'WeakSet', 'Proxy',
    'Reflect', 'FinalizationRegistry', 'WeakRef', 'SharedArrayBuffer', 'Atomics'];
  const out = [];
  const keys = (label, o) => Reflect.ownKeys(o).map(String)
    .map((k) => k.replace(/^Symbol\((.*)\)$/, '@@$1'))
    .filter((k) => !skip.has(label + '.' + k.replace(/^@@Symbol\./, '')))
    .sort();
  const show = (label, o) => out.push(`${label}: ${keys(label, o).join(' ')}`);
  for (const name of es) {
    const v = g[name];
    show(name, v);
    if (typeof v === 'function' && v.prototype) show(name + '.prototype', v.prototype);
  }
  const gen = function* () {};
  const agen = async function* () {};
  const hidden = {
    TypedArray: Object.getPrototypeOf(g.Uint8Array),
    'TypedArray.prototype': Object.getPrototypeOf(g.Uint8Array.prototype),
    GeneratorFunction: Object.getPrototypeOf(gen),
    'Generator.prototype': Object.getPrototypeOf(gen).prototype,
    AsyncFunction: Object.getPrototypeOf(async () => {}),
    AsyncGeneratorFunction: Object.getPrototypeOf(agen),
    'AsyncGenerator.prototype': Object.getPrototypeOf(agen).prototype,
    IteratorPrototype: Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
    AsyncIteratorPrototype: Object.getPrototypeOf(Object.getPrototypeOf(agen).prototype),
    ArrayIteratorPrototype: Object.getPrototypeOf([][Symbol.iterator]()),
    MapIteratorPrototype: Object.getPrototypeOf(new g.Map()[Symbol.iterator]()),
    SetIteratorPrototype: Object.getPrototypeOf(new g.Set()[Symbol.iterator]()),
    StringIteratorPrototype: Object.getPrototypeOf(''[Symbol.iterator]()),
    RegExpStringIteratorPrototype: Object.getPrototypeOf(/a/[Symbol.matchAll]('')),
  };
  for (const [label, o] of Object.entries(hidden)) show(label, o);
  // What programs feature-test.
  const probes = ['typeof Iterator', 'typeof Float16Array', 'typeof SuppressedError',
    'typeof DisposableStack', 'typeof AsyncDisposableStack', 'typeof InternalError',
    'typeof Array.fromAsync', 'typeof Promise.withResolvers', 'typeof Promise.try',
    'typeof Object.groupBy', 'typeof Map.groupBy', 'typeof Set.prototype.union',
    'typeof ArrayBuffer.prototype.transfer', "'detached' in ArrayBuffer.prototype",
    'typeof Error.isError', 'typeof RegExp.escape', 'typeof Math.sumPrecise',
    'typeof JSON.rawJSON', 'typeof Uint8Array.fromBase64', 'typeof [].values().map',
    'typeof Function.prototype.fileName'];
  for (const p of probes) out.push(`${p}: ${g.eval(p)}`);
  return out;
}

console.log(surface(globalThis).join('\n'));
console.log('--- a vm context');
const ctx = vm.createContext({});
console.log(vm.runInContext(`(${surface})(globalThis)`, ctx).join('\n'));
console.log('--- a vm context given an async function first');
console.log(vm.runInNewContext(`(async () => {})(); (${surface})(globalThis)`).join('\n'));
// The library's own transfer (structuredClone's transfer list) still detaches.
const buf = new Uint8Array([1, 2, 3]).buffer;
const moved = structuredClone(buf, { transfer: [buf] });
console.log('transferred', buf.byteLength, new Uint8Array(moved).join());
