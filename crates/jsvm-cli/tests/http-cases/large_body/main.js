// A 10 MB body streamed both ways: the client uploads it in 64 KB chunks honouring
// backpressure, the server checks it and streams 10 MB back.
'use strict';
const http = require('http');

const SIZE = 10 * 1024 * 1024;
const CHUNK = 64 * 1024;
const guard = setTimeout(() => { console.log('timed out'); process.exit(1); }, 60000);

function chunkAt(offset) {
  const b = Buffer.alloc(Math.min(CHUNK, SIZE - offset));
  for (let i = 0; i < b.length; i++) b[i] = (offset + i) % 251;
  return b;
}
function checker() {
  let offset = 0;
  let good = true;
  return {
    add(chunk) {
      for (let i = 0; i < chunk.length; i += 4099) if (chunk[i] !== (offset + i) % 251) good = false;
      if (chunk.length && chunk[chunk.length - 1] !== (offset + chunk.length - 1) % 251) good = false;
      offset += chunk.length;
    },
    get length() { return offset; },
    get good() { return good; },
  };
}
function pump(writable, done) {
  let offset = 0;
  let waits = 0;
  function go() {
    while (offset < SIZE) {
      const c = chunkAt(offset);
      offset += c.length;
      if (!writable.write(c)) { waits++; writable.once('drain', go); return; }
    }
    writable.end();
    done(waits);
  }
  go();
}

const server = http.createServer((req, res) => {
  const check = checker();
  req.on('data', (c) => check.add(c));
  req.on('end', () => {
    console.log('server received', check.length, 'bytes, intact:', check.good);
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    pump(res, (waits) => console.log('server response backpressured:', waits > 0));
  });
});

server.listen(0, '127.0.0.1', () => {
  const req = http.request({ host: '127.0.0.1', port: server.address().port, method: 'PUT', path: '/upload' }, (res) => {
    console.log('status', res.statusCode, 'transfer-encoding', res.headers['transfer-encoding']);
    const check = checker();
    let chunks = 0;
    res.on('data', (c) => { chunks++; check.add(c); });
    res.on('end', () => {
      console.log('client received', check.length, 'bytes, intact:', check.good, 'in many chunks:', chunks > 10);
      clearTimeout(guard);
      server.close(() => console.log('closed'));
    });
  });
  pump(req, (waits) => console.log('client upload backpressured:', waits > 0));
});
