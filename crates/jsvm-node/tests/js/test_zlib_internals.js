// zlib streams' `_handle` and `_processChunk`, as code reaching into Node's internals uses them
// (minizlib, under tar and npm's tools: it swaps the handle's close for a no-op, runs chunks
// through `_processChunk` with flush flags, and puts the handle back).
'use strict';
const zlib = require('zlib');
const { constants } = zlib;

function processWith(stream, chunks, flush, finish) {
  const out = [];
  for (const [i, chunk] of chunks.entries()) {
    const nativeHandle = stream._handle;
    const originalNativeClose = nativeHandle.close;
    nativeHandle.close = () => {};
    const originalClose = stream.close;
    stream.close = () => {};
    let result;
    try {
      result = stream._processChunk(chunk, i === chunks.length - 1 ? finish : flush);
    } finally {
      stream._handle = nativeHandle;
      nativeHandle.close = originalNativeClose;
      stream.close = originalClose;
    }
    // The result may be a view of the engine's output buffer, reused by the next call.
    out.push(Buffer.from(Array.isArray(result) ? Buffer.concat(result) : result));
  }
  return Buffer.concat(out);
}

const text = Buffer.from('hello hello hello zlib internals '.repeat(20));
const parts = [text.subarray(0, 100), text.subarray(100, 400), text.subarray(400), Buffer.alloc(0)];
for (const [make, unmake, finish, flush] of [
  ['createGzip', 'gunzipSync', constants.Z_FINISH, constants.Z_NO_FLUSH],
  ['createDeflate', 'inflateSync', constants.Z_FINISH, constants.Z_SYNC_FLUSH],
  ['createDeflateRaw', 'inflateRawSync', constants.Z_FINISH, constants.Z_NO_FLUSH],
  ['createBrotliCompress', 'brotliDecompressSync', constants.BROTLI_OPERATION_FINISH, constants.BROTLI_OPERATION_PROCESS],
]) {
  const stream = zlib[make]();
  console.log(make, typeof stream._handle, typeof stream._handle.close, typeof stream._processChunk);
  const packed = processWith(stream, parts, flush, finish);
  console.log('  packed', packed.length > 0, zlib[unmake](packed).equals(text), stream.bytesWritten);
  stream.close();
}
// Unpacking, a chunk at a time.
const gz = zlib.gzipSync(text);
const gunzip = zlib.createGunzip();
const back = processWith(gunzip, [gz.subarray(0, 10), gz.subarray(10)], constants.Z_NO_FLUSH, constants.Z_FINISH);
console.log('gunzip', back.equals(text), gunzip.bytesWritten === gz.length);
// Without the swap, _processChunk closes the engine after, as Node's *Sync path.
const inflate = zlib.createInflate();
const once = inflate._processChunk(zlib.deflateSync(text), constants.Z_FINISH);
console.log('once', Buffer.isBuffer(once), once.equals(text), inflate._handle);
// Bad input through _processChunk throws.
try {
  zlib.createGunzip()._processChunk(Buffer.from('not gzip at all'), constants.Z_FINISH);
} catch (e) {
  console.log('bad', e.code, e.errno, e.message);
}
// Brotli streams' flush flags are brotli operations.
const br = zlib.createBrotliCompress();
const chunks = [];
br.on('data', (c) => chunks.push(c));
br.on('end', () => console.log('brotli stream', zlib.brotliDecompressSync(Buffer.concat(chunks)).equals(text)));
br.write(text.subarray(0, 50));
br.end(text.subarray(50));

// zlib.codes, the engine mode constants and ZLIB_VERNUM; the module's constants read-only, not enumerable.
{
  const z = require('zlib');
  console.log(z.codes, Object.isFrozen(z.codes), z.DEFLATE, z.UNZIP, z.ZLIB_VERNUM, z.Z_OK, z.Z_BEST_COMPRESSION);
  console.log(Object.getOwnPropertyDescriptor(z, 'Z_OK'), Object.getOwnPropertyDescriptor(z, 'codes').enumerable);
  console.log(Object.keys(z).sort().join(" "));
  console.log(Object.getOwnPropertyNames(z).filter((k) => /^[A-Z_0-9]+$/.test(k)).join(' '));
  console.log(Object.keys(z.constants).length, z.constants.GZIP, z.constants.ZLIB_VERNUM);
}
