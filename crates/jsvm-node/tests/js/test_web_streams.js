// WHATWG streams (stream/web and the globals): readable (default and byte sources), writable,
// transform, piping, tee, async iteration, strategies, text and compression streams.
'use strict';
const web = require('stream/web');

const log = (...a) => console.log(...a);
const err = (e) => `${e.name} ${e.code} ${e.message}`;
const tests = [];
const test = (name, fn) => tests.push([name, fn]);

test('globals are stream/web', async () => {
  log(Object.keys(web).join());
  log(Object.keys(web).every((k) => globalThis[k] === web[k]));
  log(Object.getOwnPropertyNames(ReadableStream.prototype).join());
  log(String(new ReadableStream()), Object.prototype.toString.call(new WritableStream()));
  log(new ReadableStream(), new WritableStream());
  log(new TransformStream());
  log(new CountQueuingStrategy({ highWaterMark: 3 }), new ByteLengthQueuingStrategy({ highWaterMark: 8 }).size(new Uint8Array(5)));
  log(Object.prototype.toString.call(new CountQueuingStrategy({ highWaterMark: 1 })), ByteLengthQueuingStrategy.name);
});

test('read, enqueue, close', async () => {
  let ctl;
  const rs = new ReadableStream({ start(c) { ctl = c; c.enqueue('a'); c.enqueue('b'); } });
  log(ctl.desiredSize, rs.locked);
  const reader = rs.getReader();
  log(rs.locked, await reader.read(), await reader.read());
  const p = reader.read();
  ctl.enqueue('c');
  log(await p);
  ctl.close();
  log(await reader.read(), await reader.closed, ctl.desiredSize);
  try { ctl.enqueue('x'); } catch (e) { log(err(e)); }
});

test('pull and backpressure', async () => {
  const calls = [];
  let n = 0;
  const rs = new ReadableStream({
    pull(c) {
      calls.push(`pull ${c.desiredSize}`);
      if (n < 3) c.enqueue(n++);
      else c.close();
    },
  }, { highWaterMark: 2 });
  await new Promise((r) => setTimeout(r, 5));
  log(calls.join(', '));
  const out = [];
  for await (const v of rs) out.push(v);
  log(out, calls.length);
});

test('strategy size', async () => {
  let ctl;
  new ReadableStream({ start(c) { ctl = c; } }, { highWaterMark: 10, size: (s) => s.length });
  ctl.enqueue('abc');
  log(ctl.desiredSize);
  try { ctl.enqueue({ length: -1 }); } catch (e) { log(e.name, e.code); }
  log(ctl.desiredSize);
});

test('errors and cancel', async () => {
  const rs = new ReadableStream({ start(c) { c.error(new Error('boom')); } });
  const reader = rs.getReader();
  await reader.read().catch((e) => log('read', e.message));
  await reader.closed.catch((e) => log('closed', e.message));
  const reasons = [];
  const rs2 = new ReadableStream({ cancel(r) { reasons.push(r); return new Promise((res) => setTimeout(res, 1)); } });
  log(await rs2.cancel('why'), reasons);
  const r2 = new ReadableStream({ start(c) { c.enqueue(1); } }).getReader();
  const pending = r2.read();
  log(await pending);
  const p2 = r2.read();
  r2.releaseLock();
  await p2.catch((e) => log(err(e)));
  await r2.closed.catch((e) => log(err(e)));
  const pullErr = new ReadableStream({ pull() { throw new TypeError('in pull'); } });
  await pullErr.getReader().read().catch((e) => log('pull error', e.message));
  try { rs.getReader(); } catch (e) { log(err(e)); }
  await rs.cancel().catch((e) => log(err(e)));
});

test('tee', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('x'); c.enqueue('y'); c.close(); } });
  const [a, b] = rs.tee();
  log(rs.locked, a.locked);
  const ra = [];
  for await (const v of a) ra.push(v);
  const rb = [];
  for await (const v of b) rb.push(v);
  log(ra, rb);
});

