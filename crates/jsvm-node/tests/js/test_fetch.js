// fetch, Headers, Request, Response and FormData as Node 20's (undici): bodies, redirects,
// compression, abort, data: URLs, errors.
const h = new Headers({B:' 2 ', a:'1'}); h.append('a','3'); h.append('Set-Cookie','x=1'); h.append('set-cookie','y=2');
console.log([...h], h.get('a'), h.getSetCookie(), h.has('b'));
h.set('a', 'z'); console.log([...h.keys()], h.get('a')); h.delete('B'); console.log([...h.entries()].length);
try { new Headers([['a']]) } catch (e) { console.log(e.name, e.message) }
try { h.append('x y', '1') } catch (e) { console.log(e.name, e.message) }
try { new Request('/rel') } catch (e) { console.log(e.name, e.message, e.cause && e.cause.message) }
try { new Request('http://x/', { method: 'GET', body: 'x' }) } catch (e) { console.log(e.name, e.message) }
const r = new Request('http://x/a?b', { method: 'post', body: 'hi', headers: { 'x-a': '1' } });
console.log(r.method, r.url, r.headers.get('content-type'), r.redirect, r.bodyUsed, typeof r.signal, r.mode, r.credentials, r.cache);
const res = new Response('body', { status: 201, statusText: 'Made', headers: { 'x': 'y' } });
console.log(res.status, res.ok, res.statusText, res.headers.get('content-type'), res.type, res.url, res.redirected, res.bodyUsed);
(async () => {
  console.log(await res.text(), res.bodyUsed);
  try { await res.text() } catch (e) { console.log(e.name, e.message) }
  console.log(await Response.json({a:1}).json());
  console.log(Response.error().type, Response.error().status, Response.redirect('http://a/', 302).headers.get('location'));
  try { new Response('x', { status: 99 }) } catch (e) { console.log(e.name, e.message) }
  console.log(await new Response(new URLSearchParams('a=1&b=2')).text());
  console.log(new Response(new URLSearchParams('a=1')).headers.get('content-type'), new Response(new Blob(['x'], {type: 'text/x'})).headers.get('content-type'), new Response(null).body);
  const c = new Response('clone me'); const c2 = c.clone(); console.log(await c.text(), await c2.text());
  console.log(new Uint8Array(await new Response(new Uint8Array([1, 2, 3])).arrayBuffer()));
  console.log((await new Response('blob!', { headers: { 'content-type': 'text/q' } }).blob()).type);
  await fetch('https://127.0.0.1:9/').catch(e => console.log(e.name, e.message, e.cause !== undefined));
  await fetch('ftp://x/').catch(e => console.log(e.name, e.message, e.cause && e.cause.message));
  console.log('data', await (await fetch('data:text/plain,hello%20world')).text());
  const d = await fetch('data:;base64,aGk='); console.log(d.headers.get('content-type'), await d.text(), d.status, d.statusText, d.url);
  const fd = new FormData(); fd.append('a', '1'); fd.append('f', new Blob(['x']), 'n.txt'); fd.set('a', '2');
  console.log([...fd].map(([k, v]) => [k, typeof v === 'string' ? v : v.name]), fd.getAll('a'), fd.has('f'));
  const fr = new Response(fd); console.log(fr.headers.get('content-type').startsWith('multipart/form-data; boundary='));
  const http = require('http');
  const server = http.createServer((req, res) => {
    if (req.url === '/redir') { res.writeHead(302, { location: '/final' }); res.end(); return; }
    if (req.url === '/gz') { res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' }); res.end(require('zlib').gzipSync('zipped text')); return; }
    if (req.url === '/slow') { setTimeout(() => res.end('late'), 2000); return; }
    let body = ''; req.on('data', (c) => body += c); req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] });
      res.end(JSON.stringify({ method: req.method, url: req.url, body, ua: req.headers['user-agent'], ct: req.headers['content-type'] || null, accept: req.headers.accept }));
    });
  });
  server.listen(0, async () => {
    const base = `http://127.0.0.1:${server.address().port}`;
    const a = await fetch(`${base}/x?y=1`); console.log(a.status, a.ok, a.statusText, a.headers.get('x-multi'), a.url === `${base}/x?y=1`, a.redirected, await a.json());
    const b = await fetch(`${base}/p`, { method: 'POST', body: JSON.stringify({ k: 1 }), headers: { 'content-type': 'application/json' } }); console.log(await b.json());
    const c = await fetch(`${base}/redir`); console.log(c.status, c.redirected, c.url === `${base}/final`, (await c.json()).url);
    const m = await fetch(`${base}/redir`, { redirect: 'manual' }); console.log(m.status, m.headers.get('location'));
    await fetch(`${base}/redir`, { redirect: 'error' }).catch((e) => console.log(e.name, e.message));
    const g = await fetch(`${base}/gz`); console.log(await g.text());
    const ac = new AbortController(); setTimeout(() => ac.abort(), 50);
    await fetch(`${base}/slow`, { signal: ac.signal }).catch((e) => console.log(e.name, e.message));
    const s = await fetch(`${base}/stream`); const reader = s.body.getReader(); let n = 0; for (;;) { const { done, value } = await reader.read(); if (done) break; n += value.length; } console.log('streamed', n > 10);
    await new Promise((r) => server.close(r));
    await fetch(`${base}/gone`).catch((e) => console.log(e.name, e.message, e.cause.code));
  });
})();
// The web globals Node 20 has, by name (fetch's classes and perf_hooks').
console.log(['fetch', 'Headers', 'Request', 'Response', 'FormData', 'Performance', 'PerformanceEntry',
  'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver', 'PerformanceObserverEntryList']
  .map((n) => `${n}:${typeof globalThis[n]}:${Object.getOwnPropertyDescriptor(globalThis, n).enumerable}`).join(' '));
