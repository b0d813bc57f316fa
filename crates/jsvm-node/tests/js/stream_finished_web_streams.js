// stream.finished (and its promise form) of WHATWG streams: called once the stream closes or
// errors, in a later tick, and with an AbortError when the signal aborts first.
const { finished } = require('stream');
const { finished: finishedP } = require('stream/promises');
const { ReadableStream, WritableStream } = require('stream/web');

const log = (...a) => console.log(...a);

(async () => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  finished(rs, (err) => log('readable finished', err));
  controller.enqueue('a');
  controller.close();
  log('closed synchronously');
  const reader = rs.getReader();
  log('read', await reader.read(), await reader.read());
  await new Promise((r) => setImmediate(r));

  let errController;
  const bad = new ReadableStream({ start(c) { errController = c; } });
  finished(bad, (err) => log('errored readable:', err && err.message));
  errController.error(new Error('boom'));
  await new Promise((r) => setImmediate(r));

  // Already closed when asked.
  const done = new ReadableStream({ start(c) { c.close(); } });
  finished(done, function (err) { log('already closed', err, this === done); });
  await new Promise((r) => setImmediate(r));

  const chunks = [];
  const ws = new WritableStream({ write(chunk) { chunks.push(chunk); } });
  const writer = ws.getWriter();
  const p = finishedP(ws).then(() => log('writable finished', chunks));
  await writer.write('x');
  await writer.close();
  await p;

  const failing = new WritableStream({ write() { throw new Error('no write'); } });
  const w2 = failing.getWriter();
  const p2 = finishedP(failing).catch((e) => log('writable errored:', e.message));
  w2.write('y').catch(() => {});
  await p2;

  const ac = new AbortController();
  const pending = new ReadableStream();
  finished(pending, { signal: ac.signal }, (err) => log('aborted:', err.name, err.code, err.message));
  ac.abort();
  await new Promise((r) => setImmediate(r));

  try { finished(rs, 'nope'); } catch (e) { log(e.code); }
})();
