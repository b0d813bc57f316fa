const nock = require('nock');
const http = require('http');
nock('http://api.test').get('/users/1').reply(200, { id: 1, name: 'ann' }, { 'x-h': 'y' })
  .post('/users', { name: 'bob' }).reply(201, (uri, body) => ({ created: body }));
function req(method, path, body) {
  return new Promise((res, rej) => {
    const r = http.request({ host: 'api.test', path, method, headers: { 'content-type': 'application/json' } }, (resp) => {
      let d = ''; resp.on('data', c => d += c); resp.on('end', () => res([resp.statusCode, resp.headers['x-h'], d]));
    });
    r.on('error', rej);
    if (body) r.write(JSON.stringify(body));
    r.end();
  });
}
(async () => {
  console.log(await req('GET', '/users/1'));
  console.log(await req('POST', '/users', { name: 'bob' }));
  try { await req('GET', '/nope'); } catch (e) { console.log(e.code, e.message.split('\n')[0]); }
  console.log(nock.isDone(), nock.pendingMocks());
  const scope = nock('http://x.test').get('/a').delay(20).reply(500);
  console.log((await req2('http://x.test/a')));
  nock.cleanAll();
  console.log(typeof fetch);
  nock.disableNetConnect();
  try { await req('GET', '/users/1'); } catch (e) { console.log(e.code); }
})();
function req2(url) { return new Promise(r => http.get(url, resp => { resp.resume(); resp.on('end', () => r(resp.statusCode)); })); }
