// tls as Node 20's: servers and clients over loopback with the keys of tests/fixtures/tls (a
// test CA and a localhost certificate it signed, and a self-signed one): echo, the peer's
// certificate, protocol and cipher, ALPN, SNI, `socket` wrapping, and the errors Node gives
// (untrusted chains, host name mismatch, alerts, plain text peers, bad PEM, bad options).
const tls = require('tls');
const net = require('net');
const fs = require('fs');
const path = require('path');

const F = (n) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'tls', n));
const key = F('server-key.pem');
const cert = F('server-cert.pem');
const ca = F('ca-cert.pem');
const ssKey = F('selfsigned-key.pem');
const ssCert = F('selfsigned-cert.pem');

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}
function close(server) {
  return new Promise((resolve) => server.close(resolve));
}
// OpenSSL's messages name a thread and source lines in Node: its `reason` is compared instead.
const errInfo = (e) => `${e.name} ${e.code} ${e.library ? `${e.library}: ${e.reason}` : e.message}`;

// A client's outcome: the secureConnect facts, or the error.
function attempt(options, onSecure) {
  return new Promise((resolve) => {
    const c = tls.connect(options, () => {
      const facts = onSecure ? onSecure(c) : `secure authorized=${c.authorized} error=${c.authorizationError}`;
      c.end();
      c.on('close', () => resolve(facts));
    });
    c.on('error', (e) => resolve(`error ${errInfo(e)}`));
  });
}

