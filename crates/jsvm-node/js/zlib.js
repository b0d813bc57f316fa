// The `zlib` module: whole-buffer compression and decompression (deflate, zlib, gzip), sync and
// with a callback; the work is one native call (src/zlib_binding.rs). No streams (createGzip
// and the like), no brotli, and of the options only `level`.
'use strict';

const { Buffer } = require('buffer');
const { codes, isArrayBufferView, validateFunction } = require('internal/errors');

const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
  Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
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

function processSync(mode, buffer, options) {
  const out = binding.zlibProcess(mode, inputOf(buffer), levelOf(options));
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

// The callback form: arguments checked at once, the work and the callback off the caller's
// stack, from the loop's check phase.
function processAsync(mode, buffer, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  validateFunction(callback, 'callback');
  const input = inputOf(buffer);
  const level = levelOf(options);
  setImmediate(() => {
    let out;
    try {
      out = binding.zlibProcess(mode, input, level);
    } catch (err) {
      callback(err);
      return;
    }
    callback(null, Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  });
}

const modes = ['deflate', 'inflate', 'gzip', 'gunzip', 'deflateRaw', 'inflateRaw', 'unzip'];
for (const mode of modes) {
  exports[`${mode}Sync`] = { [`${mode}Sync`]: (buffer, options) => processSync(mode, buffer, options) }[`${mode}Sync`];
  exports[mode] = { [mode]: (buffer, options, callback) => processAsync(mode, buffer, options, callback) }[mode];
}
exports.constants = constants;
Object.assign(exports, constants);
