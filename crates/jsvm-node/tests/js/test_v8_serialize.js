// v8.serialize/deserialize: V8's value serialization format (node's bytes, read back either
// way), the Serializer/Deserializer classes and their errors.
'use strict';
const v8 = require('v8');
const util = require('util');

const values = [undefined, null, true, false, 1, -1, 2147483647, 2147483648, -2147483648,
  -2147483649, 1.5, -0, NaN, Infinity, 'ab', 'é', 'ĀĀ', 'x😀', '', 'a'.repeat(200), 1n, -1n, 2n ** 64n,
  -(2n ** 70n), [1, 2], [1, , 3], Object.assign([1], { x: 2 }), [], {}, { a: 1, b: 'x' },
  { 1: 'a', b: 2, 0: 'z' }, new Date(0), /a+/gi, /x/msuy, new Map([[1, 2], ['k', { v: [] }]]),
  new Set(['a', 1]), new ArrayBuffer(2), Buffer.from('hi'), new Uint8Array([1, 2]),
  new Uint16Array([1, 65535]), new Int32Array([-5]), new Float32Array([0.5]), new Float64Array([1]),
  new DataView(new ArrayBuffer(3)), new Int8Array([-1]), new BigInt64Array([-3n]),
  new BigUint64Array([3n]), new Uint8ClampedArray([255]), Object(1), Object('s'), Object(true),
  Object(false), Object(1n), { nested: { deep: [{ x: new Map() }] } }];
for (const v of values) {
  const bytes = v8.serialize(v);
  const back = v8.deserialize(bytes);
  console.log(util.inspect(v, { depth: 4, breakLength: Infinity }), bytes.toString('hex'),
    util.isDeepStrictEqual(back, v) || Number.isNaN(v) ? 'same' : util.inspect(back));
}

// Shared and circular references keep their shape.
const o = { n: 1 };
const shared = v8.deserialize(v8.serialize([o, o, { o }]));
console.log(v8.serialize([o, o]).toString('hex'), shared[0] === shared[1], shared[2].o === shared[0]);
const c = { name: 'c' };
c.self = c;
c.list = [c];
const cb = v8.deserialize(v8.serialize(c));
console.log(v8.serialize(c).toString('hex'), cb.self === cb, cb.list[0] === cb);

// Errors: their kind, message and stack; other own properties are not kept.
for (const e of [new Error('m'), new TypeError('t'), new RangeError('r'), new SyntaxError('s'), Object.assign(new Error('x'), { code: 'C' })]) {
  const back = v8.deserialize(v8.serialize(e));
  console.log(back.constructor.name, back.message, back.stack === e.stack, back.code, back instanceof Error);
}

// What cannot be cloned, and bytes that are not V8's.
for (const bad of [() => {}, Symbol('x'), { f() {} }, new WeakMap(), Promise.resolve()]) {
  try {
    v8.serialize(bad);
  } catch (e) {
    console.log(e.name, e.message);
  }
}
for (const hex of ['ff0f49', '0102', 'ff0f6f', 'ff0f5e05', 'ff1049']) {
  try {
    console.log(v8.deserialize(Buffer.from(hex, 'hex')));
  } catch (e) {
    console.log(hex, e.name, e.message);
  }
}
try { v8.deserialize('x'); } catch (e) { console.log(e.code); }

// The classes: raw values around a value, host objects.
const ser = new v8.Serializer();
ser.writeHeader();
ser.writeUint32(300);
ser.writeDouble(2.5);
ser.writeValue({ k: [1] });
ser.writeRawBytes(Buffer.from([7, 8]));
const raw = ser.releaseBuffer();
console.log(raw.toString('hex'));
const des = new v8.Deserializer(raw);
console.log(des.readHeader(), des.getWireFormatVersion(), des.readUint32(), des.readDouble(), des.readValue(), [...des.readRawBytes(2)]);
try {
  const plain = new v8.Serializer();
  plain.writeHeader();
  plain._setTreatArrayBufferViewsAsHostObjects(true);
  plain.writeValue(new Uint8Array(1));
} catch (e) {
  console.log(e.message);
}
class Custom extends v8.DefaultSerializer {
  _getDataCloneError(message) { return new RangeError(`custom: ${message}`); }
}
try {
  const cs = new Custom();
  cs.writeHeader();
  cs.writeValue(() => 1);
} catch (e) {
  console.log(e.name, e.message);
}
v8.setFlagsFromString('--expose-gc');
try { v8.setFlagsFromString(1); } catch (e) { console.log(e.code); }
console.log(typeof v8.getHeapStatistics().used_heap_size, typeof v8.getHeapStatistics().total_heap_size);
