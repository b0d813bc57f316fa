// 1000 requests from a client in the same process, 50 at a time (the global agent keeps the
// connections alive); every answer is checked against what was asked.
'use strict';
const http = require('http');

const TOTAL = 1000;
const CONCURRENCY = 50;
let connections = 0;
const guard = setTimeout(() => { console.log('timed out'); process.exit(1); }, 60000);

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const answer = JSON.stringify({ method: req.method, url: req.url, body, n: req.headers['x-n'] });
    if (req.url.endsWith('/chunked')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(answer.slice(0, 5));
      res.end(answer.slice(5));
    } else {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Content-Length', Buffer.byteLength(answer));
      res.end(answer);
    }
  });
});
server.on('connection', () => { connections++; });

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  let started = 0;
  let done = 0;
  let ok = 0;
  const failures = [];
  function one() {
    if (started >= TOTAL) return;
    const n = started++;
    const post = n % 3 === 0;
    const path = `/item/${n}` + (n % 7 === 0 ? '/chunked' : '');
    const req = http.request({
      host: '127.0.0.1', port, path, method: post ? 'POST' : 'GET',
      headers: { 'x-n': String(n) },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { data += c; });
      res.on('end', () => {
        const got = JSON.parse(data);
        const want = { method: post ? 'POST' : 'GET', url: path, body: post ? `body-${n}-é` : '', n: String(n) };
        if (res.statusCode === 200 && JSON.stringify(got) === JSON.stringify(want)) ok++;
        else failures.push(n);
        if (++done === TOTAL) finish(); else one();
      });
    });
    req.on('error', (e) => { failures.push(`${n}: ${e.message}`); if (++done === TOTAL) finish(); else one(); });
    if (post) req.end(`body-${n}-é`); else req.end();
  }
  function finish() {
    console.log('answered correctly:', ok, 'of', TOTAL);
    console.log('failures:', failures.slice(0, 5));
    console.log('connections at most 50:', connections <= CONCURRENCY, connections > 0);
    clearTimeout(guard);
    server.close(() => console.log('closed'));
  }
  for (let i = 0; i < CONCURRENCY; i++) one();
});
