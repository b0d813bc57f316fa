// With an 'uncaughtException' listener a throwing handler does not end the process; the
// listener closes the connections and the client sees the socket hang up.
'use strict';
const http = require('http');

let server;
process.on('uncaughtException', (err, origin) => {
  console.log('caught:', err.message, origin);
  server.closeAllConnections();
});
server = http.createServer((req, res) => {
  if (req.url === '/ok') { res.end('fine'); return; }
  throw new TypeError('bad handler');
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  http.get({ host: '127.0.0.1', port, path: '/boom' }, () => console.log('unexpected'))
    .on('error', (e) => {
      console.log('client error:', e.code, e.message);
      http.get({ host: '127.0.0.1', port, path: '/ok' }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (d) => console.log('after:', res.statusCode, d));
        res.on('end', () => server.close(() => console.log('closed')));
      });
    });
});
