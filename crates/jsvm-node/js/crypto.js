// The `crypto` module: hashes (md5, sha1, sha224, sha256, sha384, sha512), HMACs on them, and
// random values, and Web Crypto's digests and HMAC keys; the digests and the random bytes are
// natives (src/crypto_binding.rs); AES ciphers (ECB, CBC, CTR, GCM: src/cipher_binding.rs)
// as Node's Cipheriv/Decipheriv streams. No key pairs or signatures, and Hash/Hmac are not
// streams.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setImmediate } = binding.timers; // the host's: fake timers replace the globals and timers' exports

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

// What a Hash and an Hmac share: feeding data and taking the digest once. Node's are functions
// callable without `new`, each with its own `update` and `digest` (programs copy a class's own
// prototype, as the `esm` loader does with `crypto.Hash`).
function update(data, encoding) {
  if (this._finalized) throw hashFinalized();
  binding.hashUpdate(this._handle, toBytes(data, encoding, 'data'));
  return this;
}
function digest(encoding) { return digestOf(this, encoding); }

const kCopyOf = Symbol('copyOf');
function Hash(algorithm, options) {
  if (!new.target) return new Hash(algorithm, options);
  const from = algorithm !== null && typeof algorithm === 'object' ? algorithm[kCopyOf] : undefined;
  if (from !== undefined) {
    this._handle = binding.hashCopy(from._handle);
    this._algorithm = from._algorithm;
  } else {
    validateString(algorithm, 'algorithm');
    this._handle = binding.hashNew(digestName(algorithm));
    if (this._handle === undefined) throw new Error('Digest method not supported');
    this._algorithm = algorithm;
  }
  this._finalized = false;
}
Hash.prototype.copy = function copy(options) {
  if (this._finalized) throw hashFinalized();
  return new Hash({ [kCopyOf]: this }, options);
};
Hash.prototype.update = update;
Hash.prototype.digest = digest;

// ---- key derivation: PBKDF2, scrypt and HKDF (natives), with Node's checks. The callback
// forms compute at once and call back on a later tick (Node computes on its thread pool).

const errors = require('internal/errors');

