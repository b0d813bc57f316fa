// Malformed requests written on a raw TCP connection get a 400 and the connection closes;
// the server keeps serving. With a 'clientError' listener the program sees the parse error.
'use strict';
const http = require('http');
const net = require('net');

const guard = setTimeout(() => { console.log('timed out'); process.exit(1); }, 20000);
const server = http.createServer((req, res) => res.end(`ok ${req.method} ${req.url}`));

function raw(port, text) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(text));
    let data = '';
    sock.setEncoding('latin1');
    sock.on('data', (d) => { data += d; });
    sock.on('error', (e) => { data += `<${e.code}>`; });
    sock.on('close', () => resolve(data));
  });
}
function get(port, path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    }).on('error', reject);
  });
}

server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const bad = [
    'GARBAGE\r\n\r\n',
    'GET / HTTP/1.1\r\nBad Header\r\n\r\n',
    'GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n',
    'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    'GET /no-host HTTP/1.1\r\n\r\n',
    'GET /ten HTTP/1.0\r\n\r\n',
    `GET /big HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`,
  ];
  for (const text of bad) {
    const answer = await raw(port, text);
    console.log(JSON.stringify(text.slice(0, 60)), '->', JSON.stringify(answer.replace(/Date: [^\r]*\r\n/g, '')));
    console.log('still serving:', await get(port, '/after'));
  }
  const errors = [];
  server.on('clientError', (err, socket) => {
    errors.push(err.code);
    socket.end('HTTP/1.1 400 Bad Request\r\nX-Seen: yes\r\n\r\n');
  });
  console.log(JSON.stringify(await raw(port, 'GARBAGE\r\n\r\n')));
  console.log(JSON.stringify(await raw(port, 'GET / HTTP/1.1\r\nBad Header\r\n\r\n')));
  console.log('clientError codes:', errors);
  console.log('still serving:', await get(port, '/last'));
  clearTimeout(guard);
  server.close(() => console.log('closed'));
});
