// An HTTP client's upgrade (what ws's client does): a 101 response gives the request's
// 'upgrade' listeners the response, the socket (out of HTTP now) and the bytes that came with
// the head; the socket then carries the new protocol both ways. Without a listener the socket
// is destroyed.
const http = require('http');

const server = http.createServer((req, res) => res.end('plain'));
server.on('upgrade', (req, socket, head) => {
  console.log('server upgrade', req.url, req.headers.upgrade, req.headers['x-token'], head.length);
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\nX-Extra: 1\r\n\r\nFIRST');
  socket.on('data', (d) => {
    console.log('server got', d.toString());
    socket.end('BYE');
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const req = http.request({ port, host: '127.0.0.1', path: '/chat?x=1', headers: { Connection: 'Upgrade', Upgrade: 'echo', 'X-Token': 't' } });
  req.on('response', () => console.log('unexpected response event'));
  req.on('close', () => console.log('request close', req.destroyed));
  req.on('upgrade', (res, socket, head) => {
    console.log('client upgrade', res.statusCode, res.statusMessage, res.headers.upgrade, res.headers['x-extra'], res.upgrade);
    console.log('head bytes', JSON.stringify(head.toString()), socket._httpMessage, typeof socket.write);
    let got = '';
    socket.on('data', (d) => { got += d; });
    socket.on('end', () => {
      console.log('client got', JSON.stringify(got));
      socket.end();
      noListener(port);
    });
    socket.write('HELLO');
  });
  req.end();
});

// A 101 with no 'upgrade' listener: the socket goes, and the request ends without a response.
function noListener(port) {
  const req = http.request({ port, host: '127.0.0.1', path: '/x', headers: { Connection: 'Upgrade', Upgrade: 'echo' } });
  req.on('response', () => console.log('unexpected response event'));
  req.on('error', (e) => console.log('no listener: error', e.code));
  req.on('close', () => {
    console.log('no listener: close');
    server.close();
  });
  req.end();
}
