// buffer: Buffer as a subclass of Uint8Array, written for jsvm after Node's documented
// behaviour. Encodings (utf8, utf16le, latin1, ascii, hex, base64, base64url) are implemented
// here in plain JavaScript, and by the host where it has them (buffer_binding.rs: much faster;
// the JavaScript stays for what the host leaves and for a host without them).
'use strict';

const kMaxLength = 2 ** 32;
const kStringMaxLength = 2 ** 29 - 24;
let INSPECT_MAX_BYTES = 50;
const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

let utilInspect = null;
function inspectValue(v, opts) {
  if (utilInspect === null) utilInspect = require('util').inspect;
  return utilInspect(v, opts);
}

const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_UNKNOWN_ENCODING,
    ERR_BUFFER_OUT_OF_BOUNDS, ERR_INVALID_BUFFER_SIZE, ERR_MISSING_ARGS,
  },
  validateNumber, validateInteger, validateArray, validateString,
} = require('internal/errors');

const validateOffset = (value, name, min = 0, max = kMaxLength) => validateInteger(value, name, min, max);

// Node throws this one from C++: a plain TypeError with a code.
function argumentNotString() {
  return Object.assign(new TypeError('argument must be a string'), { code: 'ERR_INVALID_ARG_TYPE' });
}

// ---------------------------------------------------------------------------------------------
// Type checks that do not depend on the host
const TypedArray = Object.getPrototypeOf(Uint8Array);
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function' ?
  Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : null;

function isUint8Array(v) {
  return typedArrayTag.call(v) === 'Uint8Array';
}
function isAnyArrayBuffer(v) {
  if (v === null || typeof v !== 'object') return false;
  try {
    arrayBufferByteLength.call(v);
    return true;
  } catch {}
  if (sharedArrayBufferByteLength !== null) {
    try {
      sharedArrayBufferByteLength.call(v);
      return true;
    } catch {}
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Encoders and decoders

// The host's (buffer_binding.rs), when it has them: this file's loops run in the interpreter,
// microseconds per byte. They answer undefined or -1 for what they leave to the loops (a value
// that is no Uint8Array, hex or base64 text that is not ASCII).
const hostSlice = typeof binding === 'object' && typeof binding.bufferSlice === 'function' ?
  binding.bufferSlice : null;
const hostUtf8Length = hostSlice !== null ? binding.bufferUtf8Length : null;
const hostUtf8Write = hostSlice !== null ? binding.bufferUtf8Write : null;
const hostAsciiWrite = hostSlice !== null ? binding.bufferAsciiWrite : null;
// The host reads a string as UTF-8, which has no lone surrogates: they are made U+FFFD first,
// as UTF-8 encoding does.
const stringToWellFormed = String.prototype.toWellFormed;
// bufferSlice's encodings.
const kHostUtf8 = 0;
const kHostLatin1 = 1;
const kHostAscii = 2;
const kHostHex = 3;
const kHostBase64 = 4;
const kHostBase64Url = 5;

function utf8Length(str) {
  if (hostUtf8Length !== null) return hostUtf8Length(stringToWellFormed.call(str));
  let n = 0;
  const len = str.length;
  for (let i = 0; i < len; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    } else n += 3;
  }
  return n;
}

// Writes str as UTF-8 into buf[offset, offset+length) without splitting a character.
function utf8WriteImpl(buf, str, offset, length) {
  if (hostUtf8Write !== null) {
    const written = hostUtf8Write(buf, stringToWellFormed.call(str), offset, length);
    if (written >= 0) return written;
  }
  let pos = offset;
  const end = offset + length;
  const len = str.length;
  for (let i = 0; i < len; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (pos >= end) break;
      buf[pos++] = c;
      continue;
    }
    if (c < 0x800) {
      if (pos + 2 > end) break;
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < len) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          if (pos + 4 > end) break;
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
      }
      c = 0xfffd;
    }
    if (pos + 3 > end) break;
    buf[pos++] = 0xe0 | (c >> 12);
    buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
    buf[pos++] = 0x80 | (c & 0x3f);
  }
  return pos - offset;
}

// WHATWG UTF-8 decode: each maximal invalid subpart becomes one U+FFFD.
function utf8SliceImpl(buf, start, end) {
  if (hostSlice !== null) {
    const text = hostSlice(buf, start, end, kHostUtf8);
    if (text !== undefined) return text;
  }
  const codes = [];
  let out = '';
  let i = start;
  while (i < end) {
    const b = buf[i];
    if (b < 0x80) {
      codes.push(b);
      i++;
    } else {
      let need;
      let cp;
      let lower = 0x80;
      let upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        else if (b === 0xed) upper = 0x9f;
        need = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        else if (b === 0xf4) upper = 0x8f;
        need = 3;
        cp = b & 0x07;
      } else {
        codes.push(0xfffd);
        i++;
        need = 0;
      }
      if (need > 0) {
        let j = i + 1;
        let ok = true;
        for (let k = 0; k < need; k++, j++) {
          if (j >= end) { ok = false; break; }
          const c = buf[j];
          if (c < lower || c > upper) { ok = false; break; }
          lower = 0x80;
          upper = 0xbf;
          cp = (cp << 6) | (c & 0x3f);
        }
        if (!ok) {
          codes.push(0xfffd);
        } else if (cp > 0xffff) {
          cp -= 0x10000;
          codes.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
        } else {
          codes.push(cp);
        }
        i = j;
      }
    }
    if (codes.length >= 8192) {
      out += String.fromCharCode.apply(null, codes);
      codes.length = 0;
    }
  }
  return out + String.fromCharCode.apply(null, codes);
}

