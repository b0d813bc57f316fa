// Readable.fromWeb/toWeb and Writable.fromWeb/toWeb: node streams over WHATWG streams and back.
'use strict';
const { Readable, Writable } = require('stream');
(async () => {
  const web = Readable.toWeb(Readable.from(['a', 'b', 'c']));
  console.log(web);
  const got = [];
  for await (const c of web) got.push(c);
  console.log(got);
  const bin = Readable.toWeb(Readable.from([Buffer.from('xy')], { objectMode: false }));
  for await (const c of bin) console.log(c);
  const r = Readable.fromWeb(ReadableStream.from(['p', 'q']), { objectMode: true });
  const out = [];
  for await (const c of r) out.push(c);
  console.log(out, r.readableObjectMode);
  const r2 = Readable.fromWeb(ReadableStream.from([new Uint8Array([104, 105])]), { encoding: 'utf8' });
  let s = ''; for await (const c of r2) s += c; console.log(JSON.stringify(s));
  const sink = [];
  const ws = Writable.toWeb(new Writable({ write(c, e, cb) { sink.push(c.toString()); cb(); } }));
  const w = ws.getWriter(); await w.write('one'); await w.write(new Uint8Array([50])); await w.close();
  console.log(sink);
  const wsink = [];
  const nw = Writable.fromWeb(new WritableStream({ write(c) { wsink.push(String(c)); } }), { decodeStrings: false });
  nw.write('a'); nw.end('b');
  await new Promise((res) => nw.on('finish', res));
  console.log(wsink);
  const errWeb = Readable.fromWeb(new ReadableStream({ start(c) { c.error(new Error('web failed')); } }));
  await new Promise((res) => errWeb.on('error', (e) => { console.log('error', e.message); res(); }).resume());
  const failing = Readable.toWeb(new Readable({ read() { this.destroy(new Error('node failed')); } }));
  await failing.getReader().read().catch((e) => console.log('rejected', e.message));
  try { Readable.fromWeb({}); } catch (e) { console.log(e.code, e.message); }
  try { Readable.toWeb({}); } catch (e) { console.log(e.code, e.message); }
  try { Writable.fromWeb({}); } catch (e) { console.log(e.code, e.message); }
  try { Writable.toWeb({}); } catch (e) { console.log(e.code, e.message); }
  const cancelled = new Readable({ read() { this.push('z'); } });
  const cw = Readable.toWeb(cancelled);
  await cw.cancel(new Error('stop'));
  console.log(cancelled.destroyed);
})();
