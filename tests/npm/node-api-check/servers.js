// Web frameworks and HTTP clients against a local server: express (json, cookies, morgan,
// errors), koa with @koa/router, @hapi/hapi (inject and over http: its load monitor reads
// perf_hooks' event loop utilization), got 14 (http2-wrapper takes JSStreamSocket from a
// TLSSocket's handle at load; bodies read with Readable#toArray), node-fetch 3 and fetch.
'use strict';
const http = require('http');

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

async function expressApp() {
  const express = require('express');
  const morgan = require('morgan');
  const cookieParser = require('cookie-parser');
  const app = express();
  app.use(express.json());
  app.use(cookieParser());
  app.use(morgan(':method :url :status :res[content-length]'));
  app.get('/u/:id', (req, res) => res.json({ id: req.params.id, q: req.query, c: req.cookies }));
  app.post('/echo', (req, res) => res.status(201).send(req.body));
  app.get('/boom', () => { throw new Error('x'); });
  app.use((err, req, res, next) => res.status(500).send(`err ${err.message}`));
  const srv = http.createServer(app);
  const b = await listen(srv);
  let r = await fetch(`${b}/u/7?a=1&b[c]=2`, { headers: { cookie: 'k=v; z=1' } });
  console.log(r.status, await r.text());
  r = await fetch(`${b}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":[1,2]}' });
  console.log(r.status, r.headers.get('content-type'), await r.text());
  r = await fetch(`${b}/boom`);
  console.log(r.status, await r.text());
  r = await fetch(`${b}/none`);
  console.log(r.status, (await r.text()).slice(0, 60));
  srv.close();
}

async function koaApp() {
  const Koa = require('koa');
  const Router = require('@koa/router');
  const app = new Koa();
  const router = new Router();
  router.get('/hi/:n', (ctx) => { ctx.body = { hi: ctx.params.n, q: ctx.query }; });
  router.post('/p', async (ctx) => {
    let s = '';
    for await (const c of ctx.req) s += c;
    ctx.status = 202;
    ctx.body = s.toUpperCase();
  });
  app.use(async (ctx, next) => { await next(); ctx.set('X-T', 'ok'); });
  app.use(router.routes()).use(router.allowedMethods());
  const srv = http.createServer(app.callback());
  const b = await listen(srv);
  let r = await fetch(`${b}/hi/bob?x=1`);
  console.log(r.status, r.headers.get('x-t'), await r.text());
  r = await fetch(`${b}/p`, { method: 'POST', body: 'abc' });
  console.log(r.status, await r.text());
  r = await fetch(`${b}/hi/x`, { method: 'DELETE' });
  console.log(r.status, r.headers.get('allow'));
  srv.close();
}

async function hapiApp() {
  const Hapi = require('@hapi/hapi');
  const server = Hapi.server({ port: 0, host: '127.0.0.1' });
  server.route({ method: 'GET', path: '/h/{name}', handler: (req) => ({ hello: req.params.name }) });
  server.route({ method: 'POST', path: '/p', handler: (req, h) => h.response({ got: req.payload }).code(201) });
  const r1 = await server.inject('/h/ann');
  console.log(r1.statusCode, r1.payload);
  const r2 = await server.inject({ method: 'POST', url: '/p', payload: { a: 1 } });
  console.log(r2.statusCode, r2.payload);
  await server.start();
  const r3 = await fetch(`${server.info.uri}/h/zed`);
  console.log(r3.status, await r3.text());
  const r4 = await fetch(`${server.info.uri}/nope`);
  console.log(r4.status, await r4.text());
  await server.stop();
}

async function clients() {
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/json' });
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url, body }));
    });
  });
  const b = await listen(srv);
  const { default: got } = await import('got');
  console.log('got', await got(`${b}/g?x=1`).json());
  console.log('got post', await got.post(`${b}/got`, { json: { z: 2 } }).json());
  const stream = got.stream(`${b}/stream`);
  let streamed = '';
  for await (const chunk of stream) streamed += chunk;
  console.log('got stream', streamed);
  try {
    await got(`http://127.0.0.1:1/nothing`, { retry: { limit: 0 } });
  } catch (e) {
    console.log('got error', e.name, e.code);
  }
  const { default: nodeFetch } = await import('node-fetch');
  const r = await nodeFetch(`${b}/nf`, { method: 'PUT', body: JSON.stringify({ a: 1 }) });
  console.log('node-fetch', r.status, await r.json());
  const r2 = await fetch(`${b}/redirect`, { method: 'POST', body: 'abc' });
  console.log('fetch redirect', r2.status, r2.redirected, await r2.text());
  srv.close();
}

(async () => {
  await expressApp();
  await koaApp();
  await hapiApp();
  await clients();
})();
