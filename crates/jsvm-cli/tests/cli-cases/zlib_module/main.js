const zlib = require('zlib');
const util = require('util');
const text = 'hello zlib '.repeat(50);
for (const [c, d] of [['deflateSync', 'inflateSync'], ['gzipSync', 'gunzipSync'], ['deflateRawSync', 'inflateRawSync'], ['gzipSync', 'unzipSync'], ['deflateSync', 'unzipSync']]) {
  const z = zlib[c](text);
  console.log(c, d, z.length < text.length, zlib[d](z).toString() === text);
}
// zlib's own bytes, as Node's zlib makes them.
console.log(zlib.gzipSync('hello').toString('hex'));
console.log(zlib.deflateSync('hello').toString('hex'));
console.log(zlib.deflateRawSync('hello', { level: 1 }).toString('hex'));
console.log(zlib.deflateSync(Buffer.alloc(1000, 'ab'), { level: 9 }).toString('base64'));
console.log(zlib.deflateSync(new Uint8Array([1, 2, 3]).buffer).toString('hex'));
const g = zlib.gzipSync('two ');
console.log(zlib.gunzipSync(Buffer.concat([g, g])).toString());
console.log(zlib.inflateSync(Buffer.from('789ccb48cdc9c90700062c0215', 'hex')).toString());
console.log(zlib.gunzipSync(zlib.gzipSync(Buffer.alloc(200000, 7))).length);
for (const f of [
  () => zlib.inflateSync(Buffer.from('garbage')),
  () => zlib.gunzipSync(zlib.gzipSync('hello').subarray(0, 10)),
  () => zlib.inflateRawSync(Buffer.from([0xff, 0xff])),
  () => zlib.inflateSync(zlib.deflateSync('abc').subarray(0, 4)),
  () => zlib.unzipSync(Buffer.from('hello world')),
  () => zlib.gzipSync(42),
  () => zlib.gzipSync('x', { level: 12 }),
]) {
  try { f(); console.log('no error'); } catch (e) { console.log(e.name, e.code, e.errno, e.message); }
}
console.log(zlib.constants.Z_BEST_COMPRESSION, zlib.Z_DATA_ERROR, zlib.BROTLI_DECODE, zlib.constants.BROTLI_PARAM_QUALITY);
// Brotli: round trips at several settings, and bytes Node's brotli made.
for (const params of [{}, { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 }, { [zlib.constants.BROTLI_PARAM_QUALITY]: 0, [zlib.constants.BROTLI_PARAM_LGWIN]: 10 },
  { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: text.length }]) {
  const b = zlib.brotliCompressSync(text, { params });
  console.log('brotli', b.length < text.length, zlib.brotliDecompressSync(b).toString() === text);
}
console.log(zlib.brotliDecompressSync(Buffer.from('0b028068656c6c6f03', 'hex')).toString());
console.log(zlib.brotliDecompressSync(Buffer.from('G1cC+I2Ubt5EVYaWbCBvUVscgEEc', 'base64')).toString() === 'hello '.repeat(100));
console.log(zlib.brotliDecompressSync(zlib.brotliCompressSync(Buffer.alloc(300000, 'xyz'))).length);
for (const d of [Buffer.from('ffffff', 'hex'), zlib.brotliCompressSync('hello world').subarray(0, 3)]) {
  try { zlib.brotliDecompressSync(d); console.log('no error'); } catch (e) { console.log(e.name, e.code, e.errno, e.message); }
}
const order = [];
zlib.gzip('callback', (err, buf) => {
  order.push('gzip');
  zlib.gunzip(buf, (err2, out) => {
    console.log(order.join(' '), err, err2, out.toString());
  });
});
zlib.inflate(Buffer.from('nope'), (err) => console.log('async error', err.code, err.errno, err.message));
zlib.brotliCompress('brotli callback', (err, b) => zlib.brotliDecompress(b, (err2, out) => console.log(err, err2, out.toString())));
util.promisify(zlib.deflateRaw)('promised').then((b) => console.log('promisified', zlib.inflateRawSync(b).toString()));
order.push('sync');
