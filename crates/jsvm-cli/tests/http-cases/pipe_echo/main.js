// Streams: an echo server that pipes the request into the response through a Transform,
// stream.pipeline on the client, Readable.from and PassThrough.
'use strict';
const http = require('http');
const { Transform, PassThrough, Readable, Writable, pipeline } = require('stream');

const upper = () => new Transform({
  transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); },
});
const server = http.createServer((req, res) => {
  res.setHeader('X-Method', req.method);
  req.pipe(upper()).pipe(res);
});

server.listen(0, '127.0.0.1', () => {
  const req = http.request({ host: '127.0.0.1', port: server.address().port, method: 'POST' }, (res) => {
    const parts = [];
    pipeline(res, new PassThrough(), new Writable({
      write(chunk, enc, cb) { parts.push(chunk.toString()); cb(); },
    }), (err) => {
      console.log('pipeline done', err, res.headers['x-method'], res.headers['transfer-encoding']);
      console.log(JSON.stringify(parts.join('')));
      server.close(() => console.log('closed'));
    });
  });
  Readable.from(['one ', 'two ', 'three']).pipe(req);
});

const events = [];
const r = new Readable({ read() {} });
r.on('data', (d) => events.push(`data:${d}`));
r.on('end', () => { events.push('end'); console.log(events.join(' ')); });
r.on('close', () => console.log('readable close'));
r.push('a');
r.push('b');
r.push(null);
