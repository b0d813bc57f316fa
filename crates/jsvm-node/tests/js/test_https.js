// https as Node 20's: the module's shape, an https server and https.get/request clients over
// loopback (keys of tests/fixtures/tls, the client trusting the test CA through `ca`), kept-alive
// connections of an Agent, untrusted servers, plain clients at an https server, and fetch of
// https: URLs.
const https = require('https');
const http = require('http');
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const F = (n) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'tls', n));
const key = F('server-key.pem');
const cert = F('server-cert.pem');
const ca = F('ca-cert.pem');

function body(res) {
  return new Promise((resolve, reject) => {
    let d = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { d += c; });
    res.on('end', () => resolve(d));
    res.on('error', reject);
  });
}
function get(url, options) {
  return new Promise((resolve, reject) => {
    https.get(url, options, (res) => {
      // The socket goes back to the agent when the response ends: its facts are read now.
      const sock = `authorized=${res.socket.authorized} encrypted=${res.socket.encrypted} error=${res.socket.authorizationError}`;
      body(res).then((d) => resolve([res, d, sock]), reject);
    }).on('error', reject);
  });
}

(async () => {
  // The module's shape.
  console.log(Object.keys(https).sort().join(' '));
  const a = https.globalAgent;
  console.log(a instanceof https.Agent, a instanceof http.Agent, a.defaultPort, a.protocol, a.keepAlive, a.maxCachedSessions, a.options);
  console.log(Object.getOwnPropertyNames(https.Server.prototype).sort().join(' '));
  console.log(https.Server.prototype instanceof tls.Server, typeof https.request, typeof https.get);
  const agent = new https.Agent({ keepAlive: true, ca });
  console.log(agent.defaultPort, agent.protocol, agent.getName({ host: 'h', port: 1 }), agent.getName({ host: 'h', port: 1, servername: 's', rejectUnauthorized: false }));
  try { https.request('http://localhost/'); } catch (e) { console.log(e.name, e.code, e.message); }

  const seen = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    let b = '';
    req.on('data', (c) => { b += c; });
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} host=${req.headers.host.replace(`:${port}`, ":PORT")} encrypted=${req.socket.encrypted} sni=${req.socket.servername} alpn=${req.socket.alpnProtocol}`);
      if (req.url === '/chunked') {
        res.write('part one, ');
        setTimeout(() => res.end('part two'), 10);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'x-body-length': String(b.length) });
      res.end(`${req.method} ${req.url} ${b}`);
    });
  });
  console.log(server instanceof https.Server, server instanceof tls.Server, server.timeout, server.keepAliveTimeout, server.requestTimeout, server.headersTimeout);
  const clientErrors = [];
  server.on('clientError', (e, socket) => {
    clientErrors.push(`${e.code} ${e.reason}`);
    socket.destroy();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;

  // GET with the CA, a URL and options.
  let [res, d, sock] = await get(`https://localhost:${port}/hello?x=1`, { ca });
  console.log(res.statusCode, res.headers['content-type'], JSON.stringify(d), sock);
  // POST with a body, through request().
  d = await new Promise((resolve, reject) => {
    const req = https.request({ hostname: 'localhost', port, method: 'POST', path: '/post', ca, headers: { 'content-type': 'text/plain' } },
      (r) => { console.log(r.statusCode, r.headers['x-body-length']); body(r).then(resolve, reject); });
    req.on('error', reject);
    req.write('some ');
    req.end('payload');
  });
  console.log(JSON.stringify(d));
  // A chunked response.
  [res, d] = await get(`https://localhost:${port}/chunked`, { ca });
  console.log(res.headers['transfer-encoding'], JSON.stringify(d));
  // A URL object, and an IP address (no SNI; the certificate has the IP).
  [res, d] = await get(new URL(`https://127.0.0.1:${port}/ip`), { ca });
  console.log(JSON.stringify(d));
  // A kept-alive agent reuses its connection.
  const r1 = await get(`https://localhost:${port}/one`, { agent });
  const r2 = await get(`https://localhost:${port}/two`, { agent });
  console.log('reused', r1[0].req.reusedSocket, r2[0].req.reusedSocket, r1[1], r2[1]);
  agent.destroy();
  console.log(seen.join('\n'));

  // Untrusted: no CA, then a name the certificate does not have.
  await get(`https://localhost:${port}/`).catch((e) => console.log('untrusted', e.code, e.message));
  await get(`https://127.0.0.1:${port}/`, { ca, servername: 'other.test' }).catch((e) => console.log('mismatch', e.code, e.reason));
  await get(`https://localhost:${port}/`, { ca, headers: { host: 'elsewhere.test' } }).catch((e) => console.log('host header', e.code, e.reason));
  [res, d, sock] = await get(`https://localhost:${port}/anyway`, { rejectUnauthorized: false });
  console.log('not rejected', res.statusCode, sock);

  // A plain HTTP client at the https server: the server's clientError.
  await new Promise((resolve) => {
    http.get(`http://localhost:${port}/plain`, () => console.log('unexpected')).on('error', (e) => { console.log('plain client', e.code, e.message); resolve(); });
  });
  await new Promise((r) => setTimeout(r, 20));
  console.log('clientError', clientErrors.join(' | '));

  // fetch: untrusted by default (undici trusts the default CAs only), then without checks.
  await fetch(`https://localhost:${port}/fetch`).catch((e) => console.log(e.name, e.message, e.cause && e.cause.code));
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const fr = await fetch(`https://localhost:${port}/fetch`, { method: 'POST', body: 'fetched' });
  console.log(fr.status, fr.ok, fr.headers.get('content-type'), await fr.text());
  delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;

  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  https.globalAgent.destroy();
  console.log('closed', server.listening);
})();
