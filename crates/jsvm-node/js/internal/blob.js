// Blob and File (globals, and `buffer`'s), as Node has them: immutable bytes made from strings
// (UTF-8), ArrayBuffers, views and other Blobs, read back as text, bytes or a byte stream.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { codes } = require('internal/errors');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
let blobParts; // (blob) -> its list of Uint8Arrays, or undefined

function invalidThis(name) {
  return codes.ERR_INVALID_THIS(name);
}
// The type, lower-cased; '' when it has a character outside U+0020..U+007E.
function normalizeType(type) {
  const s = `${type}`;
  return /^[\x20-\x7e]*$/.test(s) ? s.toLowerCase() : '';
}
function toBytes(part, endings) {
  if (part instanceof ArrayBuffer ||
      (typeof SharedArrayBuffer === 'function' && part instanceof SharedArrayBuffer)) {
    return [new Uint8Array(part.slice(0))];
  }
  if (ArrayBuffer.isView(part)) {
    return [new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength))];
  }
  const parts = blobParts(part);
  if (parts !== undefined) return parts;
  let s = `${part}`;
  if (endings === 'native' && process.platform !== 'win32') s = s.replace(/\r\n?/g, '\n');
  return [new TextEncoder().encode(s)];
}

class Blob {
  #parts;
  #size;
  #type;
  static {
    blobParts = (o) => (o != null && typeof o === 'object' && #parts in o ? o.#parts : undefined);
  }

  constructor(sources = [], options = undefined) {
    if (sources === null || typeof sources !== 'object' || typeof sources[Symbol.iterator] !== 'function') {
      throw codes.ERR_INVALID_ARG_TYPE('sources', 'a sequence', sources);
    }
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const { type = '', endings = 'transparent' } = options || {};
    const e = `${endings}`;
    if (e !== 'native' && e !== 'transparent') {
      throw codes.ERR_INVALID_ARG_VALUE('options.endings', endings);
    }
    const parts = [];
    let size = 0;
    for (const source of sources) {
      for (const bytes of toBytes(source, e)) {
        if (bytes.byteLength === 0) continue;
        parts.push(bytes);
        size += bytes.byteLength;
      }
    }
    this.#parts = parts;
    this.#size = size;
    this.#type = normalizeType(type);
  }

  get type() {
    if (!(#type in this)) throw invalidThis('Blob');
    return this.#type;
  }
  get size() {
    if (!(#size in this)) throw invalidThis('Blob');
    return this.#size;
  }

  slice(start = 0, end = this.#size, contentType = '') {
    if (!(#parts in this)) throw invalidThis('Blob');
    const size = this.#size;
    const clamp = (n) => {
      n = Math.trunc(Number(n)) || 0;
      return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
    };
    const from = clamp(start);
    const to = clamp(end);
    const blob = new Blob();
    const parts = [];
    let offset = 0;
    let taken = 0;
    for (const p of this.#parts) {
      const pStart = offset;
      const pEnd = offset + p.byteLength;
      offset = pEnd;
      if (pEnd <= from || pStart >= to) continue;
      const s = Math.max(from - pStart, 0);
      const e = Math.min(to - pStart, p.byteLength);
      parts.push(p.subarray(s, e));
      taken += e - s;
    }
    blob.#parts = parts;
    blob.#size = taken;
    blob.#type = normalizeType(contentType);
    return blob;
  }

  #joined() {
    const out = new Uint8Array(this.#size);
    let offset = 0;
    for (const p of this.#parts) {
      out.set(p, offset);
      offset += p.byteLength;
    }
    return out;
  }

  arrayBuffer() {
    if (!(#parts in this)) return Promise.reject(invalidThis('Blob'));
    return Promise.resolve(this.#joined().buffer);
  }
  text() {
    if (!(#parts in this)) return Promise.reject(invalidThis('Blob'));
    return Promise.resolve(new TextDecoder().decode(this.#joined()));
  }
  bytes() {
    if (!(#parts in this)) return Promise.reject(invalidThis('Blob'));
    return Promise.resolve(this.#joined());
  }
  stream() {
    if (!(#parts in this)) throw invalidThis('Blob');
    const { ReadableStream } = require('internal/webstreams');
    const parts = this.#parts.slice();
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        const next = parts.shift();
        if (next === undefined) {
          controller.close();
          // A BYOB read pending when the bytes run out ends with no bytes.
          if (controller.byobRequest) controller.byobRequest.respond(0);
          return;
        }
        controller.enqueue(new Uint8Array(next));
      },
    });
  }

  [kInspect](depth, options) {
    if (depth < 0) return this;
    const inspect = require('util').inspect;
    return `Blob ${inspect({ size: this.#size, type: this.#type }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });

class File extends Blob {
  #name;
  #lastModified;

  constructor(fileBits = undefined, fileName = undefined, options = {}) {
    if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('fileBits', 'fileName');
    super(fileBits, options);
    const { lastModified } = options ?? {};
    let time = Date.now();
    if (lastModified !== undefined) {
      time = Number(lastModified);
      if (!Number.isFinite(time)) time = 0;
      time = Math.trunc(time);
    }
    this.#name = `${fileName}`;
    this.#lastModified = time;
  }
  get name() {
    if (!(#name in this)) throw invalidThis('File');
    return this.#name;
  }
  get lastModified() {
    if (!(#name in this)) throw invalidThis('File');
    return this.#lastModified;
  }
  [kInspect](depth, options) {
    if (depth < 0) return this;
    const inspect = require('util').inspect;
    return `File ${inspect({ size: this.size, type: this.type, name: this.#name, lastModified: this.#lastModified },
      { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });

// WebIDL: the prototypes' members are enumerable, as Node lists them.
for (const C of [Blob, File]) {
  for (const name of Object.getOwnPropertyNames(C.prototype)) {
    const d = Object.getOwnPropertyDescriptor(C.prototype, name);
    if (name !== 'constructor' && !d.enumerable) {
      d.enumerable = true;
      Object.defineProperty(C.prototype, name, d);
    }
  }
}

// Blob URLs (URL.createObjectURL, buffer.resolveObjectURL): `blob:nodedata:<uuid>` names a
// blob registered in this thread (Node's registry is the process's; a worker here has its own).
const objectURLs = new Map();
function blobURLId(url) {
  let parsed;
  try {
    parsed = new (require('url').URL)(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'blob:') return undefined;
  const parts = parsed.pathname.split(':');
  if (parts.length !== 2 || parts[0] !== 'nodedata') return undefined;
  return parts[1];
}
function createObjectURL(obj) {
  if (!(obj instanceof Blob)) throw codes.ERR_INVALID_ARG_TYPE('obj', 'Blob', obj);
  const id = require('crypto').randomUUID();
  objectURLs.set(id, obj);
  return `blob:nodedata:${id}`;
}
function revokeObjectURL(url) {
  if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('url');
  const id = blobURLId(`${url}`);
  if (id !== undefined) objectURLs.delete(id);
}
// A new Blob with the registered one's bytes and type, as Node's (never the same object).
function resolveObjectURL(url) {
  const id = blobURLId(`${url}`);
  const blob = id === undefined ? undefined : objectURLs.get(id);
  return blob === undefined ? undefined : blob.slice(0, blob.size, blob.type);
}

module.exports = { Blob, File, createObjectURL, revokeObjectURL, resolveObjectURL };