test('async iteration: break cancels, preventCancel keeps', async () => {
  let cancelled = false;
  const make = () => new ReadableStream({
    pull(c) { c.enqueue(1); },
    cancel() { cancelled = true; },
  });
  const rs = make();
  for await (const v of rs) { log('got', v); break; }
  log(cancelled, rs.locked);
  cancelled = false;
  const rs2 = make();
  for await (const v of rs2.values({ preventCancel: true })) { log('got', v); break; }
  log(cancelled, rs2.locked);
  const it = new ReadableStream({ start(c) { c.close(); } })[Symbol.asyncIterator]();
  log(await it.next(), await it.return('r'));
});

test('from', async () => {
  const out = [];
  for await (const v of ReadableStream.from([1, Promise.resolve(2), 3])) out.push(v);
  async function* gen() { yield 'a'; yield 'b'; }
  for await (const v of ReadableStream.from(gen())) out.push(v);
  log(out);
  try { ReadableStream.from(5); } catch (e) { log(err(e)); }
});

test('writable', async () => {
  const written = [];
  let release;
  const ws = new WritableStream({
    write(chunk) {
      written.push(chunk);
      if (chunk === 'slow') return new Promise((r) => { release = r; });
    },
    close() { written.push('<close>'); },
  }, { highWaterMark: 2 });
  const w = ws.getWriter();
  log(w.desiredSize, ws.locked);
  const p1 = w.write('slow');
  w.write('b');
  log(w.desiredSize);
  await new Promise((r) => setTimeout(r, 1));
  log(written);
  release();
  await p1;
  await w.close();
  log(written, await w.closed);
  try { ws.getWriter(); } catch (e) { log(err(e)); }
});

test('writable abort and error', async () => {
  const events = [];
  const ws = new WritableStream({
    start(c) { c.signal.addEventListener('abort', () => events.push(`signal ${c.signal.reason}`)); },
    write() { return new Promise(() => {}); },
    abort(r) { events.push(`abort ${r}`); },
  });
  const w = ws.getWriter();
  w.write('x').catch((e) => events.push(`write ${e}`));
  const ab = w.abort('stop');
  await w.closed.catch((e) => events.push(`closed ${e}`));
  log(events);
  const ws2 = new WritableStream({ write() { throw new Error('sink fails'); } });
  const w2 = ws2.getWriter();
  await w2.write(1).catch((e) => log('write', e.message));
  await w2.closed.catch((e) => log('closed', e.message));
  log(w2.desiredSize);
  void ab;
});

test('transform and pipeThrough', async () => {
  const upper = new TransformStream({
    transform(chunk, c) { c.enqueue(chunk.toUpperCase()); c.enqueue('|'); },
    flush(c) { c.enqueue('<end>'); },
  });
  const out = [];
  const rs = ReadableStream.from(['a', 'b']).pipeThrough(upper);
  for await (const v of rs) out.push(v);
  log(out.join(''));
  const id = new TransformStream();
  const w = id.writable.getWriter();
  w.write(1);
  w.write(2);
  w.close();
  const got = [];
  for await (const v of id.readable) got.push(v);
  log(got);
  const failing = new TransformStream({ transform() { throw new Error('no'); } });
  await ReadableStream.from([1]).pipeThrough(failing).getReader().read().catch((e) => log('transform error', e.message));
  const t = new TransformStream({ start(c) { c.terminate(); } });
  log(await t.readable.getReader().read());
});

test('pipeTo', async () => {
  const got = [];
  const ws = new WritableStream({ write(c) { got.push(c); }, close() { got.push('closed'); } });
  await ReadableStream.from(['p', 'q']).pipeTo(ws);
  log(got, ws.locked);
  const ws2 = new WritableStream({ write(c) { got.push(c); } });
  const src = new ReadableStream({ start(c) { c.enqueue('one'); c.error(new Error('src died')); } });
  await src.pipeTo(ws2).catch((e) => log('pipe', e.message));
  const ws3 = new WritableStream({ write() { throw new Error('dest died'); } });
  let cancelled;
  const src3 = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel(r) { cancelled = r.message; } });
  await src3.pipeTo(ws3).catch((e) => log('pipe', e.message, cancelled));
  const ac = new AbortController();
  const src4 = new ReadableStream({ pull(c) { return new Promise((r) => setTimeout(() => { if (c.desiredSize !== 0) c.enqueue(1); r(); }, 2)); } });
  const p = src4.pipeTo(new WritableStream(), { signal: ac.signal });
  ac.abort(new Error('aborted'));
  await p.catch((e) => log('pipe', e.message));
  const keep = new WritableStream({ write(c) { got.push(c); } });
  await ReadableStream.from(['k']).pipeTo(keep, { preventClose: true });
  const kw = keep.getWriter();
  await kw.write('still open');
  log(got.slice(-2));
});

