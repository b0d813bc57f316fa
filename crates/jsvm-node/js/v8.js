// The `v8` module: serialize/deserialize in V8's value serialization format (version 15, the
// bytes node writes, so that data written by either reads back in the other), the Serializer
// and Deserializer classes (Default*: typed arrays and Buffers as Node's host objects), and the
// heap figures QuickJS has. V8's flags mean nothing to QuickJS: setFlagsFromString takes them
// and changes nothing, as the command line does.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { Buffer } = require('buffer'); // not the global, which a program may delete

const { codes } = require('internal/errors');

const kVersion = 15;

// Node's DefaultSerializer numbers the views it writes as host objects (10: Buffer).
const viewTypes = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array, DataView, null, BigInt64Array, BigUint64Array];
const kBufferIndex = 10;

const errorTags = new Map([
  [EvalError.prototype, 'E'], [RangeError.prototype, 'R'], [ReferenceError.prototype, 'F'],
  [SyntaxError.prototype, 'S'], [TypeError.prototype, 'T'], [URIError.prototype, 'U'],
]);
const errorCtors = {
  E: EvalError, R: RangeError, F: ReferenceError, S: SyntaxError, T: TypeError, U: URIError,
};

function dataCloneError(message) {
  return new Error(message);
}
function cannotClone(value) {
  let shown;
  try {
    shown = typeof value === 'symbol' ? value.toString() : String(value);
  } catch {
    shown = Object.prototype.toString.call(value);
  }
  return dataCloneError(`${shown} could not be cloned.`);
}
const isArrayIndex = (k) => /^(0|[1-9][0-9]*)$/.test(k) && Number(k) < 4294967295;
const regexpFlagBits = { g: 1, i: 2, m: 4, y: 8, u: 16, s: 32, d: 128, v: 256 };

class Serializer {
  #bytes = new Uint8Array(64);
  #length = 0;
  #ids = new Map();
  #transferred = new Map();
  #viewsAsHostObjects = false;

