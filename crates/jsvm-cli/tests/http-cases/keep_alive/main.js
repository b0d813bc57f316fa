// Keep-alive: an agent with one socket reuses it for sequential requests; two pipelined
// requests on one raw connection get two responses in order; Connection: close ends it.
'use strict';
const http = require('http');
const net = require('net');

const guard = setTimeout(() => { console.log('timed out'); process.exit(1); }, 20000);
let connections = 0;
const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/plain');
  res.end(`#${req.url} via ${req.headers.connection}`);
});
server.on('connection', () => connections++);

server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: `/${i}`, agent }, (res) => {
        let body = '';
        res.on('data', (c) => { body += c; });
        res.on('end', () => {
          console.log(i, res.statusCode, body, 'reused:', req.reusedSocket, res.headers.connection, res.headers['keep-alive']);
          resolve();
        });
      });
    });
  }
  console.log('connections:', connections);
  agent.destroy();

  const text = await new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1', () => {
      sock.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    });
    let data = '';
    sock.setEncoding('latin1');
    sock.on('data', (d) => { data += d; });
    sock.on('close', () => resolve(data));
  });
  console.log(JSON.stringify(text.replace(/Date: [^\r]*\r\n/g, '')));
  console.log('connections:', connections);
  clearTimeout(guard);
  server.close(() => console.log('closed'));
});