test('byte streams and BYOB readers', async () => {
  const rs = new ReadableStream({
    type: 'bytes',
    start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4, 5])); c.close(); },
  });
  log(rs);
  const reader = rs.getReader({ mode: 'byob' });
  let r = await reader.read(new Uint8Array(2));
  log(r.value, r.done);
  r = await reader.read(new Uint8Array(8));
  log(r.value, r.done);
  r = await reader.read(new Uint8Array(8));
  log(r.value, r.done);
  let i = 0;
  const pulled = new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: 4,
    pull(c) {
      const req = c.byobRequest;
      if (i++ === 2) { c.close(); req.respond(0); return; }
      req.view[0] = 65 + i;
      req.view[1] = 66 + i;
      req.respond(2);
    },
  });
  const chunks = [];
  for await (const ch of pulled) chunks.push(Array.from(ch));
  log(chunks);
  const r16 = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 0, 2, 0, 3])); c.close(); } });
  const br = r16.getReader({ mode: 'byob' });
  const v = await br.read(new Uint16Array(4));
  log(v.value, v.done);
  try { new ReadableStream().getReader({ mode: 'byob' }); } catch (e) { log(e.code); }
  try { new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array(0)); } }); } catch (e) { log(e.code); }
});

test('text streams', async () => {
  const enc = new TextEncoderStream();
  const w = enc.writable.getWriter();
  w.write('h\u00e9');
  w.write('\ud83d');
  w.write('\ude00!');
  w.close();
  const bytes = [];
  for await (const b of enc.readable) bytes.push(...b);
  log(enc.encoding, bytes);
  const dec = new TextDecoderStream();
  const dw = dec.writable.getWriter();
  dw.write(new Uint8Array([0x68, 0xc3]));
  dw.write(new Uint8Array([0xa9, 0xf0, 0x9f]));
  dw.write(new Uint8Array([0x98, 0x80]));
  dw.close();
  const text = [];
  for await (const s of dec.readable) text.push(s);
  log(dec.encoding, dec.fatal, text);
});

test('compression streams', async () => {
  for (const format of ['gzip', 'deflate', 'deflate-raw']) {
    const input = new TextEncoder().encode('hello hello hello hello '.repeat(20));
    const compressed = ReadableStream.from([input]).pipeThrough(new CompressionStream(format));
    const back = compressed.pipeThrough(new DecompressionStream(format)).pipeThrough(new TextDecoderStream());
    let s = '';
    for await (const part of back) s += part;
    log(format, s.length, s.slice(0, 12));
  }
  try { new CompressionStream('zip'); } catch (e) { log(err(e)); }
  const bad = ReadableStream.from([new Uint8Array([1, 2, 3])]).pipeThrough(new DecompressionStream('gzip'));
  await bad.getReader().read().then(() => log('no error'), (e) => log('bad input', e.code));
});

test('stream.isDisturbed, isErrored, isReadable', async () => {
  const stream = require('stream');
  const rs = new ReadableStream({ start(c) { c.enqueue(1); } });
  log(stream.isDisturbed(rs), stream.isErrored(rs), stream.isReadable(rs));
  await rs.getReader().read();
  log(stream.isDisturbed(rs));
  const bad = new ReadableStream({ start(c) { c.error(new Error('x')); } });
  log(stream.isErrored(bad), stream.isReadable(bad));
  const nodeStream = stream.Readable.from(['a']);
  log(stream.isDisturbed(nodeStream));
  for await (const v of nodeStream) void v;
  log(stream.isDisturbed(nodeStream), stream.isDisturbed(null));
});

(async () => {
  for (const [name, fn] of tests) {
    log(`-- ${name}`);
    await fn();
  }
})();