function isUtf8Impl(buf, start, end) {
  let i = start;
  while (i < end) {
    const b = buf[i];
    if (b < 0x80) { i++; continue; }
    let need;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      else if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      else if (b === 0xf4) upper = 0x8f;
    } else return false;
    for (let k = 0; k < need; k++) {
      const c = buf[++i];
      if (i >= end || c < lower || c > upper) return false;
      lower = 0x80;
      upper = 0xbf;
    }
    i++;
  }
  return true;
}

function latin1SliceImpl(buf, start, end) {
  if (hostSlice !== null) {
    const text = hostSlice(buf, start, end, kHostLatin1);
    if (text !== undefined) return text;
  }
  const codes = [];
  let out = '';
  for (let i = start; i < end; i++) {
    codes.push(buf[i]);
    if (codes.length >= 8192) {
      out += String.fromCharCode.apply(null, codes);
      codes.length = 0;
    }
  }
  return out + String.fromCharCode.apply(null, codes);
}

function asciiSliceImpl(buf, start, end) {
  if (hostSlice !== null) {
    const text = hostSlice(buf, start, end, kHostAscii);
    if (text !== undefined) return text;
  }
  const codes = [];
  let out = '';
  for (let i = start; i < end; i++) {
    codes.push(buf[i] & 0x7f);
    if (codes.length >= 8192) {
      out += String.fromCharCode.apply(null, codes);
      codes.length = 0;
    }
  }
  return out + String.fromCharCode.apply(null, codes);
}

function latin1WriteImpl(buf, str, offset, length) {
  const n = Math.min(str.length, length);
  for (let i = 0; i < n; i++) buf[offset + i] = str.charCodeAt(i) & 0xff;
  return n;
}

function ucs2SliceImpl(buf, start, end) {
  const codes = [];
  let out = '';
  for (let i = start; i + 1 < end; i += 2) {
    codes.push(buf[i] | (buf[i + 1] << 8));
    if (codes.length >= 8192) {
      out += String.fromCharCode.apply(null, codes);
      codes.length = 0;
    }
  }
  return out + String.fromCharCode.apply(null, codes);
}

function ucs2WriteImpl(buf, str, offset, length) {
  const n = Math.min(str.length, Math.floor(length / 2));
  for (let i = 0; i < n; i++) {
    const c = str.charCodeAt(i);
    buf[offset + 2 * i] = c & 0xff;
    buf[offset + 2 * i + 1] = c >> 8;
  }
  return n * 2;
}

const hexDigits = '0123456789abcdef';
const hexTable = [];
for (let i = 0; i < 256; i++) hexTable.push(hexDigits[i >> 4] + hexDigits[i & 15]);

function hexSliceImpl(buf, start, end) {
  if (hostSlice !== null) {
    const text = hostSlice(buf, start, end, kHostHex);
    if (text !== undefined) return text;
  }
  let out = '';
  for (let i = start; i < end; i++) out += hexTable[buf[i]];
  return out;
}

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function hexWriteImpl(buf, str, offset, length) {
  if (hostAsciiWrite !== null) {
    const written = hostAsciiWrite(buf, stringToWellFormed.call(str), offset, length, kHostHex);
    if (written >= 0) return written;
  }
  const n = Math.min(str.length >>> 1, length);
  let i = 0;
  for (; i < n; i++) {
    const hi = hexValue(str.charCodeAt(2 * i));
    const lo = hexValue(str.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) break;
    buf[offset + i] = (hi << 4) | lo;
  }
  return i;
}

const b64Chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64UrlChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64Lookup = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  b64Lookup[b64Chars.charCodeAt(i)] = i;
  b64Lookup[b64UrlChars.charCodeAt(i)] = i;
}

function base64SliceImpl(buf, start, end, url) {
  if (hostSlice !== null) {
    const text = hostSlice(buf, start, end, url ? kHostBase64Url : kHostBase64);
    if (text !== undefined) return text;
  }
  const chars = url ? b64UrlChars : b64Chars;
  let out = '';
  let i = start;
  for (; i + 2 < end; i += 3) {
    const n = (buf[i] << 16) | (buf[i + 1] << 8) | buf[i + 2];
    out += chars[n >> 18] + chars[(n >> 12) & 63] + chars[(n >> 6) & 63] + chars[n & 63];
  }
  const rest = end - i;
  if (rest === 1) {
    const n = buf[i] << 16;
    out += chars[n >> 18] + chars[(n >> 12) & 63];
    if (!url) out += '==';
  } else if (rest === 2) {
    const n = (buf[i] << 16) | (buf[i + 1] << 8);
    out += chars[n >> 18] + chars[(n >> 12) & 63] + chars[(n >> 6) & 63];
    if (!url) out += '=';
  }
  return out;
}

// Lenient decoding, as Node's: characters outside both alphabets are skipped, '=' ends the data.
function base64WriteImpl(buf, str, offset, length) {
  if (hostAsciiWrite !== null) {
    const written = hostAsciiWrite(buf, stringToWellFormed.call(str), offset, length, kHostBase64);
    if (written >= 0) return written;
  }
  let pos = offset;
  const end = offset + length;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < str.length && pos < end; i++) {
    const c = str.charCodeAt(i);
    if (c === 61) break;
    const v = b64Lookup[c & 0xff];
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      buf[pos++] = (acc >> bits) & 0xff;
    }
  }
  return pos - offset;
}