(async () => {
  // Exports and constants.
  console.log(Object.keys(tls).sort().join(' '));
  console.log(tls.DEFAULT_MIN_VERSION, tls.DEFAULT_MAX_VERSION, tls.DEFAULT_ECDH_CURVE, tls.CLIENT_RENEG_LIMIT, tls.CLIENT_RENEG_WINDOW);
  console.log(tls.DEFAULT_CIPHERS.split(':').slice(0, 3).join(':'));
  console.log(Array.isArray(tls.rootCertificates), tls.rootCertificates.length > 100, Object.isFrozen(tls.rootCertificates),
    tls.rootCertificates.every((c) => c.startsWith('-----BEGIN CERTIFICATE-----\n') && c.endsWith('\n-----END CERTIFICATE-----')));
  console.log(tls.getCiphers().includes('tls_aes_256_gcm_sha384'), tls.getCiphers().includes('ecdhe-rsa-aes128-gcm-sha256'));
  console.log(Object.keys(require('_tls_common')).join(' '), Object.keys(require('_tls_wrap')).join(' '));
  console.log(tls.Server.prototype instanceof net.Server, new tls.TLSSocket() instanceof net.Socket);
  const fresh = new tls.TLSSocket();
  console.log(fresh.encrypted, fresh.authorized, fresh.alpnProtocol, fresh.servername, fresh.authorizationError);
  fresh.destroy();
  const out = {};
  tls.convertALPNProtocols(['h2', 'http/1.1'], out);
  console.log(out.ALPNProtocols);

  // createSecureContext: bad PEM and bad options, as OpenSSL and Node report them.
  const tryCtx = (label, o) => {
    try {
      const c = tls.createSecureContext(o);
      console.log(label, 'ok', c instanceof tls.SecureContext, typeof c.context);
    } catch (e) {
      console.log(label, e.name, e.code, e.message, Object.keys(e).join(','));
    }
  };
  tryCtx('garbage key', { key: 'garbage', cert });
  tryCtx('garbage cert', { key, cert: 'garbage' });
  tryCtx('garbage ca', { ca: 'garbage' });
  tryCtx('key only', { key });
  tryCtx('no options', undefined);
  tryCtx('bad min', { minVersion: 'TLSv9' });
  tryCtx('bad max', { maxVersion: 'SSLv3' });
  tryCtx('key type', { key: 5 });
  tryCtx('cert array', { key: [key], cert: [cert, ca] });

  // checkServerIdentity on its own.
  const leaf = { subject: { CN: 'localhost' }, subjectaltname: 'DNS:localhost, DNS:*.example.com, IP Address:127.0.0.1' };
  for (const host of ['localhost', 'a.example.com', 'a.b.example.com', 'example.com', '127.0.0.1', '::1', 'other']) {
    const e = tls.checkServerIdentity(host, leaf);
    console.log('identity', host, e === undefined ? 'ok' : `${e.code} ${e.reason}`);
  }
  const cnOnly = tls.checkServerIdentity('x.test', { subject: { CN: 'y.test' } });
  console.log('identity cn', cnOnly.message);

  // An echo server; the client trusts the test CA.
  const server = tls.createServer({ key, cert }, (s) => {
    s.on('data', (d) => s.write(`echo:${d}`));
    s.on('end', () => s.end());
  });
  let serverSide = null;
  server.on('secureConnection', (s) => {
    serverSide = `server side: encrypted=${s.encrypted} authorized=${s.authorized} servername=${s.servername} alpn=${s.alpnProtocol} protocol=${s.getProtocol()} peerCert=${JSON.stringify(s.getPeerCertificate())} instanceof=${s instanceof tls.TLSSocket}`;
  });
  const port = await listen(server);
  console.log(server instanceof tls.Server, server.listening);
  await new Promise((resolve) => {
    const c = tls.connect(port, 'localhost', { ca }, () => {
      const pc = c.getPeerCertificate();
      console.log('authorized', c.authorized, c.authorizationError, 'encrypted', c.encrypted, 'protocol', c.getProtocol());
      console.log('cipher', c.getCipher());
      console.log('alpn', c.alpnProtocol, 'servername', c.servername, 'reused', c.isSessionReused());
      console.log('subject', pc.subject, 'issuer', pc.issuer);
      console.log('altnames', pc.subjectaltname, 'ca', pc.ca, 'bits', pc.bits, 'exponent', pc.exponent);
      console.log('valid', pc.valid_from, '-', pc.valid_to, 'serial', pc.serialNumber);
      console.log('fingerprint256', pc.fingerprint256);
      console.log('raw', Buffer.isBuffer(pc.raw), pc.raw.length > 500, 'pubkey', Buffer.isBuffer(pc.pubkey), 'eku', pc.ext_key_usage);
      console.log('keys', Object.keys(pc).join(' '));
      const detailed = c.getPeerCertificate(true);
      console.log('chain', detailed.issuerCertificate && detailed.issuerCertificate.subject.CN,
        detailed.issuerCertificate && detailed.issuerCertificate.issuerCertificate === detailed.issuerCertificate);
      let got = '';
      c.on('data', (d) => { got += d; });
      c.on('end', () => { console.log('client got', got); });
      c.on('close', () => { console.log(serverSide); resolve(); });
      c.write('hello');
      c.write(Buffer.from(' world'));
      setTimeout(() => c.end(), 50);
    });
  });

  // Trust: the server's chain is not trusted without its CA; a host name that is not the
  // certificate's; rejectUnauthorized: false lets both through, unauthorized.
  console.log('no ca:', await attempt({ port, host: 'localhost' }));
  console.log('no ca, not rejected:', await attempt({ port, host: 'localhost', rejectUnauthorized: false }));
  console.log('servername mismatch:', await attempt({ port, host: '127.0.0.1', servername: 'other.test', ca }));
  console.log('ip host:', await attempt({ port, host: '127.0.0.1', ca }));
  console.log('mismatch not rejected:', await attempt({ port, host: '127.0.0.1', servername: 'other.test', ca, rejectUnauthorized: false }));
  console.log('own checkServerIdentity:', await attempt({ port, host: 'localhost', ca, checkServerIdentity: () => new Error('nope') }));
  console.log('tls 1.2:', await attempt({ port, host: 'localhost', ca, maxVersion: 'TLSv1.2' }, (c) => `${c.getProtocol()} ${c.getCipher().version} ${c.authorized}`));
  await close(server);

  // A self-signed server: untrusted by default (DEPTH_ZERO_SELF_SIGNED_CERT), trusted as `ca`.
  const ss = tls.createServer({ key: ssKey, cert: ssCert }, (s) => s.end());
  const ssPort = await listen(ss);
  console.log('self-signed:', await attempt({ port: ssPort, host: 'localhost' }));
  console.log('self-signed as ca:', await attempt({ port: ssPort, host: 'localhost', ca: ssCert },
    (c) => `${c.authorized} ${c.getPeerCertificate().subject.CN} ${c.getPeerCertificate().bits} ${c.getPeerCertificate().nistCurve} ${c.getPeerCertificate().ca}`));
  console.log('wrong ca:', await attempt({ port: ssPort, host: 'localhost', ca }));
  await close(ss);

  // ALPN: the server picks from the client's list; no protocol in common is an alert.
  const alpn = tls.createServer({ key, cert, ALPNProtocols: ['h2', 'http/1.1'] }, (s) => s.end());
  const alpnErrors = [];
  alpn.on('tlsClientError', (e, s) => alpnErrors.push(`tlsClientError ${errInfo(e)} ${s instanceof tls.TLSSocket}`));
  const alpnPort = await listen(alpn);
  console.log('alpn:', await attempt({ port: alpnPort, host: 'localhost', ca, ALPNProtocols: ['http/1.1', 'h2'] }, (c) => c.alpnProtocol));
  console.log('alpn buffer:', await attempt({ port: alpnPort, host: 'localhost', ca, ALPNProtocols: Buffer.from('\x08http/1.1') }, (c) => c.alpnProtocol));
  console.log('alpn none offered:', await attempt({ port: alpnPort, host: 'localhost', ca }, (c) => c.alpnProtocol));
  console.log('alpn no match:', await attempt({ port: alpnPort, host: 'localhost', ca, ALPNProtocols: ['spdy/1'] }));
  await new Promise((r) => setTimeout(r, 20));
  console.log(alpnErrors.join('\n'));
  await close(alpn);

  // SNI: the server sees the name the client sent (none by default, as Node's tls.connect).
  const sni = tls.createServer({ key, cert }, (s) => { s.end(`${s.servername}`); });
  const sniPort = await listen(sni);
  for (const servername of [undefined, 'localhost', 'named.test']) {
    console.log('sni', servername, await new Promise((resolve) => {
      const c = tls.connect({ port: sniPort, host: 'localhost', servername, rejectUnauthorized: false });
      let got = '';
      c.on('data', (d) => { got += d; });
      c.on('close', () => resolve(`${got} client=${c.servername}`));
    }));
  }
  await close(sni);

  // `socket`: TLS over a connected net socket.
  const wrapped = tls.createServer({ key, cert }, (s) => s.end('over a given socket'));
  const wrappedPort = await listen(wrapped);
  await new Promise((resolve) => {
    const raw = net.connect(wrappedPort, '127.0.0.1', () => {
      const c = tls.connect({ socket: raw, servername: 'localhost', ca }, () => console.log('wrapped secure', c.authorized));
      let got = '';
      c.on('data', (d) => { got += d; });
      c.on('end', () => console.log('wrapped got', got));
      c.on('close', resolve);
    });
  });
  await close(wrapped);

  // Plain-text peers: a TLS client at an HTTP server, an HTTP client at a TLS server, and a
  // server that closes before the handshake.
  const plain = net.createServer((s) => { s.resume(); s.end('HTTP/1.1 400 Bad Request\r\n\r\n'); });
  const plainPort = await listen(plain);
  console.log('tls to plain:', await attempt({ port: plainPort, host: 'localhost' }));
  await close(plain);
  const hangup = net.createServer((s) => { s.resume(); s.end(); });
  const hangupPort = await listen(hangup);
  const hung = await new Promise((resolve) => {
    tls.connect({ port: hangupPort, host: 'localhost' }).on('error', (e) => resolve(e));
  });
  console.log('hang up:', hung.code, hung.message, hung.host, Object.keys(hung).join(','));
  await close(hangup);
  const secure = tls.createServer({ key, cert }, () => console.log('unexpected'));
  const secureErrors = [];
  secure.on('tlsClientError', (e) => secureErrors.push(`${errInfo(e)} ${Object.keys(e).join(',')}`));
  const securePort = await listen(secure);
  await new Promise((resolve) => {
    const raw = net.connect(securePort, '127.0.0.1', () => raw.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    raw.on('close', resolve);
    raw.resume();
  });
  console.log('http to tls:', secureErrors.join(' | '));
  await close(secure);

  // Garbage after the handshake: the session fails with OpenSSL's error, nothing panics.
  let garbageRaw = null;
  let garbageClient = null;
  const garbage = net.createServer((s) => {
    garbageRaw = s;
    const t = new tls.TLSSocket(s, { isServer: true, secureContext: tls.createSecureContext({ key, cert }) });
    t.on('secure', () => {
      s.write(Buffer.from([23, 3, 3, 0, 32, ...Buffer.alloc(32, 7)]));
    });
    t.on('error', () => {});
    t.resume();
  });
  const garbagePort = await listen(garbage);
  console.log('garbage record:', await new Promise((resolve) => {
    const c = tls.connect({ port: garbagePort, host: 'localhost', ca });
    garbageClient = c;
    c.on('error', (e) => resolve(errInfo(e)));
    c.on('close', () => resolve('closed'));
  }));
  // (Node keeps both ends open after the error.)
  garbageClient.destroy();
  garbageRaw.destroy();
  await close(garbage);

  // Client certificates: a server that asks (requestCert), with and without rejecting clients
  // that have none or an untrusted one; a client that has one (key, cert).
  const clientCert = { key, cert };
  const selfClient = { key: ssKey, cert: ssCert };
  const trials = [
    ['ask, accept all, no cert', { requestCert: true, rejectUnauthorized: false }, {}],
    ['ask, accept all, trusted cert', { requestCert: true, rejectUnauthorized: false }, clientCert],
    ['ask, accept all, self-signed cert', { requestCert: true, rejectUnauthorized: false }, selfClient],
    ['ask, reject, trusted cert', { requestCert: true }, clientCert],
    ['ask, reject, self-signed cert', { requestCert: true }, selfClient],
    ['ask, reject, no cert', { requestCert: true }, {}],
    ['do not ask', {}, clientCert],
  ];
  for (const [label, serverOpts, clientOpts] of trials) {
    const events = [];
    const srv = tls.createServer({ key, cert, ca, ...serverOpts }, (s) => {
      const peer = s.getPeerCertificate();
      events.push(`server authorized=${s.authorized} error=${s.authorizationError} peer=${peer.subject ? peer.subject.CN : JSON.stringify(peer)}`);
      s.end('ok');
    });
    srv.on('tlsClientError', (e) => events.push(`tlsClientError ${e.code} ${e.message.includes(':error:') || e.library ? e.reason : e.message}`));
    const p = await listen(srv);
    await new Promise((resolve) => {
      const c = tls.connect({ port: p, host: 'localhost', ca, ...clientOpts });
      c.on('data', (d) => events.push(`client got ${d}`));
      c.on('error', (e) => events.push(`client error ${e.code}`));
      c.on('close', resolve);
    });
    await new Promise((r) => setTimeout(r, 30));
    await close(srv);
    console.log(`${label}:`, events.join(' | '));
  }

  // server.addContext: another certificate for the names a pattern matches (SNI).
  const named = tls.createServer({ key, cert }, (s) => s.end(String(s.servername)));
  named.addContext('*.self.test', { key: ssKey, cert: ssCert });
  try { named.addContext('', {}); } catch (e) { console.log(e.name, e.code, e.message); }
  const namedPort = await listen(named);
  for (const servername of [undefined, 'localhost', 'a.self.test', 'a.b.self.test', 'self.test']) {
    console.log('addContext', servername, await new Promise((resolve) => {
      let facts = '';
      const c = tls.connect({ port: namedPort, host: '127.0.0.1', servername, rejectUnauthorized: false }, () => {
        const pc = c.getPeerCertificate();
        facts = `${pc.issuer.CN} ${pc.bits}`;
      });
      let got = '';
      c.on('data', (d) => { got += d; });
      c.on('close', () => resolve(`${facts} server saw ${got}`));
    }));
  }
  await close(named);
  console.log('done');
})();