function keyMaterial(value, name) {
  if (typeof value === 'string') return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (isArrayBufferView(value)) return value;
  if (value instanceof KeyObject) return value[kSecret];
  throw codes.ERR_INVALID_ARG_TYPE(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

function later(callback, compute) {
  validateFunction(callback, 'callback');
  let result;
  let error = null;
  try {
    result = compute();
  } catch (e) {
    error = e;
  }
  process.nextTick(() => (error ? callback(error) : callback(null, result)));
}

function invalidDigest(digest) {
  return makeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  password = keyMaterial(password, 'password');
  salt = keyMaterial(salt, 'salt');
  errors.validateInt32(iterations, 'iterations', 1);
  errors.validateInt32(keylen, 'keylen', 0);
  validateString(digest, 'digest');
  const bytes = binding.pbkdf2(digestName(digest), password, salt, iterations, keylen);
  if (bytes === undefined) throw invalidDigest(digest);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  validateFunction(callback, 'callback');
  const derived = pbkdf2Sync(password, salt, iterations, keylen, digest);
  later(callback, () => derived);
}

function invalidScrypt(detail) {
  return makeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS',
    detail ? `Invalid scrypt params: ${detail}` : 'Invalid scrypt params');
}

// N, r, p and maxmem from Node's options (and their long names), 0 meaning the default.
function scryptParams(options) {
  const pick = (a, b, fallback) => {
    const o = options || {};
    if (o[a] !== undefined && o[b] !== undefined) {
      throw makeError(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter');
    }
    const v = o[a] !== undefined ? o[a] : o[b];
    if (v === undefined) return fallback;
    errors.validateUint32(v, a);
    return v === 0 ? fallback : v;
  };
  const N = pick('N', 'cost', 16384);
  const r = pick('r', 'blockSize', 8);
  const p = pick('p', 'parallelization', 1);
  const maxmem = options && options.maxmem !== undefined ? options.maxmem : 32 << 20;
  errors.validateInteger(maxmem, 'maxmem', 0);
  if (N < 2 || (N & (N - 1)) !== 0) throw invalidScrypt();
  if (128 * r * (N + 2) + 128 * r * p > maxmem) {
    throw invalidScrypt('error:030000AC:digital envelope routines::memory limit exceeded');
  }
  return { logN: Math.log2(N), r, p };
}

function scryptSync(password, salt, keylen, options) {
  password = keyMaterial(password, 'password');
  salt = keyMaterial(salt, 'salt');
  errors.validateInt32(keylen, 'keylen', 0);
  const { logN, r, p } = scryptParams(options);
  let bytes;
  try {
    bytes = binding.scrypt(password, salt, logN, r, p, keylen);
  } catch (e) {
    throw invalidScrypt();
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const derived = scryptSync(password, salt, keylen, options);
  later(callback, () => derived);
}

function hkdfSync(digest, ikm, salt, info, keylen) {
  validateString(digest, 'digest');
  ikm = keyMaterial(ikm, 'ikm');
  salt = keyMaterial(salt, 'salt');
  info = keyMaterial(info, 'info');
  errors.validateInt32(keylen, 'length', 0);
  if (binding.hashNew(digestName(digest)) === undefined) throw invalidDigest(digest);
  const bytes = binding.hkdf(digestName(digest), ikm, salt, info, keylen);
  if (bytes === undefined) throw makeError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function hkdf(digest, ikm, salt, info, keylen, callback) {
  validateFunction(callback, 'callback');
  const derived = hkdfSync(digest, ikm, salt, info, keylen);
  later(callback, () => derived);
}

// ---- KeyObject: secret keys (what HMAC takes); asymmetric keys are not available.

const kSecret = Symbol('kSecret');

class KeyObject {
  constructor(type, handle) {
    if (type !== 'secret') throw codes.ERR_INVALID_ARG_VALUE('type', type);
    if (handle === undefined || handle[kSecret] === undefined) {
      throw codes.ERR_INVALID_ARG_TYPE('handle', 'object', handle);
    }
    this[kSecret] = handle[kSecret];
  }
  static from(key) {
    if (!(key instanceof CryptoKey)) throw codes.ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
    return new KeyObject('secret', { [kSecret]: Buffer.from(key[kKey].bytes) });
  }
  get type() { return 'secret'; }
  get symmetricKeySize() { return this[kSecret].length; }
  get asymmetricKeyType() { return undefined; }
  export(options = undefined) {
    if (options !== undefined && options !== null && options.format === 'jwk') {
      return { kty: 'oct', k: this[kSecret].toString('base64url') };
    }
    return Buffer.from(this[kSecret]);
  }
  equals(other) {
    if (!(other instanceof KeyObject)) throw codes.ERR_INVALID_ARG_TYPE('otherKeyObject', 'KeyObject', other);
    return other[kSecret].length === this[kSecret].length && timingSafeEqual(this[kSecret], other[kSecret]);
  }
  get [Symbol.toStringTag]() { return 'KeyObject'; }
}

function createSecretKey(key, encoding) {
  if (typeof key === 'string') key = Buffer.from(key, encoding);
  else if (key instanceof ArrayBuffer) key = Buffer.from(new Uint8Array(key));
  else if (isArrayBufferView(key)) key = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  else throw codes.ERR_INVALID_ARG_TYPE('key', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'string'], key);
  return new KeyObject('secret', { [kSecret]: Buffer.from(key) });
}

function asymmetricUnavailable() {
  throw makeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'The feature asymmetric keys is ' +
    'unavailable on the current platform, which is being used to run Node.js');
}

// Signatures need asymmetric keys: Node's functions (their names and lengths, which packages
// such as jose read when they load), failing as `createPublicKey` does.
function signOneShot(algorithm, data, key, callback) { asymmetricUnavailable(); }
function verifyOneShot(algorithm, data, key, signature, callback) { asymmetricUnavailable(); }
function createSign(algorithm, options) { asymmetricUnavailable(); }
function createVerify(algorithm, options) { asymmetricUnavailable(); }

function Hmac(hmac, key, options) {
  if (!new.target) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  if (key instanceof KeyObject) key = key[kSecret];
  else if (typeof key === 'string') key = Buffer.from(key);
  else if (key instanceof ArrayBuffer) key = new Uint8Array(key);
  else if (!isArrayBufferView(key)) {
    throw codes.ERR_INVALID_ARG_TYPE('key', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'string', 'KeyObject', 'CryptoKey'], key);
  }
  this._handle = binding.hashNew(digestName(hmac), key);
  if (this._handle === undefined) throw makeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${hmac}`);
  this._finalized = false;
}
Hmac.prototype.update = update;
Hmac.prototype.digest = digest;

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

// ---- Web Crypto: digests and HMAC keys (what jsvm's natives compute); other algorithms
// are refused as Node refuses names it does not know.

const webDigests = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const hmacBlockBits = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
const kKey = Symbol('kKey');
let constructingKey = false;

class CryptoKey {
  constructor() {
    if (!constructingKey) throw makeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  }
  get type() { return this[kKey].type; }
  get extractable() { return this[kKey].extractable; }
  get algorithm() { return this[kKey].algorithm; }
  get usages() { return this[kKey].usages.slice(); }
  get [Symbol.toStringTag]() { return 'CryptoKey'; }
}

function secretKey(bytes, algorithm, extractable, usages) {
  constructingKey = true;
  const key = new CryptoKey();
  constructingKey = false;
  key[kKey] = { type: 'secret', extractable: !!extractable, algorithm, usages: [...usages], bytes };
  return key;
}

function notSupported() { return domException('Unrecognized algorithm name', 'NotSupportedError'); }

// An algorithm's canonical name among `known` (given as a name or as { name }).
function algorithmName(algorithm, known) {
  const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
  const found = known.find((k) => typeof name === 'string' && k.toUpperCase() === name.toUpperCase());
  if (found === undefined) throw notSupported();
  return found;
}

function bufferSource(data, method, position) {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (isArrayBufferView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(`Failed to execute '${method}' on 'SubtleCrypto': ${position} argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
}

function arrayBufferOf(bytes) {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function hmacOf(key, data) {
  const handle = binding.hashNew(webDigests[key[kKey].algorithm.hash.name], key[kKey].bytes);
  binding.hashUpdate(handle, data);
  return binding.hashDigest(handle);
}

function usableKey(key, usage) {
  if (!(key instanceof CryptoKey) || key[kKey].algorithm.name !== 'HMAC') throw notSupported();
  if (!key[kKey].usages.includes(usage)) {
    throw domException(`Unable to use this key to ${usage}`, 'InvalidAccessError');
  }
}

// Every method answers with a promise, errors included.
const asPromise = (f) => function (...args) {
  try {
    return Promise.resolve(f.apply(this, args));
  } catch (e) {
    return Promise.reject(e);
  }
};

class SubtleCrypto {
  get [Symbol.toStringTag]() { return 'SubtleCrypto'; }
}
Object.assign(SubtleCrypto.prototype, {
  digest: asPromise((algorithm, data) => {
    const name = algorithmName(algorithm, Object.keys(webDigests));
    const handle = binding.hashNew(webDigests[name]);
    binding.hashUpdate(handle, bufferSource(data, 'digest', '2nd'));
    return arrayBufferOf(binding.hashDigest(handle));
  }),
  importKey: asPromise((format, keyData, algorithm, extractable, usages) => {
    algorithmName(algorithm, ['HMAC']);
    const hash = algorithmName(typeof algorithm.hash === 'string' ? algorithm.hash : algorithm.hash, Object.keys(webDigests));
    if (format !== 'raw') throw notSupported();
    const bytes = Uint8Array.from(bufferSource(keyData, 'importKey', '2nd'));
    const length = algorithm.length !== undefined ? algorithm.length : bytes.length * 8;
    return secretKey(bytes, { name: 'HMAC', hash: { name: hash }, length }, extractable, usages);
  }),
  generateKey: asPromise((algorithm, extractable, usages) => {
    algorithmName(algorithm, ['HMAC']);
    const hash = algorithmName(algorithm.hash, Object.keys(webDigests));
    const length = algorithm.length !== undefined ? algorithm.length : hmacBlockBits[hash];
    const bytes = new Uint8Array(Math.ceil(length / 8));
    binding.randomFill(bytes);
    return secretKey(bytes, { name: 'HMAC', length, hash: { name: hash } }, extractable, usages);
  }),
  exportKey: asPromise((format, key) => {
    if (!(key instanceof CryptoKey)) throw notSupported();
    if (!key[kKey].extractable) throw domException('key is not extractable', 'InvalidAccessException');
    if (format !== 'raw') throw notSupported();
    return arrayBufferOf(Uint8Array.from(key[kKey].bytes));
  }),
  sign: asPromise((algorithm, key, data) => {
    algorithmName(algorithm, ['HMAC']);
    const bytes = bufferSource(data, 'sign', '3rd');
    usableKey(key, 'sign');
    return arrayBufferOf(hmacOf(key, bytes));
  }),
  verify: asPromise((algorithm, key, signature, data) => {
    algorithmName(algorithm, ['HMAC']);
    const sig = bufferSource(signature, 'verify', '3rd');
    const bytes = bufferSource(data, 'verify', '4th');
    usableKey(key, 'verify');
    const expected = hmacOf(key, bytes);
    return expected.length === sig.length && timingSafeEqual(Buffer.from(expected), Buffer.from(sig));
  }),
});
for (const name of ['encrypt', 'decrypt', 'deriveBits', 'deriveKey', 'wrapKey', 'unwrapKey']) {
  SubtleCrypto.prototype[name] = asPromise(() => { throw notSupported(); });
}
for (const name of Object.keys(SubtleCrypto.prototype)) {
  Object.defineProperty(SubtleCrypto.prototype, name, { enumerable: true });
}

// webcrypto's Crypto (the global `crypto`).
const subtle = new SubtleCrypto();
class Crypto {
  get subtle() { return subtle; }
  getRandomValues(data) { return getRandomValues(data); }
  randomUUID() { return randomUUID(); }
  get [Symbol.toStringTag]() { return 'Crypto'; }
}
const webcrypto = new Crypto();

// ---- ciphers: createCipheriv / createDecipheriv (AES) ---------------------------------------

const kCipher = Symbol('kCipher');
const cipherNames = [];
for (const bits of ['128', '192', '256']) {
  for (const mode of ['cbc', 'ctr', 'ecb', 'gcm']) cipherNames.push(`aes-${bits}-${mode}`);
  cipherNames.push(`aes${bits}`);
}
cipherNames.sort();

function cipherKeyBytes(key, name) {
  if (key instanceof KeyObject) return key[kSecret];
  if (typeof key === 'string') return Buffer.from(key, 'utf8');
  if (isArrayBufferView(key)) return key;
  if (key instanceof ArrayBuffer) return new Uint8Array(key);
  throw codes.ERR_INVALID_ARG_TYPE(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
}

// OpenSSL's error for a refused final block, as Node shows it.
function opensslError(reason) {
  const codesOf = { 'bad decrypt': '1C800064', 'wrong final block length': '1C80006B' };
  const err = new Error(`error:${codesOf[reason]}:Provider routines::${reason}`);
  err.library = 'Provider routines';
  err.reason = reason;
  err.code = `ERR_OSSL_${reason.toUpperCase().replace(/ /g, '_')}`;
  return err;
}

let CipherBase = null;
// The classes are made on first use: they are streams, and stream is loaded then.
function cipherBase() {
  if (CipherBase !== null) return CipherBase;
  const { Transform } = require('stream');
  const { StringDecoder } = require('string_decoder');
  CipherBase = class CipherBase extends Transform {
    _init(cipher, key, iv, options, encrypt) {
      validateString(cipher, 'cipher');
      const info = binding.cipherInfo(cipher);
      if (info === undefined) throw makeError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
      const keyBytes = cipherKeyBytes(key, 'key');
      let ivBytes = null;
      if (iv !== null && iv !== undefined) ivBytes = cipherKeyBytes(iv, 'iv');
      else if (info[2] !== 'ecb') throw codes.ERR_INVALID_ARG_TYPE('iv', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], iv);
      if (keyBytes.byteLength !== info[0]) throw makeError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
      const ivLength = ivBytes === null ? 0 : ivBytes.byteLength;
      if ((info[2] === 'ecb' && ivLength !== 0) || ((info[2] === 'cbc' || info[2] === 'ctr') && ivLength !== 16) ||
          (info[2] === 'gcm' && ivLength === 0)) {
        throw makeError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
      }
      if (info[2] === 'gcm' && options && options.authTagLength !== undefined) {
        const n = options.authTagLength;
        if (!Number.isInteger(n) || !(n === 4 || n === 8 || (n >= 12 && n <= 16))) {
          throw makeError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${n}`);
        }
      }
      this[kCipher] = {
        handle: binding.cipherNew(cipher, keyBytes, ivBytes, encrypt),
        mode: info[2], encrypt, finalized: false, decoder: null, decoderEncoding: null,
        authTag: null, authTagLength: (options && options.authTagLength) || 16,
      };
    }

    _output(bytes, encoding) {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (encoding === undefined || encoding === null || encoding === 'buffer') return buf;
      const state = this[kCipher];
      if (state.decoder === null || state.decoderEncoding !== encoding) {
        state.decoder = new StringDecoder(encoding);
        state.decoderEncoding = encoding;
      }
      return state.decoder.write(buf);
    }

    update(data, inputEncoding, outputEncoding) {
      const state = this[kCipher];
      if (state.finalized) throw new Error('Trying to add data in unsupported state');
      let bytes;
      if (typeof data === 'string') {
        bytes = Buffer.from(data, inputEncoding && inputEncoding !== 'buffer' ? inputEncoding : 'utf8');
      } else if (isArrayBufferView(data)) {
        bytes = data;
      } else {
        throw codes.ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
      }
      return this._output(binding.cipherUpdate(state.handle, bytes), outputEncoding);
    }

    final(outputEncoding) {
      const state = this[kCipher];
      if (state.finalized) throw makeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state');
      state.finalized = true;
      const result = binding.cipherFinal(state.handle);
      if (typeof result === 'string') throw opensslError(result);
      if (state.mode === 'gcm') {
        const tag = binding.cipherTag(state.handle);
        if (state.encrypt) {
          state.authTag = Buffer.from(tag.buffer, tag.byteOffset, state.authTagLength);
        } else if (state.authTag === null || !timingSafeEqualBytes(state.authTag, tag.subarray(0, state.authTag.length))) {
          throw new Error('Unsupported state or unable to authenticate data');
        }
      }
      const out = this._output(result, outputEncoding);
      if (typeof out === 'string') return out + state.decoder.end();
      return out;
    }

    setAutoPadding(autoPadding = true) {
      const state = this[kCipher];
      if (state.finalized) throw makeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAutoPadding');
      binding.cipherSetPadding(state.handle, !!autoPadding);
      return this;
    }

    setAAD(aadbuf, options) {
      const state = this[kCipher];
      if (!isArrayBufferView(aadbuf)) throw codes.ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], aadbuf);
      if (state.finalized || !binding.cipherAad(state.handle, aadbuf)) {
        throw makeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAAD');
      }
      return this;
    }

    _transform(chunk, encoding, callback) {
      try {
        this.push(this.update(chunk, encoding));
      } catch (e) {
        callback(e);
        return;
      }
      callback();
    }

    _flush(callback) {
      try {
        this.push(this.final());
      } catch (e) {
        callback(e);
        return;
      }
      callback();
    }
  };
  return CipherBase;
}

function timingSafeEqualBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

let cipherClasses = null;
function ciphers() {
  if (cipherClasses !== null) return cipherClasses;
  const Base = cipherBase();
  class Cipheriv extends Base {
    constructor(cipher, key, iv, options) {
      super(options);
      this._init(cipher, key, iv, options, true);
    }
    getAuthTag() {
      const state = this[kCipher];
      if (state.authTag === null) throw makeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation getAuthTag');
      return Buffer.from(state.authTag);
    }
  }
  class Decipheriv extends Base {
    constructor(cipher, key, iv, options) {
      super(options);
      this._init(cipher, key, iv, options, false);
    }
    setAuthTag(tagbuf, encoding) {
      const state = this[kCipher];
      const tag = typeof tagbuf === 'string' ? Buffer.from(tagbuf, encoding) : tagbuf;
      if (!isArrayBufferView(tag)) throw codes.ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], tagbuf);
      if (state.mode !== 'gcm' || state.finalized || state.authTag !== null) {
        throw makeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAuthTag');
      }
      const n = tag.byteLength;
      if (!(n === 4 || n === 8 || (n >= 12 && n <= 16))) {
        throw makeError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${n}`);
      }
      state.authTag = Buffer.from(tag.buffer, tag.byteOffset, n);
      return this;
    }
  }
  // Callable without `new`, as Node's.
  const callable = (Cls) => {
    const fn = function (...args) { return new Cls(...args); };
    Object.defineProperty(fn, 'name', { value: Cls.name });
    fn.prototype = Cls.prototype;
    Object.defineProperty(Cls.prototype, 'constructor', { value: fn, writable: true, configurable: true });
    Object.setPrototypeOf(fn, Cls);
    return fn;
  };
  cipherClasses = { Cipheriv: callable(Cipheriv), Decipheriv: callable(Decipheriv) };
  return cipherClasses;
}

function createCipheriv(cipher, key, iv, options) {
  return new (ciphers().Cipheriv)(cipher, key, iv, options);
}
function createDecipheriv(cipher, key, iv, options) {
  return new (ciphers().Decipheriv)(cipher, key, iv, options);
}

// Node's `crypto.constants` (its OpenSSL 3 build's numbers: options and paddings that packages
// read, such as jose's RSA_PKCS1_PSS_PADDING, even where jsvm has no such algorithm).
const defaultCoreCipherList = 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:' +
  'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:' +
  'ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:' +
  'DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:' +
  'DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA';
const constants = Object.assign(Object.create(null), {
  OPENSSL_VERSION_NUMBER: 805306672,
  SSL_OP_ALL: 2147485776,
  SSL_OP_ALLOW_NO_DHE_KEX: 1024,
  SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: 262144,
  SSL_OP_CIPHER_SERVER_PREFERENCE: 4194304,
  SSL_OP_CISCO_ANYCONNECT: 32768,
  SSL_OP_COOKIE_EXCHANGE: 8192,
  SSL_OP_CRYPTOPRO_TLSEXT_BUG: 2147483648,
  SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: 2048,
  SSL_OP_LEGACY_SERVER_CONNECT: 4,
  SSL_OP_NO_COMPRESSION: 131072,
  SSL_OP_NO_ENCRYPT_THEN_MAC: 524288,
  SSL_OP_NO_QUERY_MTU: 4096,
  SSL_OP_NO_RENEGOTIATION: 1073741824,
  SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: 65536,
  SSL_OP_NO_SSLv2: 0,
  SSL_OP_NO_SSLv3: 33554432,
  SSL_OP_NO_TICKET: 16384,
  SSL_OP_NO_TLSv1: 67108864,
  SSL_OP_NO_TLSv1_1: 268435456,
  SSL_OP_NO_TLSv1_2: 134217728,
  SSL_OP_NO_TLSv1_3: 536870912,
  SSL_OP_PRIORITIZE_CHACHA: 2097152,
  SSL_OP_TLS_ROLLBACK_BUG: 8388608,
  ENGINE_METHOD_RSA: 1,
  ENGINE_METHOD_DSA: 2,
  ENGINE_METHOD_DH: 4,
  ENGINE_METHOD_RAND: 8,
  ENGINE_METHOD_EC: 2048,
  ENGINE_METHOD_CIPHERS: 64,
  ENGINE_METHOD_DIGESTS: 128,
  ENGINE_METHOD_PKEY_METHS: 512,
  ENGINE_METHOD_PKEY_ASN1_METHS: 1024,
  ENGINE_METHOD_ALL: 65535,
  ENGINE_METHOD_NONE: 0,
  DH_CHECK_P_NOT_SAFE_PRIME: 2,
  DH_CHECK_P_NOT_PRIME: 1,
  DH_UNABLE_TO_CHECK_GENERATOR: 4,
  DH_NOT_SUITABLE_GENERATOR: 8,
  RSA_PKCS1_PADDING: 1,
  RSA_NO_PADDING: 3,
  RSA_PKCS1_OAEP_PADDING: 4,
  RSA_X931_PADDING: 5,
  RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1,
  RSA_PSS_SALTLEN_MAX_SIGN: -2,
  RSA_PSS_SALTLEN_AUTO: -2,
  defaultCoreCipherList,
  TLS1_VERSION: 769,
  TLS1_1_VERSION: 770,
  TLS1_2_VERSION: 771,
  TLS1_3_VERSION: 772,
  POINT_CONVERSION_COMPRESSED: 2,
  POINT_CONVERSION_UNCOMPRESSED: 4,
  POINT_CONVERSION_HYBRID: 6,
});
// The cipher list given by --tls-cipher-list (none in jsvm: the default), read when first asked.
Object.defineProperty(constants, 'defaultCipherList', {
  get() {
    Object.defineProperty(this, 'defaultCipherList', {
      value: defaultCoreCipherList, writable: true, configurable: true, enumerable: true,
    });
    return defaultCoreCipherList;
  },
  set(value) {
    Object.defineProperty(this, 'defaultCipherList', {
      value, writable: true, configurable: true, enumerable: true,
    });
  },
  configurable: true, enumerable: true,
});

module.exports = {
  createCipheriv, createDecipheriv, getCiphers: () => cipherNames.slice(),
  createHash, createHmac, hash, getHashes: () => hashes.slice(),
  randomBytes, randomFill, randomFillSync, randomInt, randomUUID, timingSafeEqual,
  pseudoRandomBytes: randomBytes,
  getRandomValues: (data) => getRandomValues(data),
  webcrypto, subtle,
  Hash, Hmac,
  get Cipheriv() { return ciphers().Cipheriv; },
  get Decipheriv() { return ciphers().Decipheriv; },
  // The classes of the web's crypto (globals, as Node's).
  Crypto, CryptoKey, SubtleCrypto,
  KeyObject, createSecretKey,
  pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync,
  createPublicKey: asymmetricUnavailable, createPrivateKey: asymmetricUnavailable,
  generateKeyPair: asymmetricUnavailable, generateKeyPairSync: asymmetricUnavailable,
  sign: signOneShot, verify: verifyOneShot, createSign, createVerify,
  constants,
};
