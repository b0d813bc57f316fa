// The `zlib` module: compression and decompression (deflate, zlib, gzip, brotli) of a whole
// buffer, sync and with a callback (one native call, src/zlib_binding.rs), and as Transform
// streams (createGzip and the like); of the options only `level`, `chunkSize`, `flush`,
// `finishFlush`, and for brotli `params` (quality, window bits, mode, size hint).
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setImmediate } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const { Buffer } = require('buffer');
const { Transform } = require('stream');
const { codes, isArrayBufferView, validateFunction, validateUint32 } = require('internal/errors');

const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  // The zlib version (1.3.1, Node 20's) and the engine modes, as Node's constants list them.
  ZLIB_VERNUM: 4880, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6,
  UNZIP: 7,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
  Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
  BROTLI_DECODE: 8, BROTLI_ENCODE: 9, BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1,
  BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0,
  BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0,
  BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11,
  BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10,
  BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30, BROTLI_DEFAULT_WINDOW: 22,
  BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24,
  BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5,
  BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8,
  BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1,
  BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3,
  BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
  BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2,
  BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1,
  BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
  BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7,
  BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
  BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
  BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
  BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
  BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
  BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
  BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
  BROTLI_DECODER_ERROR_UNREACHABLE: -31,
};

function inputOf(buffer) {
  if (typeof buffer === 'string') return Buffer.from(buffer);
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  if (isArrayBufferView(buffer)) return buffer;
  throw codes.ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
}

function levelOf(options) {
  const level = options && options.level !== undefined ? options.level : -1;
  if (!Number.isInteger(level) || level < -1 || level > 9) {
    throw codes.ERR_OUT_OF_RANGE('options.level', '>= -1 and <= 9', level);
  }
  return level;
}

// The native call's arguments after the input, checked.
function argsOf(mode, options) {
  if (!mode.startsWith('brotli')) return [levelOf(options)];
  const params = (options && options.params) || {};
  const p = (key) => (params[key] === undefined ? -1 : Number(params[key]));
  return [[p(constants.BROTLI_PARAM_QUALITY), p(constants.BROTLI_PARAM_LGWIN),
    p(constants.BROTLI_PARAM_MODE), p(constants.BROTLI_PARAM_SIZE_HINT)]];
}