function base64ByteLength(str, bytes) {
  if (bytes > 0 && str.charCodeAt(bytes - 1) === 0x3d) bytes--;
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3d) bytes--;
  return (bytes * 3) >>> 2;
}

const encodingOps = {
  utf8: {
    byteLength: utf8Length,
    write: utf8WriteImpl,
    slice: utf8SliceImpl,
    unit: 1,
  },
  ucs2: {
    byteLength: (s) => s.length * 2,
    write: ucs2WriteImpl,
    slice: ucs2SliceImpl,
    unit: 2,
  },
  latin1: {
    byteLength: (s) => s.length,
    write: latin1WriteImpl,
    slice: latin1SliceImpl,
    unit: 1,
  },
  ascii: {
    byteLength: (s) => s.length,
    write: latin1WriteImpl,
    slice: asciiSliceImpl,
    unit: 1,
  },
  base64: {
    byteLength: (s) => base64ByteLength(s, s.length),
    write: base64WriteImpl,
    slice: (buf, start, end) => base64SliceImpl(buf, start, end, false),
    unit: 1,
  },
  base64url: {
    byteLength: (s) => base64ByteLength(s, s.length),
    write: base64WriteImpl,
    slice: (buf, start, end) => base64SliceImpl(buf, start, end, true),
    unit: 1,
  },
  hex: {
    byteLength: (s) => s.length >>> 1,
    write: hexWriteImpl,
    slice: hexSliceImpl,
    unit: 1,
  },
};

function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'ucs2';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': return 'ascii';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    default: return undefined;
  }
}

function getEncodingOps(enc) {
  if (typeof enc !== 'string' && enc !== undefined) enc = `${enc}`;
  if (enc === undefined) return encodingOps.utf8;
  const n = normalizeEncoding(enc);
  if (n === undefined || enc === '') return undefined;
  return encodingOps[n];
}

// ---------------------------------------------------------------------------------------------
// Buffer

class FastBuffer extends Uint8Array {
  // eslint-disable-next-line no-useless-constructor
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
}

function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') throw ERR_INVALID_ARG_TYPE('string', 'string', arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Object.defineProperty(Buffer, 'prototype', { value: FastBuffer.prototype, writable: false, enumerable: false, configurable: false });
Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, enumerable: false, configurable: true });
Object.setPrototypeOf(Buffer, Uint8Array);
Object.defineProperty(Buffer, Symbol.species, {
  get() { return FastBuffer; }, enumerable: false, configurable: true,
});

function createBuffer(size) {
  return new FastBuffer(size);
}

function fromString(string, encoding) {
  let ops;
  if (typeof encoding !== 'string' || encoding.length === 0) {
    if (string.length === 0) return new FastBuffer();
    ops = encodingOps.utf8;
  } else {
    ops = getEncodingOps(encoding);
    if (ops === undefined) throw ERR_UNKNOWN_ENCODING(encoding);
    if (string.length === 0) return new FastBuffer();
  }
  const length = ops.byteLength(string);
  const buf = new FastBuffer(length);
  const actual = ops.write(buf, string, 0, length);
  if (actual !== length) return new FastBuffer(buf.buffer, 0, actual);
  return buf;
}

function fromArrayBuffer(obj, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = obj.byteLength - byteOffset;
  if (maxLength < 0) throw ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else {
      length = 0;
    }
  }
  return new FastBuffer(obj, byteOffset, length);
}

function fromArrayLike(obj) {
  const len = obj.length;
  if (len <= 0) return new FastBuffer();
  if (isUint8Array(obj)) {
    const b = new FastBuffer(len);
    b.set(obj);
    return b;
  }
  const b = new FastBuffer(len);
  for (let i = 0; i < len; i++) b[i] = obj[i];
  return b;
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  return undefined;
}

function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value &&
        (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }
    const b = fromObject(value);
    if (b) return b;
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }
  throw ERR_INVALID_ARG_TYPE('first argument',
    ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
}

function copyBytesFrom(view, offset, length) {
  if (!ArrayBuffer.isView(view) || typedArrayTag.call(view) === undefined) {
    throw ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view);
  }
  const viewLength = view.length;
  if (viewLength === 0) return new FastBuffer();
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateOffset(offset, 'offset', 0);
      if (offset >= viewLength) return new FastBuffer();
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateOffset(length, 'length', 0);
      end = offset + length;
    } else {
      end = viewLength;
    }
    view = view.subarray(offset, end);
  }
  return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
}

function of(...items) {
  const b = createBuffer(items.length);
  for (let k = 0; k < items.length; k++) b[k] = items[k];
  return b;
}

function assertSize(size) {
  validateNumber(size, 'size', 0, kMaxLength);
}

function alloc(size, fill, encoding) {
  assertSize(size);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = createBuffer(size);
    return fillImpl(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
}

function allocUnsafe(size) {
  assertSize(size);
  return createBuffer(size);
}

function isBuffer(b) {
  return b instanceof Buffer;
}

function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
  const aLen = aEnd - aStart;
  const bLen = bEnd - bStart;
  const n = Math.min(aLen, bLen);
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  if (aLen < bLen) return -1;
  if (aLen > bLen) return 1;
  return 0;
}

