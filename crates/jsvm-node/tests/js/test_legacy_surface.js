// Small Node names older libraries still reach: path._makeLong, fs._toUnixTimestamp, fs.lchmod
// (absent on Linux) and fs.promises.lchmod (not implemented), net._setSimultaneousAccepts
// (DEP0121), OutgoingMessage's _headers/_headerNames (DEP0066), IncomingMessage's
// trailersDistinct (fed by _addHeaderLines; test_http_trailers has a parsed message's).
'use strict';
const fs = require('fs');
const path = require('path');
const net = require('net');
const http = require('http');

process.on('warning', (w) => console.log('warning', w.name, w.code, w.message));
const t = (label, fn) => { try { console.log(label, fn()); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); } };

t('makeLong', () => [path._makeLong === path.toNamespacedPath, path.win32._makeLong === path.win32.toNamespacedPath,
  path.posix._makeLong('/a/b'), path.win32._makeLong('C:\\x\\y')]);
t('toUnixTimestamp', () => [fs._toUnixTimestamp('5'), fs._toUnixTimestamp(7.5), fs._toUnixTimestamp(new Date(5000)),
  typeof fs._toUnixTimestamp(-1), fs._toUnixTimestamp(-1) > 1e9]);
t('toUnixTimestamp bad', () => fs._toUnixTimestamp({}));
t('toUnixTimestamp name', () => fs._toUnixTimestamp(null, 'atime'));
t('lchmod', () => ['lchmod' in fs, fs.lchmod, 'lchmodSync' in fs, fs.lchmodSync, typeof fs.promises.lchmod,
  fs.promises.lchmod.length, require('fs/promises').lchmod === fs.promises.lchmod]);
t('node:test it', () => {
  const nt = require('node:test');
  return [nt.it === nt, typeof nt.it.describe, typeof nt.it.skip, nt.describe === nt.suite,
    [nt.skip.name, nt.describe.skip.name, nt.before.name, nt.afterEach.name]];
});
t('simultaneous', () => [net._setSimultaneousAccepts({}), net._setSimultaneousAccepts(), net._setSimultaneousAccepts.length]);

t('trailersDistinct', () => {
  const m = new http.IncomingMessage(null);
  const before = JSON.stringify(m.trailersDistinct);
  m.complete = true;
  m._addHeaderLines(['X-T', 'a', 'x-t', 'b', 'Other', 'c'], 6);
  const fresh = new http.IncomingMessage(null);
  fresh.complete = true;
  fresh._addHeaderLines(['X-T', 'a', 'x-t', 'b', 'Other', 'c'], 6);
  return [before, JSON.stringify(m.trailers), JSON.stringify(m.trailersDistinct), JSON.stringify(fresh.trailersDistinct)];
});
t('trailersDistinct set', () => {
  const m = new http.IncomingMessage(null);
  m.trailersDistinct = { mine: ['1'] };
  return JSON.stringify(m.trailersDistinct);
});

async function main() {
  await fs.promises.lchmod('/nonexistent', 0o644).catch((e) => console.log('promises.lchmod', e.name, e.code, e.message));
  await new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        console.log('headersDistinct', JSON.stringify(req.headersDistinct['x-multi']));
        console.log('no headers yet', res._headerNames, JSON.stringify(res._headers));
        res.setHeader('X-One', '1');
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        console.log('_headers', JSON.stringify(res._headers));
        console.log('_headerNames', JSON.stringify(res._headerNames));
        res._headerNames = { 'x-one': 'x-ONE', nope: 'Nope' };
        console.log('renamed', JSON.stringify(res.getRawHeaderNames()));
        res._headers = { 'X-Two': '2', 'Content-Type': 'text/plain' };
        console.log('replaced', JSON.stringify(res.getHeaders()), JSON.stringify(res.getRawHeaderNames()));
        res._headers = null;
        console.log('cleared', JSON.stringify(res.getHeaders()), res._headerNames);
        res.setHeader('X-Final', 'f');
        res.end('ok');
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const req = http.request({ port: server.address().port, host: '127.0.0.1', method: 'POST',
        headers: { 'Transfer-Encoding': 'chunked', Trailer: 'X-T', 'X-Multi': ['1', '2'] } }, (res) => {
        console.log('client got', res.statusCode, res.headers['x-final'], res.rawHeaders.includes('X-Two'));
        res.resume();
        res.on('end', () => { server.close(); resolve(); });
      });
      req.write('body');
      req.addTrailers({ 'X-T': 'tv' });
      req.end();
    });
  });
}
main();
{
  const util = require('util');
  const show = (e) => [e.message, Object.keys(e), e.errno, e.code, e.syscall, e.address, e.port, e instanceof Error];
  t('errnoException', () => show(util._errnoException(-2, 'open', 'x')));
  t('errnoException plain', () => show(util._errnoException(-13, 'mkdir')));
  t('errnoException unknown', () => show(util._errnoException(-9999, 'x')));
  t('errnoException positive', () => show(util._errnoException(2, 'x')).slice(0, 4));
  t('hostPort', () => show(util._exceptionWithHostPort(-111, 'connect', '127.0.0.1', 80, 'extra')));
  t('hostPort no port', () => show(util._exceptionWithHostPort(-111, 'connect', '127.0.0.1')));
  t('hostPort port 0', () => show(util._exceptionWithHostPort(-98, 'listen', '::', 0)));
  t('lengths', () => [util._errnoException.length, util._exceptionWithHostPort.length, util._errnoException.name]);
}
t('perf_hooks.constants', () => {
  const ph = require('perf_hooks');
  const c = ph.constants;
  const d = Object.getOwnPropertyDescriptor(ph, 'constants');
  return [JSON.stringify(c), d.writable, d.enumerable, d.configurable, Object.isFrozen(c),
    Object.getOwnPropertyNames(c).map((k) => {
      const p = Object.getOwnPropertyDescriptor(c, k);
      return `${k}=${p.value}${p.enumerable ? '' : ' hidden'}${p.writable || p.configurable ? ' mutable' : ''}`;
    })];
});
t('_isArrayBufferView', () => {
  const s = require('stream');
  return [s._isArrayBufferView === ArrayBuffer.isView, s.Stream._isArrayBufferView === s._isArrayBufferView];
});
