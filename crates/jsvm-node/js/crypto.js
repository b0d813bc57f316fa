// The `crypto` module: hashes (md5, sha1, sha224, sha256, sha384, sha512), HMACs on them, and
// random values; the digests and the random bytes are natives (src/crypto_binding.rs). No
// ciphers, keys, signatures or key derivation, and Hash/Hmac are not streams.
'use strict';

const { Buffer } = require('buffer');
const { codes, makeError, isArrayBufferView, validateFunction, validateString } = require('internal/errors');

const hashes = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

// 'SHA256', 'RSA-SHA256' and 'sha-256' name sha256, as OpenSSL takes them.
function digestName(name) {
  let n = String(name).toLowerCase();
  if (n.startsWith('rsa-')) n = n.slice(4);
  if (/^sha-\d+$/.test(n)) n = n.replace('-', '');
  return n;
}

function hashFinalized() {
  return makeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
}

function toBytes(data, encoding, name) {
  if (typeof data === 'string') {
    return encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? Buffer.from(data, encoding) : data;
  }
  if (isArrayBufferView(data)) return data;
  throw codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function digestOf(self, encoding) {
  if (self._finalized) throw hashFinalized();
  self._finalized = true;
  const bytes = binding.hashDigest(self._handle);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding === undefined || encoding === 'buffer' ? buf : buf.toString(encoding);
}

// What a Hash and an Hmac share: feeding data and taking the digest once.
class Digest {
  update(data, encoding) {
    if (this._finalized) throw hashFinalized();
    binding.hashUpdate(this._handle, toBytes(data, encoding, 'data'));
    return this;
  }
  digest(encoding) { return digestOf(this, encoding); }
}

class Hash extends Digest {
  constructor(algorithm, handle) {
    super();
    validateString(algorithm, 'algorithm');
    this._handle = handle || binding.hashNew(digestName(algorithm));
    if (this._handle === undefined) throw new Error('Digest method not supported');
    this._algorithm = algorithm;
    this._finalized = false;
  }
  copy() {
    if (this._finalized) throw hashFinalized();
    return new Hash(this._algorithm, binding.hashCopy(this._handle));
  }
}

class Hmac extends Digest {
  constructor(hmac, key) {
    super();
    validateString(hmac, 'hmac');
    if (typeof key === 'string') key = Buffer.from(key);
    else if (key instanceof ArrayBuffer) key = new Uint8Array(key);
    else if (!isArrayBufferView(key)) {
      throw codes.ERR_INVALID_ARG_TYPE('key', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'string', 'KeyObject', 'CryptoKey'], key);
    }
    this._handle = binding.hashNew(digestName(hmac), key);
    if (this._handle === undefined) throw makeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${hmac}`);
    this._finalized = false;
  }
}

function createHash(algorithm, options) { return new Hash(algorithm); }
function createHmac(hmac, key, options) { return new Hmac(hmac, key); }
function hash(algorithm, data, outputEncoding = 'hex') {
  return new Hash(algorithm).update(data).digest(outputEncoding);
}

const kMaxSize = 2 ** 31 - 1;

function randomBytes(size, callback) {
  if (typeof size !== 'number') throw codes.ERR_INVALID_ARG_TYPE('size', 'number', size);
  if (!(size >= 0 && size <= kMaxSize) || !Number.isInteger(size)) {
    throw codes.ERR_OUT_OF_RANGE('size', `>= 0 && <= ${kMaxSize}`, size);
  }
  if (callback !== undefined) validateFunction(callback, 'callback');
  const buf = Buffer.alloc(size);
  binding.randomFill(buf);
  if (callback === undefined) return buf;
  setImmediate(callback, null, buf);
}

function randomFillSync(buf, offset = 0, size) {
  if (!isArrayBufferView(buf) && !(buf instanceof ArrayBuffer)) {
    throw codes.ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  }
  const bytes = buf instanceof ArrayBuffer ? new Uint8Array(buf) :
    new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  if (size === undefined) size = bytes.length - offset;
  if (!(offset >= 0 && offset <= bytes.length)) throw codes.ERR_OUT_OF_RANGE('offset', `>= 0 && <= ${bytes.length}`, offset);
  if (!(size >= 0 && offset + size <= bytes.length)) throw codes.ERR_OUT_OF_RANGE('size', `>= 0 && <= ${bytes.length - offset}`, size);
  binding.randomFill(bytes.subarray(offset, offset + size));
  return buf;
}

function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') { callback = offset; offset = 0; size = undefined; }
  else if (typeof size === 'function') { callback = size; size = undefined; }
  validateFunction(callback, 'callback');
  randomFillSync(buf, offset, size);
  setImmediate(callback, null, buf);
}

// The 48-bit range of Node's randomInt, drawn without bias by rejection.
const kRangeLimit = 2 ** 48;

function randomInt(min, max, callback) {
  if (typeof max === 'undefined' || typeof max === 'function') { callback = max; max = min; min = 0; }
  if (!Number.isSafeInteger(min)) throw codes.ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw codes.ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
  if (max <= min) throw codes.ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${min})`, max);
  const range = max - min;
  if (!(range <= kRangeLimit)) {
    throw codes.ERR_OUT_OF_RANGE('max - min', `<= ${kRangeLimit}`, range);
  }
  if (callback !== undefined) validateFunction(callback, 'callback');
  const limit = kRangeLimit - (kRangeLimit % range);
  const six = new Uint8Array(6);
  let x;
  do {
    binding.randomFill(six);
    x = six.reduce((acc, b) => acc * 256 + b, 0);
  } while (x >= limit);
  const n = min + (x % range);
  if (callback === undefined) return n;
  process.nextTick(callback, undefined, n);
}

const hex = [];
for (let i = 0; i < 256; i++) hex.push((i + 0x100).toString(16).slice(1));

function randomUUID(options) {
  const b = new Uint8Array(16);
  binding.randomFill(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => hex[x]);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-` +
    `${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}

function timingSafeEqual(buf1, buf2) {
  const view = (b, name) => {
    if (b instanceof ArrayBuffer) return new Uint8Array(b);
    if (!isArrayBufferView(b)) {
      // Node's message here names no received value.
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE',
        `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
    }
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  };
  const a = view(buf1, 'buf1');
  const b = view(buf2, 'buf2');
  if (a.length !== b.length) {
    throw makeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  // Every byte is looked at, whatever the first difference.
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function domException(message, name) {
  if (typeof DOMException === 'function') return new DOMException(message, name);
  const err = new Error(message);
  err.name = name;
  return err;
}

const integerArrays = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
  Int32Array, Uint32Array, BigInt64Array, BigUint64Array];

function getRandomValues(data) {
  if (!integerArrays.some((C) => data instanceof C) && !(data instanceof DataView)) {
    throw domException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (data.byteLength > 65536) {
    throw domException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  }
  binding.randomFill(data);
  return data;
}

// webcrypto's Crypto (the global `crypto`): random values only, no `subtle`.
class Crypto {
  getRandomValues(data) { return getRandomValues(data); }
  randomUUID() { return randomUUID(); }
  get [Symbol.toStringTag]() { return 'Crypto'; }
}
const webcrypto = new Crypto();

module.exports = {
  createHash, createHmac, hash, getHashes: () => hashes.slice(),
  randomBytes, randomFill, randomFillSync, randomInt, randomUUID, timingSafeEqual,
  pseudoRandomBytes: randomBytes,
  getRandomValues: (data) => getRandomValues(data),
  webcrypto,
  Hash, Hmac,
};
