// Readable's iterator helpers (got reads a response body with toArray), and the JSStreamSocket
// a TLSSocket over a plain stream shows as its handle's `_parentWrap` (http2-wrapper, under
// got, takes that class at load).
'use strict';
const { Readable, PassThrough, Duplex } = require('stream');
const tls = require('tls');

const sleep = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
const names = ['map', 'filter', 'forEach', 'toArray', 'some', 'every', 'find', 'reduce', 'flatMap', 'drop', 'take', 'asIndexedPairs'];
console.log(names.map((n) => `${n}:${typeof Readable.prototype[n]}:${Readable.prototype[n].length}`).join(' '));
console.log(Object.keys(Readable.prototype).filter((k) => names.includes(k)));

(async () => {
  const from = (a) => Readable.from(a);
  console.log('map', await from([1, 2, 3]).map((x) => x * 2).toArray());
  console.log('map async', await from([30, 10, 20]).map((x) => sleep(x, x), { concurrency: 3 }).toArray());
  console.log('filter', await from([1, 2, 3, 4]).filter(async (x) => x % 2 === 0).toArray());
  console.log('flatMap', await from([1, 2]).flatMap((x) => [x, x * 10]).toArray());
  console.log('drop/take', await from([1, 2, 3, 4, 5]).drop(1).take(2).toArray());
  console.log('asIndexedPairs', await from(['a', 'b']).asIndexedPairs().toArray());
  const seen = [];
  console.log('forEach', await from([1, 2]).forEach((x) => { seen.push(x); }), seen);
  console.log('some/every/find', await from([1, 2, 3]).some((x) => x > 2), await from([1, 2, 3]).every((x) => x > 2),
    await from([1, 2, 3]).find((x) => x > 1), await from([1]).find((x) => x > 5));
  console.log('reduce', await from([1, 2, 3]).reduce((a, b) => a + b), await from([1, 2, 3]).reduce((a, b) => a + b, 10));
  try { await from([]).reduce((a, b) => a + b); } catch (e) { console.log(e.name, e.code, e.message); }
  try { from([1]).map(1); } catch (e) { console.log(e.name, e.code, e.message); }
  try { await from([1]).map((x) => x, { concurrency: 0 }).toArray(); } catch (e) { console.log(e.name, e.code, e.message); }
  try { await from([1, 2]).map((x) => { if (x === 2) throw new Error('boom'); return x; }).toArray(); } catch (e) { console.log('rejected', e.message); }
  const ac = new AbortController();
  ac.abort();
  try { await from([1]).toArray({ signal: ac.signal }); } catch (e) { console.log(e.name, e.code); }
  const pt = new PassThrough();
  pt.end('bytes');
  console.log('buffers', (await pt.toArray()).map(String));
  const objs = await new Duplex({ objectMode: true, read() { this.push({ a: 1 }); this.push(null); }, write(c, e, cb) { cb(); } }).toArray();
  console.log('duplex', objs);
  const mapped = from([1]).map((x) => x);
  console.log('stream', mapped instanceof Readable, mapped.readableObjectMode);

  const socket = new tls.TLSSocket(new PassThrough());
  const JSStreamSocket = socket._handle._parentWrap.constructor;
  console.log('JSStreamSocket', typeof JSStreamSocket, JSStreamSocket.name);
  const inner = new PassThrough();
  const wrapped = new JSStreamSocket(inner);
  wrapped.on('data', (d) => console.log('wrapped data', String(d)));
  inner.write('through');
  socket.destroy();
  setTimeout(() => wrapped.destroy(), 10);
})();
