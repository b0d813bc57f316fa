// Servers and clients on Unix domain sockets (listen(path), connect(path), http's socketPath):
// addresses, EADDRINUSE and ENOENT as Node words them, and the socket file removed on close.
const net = require('net');
const fs = require('fs');
const http = require('http');
const path = require('path');
const os = require('os');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-unix-'));
const sock = path.join(dir, 's.sock');
const rel = (s) => String(s).split(dir).join('<dir>');
const server = net.createServer((c) => {
  console.log('server: connection', typeof c.remoteAddress, c.remotePort, rel(c.localAddress));
  c.on('data', (d) => { console.log('server got', String(d)); c.end('pong:' + d); });
});
server.listen(sock, () => {
  console.log('listening', rel(server.address()), fs.statSync(sock).isSocket());
  const other = net.createServer();
  other.on('error', (e) => {
    console.log('second listen:', e.code, e.syscall, rel(e.address), e.port, rel(e.message));
    const c = net.connect(sock, () => {
      console.log('client connected', c.remoteAddress, rel(c.remoteAddress), c.remotePort);
      c.write('ping');
    });
    let got = '';
    c.on('data', (d) => { got += d; });
    c.on('end', () => {
      console.log('client got', got);
      const bad = net.createConnection({ path: path.join(dir, 'none.sock') });
      bad.on('error', (e) => {
        console.log('bad connect:', e.code, e.syscall, rel(e.address), rel(e.message));
        server.close(() => {
          console.log('closed; file left:', fs.existsSync(sock));
          httpOverUnix();
        });
      });
    });
  });
  other.listen(sock);
});
function httpOverUnix() {
  const hs = path.join(dir, 'h.sock');
  const srv = http.createServer((req, res) => { res.end(`hello ${req.method} ${req.url} ${req.headers.host}`); });
  srv.listen(hs, () => {
    http.get({ socketPath: hs, path: '/x?y=1' }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => {
        console.log('http:', res.statusCode, body);
        srv.close(() => { fs.rmSync(dir, { recursive: true, force: true }); console.log('done'); });
      });
    });
  });
}