  #reserve(n) {
    if (this.#length + n <= this.#bytes.length) return;
    let size = this.#bytes.length * 2;
    while (size < this.#length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }
  #byte(b) {
    this.#reserve(1);
    this.#bytes[this.#length++] = b;
  }
  #tag(ch) {
    this.#byte(ch.charCodeAt(0));
  }
  #varint(n) {
    // Unsigned LEB128 of a non-negative integer up to 2^53.
    do {
      let b = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) b |= 0x80;
      this.#byte(b);
    } while (n > 0);
  }
  #zigzag(n) {
    this.#varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  #double(d) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, d, true);
    this.#raw(b);
  }
  #raw(bytes) {
    this.#reserve(bytes.length);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
  }
  #string(s) {
    let oneByte = true;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) > 0xff) {
        oneByte = false;
        break;
      }
    }
    if (oneByte) {
      this.#tag('"');
      this.#varint(s.length);
      this.#reserve(s.length);
      for (let i = 0; i < s.length; i++) this.#bytes[this.#length++] = s.charCodeAt(i);
      return;
    }
    const byteLength = s.length * 2;
    // The two-byte data starts at an even offset.
    let varintLength = 1;
    for (let n = byteLength; n >= 128; n = Math.floor(n / 128)) varintLength++;
    if ((this.#length + 1 + varintLength) & 1) this.#byte(0);
    this.#tag('c');
    this.#varint(byteLength);
    this.#reserve(byteLength);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.#bytes[this.#length++] = c & 0xff;
      this.#bytes[this.#length++] = c >> 8;
    }
  }
  #bigintBody(v) {
    const negative = v < 0n;
    let magnitude = negative ? -v : v;
    const words = [];
    while (magnitude > 0n) {
      words.push(magnitude & 0xffffffffffffffffn);
      magnitude >>= 64n;
    }
    this.#varint(words.length * 8 * 2 + (negative ? 1 : 0));
    const b = new Uint8Array(words.length * 8);
    const view = new DataView(b.buffer);
    words.forEach((w, i) => view.setBigUint64(i * 8, w, true));
    this.#raw(b);
  }
  #number(n) {
    if (Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 && !Object.is(n, -0)) {
      this.#tag('I');
      this.#zigzag(n);
    } else {
      this.#tag('N');
      this.#double(n);
    }
  }
  #key(k) {
    if (isArrayIndex(k)) this.#number(Number(k));
    else this.#string(k);
  }
  #properties(obj, keys) {
    let n = 0;
    for (const k of keys) {
      if (!Object.prototype.propertyIsEnumerable.call(obj, k)) continue;
      this.#key(k);
      this.writeValue(obj[k]);
      n++;
    }
    return n;
  }

  writeHeader() {
    this.#byte(0xff);
    this.#varint(kVersion);
  }

  writeValue(value) {
    switch (typeof value) {
      case 'undefined': this.#tag('_'); return true;
      case 'boolean': this.#tag(value ? 'T' : 'F'); return true;
      case 'number': this.#number(value); return true;
      case 'string': this.#string(value); return true;
      case 'bigint': this.#tag('Z'); this.#bigintBody(value); return true;
      case 'symbol': throw this._getDataCloneError(cannotClone(value).message);
      case 'function': throw this._getDataCloneError(cannotClone(value).message);
      default: break;
    }
    if (value === null) {
      this.#tag('0');
      return true;
    }
    const id = this.#ids.get(value);
    if (id !== undefined) {
      this.#tag('^');
      this.#varint(id);
      return true;
    }
    if (ArrayBuffer.isView(value) && this.#viewsAsHostObjects) {
      this.#ids.set(value, this.#ids.size);
      this.#tag('\\');
      this._writeHostObject(value);
      return true;
    }
    const transferId = this.#transferred.get(value);
    if (transferId !== undefined) {
      this.#ids.set(value, this.#ids.size);
      this.#tag('t');
      this.#varint(transferId);
      return true;
    }
    this.#ids.set(value, this.#ids.size);
    const proto = Object.getPrototypeOf(value);
    if (Array.isArray(value)) {
      const keys = Object.keys(value);
      const length = value.length;
      let dense = true;
      for (let i = 0; i < length; i++) {
        if (!Object.prototype.hasOwnProperty.call(value, i)) {
          dense = false;
          break;
        }
      }
      if (dense) {
        this.#tag('A');
        this.#varint(length);
        for (let i = 0; i < length; i++) this.writeValue(value[i]);
        const n = this.#properties(value, keys.filter((k) => !isArrayIndex(k)));
        this.#tag('$');
        this.#varint(n);
        this.#varint(length);
      } else {
        this.#tag('a');
        this.#varint(length);
        const n = this.#properties(value, keys);
        this.#tag('@');
        this.#varint(n);
        this.#varint(length);
      }
      return true;
    }
    if (value instanceof Date) {
      this.#tag('D');
      this.#double(value.getTime());
    } else if (value instanceof RegExp) {
      this.#tag('R');
      this.#string(value.source);
      let bits = 0;
      for (const f of value.flags) bits |= regexpFlagBits[f] || 0;
      this.#varint(bits);
    } else if (value instanceof Map) {
      this.#tag(';');
      const entries = [...value];
      for (const [k, v] of entries) {
        this.writeValue(k);
        this.writeValue(v);
      }
      this.#tag(':');
      this.#varint(entries.length * 2);
    } else if (value instanceof Set) {
      this.#tag('\'');
      const values = [...value];
      for (const v of values) this.writeValue(v);
      this.#tag(',');
      this.#varint(values.length);
    } else if (value instanceof ArrayBuffer) {
      this.#tag('B');
      this.#varint(value.byteLength);
      this.#raw(new Uint8Array(value));
    } else if (ArrayBuffer.isView(value)) {
      // A view without the host-object handling: its buffer, then the view (V8's own form).
      this.#ids.delete(value);
      this.writeValue(value.buffer);
      this.#ids.set(value, this.#ids.size);
      this.#tag('V');
      const index = viewTypes.indexOf(value.constructor);
      this.#byte('bBCwWdDfFg?qQ'.charCodeAt(index === -1 ? 9 : index));
      this.#varint(value.byteOffset);
      this.#varint(value.byteLength);
      this.#varint(0);
    } else if (value instanceof Number) {
      this.#tag('n');
      this.#double(value.valueOf());
    } else if (value instanceof String) {
      this.#tag('s');
      this.#string(value.valueOf());
    } else if (value instanceof Boolean) {
      this.#tag(value.valueOf() ? 'y' : 'x');
    } else if (typeof BigInt === 'function' && Object.prototype.toString.call(value) === '[object BigInt]') {
      this.#tag('z');
      this.#bigintBody(value.valueOf());
    } else if (value instanceof Error) {
      this.#tag('r');
      let p = proto;
      while (p !== null && !errorTags.has(p) && p !== Error.prototype) p = Object.getPrototypeOf(p);
      if (p !== null && errorTags.has(p)) this.#tag(errorTags.get(p));
      const message = Object.getOwnPropertyDescriptor(value, 'message');
      if (message && 'value' in message) {
        this.#tag('m');
        this.#string(String(message.value));
      }
      const stack = value.stack;
      if (typeof stack === 'string') {
        this.#tag('s');
        this.#string(stack);
      }
      this.#tag('.');
    } else if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet ||
      (typeof WeakRef === 'function' && value instanceof WeakRef)) {
      throw this._getDataCloneError(`#<${value.constructor.name}> could not be cloned.`);
    } else if (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer) {
      throw this._getDataCloneError(`#<SharedArrayBuffer> could not be cloned.`);
    } else {
      this.#tag('o');
      const n = this.#properties(value, Object.keys(value));
      this.#tag('{');
      this.#varint(n);
    }
    return true;
  }

  releaseBuffer() {
    const out = Buffer.from(this.#bytes.buffer.slice(0, this.#length));
    this.#bytes = new Uint8Array(64);
    this.#length = 0;
    return out;
  }
  transferArrayBuffer(id, arrayBuffer) {
    this.#transferred.set(arrayBuffer, id);
  }
  writeUint32(n) {
    this.#varint(n >>> 0);
  }
  writeUint64(hi, lo) {
    this.#varint((hi >>> 0) * 4294967296 + (lo >>> 0));
  }
  writeDouble(d) {
    this.#double(d);
  }
  writeRawBytes(source) {
    if (!ArrayBuffer.isView(source)) {
      throw codes.ERR_INVALID_ARG_TYPE('source', ['Buffer', 'TypedArray', 'DataView'], source);
    }
    this.#raw(new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
  }
  _setTreatArrayBufferViewsAsHostObjects(flag) {
    this.#viewsAsHostObjects = Boolean(flag);
  }
  _getDataCloneError(message) {
    return dataCloneError(message);
  }
  _writeHostObject(object) {
    throw this._getDataCloneError(`${Object.prototype.toString.call(object)} could not be cloned.`);
  }
}