function run(mode, input, args) {
  const out = mode.startsWith('brotli') ?
    binding.brotliProcess(mode === 'brotliCompress', input, ...args) :
    binding.zlibProcess(mode, input, ...args);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

function processSync(mode, buffer, options) {
  return run(mode, inputOf(buffer), argsOf(mode, options));
}

// The callback form: arguments checked at once, the work and the callback off the caller's
// stack, from the loop's check phase.
function processAsync(mode, buffer, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  validateFunction(callback, 'callback');
  const input = inputOf(buffer);
  const args = argsOf(mode, options);
  setImmediate(() => {
    let out;
    try {
      out = run(mode, input, args);
    } catch (err) {
      callback(err);
      return;
    }
    callback(null, out);
  });
}

const modes = ['deflate', 'inflate', 'gzip', 'gunzip', 'deflateRaw', 'inflateRaw', 'unzip',
  'brotliCompress', 'brotliDecompress'];
for (const mode of modes) {
  exports[`${mode}Sync`] = { [`${mode}Sync`]: (buffer, options) => processSync(mode, buffer, options) }[`${mode}Sync`];
  exports[mode] = { [mode]: (buffer, options, callback) => processAsync(mode, buffer, options, callback) }[mode];
}
// ---- streams ---------------------------------------------------------------------------------
// createGzip() and the others: Transform streams. The zlib family works a chunk at a time on
// a native stream (binding.zlibStream*); brotli streams gather their input and process it
// whole when it ends (the output is the same, it just comes at the end).

const kFlushFlag = Symbol('zlib flush flag');
const kNative = Symbol('zlib native stream');
// The native state of a stream garbage-collected without being closed or ended.
const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((id) => binding.zlibStreamFree(id)) : null;

function checkFlush(value, name, def) {
  if (value === undefined) return def;
  if (!Number.isInteger(value) || value < 0 || value > 5) {
    throw codes.ERR_OUT_OF_RANGE(name, '>= 0 and <= 5', value);
  }
  return value;
}

// What a stream's `_handle` is: the native stream's handle, as Node's (an object whose
// close() frees it). Code reaching into Node's internals (minizlib, which tar and npm's tools
// run on) replaces its close for a while and calls `_processChunk`.
class ZlibHandle {
  constructor(owner) {
    Object.defineProperty(this, '_owner', { value: owner });
  }
  close() {
    this._owner._release();
  }
}

class ZlibBase extends Transform {
  constructor(mode, options) {
    if (options != null && typeof options !== 'object') {
      throw codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const opts = options || {};
    const chunkSize = opts.chunkSize === undefined ? constants.Z_DEFAULT_CHUNK : opts.chunkSize;
    if (!Number.isFinite(chunkSize) || chunkSize < constants.Z_MIN_CHUNK) {
      throw codes.ERR_OUT_OF_RANGE('options.chunkSize', `>= ${constants.Z_MIN_CHUNK}`, chunkSize);
    }
    super({ ...opts, writableObjectMode: false, readableObjectMode: false });
    this._mode = mode;
    this._chunkSize = chunkSize;
    this._brotli = mode.startsWith('brotli');
    // Brotli streams' flush flags are brotli operations (process, flush, finish), as Node's.
    this._defaultFlushFlag = checkFlush(opts.flush, 'options.flush',
      this._brotli ? constants.BROTLI_OPERATION_PROCESS : constants.Z_NO_FLUSH);
    this._finishFlushFlag = checkFlush(opts.finishFlush, 'options.finishFlush',
      this._brotli ? constants.BROTLI_OPERATION_FINISH : constants.Z_FINISH);
    this.bytesWritten = 0;
    this[kNative] = null;
    if (this._brotli) {
      this._args = argsOf(mode, opts);
      this._pending = [];
    } else {
      this._level = levelOf(opts);
      this[kNative] = binding.zlibStreamNew(mode, this._level);
      if (registry) registry.register(this, this[kNative], this);
    }
    this._handle = new ZlibHandle(this);
  }

  _release() {
    if (this[kNative] !== null) {
      binding.zlibStreamFree(this[kNative]);
      if (registry) registry.unregister(this);
      this[kNative] = null;
    }
    if (this._brotli) this._pending = null;
  }

  // The output of `chunk` with `flag`, as one Buffer.
  _run(chunk, flag) {
    if (this._brotli) {
      if (this._pending === null) throw new Error('zlib binding closed');
      if (chunk.length > 0) this._pending.push(chunk);
      if (flag !== constants.BROTLI_OPERATION_FINISH) return Buffer.alloc(0);
      const input = Buffer.concat(this._pending);
      this._pending = [];
      return run(this._mode, input, this._args);
    }
    if (this[kNative] === null) throw new Error('zlib binding closed');
    const out = binding.zlibStreamWrite(this[kNative], chunk, flag);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  }

  _process(chunk, flag) {
    this._pushOut(this._run(chunk, flag));
  }

  // Node's internal step: `chunk` through the engine with `flag`; without a callback the output
  // is returned and the engine closed after (the *Sync functions' path), as Node's.
  _processChunk(chunk, flushFlag, cb) {
    if (typeof cb === 'function') {
      let out;
      try {
        out = this._run(chunk, flushFlag);
      } catch (err) {
        process.nextTick(cb, err);
        return;
      }
      this.bytesWritten += chunk.length;
      this._pushOut(out);
      process.nextTick(cb);
      return;
    }
    const out = this._run(chunk, flushFlag);
    // Node counts the input of this call only here.
    this.bytesWritten = chunk.length;
    if (this._handle !== null && typeof this._handle.close === 'function') this._handle.close();
    this._handle = null;
    return Buffer.concat([out], out.length);
  }

  // Output in pieces of at most chunkSize bytes, as Node's streams give it.
  _pushOut(buf) {
    for (let i = 0; i < buf.length; i += this._chunkSize) {
      this.push(buf.subarray(i, Math.min(buf.length, i + this._chunkSize)));
    }
  }

  _transform(chunk, encoding, callback) {
    const flag = chunk[kFlushFlag] !== undefined ? chunk[kFlushFlag] : this._defaultFlushFlag;
    try {
      this._process(chunk, flag);
      this.bytesWritten += chunk.length;
    } catch (err) {
      this._release();
      callback(err);
      return;
    }
    callback();
  }

  _flush(callback) {
    try {
      this._process(Buffer.alloc(0), this._finishFlushFlag);
    } catch (err) {
      this._release();
      callback(err);
      return;
    }
    this._release();
    callback();
  }

  _destroy(err, callback) {
    this._release();
    callback(err);
  }

  flush(kind, callback) {
    if (typeof kind === 'function' || (kind === undefined && !callback)) {
      callback = kind;
      kind = this._brotli ? constants.BROTLI_OPERATION_FLUSH : constants.Z_FULL_FLUSH;
    }
    if (this.writableFinished) {
      if (callback) process.nextTick(callback);
    } else if (this.writableEnded) {
      if (callback) this.once('end', callback);
    } else {
      const marker = Buffer.alloc(0);
      marker[kFlushFlag] = kind;
      this.write(marker, callback);
    }
  }

  close(callback) {
    if (callback) process.nextTick(callback);
    this._release();
    this.destroy();
  }

  reset() {
    if (this._brotli) {
      this._pending = [];
      return;
    }
    this._release();
    this[kNative] = binding.zlibStreamNew(this._mode, this._level);
    if (registry) registry.register(this, this[kNative], this);
  }
}

const streamClasses = {
  Deflate: 'deflate', Inflate: 'inflate', Gzip: 'gzip', Gunzip: 'gunzip',
  DeflateRaw: 'deflateRaw', InflateRaw: 'inflateRaw', Unzip: 'unzip',
  BrotliCompress: 'brotliCompress', BrotliDecompress: 'brotliDecompress',
};
for (const [name, mode] of Object.entries(streamClasses)) {
  const cls = { [name]: class extends ZlibBase { constructor(options) { super(mode, options); } } }[name];
  exports[name] = cls;
  exports[`create${name}`] = { [`create${name}`]: (options) => new cls(options) }[`create${name}`];
}

exports.crc32 = function crc32(data, value = 0) {
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw codes.ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  validateUint32(value, 'value');
  return binding.crc32(data, value);
};
exports.constants = constants;
// zlib's return codes by name and by number, frozen, as Node's `zlib.codes`.
const returnCodes = {};
for (const key of ['Z_OK', 'Z_STREAM_END', 'Z_NEED_DICT', 'Z_ERRNO', 'Z_STREAM_ERROR', 'Z_DATA_ERROR',
  'Z_MEM_ERROR', 'Z_BUF_ERROR', 'Z_VERSION_ERROR']) {
  returnCodes[key] = constants[key];
}
for (const key of Object.keys(returnCodes)) returnCodes[returnCodes[key]] = key;
Object.defineProperty(exports, 'codes', {
  value: Object.freeze(returnCodes), enumerable: true, writable: false, configurable: false,
});
// The zlib constants are module properties too (not the brotli ones), read-only and not
// enumerable, as in Node.
for (const key of Object.keys(constants)) {
  if (key.startsWith('BROTLI_')) continue;
  Object.defineProperty(exports, key, { value: constants[key], enumerable: false, writable: false, configurable: false });
}