function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
}

function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 &&
    normalizeEncoding(encoding) !== undefined;
}

function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) {
    sourceEnd = sourceStart + target.length - targetStart;
  }
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.length - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (nb <= 0) return 0;
  if (sourceStart !== 0 || sourceEnd < source.length) {
    source = new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb);
  }
  Uint8Array.prototype.set.call(target, source, targetStart);
  return nb;
}

function concat(list, length) {
  validateArray(list, 'list');
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
  }
  const buffer = allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) throw ERR_INVALID_ARG_TYPE(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    pos += copyActual(buf, buffer, pos, 0, buf.length);
  }
  if (pos < length) buffer.fill(0, pos, length);
  return buffer;
}

function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const len = string.length;
  const mustMatch = arguments.length > 2 && arguments[2] === true;
  if (!mustMatch && len === 0) return 0;
  if (!encoding) return mustMatch ? -1 : utf8Length(string);
  const n = normalizeEncoding(encoding);
  if (n === undefined) return mustMatch ? -1 : utf8Length(string);
  return encodingOps[n].byteLength(string);
}

const statics = {
  from, copyBytesFrom, of, alloc, allocUnsafe, allocUnsafeSlow: allocUnsafe, isBuffer, compare,
  isEncoding, concat, byteLength,
};
Object.defineProperty(Buffer, 'poolSize', { value: 8192, writable: true, enumerable: true, configurable: true });
for (const key of Object.keys(statics)) {
  Object.defineProperty(Buffer, key, { value: statics[key], writable: true, enumerable: true, configurable: true });
}
Object.defineProperty(Buffer.allocUnsafeSlow, 'name', { value: 'allocUnsafeSlow' });

// ---------------------------------------------------------------------------------------------
// Buffer.prototype

const proto = FastBuffer.prototype;
function def(name, fn) {
  Object.defineProperty(proto, name, { value: fn, writable: true, enumerable: true, configurable: true });
}

// -- numeric reads and writes --
function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type || 'offset');
    throw ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw ERR_BUFFER_OUT_OF_BOUNDS();
  throw ERR_OUT_OF_RANGE(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}

// Checks that bytes [offset, offset+size) are inside buf; offset defaults to 0.
function checkRead(buf, offset, size) {
  if (offset === undefined) offset = 0;
  validateNumber(offset, 'offset');
  if (!(Number.isInteger(offset) && offset >= 0 && offset + size <= buf.length)) {
    boundsError(offset, buf.length - size);
  }
  return offset;
}

function checkIntValue(value, min, max, size) {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : '';
    let range;
    if (size > 4) {
      if (min === 0 || min === 0n) range = `>= 0${n} and < 2${n} ** ${size * 8}${n}`;
      else range = `>= -(2${n} ** ${size * 8 - 1}${n}) and < 2${n} ** ${size * 8 - 1}${n}`;
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw ERR_OUT_OF_RANGE('value', range, value);
  }
}

function readUIntLEAt(buf, offset, size) {
  let val = 0;
  let mul = 1;
  for (let i = 0; i < size; i++) {
    val += buf[offset + i] * mul;
    mul *= 256;
  }
  return val;
}

function readUIntBEAt(buf, offset, size) {
  let val = 0;
  for (let i = 0; i < size; i++) val = val * 256 + buf[offset + i];
  return val;
}

function toSigned(val, size) {
  const limit = 2 ** (size * 8 - 1);
  return val >= limit ? val - limit * 2 : val;
}

function writeIntAt(buf, value, offset, size, le) {
  // value is an integer-valued number in range; write its two's complement bytes.
  let v = value < 0 ? value + 2 ** (size * 8) : value;
  for (let i = 0; i < size; i++) {
    const byte = v % 256;
    buf[le ? offset + i : offset + size - 1 - i] = byte;
    v = (v - byte) / 256;
  }
}

const kKeep = Symbol('keepUndefinedOffset');
function defineIntMethods(size, signed) {
  const bits = size * 8;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const read = (le) => function (offset) {
    offset = checkRead(this, offset, size);
    const v = le ? readUIntLEAt(this, offset, size) : readUIntBEAt(this, offset, size);
    return signed ? toSigned(v, size) : v;
  };
  const write = (le) => function (value, offset, keepUndefinedOffset) {
    value = +value;
    if (offset === undefined && keepUndefinedOffset !== kKeep) offset = 0;
    if (size === 1) {
      validateNumber(offset, 'offset');
      checkIntValue(value, min, max, size);
    } else {
      checkIntValue(value, min, max, size);
      validateNumber(offset, 'offset');
    }
    if (!(Number.isInteger(offset) && offset >= 0 && offset + size <= this.length)) {
      boundsError(offset, this.length - size);
    }
    writeIntAt(this, Number.isNaN(value) ? 0 : Math.trunc(value), offset, size, le);
    return offset + size;
  };
  return { readLE: read(true), readBE: read(false), writeLE: write(true), writeBE: write(false), min, max };
}

const intMethods = {};
for (const size of [1, 2, 4, 3, 5, 6]) {
  intMethods[`u${size}`] = defineIntMethods(size, false);
  intMethods[`i${size}`] = defineIntMethods(size, true);
}

function checkByteLength(byteLength) {
  if (byteLength === undefined) throw ERR_INVALID_ARG_TYPE('byteLength', 'number', byteLength);
  if (!(byteLength >= 1 && byteLength <= 6 && Number.isInteger(byteLength))) {
    boundsError(byteLength, 6, 'byteLength');
  }
}