class Deserializer {
  #bytes;
  #pos = 0;
  #version = 0;
  #objects = [];
  #transferred = new Map();

  constructor(buffer) {
    if (!ArrayBuffer.isView(buffer)) {
      throw codes.ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
    }
    this.#bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    Object.defineProperty(this, 'buffer', { value: buffer, writable: false, enumerable: false });
  }

  #fail() {
    return dataCloneError('Unable to deserialize cloned data.');
  }
  #byte() {
    if (this.#pos >= this.#bytes.length) throw this.#fail();
    return this.#bytes[this.#pos++];
  }
  #varint() {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.#byte();
      n += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return n;
      scale *= 128;
      if (scale > 2 ** 63) throw this.#fail();
    }
  }
  #take(n) {
    if (this.#pos + n > this.#bytes.length) throw this.#fail();
    const out = this.#bytes.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }
  #double() {
    const b = this.#take(8);
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  }
  #bigintBody() {
    const bits = this.#varint();
    const byteLength = Math.floor(bits / 2);
    const b = this.#take(byteLength);
    let v = 0n;
    for (let i = byteLength - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
    return bits % 2 === 1 ? -v : v;
  }
  #oneByte(n) {
    const b = this.#take(n);
    let s = '';
    for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
    return s;
  }
  #twoByte(n) {
    if (n % 2 !== 0) throw this.#fail();
    const b = this.#take(n);
    let s = '';
    for (let i = 0; i < n; i += 2) s += String.fromCharCode(b[i] | (b[i + 1] << 8));
    return s;
  }
  #peekTag() {
    while (this.#pos < this.#bytes.length && this.#bytes[this.#pos] === 0) this.#pos++;
    if (this.#pos >= this.#bytes.length) throw this.#fail();
    return String.fromCharCode(this.#bytes[this.#pos]);
  }
  #readTag() {
    const t = this.#peekTag();
    this.#pos++;
    return t;
  }
  #stringValue() {
    const v = this.readValue();
    if (typeof v !== 'string') throw this.#fail();
    return v;
  }
  // Key/value pairs up to the end tag; returns how many.
  #readProperties(obj, endTag) {
    let n = 0;
    while (this.#peekTag() !== endTag) {
      const k = this.readValue();
      const v = this.readValue();
      if (typeof k !== 'string' && typeof k !== 'number') throw this.#fail();
      obj[k] = v;
      n++;
    }
    this.#pos++;
    return n;
  }

  readHeader() {
    if (this.#bytes[this.#pos] === 0xff) {
      this.#pos++;
      this.#version = this.#varint();
      if (this.#version > kVersion) {
        throw dataCloneError('Unable to deserialize cloned data due to invalid or unsupported version.');
      }
      return true;
    }
    throw dataCloneError('Unable to deserialize cloned data due to invalid or unsupported version.');
  }
  getWireFormatVersion() {
    return this.#version;
  }

  readValue() {
    const tag = this.#readTag();
    switch (tag) {
      case '_': return undefined;
      case '0': return null;
      case 'T': return true;
      case 'F': return false;
      case 'I': {
        const z = this.#varint();
        return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      }
      case 'U': return this.#varint();
      case 'N': return this.#double();
      case 'Z': return this.#bigintBody();
      case '"': return this.#oneByte(this.#varint());
      case 'S': return new TextDecoder().decode(this.#take(this.#varint()));
      case 'c': return this.#twoByte(this.#varint());
      case '^': {
        const id = this.#varint();
        if (id >= this.#objects.length) throw this.#fail();
        const seen = this.#objects[id];
        // A view of a buffer already read: the reference, then the view.
        if (seen instanceof ArrayBuffer && this.#pos < this.#bytes.length &&
            this.#bytes[this.#pos] === 'V'.charCodeAt(0)) {
          this.#pos++;
          return this.#view(seen);
        }
        return seen;
      }
      case 'o': {
        const obj = {};
        this.#objects.push(obj);
        const n = this.#readProperties(obj, '{');
        if (this.#varint() !== n) throw this.#fail();
        return obj;
      }
      case 'A': {
        const length = this.#varint();
        const arr = new Array(length);
        this.#objects.push(arr);
        for (let i = 0; i < length; i++) {
          if (this.#peekTag() === '-') {
            this.#pos++;
            continue;
          }
          arr[i] = this.readValue();
        }
        this.#readProperties(arr, '$');
        this.#varint();
        this.#varint();
        return arr;
      }
      case 'a': {
        const length = this.#varint();
        const arr = new Array(length);
        this.#objects.push(arr);
        this.#readProperties(arr, '@');
        this.#varint();
        this.#varint();
        return arr;
      }
      case 'D': {
        const d = new Date(this.#double());
        this.#objects.push(d);
        return d;
      }
      case 'R': {
        const id = this.#objects.length;
        this.#objects.push(undefined);
        const source = this.#stringValue();
        const bits = this.#varint();
        let flags = '';
        for (const [f, bit] of Object.entries(regexpFlagBits)) if (bits & bit) flags += f;
        const re = new RegExp(source, [...flags].sort().join(''));
        this.#objects[id] = re;
        return re;
      }
      case ';': {
        const map = new Map();
        this.#objects.push(map);
        let n = 0;
        while (this.#peekTag() !== ':') {
          const k = this.readValue();
          map.set(k, this.readValue());
          n += 2;
        }
        this.#pos++;
        if (this.#varint() !== n) throw this.#fail();
        return map;
      }
      case '\'': {
        const set = new Set();
        this.#objects.push(set);
        let n = 0;
        while (this.#peekTag() !== ',') {
          set.add(this.readValue());
          n++;
        }
        this.#pos++;
        if (this.#varint() !== n) throw this.#fail();
        return set;
      }
      case 'B': {
        const length = this.#varint();
        const ab = this.#take(length).slice().buffer;
        this.#objects.push(ab);
        if (this.#pos < this.#bytes.length && this.#bytes[this.#pos] === 'V'.charCodeAt(0)) {
          this.#pos++;
          return this.#view(ab);
        }
        return ab;
      }
      case 't': {
        const id = this.#varint();
        const ab = this.#transferred.get(id);
        if (ab === undefined) throw this.#fail();
        this.#objects.push(ab);
        return ab;
      }
      case 'n': { const v = Object(this.#double()); this.#objects.push(v); return v; }
      case 's': {
        const id = this.#objects.length;
        this.#objects.push(undefined);
        const v = Object(this.#stringValue());
        this.#objects[id] = v;
        return v;
      }
      case 'y': { const v = Object(true); this.#objects.push(v); return v; }
      case 'x': { const v = Object(false); this.#objects.push(v); return v; }
      case 'z': { const v = Object(this.#bigintBody()); this.#objects.push(v); return v; }
      case 'r': return this.#error();
      case '\\': {
        const id = this.#objects.length;
        this.#objects.push(undefined);
        const v = this._readHostObject();
        this.#objects[id] = v;
        return v;
      }
      default: throw this.#fail();
    }
  }
  #view(buffer) {
    const type = String.fromCharCode(this.#byte());
    const offset = this.#varint();
    const length = this.#varint();
    if (this.#version >= 14) this.#varint();
    const index = 'bBCwWdDfFg?qQ'.indexOf(type);
    const Ctor = viewTypes[index];
    if (!Ctor) throw this.#fail();
    const view = Ctor === DataView ? new DataView(buffer, offset, length)
      : new Ctor(buffer, offset, length / Ctor.BYTES_PER_ELEMENT);
    this.#objects.push(view);
    return view;
  }
  #error() {
    const id = this.#objects.length;
    this.#objects.push(undefined);
    let Ctor = Error;
    let message;
    let stack;
    for (;;) {
      const t = this.#readTag();
      if (t === '.') break;
      if (errorCtors[t]) Ctor = errorCtors[t];
      else if (t === 'm') message = this.#stringValue();
      else if (t === 's') stack = this.#stringValue();
      else throw this.#fail();
    }
    const e = message === undefined ? new Ctor() : new Ctor(message);
    if (stack !== undefined) {
      Object.defineProperty(e, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
    }
    this.#objects[id] = e;
    return e;
  }

  transferArrayBuffer(id, arrayBuffer) {
    this.#transferred.set(id, arrayBuffer);
  }
  readUint32() {
    return this.#varint() >>> 0;
  }
  readUint64() {
    const n = this.#varint();
    return [Math.floor(n / 4294967296) >>> 0, n >>> 0];
  }
  readDouble() {
    return this.#double();
  }
  // The offset of `length` raw bytes in `this.buffer`, which are skipped.
  _readRawBytes(length) {
    const start = this.#pos;
    this.#take(length);
    return start;
  }
  readRawBytes(length) {
    const offset = this._readRawBytes(length);
    return Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset + offset, length);
  }
  _readHostObject() {
    throw dataCloneError('Unable to deserialize cloned data.');
  }
}

class DefaultSerializer extends Serializer {
  constructor() {
    super();
    this._setTreatArrayBufferViewsAsHostObjects(true);
  }
  _writeHostObject(view) {
    let i = kBufferIndex;
    if (!Buffer.isBuffer(view)) {
      i = viewTypes.indexOf(view.constructor);
      if (i === -1 || i === kBufferIndex) {
        throw this._getDataCloneError(`Unserializable host object: ${require('util').inspect(view)}`);
      }
    }
    this.writeUint32(i);
    this.writeUint32(view.byteLength);
    this.writeRawBytes(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  }
}

class DefaultDeserializer extends Deserializer {
  _readHostObject() {
    const index = this.readUint32();
    const byteLength = this.readUint32();
    const bytes = this.readRawBytes(byteLength);
    if (index === kBufferIndex) return Buffer.from(bytes);
    const Ctor = viewTypes[index];
    if (!Ctor) throw dataCloneError('Unable to deserialize cloned data.');
    const copy = new Uint8Array(bytes).buffer;
    if (Ctor === DataView) return new DataView(copy);
    return new Ctor(copy, 0, byteLength / Ctor.BYTES_PER_ELEMENT);
  }
}

function serialize(value) {
  const ser = new DefaultSerializer();
  ser.writeHeader();
  ser.writeValue(value);
  return ser.releaseBuffer();
}
function deserialize(buffer) {
  const der = new DefaultDeserializer(buffer);
  der.readHeader();
  return der.readValue();
}

// The figures QuickJS keeps (process.memoryUsage's); V8's other counters have no counterpart.
function getHeapStatistics() {
  const m = process.memoryUsage();
  return {
    total_heap_size: m.heapTotal,
    used_heap_size: m.heapUsed,
    external_memory: m.external,
  };
}

function setFlagsFromString(flags) {
  if (typeof flags !== 'string') throw codes.ERR_INVALID_ARG_TYPE('flags', 'string', flags);
}

// Node writes coverage here only when started with NODE_V8_COVERAGE (test runners call these
// at the end of every run regardless); jsvm collects no coverage, so they do what Node does
// without it: nothing.
function takeCoverage() {}
function stopCoverage() {}

// The version of the engine's cached data (what vm.Script's cachedData is tied to), as a
// 32-bit number: V8's is a hash of its version and flags; jsvm's hashes its own and QuickJS's
// versions (FNV-1a), the same for every run of one build.
function cachedDataVersionTag() {
  const text = `jsvm ${process.versions.jsvm} quickjs ${process.versions.quickjs}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

module.exports = {
  cachedDataVersionTag,
  getHeapStatistics,
  takeCoverage,
  stopCoverage,
  setFlagsFromString,
  Serializer,
  Deserializer,
  DefaultSerializer,
  DefaultDeserializer,
  deserialize,
  serialize,
};
