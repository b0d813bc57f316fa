// The message APIs: request and response headers (case, duplicates, raw), status lines,
// chunked encoding, setEncoding, async iteration, HEAD and 204 without bodies,
// STATUS_CODES and METHODS.
'use strict';
const http = require('http');

const guard = setTimeout(() => { console.log('timed out'); process.exit(1); }, 20000);
const server = http.createServer(async (req, res) => {
  const seen = {
    method: req.method, url: req.url, httpVersion: req.httpVersion,
    major: req.httpVersionMajor, minor: req.httpVersionMinor,
    headers: { ...req.headers, host: '<host>' },
    rawHeaders: req.rawHeaders.map((h, i) => (req.rawHeaders[i - 1] === 'Host' ? '<host>' : h)),
  };
  let body = '';
  for await (const chunk of req) body += chunk;
  seen.body = body;
  seen.complete = req.complete;
  if (req.url === '/head' || req.url === '/nocontent') {
    res.statusCode = req.url === '/head' ? 200 : 204;
    res.setHeader('X-Len', '5');
    res.end(req.url === '/head' ? 'hello' : undefined);
    return;
  }
  console.log('server saw', JSON.stringify(seen));
  console.log('headersSent before:', res.headersSent);
  res.setHeader('X-One', 'one');
  res.setHeader('Set-Cookie', ['a=1', 'b=2']);
  res.setHeader('X-Remove', 'gone');
  console.log('hasHeader', res.hasHeader('x-one'), res.hasHeader('x-remove'));
  res.removeHeader('x-remove');
  console.log('getHeader', res.getHeader('X-ONE'), JSON.stringify(res.getHeaders()), res.getHeaderNames());
  res.writeHead(201, 'Made It', { 'X-Two': 2 });
  console.log('headersSent after:', res.headersSent, res.statusCode, res.statusMessage);
  res.write('part1,');
  res.write(Buffer.from('part2,'));
  res.end('part3', () => console.log('end callback'));
});

function request(opts, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.address().port, ...opts }, (res) => {
      res.setEncoding('utf8');
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ res, data }));
    });
    req.on('error', reject);
    if (body !== undefined) for (const part of body) req.write(part);
    req.end();
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { res, data } = await request({
    method: 'post', path: '/p?q=1',
    headers: { 'Content-Type': 'text/plain', 'X-Dup': 'a', 'x-dup': 'b', Cookie: 'c=1' },
  }, ['héllo ', 'wörld']);
  console.log(res.statusCode, res.statusMessage, res.httpVersion);
  const h = { ...res.headers };
  delete h.date;
  console.log(JSON.stringify(h));
  console.log(JSON.stringify(res.rawHeaders.filter((x, i) => res.rawHeaders[i - 1] !== 'Date' && x !== 'Date')));
  console.log('body', JSON.stringify(data));
  const head = await request({ method: 'HEAD', path: '/head' });
  console.log('HEAD', head.res.statusCode, head.res.headers['content-length'], head.res.headers['x-len'], JSON.stringify(head.data));
  const none = await request({ path: '/nocontent' });
  console.log('204', none.res.statusCode, none.res.headers['transfer-encoding'], JSON.stringify(none.data));
  console.log(http.STATUS_CODES[404], http.STATUS_CODES[418], http.METHODS.length, http.METHODS.slice(0, 4));
  try { http.createServer().listen(70000); } catch (e) { console.log(e.code, e.message); }
  try { http.request({ method: 'BAD METHOD' }); } catch (e) { console.log(e.code, e.message); }
  const r = new http.ServerResponse({ method: 'GET', httpVersionMajor: 1, httpVersionMinor: 1, headers: {} });
  try { r.setHeader('Bad Name', 'x'); } catch (e) { console.log(e.code, e.message); }
  try { r.writeHead(99); } catch (e) { console.log(e.code, e.message); }
  clearTimeout(guard);
  server.close(() => console.log('closed'));
});
