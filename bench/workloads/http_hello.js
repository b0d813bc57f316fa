// Requests per second of a hello-world HTTP server, loaded by the program's own client over
// 127.0.0.1 with 50 requests in flight (the global agent keeps connections alive). Bounded:
// at most 20000 requests, stops after about 1.5 s of measuring, and a guard ends it at 30 s.
// Reports microseconds per request (node/jsvm of it is jsvm's requests per second over node's).
'use strict';
const http = require('http');
const { report } = require('./_harness');

const CONCURRENCY = 50;
const WARMUP = 500;
const MAX_REQUESTS = 20000;
const MIN_MS = 1500;
const guard = setTimeout(() => { console.error('http_hello: timed out'); process.exit(1); }, 30000);

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello World\n');
});

function load(count, minMs, done) {
  let started = 0;
  let finished = 0;
  let failed = 0;
  let stop = false;
  const t0 = performance.now();
  const port = server.address().port;
  function one() {
    if (stop || started >= count) return;
    started++;
    http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => {
        if (res.statusCode !== 200 || body !== 'Hello World\n') failed++;
        next();
      });
    }).on('error', () => { failed++; next(); });
  }
  function next() {
    finished++;
    if (minMs > 0 && !stop && performance.now() - t0 >= minMs) stop = true;
    if (finished === started && (stop || started >= count)) done(finished, failed, performance.now() - t0);
    else one();
  }
  for (let i = 0; i < CONCURRENCY; i++) one();
}

server.listen(0, '127.0.0.1', () => {
  load(WARMUP, 0, () => {
    load(MAX_REQUESTS, MIN_MS, (n, failed, ms) => {
      if (failed) throw new Error(`${failed} requests failed`);
      report('http_requests', { us_per_op: (ms * 1000) / n, ops: n, rps: Math.round((n * 1000) / ms) });
      clearTimeout(guard);
      server.close();
    });
  });
});
