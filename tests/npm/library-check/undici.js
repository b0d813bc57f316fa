const { request, fetch, Agent, MockAgent, setGlobalDispatcher, Pool } = require('undici');
const http = require('http');
const srv = http.createServer((req, res) => {
  let body = ''; req.on('data', c => body += c); req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ method: req.method, url: req.url, body, h: req.headers['x-a'] }));
  });
}).listen(0, async () => {
  const port = srv.address().port;
  try {
    const r = await request(`http://127.0.0.1:${port}/a?b=1`, { method: 'POST', body: 'hello', headers: { 'x-a': 'y' } });
    console.log(r.statusCode, r.headers['content-type'], await r.body.json());
    const f = await fetch(`http://127.0.0.1:${port}/f`);
    console.log(f.status, await f.text());
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 2 });
    const rs = await Promise.all([1, 2, 3].map(i => pool.request({ path: '/p' + i, method: 'GET' }).then(r => r.body.json())));
    console.log(rs.map(x => x.url));
    await pool.close();
    const mock = new MockAgent(); mock.disableNetConnect();
    mock.get('http://example.test').intercept({ path: '/x' }).reply(200, { mocked: true });
    const r2 = await request('http://example.test/x', { dispatcher: mock });
    console.log(await r2.body.json());
  } catch (e) { console.log('ERR', e); }
  srv.close();
});
