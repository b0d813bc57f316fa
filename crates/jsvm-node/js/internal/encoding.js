// TextEncoder and TextDecoder (globals, and util's), as Node has them: UTF-8, UTF-16LE/BE and
// "windows-1252" (which Node 20 decodes as ISO-8859-1, byte for code point; kept so).
// Streaming decodes carry an incomplete trailing sequence to the next call.
'use strict';

const { codes, makeError } = require('internal/errors');

const kInspect = Symbol.for('nodejs.util.inspect.custom');

const labels = new Map();
for (const l of ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']) {
  labels.set(l, 'utf-8');
}
for (const l of ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']) {
  labels.set(l, 'utf-16le');
}
labels.set('utf-16be', 'utf-16be');
labels.set('unicodefffe', 'utf-16be');
for (const l of ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1',
  'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1',
  'us-ascii', 'windows-1252', 'x-cp1252']) {
  labels.set(l, 'windows-1252');
}

function bytesOf(input) {
  if (input === undefined) return new Uint8Array(0);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer ||
      (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer)) {
    return new Uint8Array(input);
  }
  // Node's words here (no "Received ...").
  throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "input" argument must be an instance ' +
    'of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
}

// How many bytes at the end of `b` start a UTF-8 sequence the bytes so far do not complete.
function incompleteUtf8Tail(b) {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back];
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

// Whether `b` is well-formed UTF-8 (for `fatal`).
function validUtf8(b) {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let need; let min;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; } else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; } else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; } else return false;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

