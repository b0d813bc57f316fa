// UDP sockets: an echo server and a client on 127.0.0.1, implicit binding on send, connect,
// array messages, offsets, and Node's errors.
const dgram = require('dgram');
const assert = require('assert');

const show = (e) => console.log('error', e.code, e.message);
for (const bad of ['udp5', 7, {}]) {
  try { dgram.createSocket(bad); } catch (e) { show(e); }
}
const server = dgram.createSocket('udp4');
try { server.address(); } catch (e) { show(e); }
try { server.remoteAddress(); } catch (e) { show(e); }
try { server.send('x', 70000, '127.0.0.1'); } catch (e) { show(e); }
server.on('error', (e) => console.log('server error', e.code));
server.on('message', (msg, rinfo) => {
  console.log('server got', JSON.stringify(String(msg)), rinfo.family, rinfo.address, rinfo.size,
    typeof rinfo.port, Buffer.isBuffer(msg));
  server.send([Buffer.from('echo:'), msg], rinfo.port, rinfo.address, (err, n) => console.log('echo sent', err, n));
});
server.on('listening', () => {
  const { address, family, port } = server.address();
  console.log('listening', address, family, typeof port, port > 0);
  try { server.bind(0); } catch (e) { show(e); }

  const taken = dgram.createSocket('udp4');
  taken.on('error', (e) => {
    console.log('second bind', e.code, e.syscall, e.message === `bind EADDRINUSE 127.0.0.1:${port}`);
    taken.close();
    client();
  });
  taken.bind(port, '127.0.0.1');
});
server.bind(0, '127.0.0.1');

function client() {
  const port = server.address().port;
  const c = dgram.createSocket({ type: 'udp4' });
  let n = 0;
  c.on('message', (msg, rinfo) => {
    console.log('client got', JSON.stringify(String(msg)), rinfo.port === port);
    if (++n === 2) connected(port, c);
  });
  // Not bound yet: send binds it first.
  c.send('hello', port, '127.0.0.1', (err, bytes) => {
    console.log('client sent', err, bytes, typeof c.address().port);
  });
  c.send(Buffer.from('0123456789'), 2, 3, port, '127.0.0.1');
}

function connected(port, previous) {
  previous.close(() => console.log('client closed'));
  try { previous.close(); } catch (e) { show(e); }
  const c = dgram.createSocket('udp4');
  c.connect(port, '127.0.0.1', () => {
    console.log('connected', c.remoteAddress().port === port, c.remoteAddress().address);
    try { c.connect(port); } catch (e) { show(e); }
    try { c.send('x', port, '127.0.0.1'); } catch (e) { show(e); }
    c.send('via connect');
  });
  c.on('message', (msg) => {
    console.log('connected got', String(msg));
    c.disconnect();
    try { c.remoteAddress(); } catch (e) { show(e); }
    c.close();
    server.close(() => console.log('server closed'));
  });
}
