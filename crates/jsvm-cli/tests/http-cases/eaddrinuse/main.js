// Listening on a port in use: an 'error' event with Node's EADDRINUSE error.
'use strict';
const http = require('http');
const net = require('net');

const first = http.createServer();
first.listen(0, '127.0.0.1', () => {
  const port = first.address().port;
  const second = http.createServer();
  second.on('listening', () => console.log('unexpected: listening'));
  second.on('error', (err) => {
    console.log(err instanceof Error, err.name);
    console.log(err.message.replace(String(port), '<port>'));
    console.log(err.code, err.errno, err.syscall, err.address, err.port === port);
    console.log('listening:', second.listening, 'address:', second.address());
    const third = net.createServer();
    third.listen(port, '127.0.0.1');
    third.on('error', (e) => {
      console.log('net:', e.code, e.message.replace(String(port), '<port>'));
      first.close(() => console.log('closed'));
    });
  });
  second.listen(port, '127.0.0.1');
  console.log('listen returned', second.listening);
});
