// A server started inside a vm context (with a timeout on the vm call) keeps working after
// the call returned; the timeout does not apply to later request handlers.
'use strict';
const vm = require('vm');
const http = require('http');

const code = `
  const server = http.createServer((req, res) => {
    const start = Date.now();
    while (Date.now() - start < 150) {}  // longer than the vm call's timeout
    res.end('from the context: ' + req.url + ' ' + typeof globalThis.marker);
  });
  server.listen(0, '127.0.0.1', () => report(server));
  server;
`;
const context = vm.createContext({ http, report, marker: 1 });
const server = vm.runInContext(code, context, { timeout: 50 });
console.log('vm call returned', server instanceof http.Server, server.listening);

function report(s) {
  console.log('listening inside the context');
  http.get({ host: '127.0.0.1', port: s.address().port, path: '/x' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (d) => console.log(res.statusCode, d));
    res.on('end', () => s.close(() => console.log('closed')));
  });
}
