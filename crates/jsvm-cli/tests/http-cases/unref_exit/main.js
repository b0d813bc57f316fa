// An unref'd server does not keep the process alive; a ref'd one until it closes.
'use strict';
const http = require('http');
const net = require('net');

const idle = http.createServer(() => {}).listen(0, '127.0.0.1', () => console.log('idle listening'));
idle.unref();
const s = net.createServer().listen(0, '127.0.0.1', () => {
  console.log('net listening');
  setTimeout(() => s.close(() => console.log('net closed')), 20);
});
process.on('exit', () => console.log('exit', idle.listening, s.listening));