const bigReads = {
  readBigUInt64LE(offset) {
    offset = checkRead(this, offset, 8);
    const lo = BigInt(readUIntLEAt(this, offset, 4));
    const hi = BigInt(readUIntLEAt(this, offset + 4, 4));
    return (hi << 32n) + lo;
  },
  readBigUInt64BE(offset) {
    offset = checkRead(this, offset, 8);
    const hi = BigInt(readUIntBEAt(this, offset, 4));
    const lo = BigInt(readUIntBEAt(this, offset + 4, 4));
    return (hi << 32n) + lo;
  },
  readBigInt64LE(offset) {
    return BigInt.asIntN(64, bigReads.readBigUInt64LE.call(this, offset));
  },
  readBigInt64BE(offset) {
    return BigInt.asIntN(64, bigReads.readBigUInt64BE.call(this, offset));
  },
};

function writeBig(buf, value, offset, min, max, le) {
  if (offset === undefined) offset = 0;
  checkIntValue(value, min, max, 8);
  validateNumber(offset, 'offset');
  if (!(Number.isInteger(offset) && offset >= 0 && offset + 8 <= buf.length)) {
    boundsError(offset, buf.length - 8);
  }
  let v = BigInt.asUintN(64, value & 0xffffffffffffffffn);
  for (let i = 0; i < 8; i++) {
    buf[le ? offset + i : offset + 7 - i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return offset + 8;
}

const bigWrites = {
  writeBigUInt64LE(value, offset) { return writeBig(this, value, offset, 0n, 0xffffffffffffffffn, true); },
  writeBigUInt64BE(value, offset) { return writeBig(this, value, offset, 0n, 0xffffffffffffffffn, false); },
  writeBigInt64LE(value, offset) {
    return writeBig(this, value, offset, -(2n ** 63n), 2n ** 63n - 1n, true);
  },
  writeBigInt64BE(value, offset) {
    return writeBig(this, value, offset, -(2n ** 63n), 2n ** 63n - 1n, false);
  },
};

def('readBigUInt64LE', bigReads.readBigUInt64LE);
def('readBigUInt64BE', bigReads.readBigUInt64BE);
def('readBigUint64LE', bigReads.readBigUInt64LE);
def('readBigUint64BE', bigReads.readBigUInt64BE);
def('readBigInt64LE', bigReads.readBigInt64LE);
def('readBigInt64BE', bigReads.readBigInt64BE);
def('writeBigUInt64LE', bigWrites.writeBigUInt64LE);
def('writeBigUInt64BE', bigWrites.writeBigUInt64BE);
def('writeBigUint64LE', bigWrites.writeBigUInt64LE);
def('writeBigUint64BE', bigWrites.writeBigUInt64BE);
def('writeBigInt64LE', bigWrites.writeBigInt64LE);
def('writeBigInt64BE', bigWrites.writeBigInt64BE);

function readVar(kind, le) {
  return function (offset, byteLength) {
    if (offset === undefined) throw ERR_INVALID_ARG_TYPE('offset', 'number', offset);
    checkByteLength(byteLength);
    const m = intMethods[`${kind}${byteLength}`];
    return le ? m.readLE.call(this, offset) : m.readBE.call(this, offset);
  };
}
function writeVar(kind, le) {
  return function (value, offset, byteLength) {
    checkByteLength(byteLength);
    const m = intMethods[`${kind}${byteLength}`];
    return le ? m.writeLE.call(this, value, offset, kKeep) : m.writeBE.call(this, value, offset, kKeep);
  };
}

const readUIntLE = readVar('u', true);
const readUIntBE = readVar('u', false);
const readIntLE = readVar('i', true);
const readIntBE = readVar('i', false);
const writeUIntLE = writeVar('u', true);
const writeUIntBE = writeVar('u', false);
const writeIntLE = writeVar('i', true);
const writeIntBE = writeVar('i', false);

for (const U of ['UInt', 'Uint']) {
  def(`read${U}LE`, readUIntLE);
  def(`read${U}32LE`, intMethods.u4.readLE);
  def(`read${U}16LE`, intMethods.u2.readLE);
  def(`read${U}8`, intMethods.u1.readLE);
  def(`read${U}BE`, readUIntBE);
  def(`read${U}32BE`, intMethods.u4.readBE);
  def(`read${U}16BE`, intMethods.u2.readBE);
}
def('readIntLE', readIntLE);
def('readInt32LE', intMethods.i4.readLE);
def('readInt16LE', intMethods.i2.readLE);
def('readInt8', intMethods.i1.readLE);
def('readIntBE', readIntBE);
def('readInt32BE', intMethods.i4.readBE);
def('readInt16BE', intMethods.i2.readBE);
for (const U of ['UInt', 'Uint']) {
  def(`write${U}LE`, writeUIntLE);
  def(`write${U}32LE`, intMethods.u4.writeLE);
  def(`write${U}16LE`, intMethods.u2.writeLE);
  def(`write${U}8`, intMethods.u1.writeLE);
  def(`write${U}BE`, writeUIntBE);
  def(`write${U}32BE`, intMethods.u4.writeBE);
  def(`write${U}16BE`, intMethods.u2.writeBE);
}
def('writeIntLE', writeIntLE);
def('writeInt32LE', intMethods.i4.writeLE);
def('writeInt16LE', intMethods.i2.writeLE);
def('writeInt8', intMethods.i1.writeLE);
def('writeIntBE', writeIntBE);
def('writeInt32BE', intMethods.i4.writeBE);
def('writeInt16BE', intMethods.i2.writeBE);

// -- floats --
function dataView(buf) {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}
function floatRead(size, le) {
  return function (offset) {
    offset = checkRead(this, offset, size);
    const dv = dataView(this);
    return size === 4 ? dv.getFloat32(offset, le) : dv.getFloat64(offset, le);
  };
}
function floatWrite(size, le) {
  return function (value, offset) {
    value = +value;
    if (offset === undefined) offset = 0;
    validateNumber(offset, 'offset');
    if (!(Number.isInteger(offset) && offset >= 0 && offset + size <= this.length)) {
      boundsError(offset, this.length - size);
    }
    const dv = dataView(this);
    if (size === 4) dv.setFloat32(offset, value, le);
    else dv.setFloat64(offset, value, le);
    return offset + size;
  };
}
def('readFloatLE', floatRead(4, true));
def('readFloatBE', floatRead(4, false));
def('readDoubleLE', floatRead(8, true));
def('readDoubleBE', floatRead(8, false));
def('writeFloatLE', floatWrite(4, true));
def('writeFloatBE', floatWrite(4, false));
def('writeDoubleLE', floatWrite(8, true));
def('writeDoubleBE', floatWrite(8, false));

// -- encoding-specific slices and writes (buf.utf8Slice(start, end), buf.hexWrite(str, ...)) --
function sliceMethod(ops) {
  return function (start, end) {
    const len = this.length;
    start = start === undefined ? 0 : Math.max(0, Math.min(len, Math.trunc(+start) || 0));
    end = end === undefined ? len : Math.max(start, Math.min(len, Math.trunc(+end) || 0));
    return ops.slice(this, start, end);
  };
}
function writeMethod(ops) {
  return function (string, offset, length) {
    if (typeof string !== 'string') {
      throw argumentNotString();
    }
    offset = offset === undefined ? 0 : Math.trunc(+offset) || 0;
    if (offset < 0 || offset > this.length) throw ERR_BUFFER_OUT_OF_BOUNDS('offset');
    const max = this.length - offset;
    length = length === undefined ? max : Math.min(max, Math.trunc(+length) || 0);
    if (length <= 0) return 0;
    return ops.write(this, string, offset, length);
  };
}
const encNames = { ascii: 'ascii', base64: 'base64', base64url: 'base64url', latin1: 'latin1', hex: 'hex', ucs2: 'ucs2', utf8: 'utf8' };
for (const name of Object.keys(encNames)) def(`${name}Slice`, sliceMethod(encodingOps[encNames[name]]));
for (const name of Object.keys(encNames)) def(`${name}Write`, writeMethod(encodingOps[encNames[name]]));

Object.defineProperty(proto, 'parent', {
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.buffer;
  },
  enumerable: true, configurable: true,
});
Object.defineProperty(proto, 'offset', {
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.byteOffset;
  },
  enumerable: true, configurable: true,
});

