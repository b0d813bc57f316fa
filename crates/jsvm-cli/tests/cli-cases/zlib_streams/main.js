// zlib's Transform streams: round trips through pipeline, chunked input, flush(), errors,
// truncated input, concatenated gzip members, brotli streams, and output chunk sizes.
const zlib = require('zlib');
const { pipeline, Readable, Writable } = require('stream');
const crypto = require('crypto');

const text = Buffer.from('hello zlib streams! '.repeat(2000) + crypto.createHash('sha256').update('x').digest('hex'));

function collect(stream, input, chunks = 7) {
  return new Promise((resolve, reject) => {
    const out = [];
    stream.on('data', (c) => out.push(c));
    stream.on('end', () => resolve(Buffer.concat(out)));
    stream.on('error', reject);
    const size = Math.ceil(input.length / chunks) || 1;
    for (let i = 0; i < input.length; i += size) stream.write(input.subarray(i, i + size));
    stream.end();
  });
}

async function main() {
  for (const [c, d] of [['createGzip', 'createGunzip'], ['createDeflate', 'createInflate'],
    ['createDeflateRaw', 'createInflateRaw'], ['createGzip', 'createUnzip'], ['createDeflate', 'createUnzip'],
    ['createBrotliCompress', 'createBrotliDecompress']]) {
    const packed = await collect(zlib[c](), text);
    const unpacked = await collect(zlib[d](), packed, 13);
    const oneShot = c.includes('Brotli') ? zlib.brotliDecompressSync(packed) : zlib.unzipSync ? null : null;
    console.log(c, d, unpacked.equals(text), packed.length < text.length, oneShot ? oneShot.equals(text) : '-');
  }
  // The streams' output matches the one-shot functions byte for byte (zlib family).
  console.log((await collect(zlib.createGzip({ level: 9 }), text)).equals(zlib.gzipSync(text, { level: 9 })));
  console.log((await collect(zlib.createDeflateRaw(), text, 1)).equals(zlib.deflateRawSync(text)));
  console.log(zlib.gunzipSync(await collect(zlib.createGzip(), Buffer.alloc(0))).length);

  // pipeline from a Readable to a Writable through gzip and gunzip.
  await new Promise((resolve) => {
    const got = [];
    pipeline(Readable.from([Buffer.from('a'), Buffer.from('bc'), Buffer.from('def')]), zlib.createGzip(), zlib.createGunzip(),
      new Writable({ write(c, e, cb) { got.push(c); cb(); } }), (err) => {
        console.log('pipeline', err, Buffer.concat(got).toString());
        resolve();
      });
  });

  // flush(): everything written so far can be decompressed at once.
  await new Promise((resolve) => {
    const gz = zlib.createDeflate();
    const parts = [];
    gz.on('data', (c) => parts.push(c));
    gz.write('first part ');
    gz.flush(() => {
      const sofar = Buffer.concat(parts);
      const inflate = zlib.createInflate();
      const seen = [];
      inflate.on('data', (c) => seen.push(c));
      inflate.write(sofar, () => setImmediate(() => {
        console.log('flushed', Buffer.concat(seen).toString());
        gz.end('second part');
        gz.on('end', () => { console.log('after end', zlib.inflateSync(Buffer.concat(parts)).toString()); resolve(); });
      }));
    });
  });

  // Errors: bad data, a truncated stream.
  for (const [name, data] of [['createGunzip', Buffer.from('not gzip at all')], ['createInflate', Buffer.from([0x78, 0x9c, 0xff, 0xff])],
    ['createGunzip', zlib.gzipSync(text).subarray(0, 100)], ['createBrotliDecompress', Buffer.from([1, 2, 3, 4])]]) {
    await collect(zlib[name](), data).then((b) => console.log(name, 'no error', b.length), (e) => console.log(name, e.name, e.code, e.errno, e.message));
  }

  // Two gzip members in a row decompress as one.
  const two = Buffer.concat([zlib.gzipSync('one '), zlib.gzipSync('two')]);
  console.log((await collect(zlib.createGunzip(), two, 3)).toString());

  // Output in pieces of at most chunkSize.
  const sizes = [];
  const gunzip = zlib.createGunzip({ chunkSize: 1024 });
  gunzip.on('data', (c) => sizes.push(c.length));
  await new Promise((r) => { gunzip.on('end', r); gunzip.end(zlib.gzipSync(text)); });
  console.log(Math.max(...sizes) <= 1024, sizes.reduce((a, b) => a + b, 0) === text.length);

  const g = zlib.createGzip();
  console.log(g instanceof zlib.Gzip, g instanceof require('stream').Transform, typeof g.bytesWritten, g.bytesWritten);
  g.end('abc');
  g.resume();
  g.on('end', () => console.log('bytesWritten', g.bytesWritten));
  try { zlib.createGzip({ chunkSize: 10 }); } catch (e) { console.log(e.code, e.message); }
  try { zlib.createGzip({ level: 42 }); } catch (e) { console.log(e.code, e.message); }
}
main();
