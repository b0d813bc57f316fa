// Trailer fields of chunked messages, both ways: req.trailers/trailersDistinct/rawTrailers on
// the server, res.* on the client; a message without them has none.
'use strict';
const http = require('http');

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    console.log('server body', body, req.complete);
    console.log('server trailers', JSON.stringify(req.trailers));
    console.log('server trailersDistinct', JSON.stringify(req.trailersDistinct));
    console.log('server rawTrailers', JSON.stringify(req.rawTrailers));
    res.writeHead(200, { Trailer: 'X-Checksum' });
    res.write('part one;');
    res.addTrailers([['X-Checksum', 'abc'], ['X-Checksum', 'def'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
    res.end('part two');
  });
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const req = http.request({ port, host: '127.0.0.1', method: 'POST', headers: { Trailer: 'X-T' } }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    console.log('client trailers before end', JSON.stringify(res.trailers));
    res.on('data', (c) => { body += c; });
    res.on('end', () => {
      console.log('client body', body);
      console.log('client trailers', JSON.stringify(res.trailers));
      console.log('client trailersDistinct', JSON.stringify(res.trailersDistinct));
      console.log('client rawTrailers', JSON.stringify(res.rawTrailers));
      // A plain request: no trailers.
      http.get({ port, host: '127.0.0.1', path: '/plain' }, (r2) => {
        r2.resume();
        r2.on('end', () => {
          console.log('plain trailers', JSON.stringify(r2.trailers), JSON.stringify(r2.rawTrailers));
          server.close();
        });
      });
    });
  });
  req.write('hello ');
  req.addTrailers({ 'X-T': 'one', 'x-other': 'two' });
  req.end('world');
});