function toInteger(n, defaultVal) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return ((n % 1) === 0 ? n : Math.floor(n));
  }
  return defaultVal;
}

def('copy', function copy(target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(this)) throw ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], this);
  if (!isUint8Array(target)) throw ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = toInteger(targetStart, 0);
    if (targetStart < 0) throw ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > this.length) {
      throw ERR_OUT_OF_RANGE('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = this.length;
  } else {
    sourceEnd = toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  return copyActual(this, target, targetStart, sourceStart, sourceEnd);
});

def('toString', function toString(encoding, start, end) {
  if (arguments.length === 0) return utf8SliceImpl(this, 0, this.length);
  const len = this.length;
  if (start <= 0) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  if (encoding === undefined) return utf8SliceImpl(this, start, end);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw ERR_UNKNOWN_ENCODING(encoding);
  return ops.slice(this, start, end);
});

def('equals', function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) throw ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  if (this === otherBuffer) return true;
  const len = this.length;
  if (len !== otherBuffer.length) return false;
  return compareBytes(this, 0, len, otherBuffer, 0, len) === 0;
});

function getOwnNonIndexProperties(obj, all) {
  const keys = [];
  for (const key of Reflect.ownKeys(obj)) {
    if (typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1) continue;
    if (!all && !Object.prototype.propertyIsEnumerable.call(obj, key)) continue;
    keys.push(key);
  }
  return keys;
}

const inspectBuffer = function inspect(recurseTimes, ctx, inspectFn) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  const bytes = [];
  for (let i = 0; i < actualMax; i++) bytes.push(hexTable[this[i]]);
  let str = bytes.join(' ');
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx) {
    let extras = false;
    const obj = Object.create(null);
    for (const key of getOwnNonIndexProperties(this, !!ctx.showHidden)) {
      extras = true;
      obj[key] = this[key];
    }
    if (extras) {
      if (this.length !== 0) str += ', ';
      const fn = typeof inspectFn === 'function' ? inspectFn : inspectValue;
      const shown = fn(obj, { ...ctx, breakLength: Infinity, compact: true });
      // Drop "[Object: null prototype] {" and the closing " }".
      str += shown.slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};
def('inspect', inspectBuffer);
Object.defineProperty(proto, customInspectSymbol, {
  value: inspectBuffer, writable: true, enumerable: false, configurable: true,
});

def('compare', function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  if (arguments.length === 1) return compareBytes(this, 0, this.length, target, 0, target.length);
  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
  if (sourceStart >= sourceEnd) return (targetStart >= targetEnd ? 0 : -1);
  if (targetStart >= targetEnd) return 1;
  return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
});

