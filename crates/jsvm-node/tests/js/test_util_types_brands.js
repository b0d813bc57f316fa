// util.types' brand checks (Map, Set, weak collections, buffers, DataView, RegExp, Date, boxed
// primitives) on objects of each kind, their subclasses, prototypes, proxies, objects made from
// their prototypes and values of another realm: only objects of the kind pass.
'use strict';
const util = require('util');
const vm = require('vm');
const types = util.types;

const make = `[
  ['Map', new Map()], ['Set', new Set()], ['WeakMap', new WeakMap()], ['WeakSet', new WeakSet()],
  ['ArrayBuffer', new ArrayBuffer(2)], ['SharedArrayBuffer', new SharedArrayBuffer(2)],
  ['DataView', new DataView(new ArrayBuffer(1))], ['RegExp', /x/g], ['Date', new Date(0)],
  ['Number', new Number(1)], ['String', new String('s')], ['Boolean', new Boolean(true)],
  ['Symbol', Object(Symbol('s'))], ['BigInt', Object(1n)],
  ['RegExp.prototype', RegExp.prototype], ['Date.prototype', Date.prototype],
  ['Number.prototype', Number.prototype], ['String.prototype', String.prototype],
  ['Boolean.prototype', Boolean.prototype], ['Symbol.prototype', Symbol.prototype],
  ['BigInt.prototype', BigInt.prototype], ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype], ['WeakMap.prototype', WeakMap.prototype],
  ['ArrayBuffer.prototype', ArrayBuffer.prototype], ['DataView.prototype', DataView.prototype],
]`;
class SubMap extends Map {}
class SubDate extends Date {}
class SubRegExp extends RegExp {}
class SubNumber extends Number {}
const values = [
  ['1', 1], ["'s'", 's'], ['null', null], ['undefined', undefined], ['Symbol()', Symbol('x')], ['1n', 1n],
  ['{}', {}], ['[]', []], ['function', () => {}],
  ...eval(make),
  ['SubMap', new SubMap()], ['SubDate', new SubDate(0)], ['SubRegExp', new SubRegExp('y')],
  ['SubNumber', new SubNumber(2)],
  ['Object.create(Date.prototype)', Object.create(Date.prototype)],
  ['Object.create(Map.prototype)', Object.create(Map.prototype)],
  ['Proxy(Map)', new Proxy(new Map(), {})], ['Proxy(Date)', new Proxy(new Date(0), {})],
  ['Proxy(RegExp)', new Proxy(/x/, {})], ['Proxy(Number)', new Proxy(new Number(1), {})],
  ['Uint8Array', new Uint8Array(2)], ['Buffer', Buffer.alloc(1)], ['Error', new Error('e')],
  ['Promise', Promise.resolve()], ['Map iterator', new Map().entries()],
  ['arguments', (function () { return arguments; })()],
  ...vm.runInNewContext(make).map(([name, v]) => [`other realm ${name}`, v]),
];
const checks = ['isMap', 'isSet', 'isWeakMap', 'isWeakSet', 'isArrayBuffer', 'isSharedArrayBuffer',
  'isAnyArrayBuffer', 'isDataView', 'isRegExp', 'isDate', 'isNumberObject', 'isStringObject',
  'isBooleanObject', 'isSymbolObject', 'isBigIntObject', 'isBoxedPrimitive'];
for (const [name, value] of values) {
  const passed = checks.filter((check) => types[check](value));
  console.log(`${name}: ${passed.join(' ') || '-'}`);
}
// The checks run no code of the value: a proxy's traps are never called.
let trapped = 0;
const watched = new Proxy({}, new Proxy({}, { get() { trapped++; return undefined; } }));
for (const check of checks) types[check](watched);
console.log('traps called:', trapped);
// Deep equality uses them: boxed primitives and dates compare by value.
console.log(util.isDeepStrictEqual([new Number(1), new Date(5), /a/g, new Map([[1, {}]])],
  [new Number(1), new Date(5), /a/g, new Map([[1, {}]])]));
console.log(util.isDeepStrictEqual(new Number(1), new Number(2)), util.isDeepStrictEqual(new Date(1), {}));
