// https: requests per second of a hello-world HTTPS server loaded by the program's own client
// over 127.0.0.1 (the keys of crates/jsvm-node/tests/fixtures/tls, the client trusting the test
// CA), 20 requests in flight on kept-alive connections (record encryption and the parser over
// TLS sockets); then full handshakes per second (a new connection per request, no session
// resumption: jsvm has none, and node's agent is kept from resuming with `maxCachedSessions: 0`).
// Bounded: at most 10000 requests and about 1.5 s of measuring each; a guard ends it at 60 s.
'use strict';
const https = require('https');
const fs = require('fs');
const path = require('path');
const { report } = require('./_harness');

const fixtures = path.join(__dirname, '..', '..', 'crates', 'jsvm-node', 'tests', 'fixtures', 'tls');
const F = (n) => fs.readFileSync(path.join(fixtures, n));
const ca = F('ca-cert.pem');
const CONCURRENCY = 20;
const guard = setTimeout(() => { console.error('https_hello: timed out'); process.exit(1); }, 60000);

const server = https.createServer({ key: F('server-key.pem'), cert: F('server-cert.pem') }, (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello World\n');
});

function load(agent, count, minMs, done) {
  let started = 0;
  let finished = 0;
  let failed = 0;
  let stop = false;
  const t0 = performance.now();
  const port = server.address().port;
  function one() {
    if (stop || started >= count) return;
    started++;
    https.get({ host: 'localhost', port, path: '/', agent }, (res) => {
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
  const kept = new https.Agent({ keepAlive: true, ca, maxCachedSessions: 0 });
  const fresh = new https.Agent({ keepAlive: false, ca, maxCachedSessions: 0 });
  load(kept, 200, 0, () => {
    load(kept, 10000, 1500, (n, failed, ms) => {
      if (failed) throw new Error(`${failed} requests failed`);
      report('https_requests', { us_per_op: (ms * 1000) / n, ops: n, rps: Math.round((n * 1000) / ms) });
      kept.destroy();
      load(fresh, 2000, 1500, (n2, failed2, ms2) => {
        if (failed2) throw new Error(`${failed2} handshakes failed`);
        report('https_handshakes', { us_per_op: (ms2 * 1000) / n2, ops: n2 });
        clearTimeout(guard);
        server.close();
      });
    });
  });
});
