// The headers of fetched responses, Response.error() and Response.redirect() cannot be changed (Fetch's immutable guard).
const http = require('http');
const server = http.createServer((req, res) => res.end('ok'));
server.listen(0, async () => {
  const r = await fetch(`http://127.0.0.1:${server.address().port}/`);
  for (const f of [() => r.headers.append('x', 'y'), () => r.headers.set('x', 'y'), () => r.headers.delete('content-length')]) {
    try { f(); console.log('no error'); } catch (e) { console.log(e.name, e.message); }
  }
  try { Response.error().headers.set('a', 'b'); console.log('no error') } catch (e) { console.log(e.name, e.message) }
  try { Response.redirect('http://a/').headers.set('a', 'b'); console.log('no error') } catch (e) { console.log(e.name, e.message) }
  const own = new Response('x'); own.headers.set('a', 'b'); console.log(own.headers.get('a'));
  try { r.clone().headers.set('a', 'b'); console.log('no error') } catch (e) { console.log('clone', e.name, e.message) }
  await r.text(); server.close();
});
