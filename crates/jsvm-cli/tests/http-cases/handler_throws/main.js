// An exception in a request handler is an uncaught exception: printed, exit code 1.
'use strict';
const http = require('http');

const server = http.createServer((req, res) => {
  console.log('handling', req.url);
  throw new Error(`handler failed for ${req.url}`);
});
process.on('exit', (code) => console.log('exit', code));
server.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/boom' }, () => {
    console.log('unexpected response');
  }).on('error', (e) => console.log('client error', e.code));
});