// Start position for a search, following Node's rules for negative and too-large offsets.
function indexOfOffset(length, offset, needleLength, isForward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    if (isForward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  if (isForward) return -1;
  return length - 1;
}

function searchBytes(hay, needle, offset, isForward, step) {
  const hlen = hay.length;
  const nlen = needle.length;
  const start = indexOfOffset(hlen, offset, nlen, isForward);
  if (nlen === 0) return start;
  if (hlen === 0 || start <= -1) return -1;
  if ((isForward && nlen + start > hlen) || nlen > hlen) return -1;
  const first = needle[0];
  if (isForward) {
    for (let i = start; i + nlen <= hlen; i++) {
      if (hay[i] !== first || i % step !== 0) continue;
      let j = 1;
      while (j < nlen && hay[i + j] === needle[j]) j++;
      if (j === nlen) return i;
    }
  } else {
    for (let i = Math.min(start, hlen - nlen); i >= 0; i--) {
      if (hay[i] !== first || i % step !== 0) continue;
      let j = 1;
      while (j < nlen && hay[i + j] === needle[j]) j++;
      if (j === nlen) return i;
    }
  }
  return -1;
}

function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  if (!isUint8Array(buffer)) throw ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'Uint8Array'], buffer);
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : buffer.length;
  byteOffset = Math.trunc(byteOffset);
  if (typeof val === 'number') {
    const byte = (val >>> 0) & 0xff;
    const start = indexOfOffset(buffer.length, byteOffset, 1, dir);
    if (start <= -1 || buffer.length === 0) return -1;
    if (dir) {
      for (let i = start; i < buffer.length; i++) if (buffer[i] === byte) return i;
    } else {
      for (let i = start; i >= 0; i--) if (buffer[i] === byte) return i;
    }
    return -1;
  }
  const ops = encoding === undefined ? encodingOps.utf8 : getEncodingOps(encoding);
  if (typeof val === 'string') {
    if (ops === undefined) throw ERR_UNKNOWN_ENCODING(encoding);
    const needle = fromString(val, ops === encodingOps.utf8 ? 'utf8' : encoding);
    if (ops === encodingOps.ucs2 && needle.length > 0 && (buffer.length < 2 || needle.length < 2)) return -1;
    return searchBytes(buffer, needle, byteOffset, dir, ops.unit);
  }
  if (isUint8Array(val)) {
    const unit = ops === undefined ? 1 : ops.unit;
    if (unit === 2 && val.length > 0 && (buffer.length < 2 || val.length < 2)) return -1;
    return searchBytes(buffer, val, byteOffset, dir, unit);
  }
  throw ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

def('indexOf', function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
});
def('lastIndexOf', function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
});
def('includes', function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
});

function fillImpl(buf, value, offset, end, encoding) {
  let normalized;
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    normalized = normalizeEncoding(encoding);
    if (normalized === undefined) {
      validateString(encoding, 'encoding');
      throw ERR_UNKNOWN_ENCODING(encoding);
    }
    if (value.length === 0) {
      value = 0;
    } else if (value.length === 1) {
      if (normalized === 'utf8') {
        const code = value.charCodeAt(0);
        if (code < 128) value = code;
      } else if (normalized === 'latin1') {
        value = value.charCodeAt(0);
      }
    }
  }
  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) end = buf.length;
    else validateOffset(end, 'end', 0, buf.length);
    if (offset >= end) return buf;
  }
  if (typeof value === 'number') {
    if (offset > end || end > buf.length) throw ERR_BUFFER_OUT_OF_BOUNDS();
    Uint8Array.prototype.fill.call(buf, value, offset, end);
    return buf;
  }
  let bytes;
  if (typeof value === 'string') {
    bytes = fromString(value, normalized);
  } else if (ArrayBuffer.isView(value)) {
    bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else {
    Uint8Array.prototype.fill.call(buf, (Number(value) >>> 0) & 255, offset, end);
    return buf;
  }
  if (bytes.length === 0) throw ERR_INVALID_ARG_VALUE('value', value);
  if (end > buf.length) throw ERR_BUFFER_OUT_OF_BOUNDS();
  for (let i = offset, j = 0; i < end; i++) {
    buf[i] = bytes[j];
    if (++j === bytes.length) j = 0;
  }
  return buf;
}

def('fill', function fill(value, offset, end, encoding) {
  return fillImpl(this, value, offset, end, encoding);
});

def('write', function write(string, offset, length, encoding) {
  if (offset === undefined) return proto.utf8Write.call(this, string, 0, this.length);
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === 'utf8') return proto.utf8Write.call(this, string, offset, length);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw ERR_UNKNOWN_ENCODING(encoding);
  if (typeof string !== 'string') {
    throw argumentNotString();
  }
  return ops.write(this, string, offset, length);
});

def('toJSON', function toJSON() {
  if (this.length > 0) {
    const data = new Array(this.length);
    for (let i = 0; i < this.length; ++i) data[i] = this[i];
    return { type: 'Buffer', data };
  }
  return { type: 'Buffer', data: [] };
});

function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0 || Number.isNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return length;
}

