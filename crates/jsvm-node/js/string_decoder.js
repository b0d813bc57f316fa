// `string_decoder`: decodes a byte stream to text without splitting characters across chunks,
// as Node's. UTF-8 is decoded by the host (binding.utf8Decode) when it has it.
'use strict';

const { Buffer } = require('buffer');
const { makeError, invalidArgTypeMessage } = require('internal/errors');

const nativeUtf8 = typeof binding.utf8Decode === 'function' ? binding.utf8Decode : null;

function normalizeEncoding(enc) {
  const e = enc === undefined || enc === null || enc === '' ? 'utf8' : String(enc).toLowerCase();
  switch (e) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    case 'ascii': return 'ascii';
    default: return undefined;
  }
}

function utf8Slice(buf, start, end) {
  if (start >= end) return '';
  if (nativeUtf8 !== null) return nativeUtf8(buf, start, end);
  return Buffer.prototype.toString.call(buf, 'utf8', start, end);
}

// Where an incomplete UTF-8 sequence starts at the end of buf (buf.length if none).
function utf8Cut(buf) {
  const len = buf.length;
  for (let back = 1; back <= 3 && back <= len; back++) {
    const b = buf[len - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    let need = 0;
    if (b >= 0xc2 && b <= 0xdf) need = 2;
    else if (b >= 0xe0 && b <= 0xef) need = 3;
    else if (b >= 0xf0 && b <= 0xf4) need = 4;
    return need > back ? len - back : len;
  }
  return len;
}

function toBuf(buf) {
  if (typeof buf === 'string') return buf;
  if (buf instanceof Buffer) return buf;
  if (ArrayBuffer.isView(buf)) return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    invalidArgTypeMessage('buf', ['Buffer', 'TypedArray', 'DataView'], buf));
}

// A function, not a class: programs call it on objects of their own
// (`StringDecoder.call(this, enc)`, as iconv-lite does); the bytes held back are under a
// symbol, as Node keeps its state, so `Object.keys` shows only `encoding`.
const kPending = Symbol('kPending');

function StringDecoder(encoding) {
  const enc = normalizeEncoding(encoding);
  if (enc === undefined) {
    throw makeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
  }
  this.encoding = enc;
  this[kPending] = null;
}

function pendingNeed(decoder) {
  const pending = decoder[kPending];
  if (!pending) return 0;
  if (decoder.encoding === 'utf8') {
    const b = pending[0];
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need - pending.length;
  }
  if (decoder.encoding === 'utf16le') return 2 - (pending.length % 2 || 2);
  return 3 - pending.length;
}

Object.defineProperties(StringDecoder.prototype, {
  write: {
    value: function write(buf) {
      buf = toBuf(buf);
      if (typeof buf === 'string') return buf;
      const pending = this[kPending];
      if (pending && pending.length > 0) buf = Buffer.concat([pending, buf]);
      this[kPending] = null;
      const len = buf.length;
      let cut = len;
      switch (this.encoding) {
        case 'utf8':
          cut = utf8Cut(buf);
          break;
        case 'utf16le': {
          cut = len - (len % 2);
          if (cut >= 2) {
            const last = buf[cut - 2] | (buf[cut - 1] << 8);
            if (last >= 0xd800 && last <= 0xdbff) cut -= 2;
          }
          break;
        }
        case 'base64':
        case 'base64url':
          cut = len - (len % 3);
          break;
        default:
          break;
      }
      if (cut < len) this[kPending] = Buffer.from(buf.subarray(cut));
      if (this.encoding === 'utf8') return utf8Slice(buf, 0, cut);
      return buf.toString(this.encoding, 0, cut);
    },
    writable: true, configurable: true,
  },
  end: {
    value: function end(buf) {
      let r = buf === undefined ? '' : this.write(buf);
      const p = this[kPending];
      this[kPending] = null;
      if (p && p.length > 0) {
        if (this.encoding === 'utf8') r += '\ufffd';
        else r += p.toString(this.encoding);
      }
      return r;
    },
    writable: true, configurable: true,
  },
  text: {
    value: function text(buf, offset) {
      return this.write(toBuf(buf).subarray(offset));
    },
    writable: true, configurable: true,
  },
  // The bytes held back, in a buffer of 4 (Node's shape).
  lastChar: {
    get() {
      const out = Buffer.alloc(4);
      if (this[kPending]) this[kPending].copy(out, 0, 0, 4);
      return out;
    },
    configurable: true, enumerable: true,
  },
  lastNeed: {
    get() { return pendingNeed(this); },
    configurable: true, enumerable: true,
  },
  lastTotal: {
    get() { return this[kPending] ? this[kPending].length + pendingNeed(this) : 0; },
    configurable: true, enumerable: true,
  },
});

module.exports = { StringDecoder };