function decodeUtf8(bytes) {
  if (typeof binding.utf8Decode === 'function') return binding.utf8Decode(bytes, 0, bytes.length);
  return require('buffer').Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  #pending = null; // bytes carried from the last streaming call
  #bomSeen = false;

  constructor(encoding = 'utf-8', options = undefined) {
    const label = `${encoding}`.trim().toLowerCase();
    const name = labels.get(label);
    if (name === undefined) throw codes.ERR_ENCODING_NOT_SUPPORTED(`${encoding}`);
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
    }
    this.#encoding = name;
    this.#fatal = !!(options && options.fatal);
    this.#ignoreBOM = !!(options && options.ignoreBOM);
  }

  decode(input = undefined, options = undefined) {
    let bytes = bytesOf(input);
    const stream = !!(options && options.stream);
    if (this.#pending !== null) {
      const joined = new Uint8Array(this.#pending.length + bytes.length);
      joined.set(this.#pending);
      joined.set(bytes, this.#pending.length);
      bytes = joined;
      this.#pending = null;
    }
    let keep = 0;
    if (stream) {
      if (this.#encoding === 'utf-8') keep = incompleteUtf8Tail(bytes);
      else if (this.#encoding !== 'windows-1252') keep = utf16Tail(bytes, this.#encoding === 'utf-16be');
    }
    if (keep > 0) {
      this.#pending = bytes.slice(bytes.length - keep);
      bytes = bytes.subarray(0, bytes.length - keep);
    }
    let text;
    if (this.#encoding === 'utf-8') {
      if (this.#fatal && !validUtf8(bytes)) {
        this.#reset();
        throw codes.ERR_ENCODING_INVALID_ENCODED_DATA('utf-8');
      }
      text = decodeUtf8(bytes);
    } else if (this.#encoding !== 'windows-1252') {
      text = decodeUtf16(bytes, this.#fatal, this.#encoding === 'utf-16be');
      if (text === null) {
        this.#reset();
        throw codes.ERR_ENCODING_INVALID_ENCODED_DATA(this.#encoding);
      }
    } else {
      text = '';
      for (let i = 0; i < bytes.length; i += 8192) {
        text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
      }
    }
    if (!this.#bomSeen && text.length > 0) {
      this.#bomSeen = true;
      if (!this.#ignoreBOM && this.#encoding !== 'windows-1252' && text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    if (!stream) this.#reset();
    return text;
  }

  get encoding() { return this.#encoding; }
  get fatal() { return this.#fatal; }
  get ignoreBOM() { return this.#ignoreBOM; }

  #reset() {
    this.#pending = null;
    this.#bomSeen = false;
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return 'TextDecoder';
    return `TextDecoder ${inspect({ encoding: this.#encoding, fatal: this.#fatal, ignoreBOM: this.#ignoreBOM }, options)}`;
  }
}
Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });

// Bytes at the end of UTF-16 input to carry: an odd byte, or a high surrogate awaiting its pair.
function utf16Tail(b, be) {
  let keep = b.length % 2;
  const end = b.length - keep;
  if (end >= 2) {
    const unit = be ? (b[end - 2] << 8) | b[end - 1] : b[end - 2] | (b[end - 1] << 8);
    if (unit >= 0xd800 && unit <= 0xdbff) keep += 2;
  }
  return keep;
}

// UTF-16 (`be`: big-endian); lone surrogates and an odd last byte become U+FFFD (null when
// `fatal`).
function decodeUtf16(b, fatal, be) {
  const lo = be ? 1 : 0;
  const hi = be ? 0 : 1;
  let out = '';
  const units = [];
  const flush = () => {
    out += String.fromCharCode.apply(null, units);
    units.length = 0;
  };
  const n = b.length - (b.length % 2);
  for (let i = 0; i < n; i += 2) {
    const u = b[i + lo] | (b[i + hi] << 8);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < n ? b[i + 2 + lo] | (b[i + 2 + hi] << 8) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        units.push(u, next);
        i += 2;
      } else if (i + 2 === n && b.length % 2 === 1) {
        // A high surrogate and an odd last byte: one error, as the Encoding Standard's decoder.
        if (fatal) return null;
        units.push(0xfffd);
        flush();
        return out;
      } else {
        if (fatal) return null;
        units.push(0xfffd);
      }
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      if (fatal) return null;
      units.push(0xfffd);
    } else {
      units.push(u);
    }
    if (units.length >= 8192) flush();
  }
  if (b.length % 2 === 1) {
    if (fatal) return null;
    units.push(0xfffd);
  }
  flush();
  return out;
}

class TextEncoder {
  get encoding() { return 'utf-8'; }

  encode(input = '') {
    const buf = require('buffer').Buffer.from(`${input}`, 'utf8');
    return new Uint8Array(buf);
  }

  encodeInto(src, dest) {
    src = `${src}`;
    if (!(dest instanceof Uint8Array)) throw codes.ERR_INVALID_ARG_TYPE('dest', 'Uint8Array', dest);
    let read = 0;
    let written = 0;
    const cap = dest.length;
    for (let i = 0; i < src.length; i++) {
      let cp = src.charCodeAt(i);
      let units = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < src.length) {
        const lo = src.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          units = 2;
        }
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (written + size > cap) break;
      if (size === 1) {
        dest[written] = cp;
      } else if (size === 2) {
        dest[written] = 0xc0 | (cp >> 6);
        dest[written + 1] = 0x80 | (cp & 0x3f);
      } else if (size === 3) {
        dest[written] = 0xe0 | (cp >> 12);
        dest[written + 1] = 0x80 | ((cp >> 6) & 0x3f);
        dest[written + 2] = 0x80 | (cp & 0x3f);
      } else {
        dest[written] = 0xf0 | (cp >> 18);
        dest[written + 1] = 0x80 | ((cp >> 12) & 0x3f);
        dest[written + 2] = 0x80 | ((cp >> 6) & 0x3f);
        dest[written + 3] = 0x80 | (cp & 0x3f);
      }
      written += size;
      read += units;
      i += units - 1;
    }
    return { read, written };
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return 'TextEncoder';
    return inspect({ encoding: 'utf-8' }, options);
  }
}
Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });

module.exports = { TextEncoder, TextDecoder };