def('subarray', function subarray(start, end) {
  const srcLength = this.length;
  start = adjustOffset(start, srcLength);
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
});

def('slice', function slice(start, end) {
  return this.subarray(start, end);
});

function swap(b, n, m) {
  const i = b[n];
  b[n] = b[m];
  b[m] = i;
}

def('swap16', function swap16() {
  const len = this.length;
  if (len % 2 !== 0) throw ERR_INVALID_BUFFER_SIZE('16-bits');
  for (let i = 0; i < len; i += 2) swap(this, i, i + 1);
  return this;
});
def('swap32', function swap32() {
  const len = this.length;
  if (len % 4 !== 0) throw ERR_INVALID_BUFFER_SIZE('32-bits');
  for (let i = 0; i < len; i += 4) {
    swap(this, i, i + 3);
    swap(this, i + 1, i + 2);
  }
  return this;
});
def('swap64', function swap64() {
  const len = this.length;
  if (len % 8 !== 0) throw ERR_INVALID_BUFFER_SIZE('64-bits');
  for (let i = 0; i < len; i += 8) {
    swap(this, i, i + 7);
    swap(this, i + 1, i + 6);
    swap(this, i + 2, i + 5);
    swap(this, i + 3, i + 4);
  }
  return this;
});
def('toLocaleString', proto.toString);

// ---------------------------------------------------------------------------------------------
// Module-level functions

function SlowBuffer(size) {
  assertSize(size);
  return createBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

function invalidCharacterError(message) {
  let err;
  if (typeof DOMException === 'function') {
    err = new DOMException(message, 'InvalidCharacterError');
  } else {
    err = new Error(message);
    err.name = 'InvalidCharacterError';
    Object.defineProperty(err, 'code', { value: 5, enumerable: false, configurable: true, writable: true });
  }
  return err;
}

function btoa(input) {
  if (arguments.length === 0) throw ERR_MISSING_ARGS('input');
  input = `${input}`;
  for (let n = 0; n < input.length; n++) {
    if (input.charCodeAt(n) > 0xff) throw invalidCharacterError('Invalid character');
  }
  const buf = fromString(input, 'latin1');
  return base64SliceImpl(buf, 0, buf.length, false);
}

function atob(input) {
  if (arguments.length === 0) throw ERR_MISSING_ARGS('input');
  input = `${input}`;
  let clean = '';
  let equals = 0;
  for (let n = 0; n < input.length; n++) {
    const c = input[n];
    const code = input.charCodeAt(n);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r') continue;
    if (c === '=') {
      equals++;
      clean += c;
      continue;
    }
    if (equals > 0 || code > 127 || b64Lookup[code] < 0 || c === '-' || c === '_') {
      throw invalidCharacterError('Invalid character');
    }
    clean += c;
  }
  let len = clean.length;
  if (len % 4 === 0 && equals <= 2) {
    len -= equals;
  } else if (equals > 0) {
    throw invalidCharacterError('The string to be decoded is not correctly encoded.');
  }
  if (len % 4 === 1) throw invalidCharacterError('The string to be decoded is not correctly encoded.');
  const data = clean.slice(0, len);
  const buf = new FastBuffer(base64ByteLength(data, data.length) + 3);
  const n = base64WriteImpl(buf, data, 0, buf.length);
  return latin1SliceImpl(buf, 0, n);
}

function viewBytes(input, name) {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (isAnyArrayBuffer(input)) return new Uint8Array(input);
  throw ERR_INVALID_ARG_TYPE(name, ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

function isUtf8(input) {
  const b = viewBytes(input, 'input');
  return isUtf8Impl(b, 0, b.length);
}

function isAscii(input) {
  const b = viewBytes(input, 'input');
  for (let i = 0; i < b.length; i++) if (b[i] > 127) return false;
  return true;
}

function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) throw ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  if (source.length === 0) return new FastBuffer();
  const fromEnc = normalizeEncoding(fromEncoding);
  const toEnc = normalizeEncoding(toEncoding);
  const ok = ['utf8', 'ucs2', 'latin1', 'ascii'];
  if (!ok.includes(fromEnc) || !ok.includes(toEnc)) {
    const err = new Error(`Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]`);
    err.code = 'U_ILLEGAL_ARGUMENT_ERROR';
    err.errno = 1;
    throw err;
  }
  let str = encodingOps[fromEnc].slice(source, 0, source.length);
  if (toEnc === 'ascii' || toEnc === 'latin1') {
    const limit = toEnc === 'ascii' ? 0x7f : 0xff;
    let out = '';
    for (const ch of str) out += ch.codePointAt(0) > limit ? '?' : ch;
    str = out;
  }
  return fromString(str, toEnc);
}

module.exports = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
};
Object.defineProperty(module.exports, 'INSPECT_MAX_BYTES', {
  get() { return INSPECT_MAX_BYTES; },
  set(val) {
    validateNumber(val, 'INSPECT_MAX_BYTES', 0);
    INSPECT_MAX_BYTES = val;
  },
  enumerable: true, configurable: true,
});
module.exports.resolveObjectURL = function resolveObjectURL(url) {
  return require('internal/blob').resolveObjectURL(url);
};
// Blob and File are loaded on first use (internal/blob.js).
for (const name of ['Blob', 'File']) {
  Object.defineProperty(module.exports, name, {
    get() { return require('internal/blob')[name]; },
    enumerable: true, configurable: true,
  });
}
