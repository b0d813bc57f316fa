const { pipeline, finished } = require('stream/promises');
const { Readable, Writable, PassThrough, Transform } = require('stream');

function sink(chunks) {
  return new Writable({ write(chunk, enc, cb) { chunks.push(chunk.toString()); cb(); } });
}

(async () => {
  console.log(Object.keys(require('stream/promises')), typeof require('node:stream/promises').finished);
  const got = [];
  const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
  const r1 = await pipeline(Readable.from(['a', 'b', 'c']), upper, sink(got));
  console.log('pipeline', r1, got);

  const got2 = [];
  await pipeline(async function* () { yield 'x'; yield 'y'; }, new PassThrough(), sink(got2));
  console.log('generator source', got2);

  const total = await pipeline(Readable.from(['1', '22', '333']), async (source) => {
    let n = 0;
    for await (const chunk of source) n += chunk.length;
    return n;
  });
  console.log('async function sink', total);

  const failing = new Transform({ transform(chunk, enc, cb) { cb(new Error('bad chunk')); } });
  try {
    await pipeline(Readable.from(['a']), failing, sink([]));
  } catch (e) {
    console.log('rejected', e.message);
  }

  // An AbortSignal's shape (jsvm has no AbortController global yet).
  const listeners = [];
  const signal = {
    aborted: false,
    addEventListener(type, f) { listeners.push(f); },
    removeEventListener() {},
  };
  const p = pipeline(new Readable({ read() {} }), new PassThrough(), sink([]), { signal });
  signal.aborted = true;
  listeners.forEach((f) => f());
  try { await p; } catch (e) { console.log('aborted', e.name, e.code, e.message); }

  const r = Readable.from(['q']);
  r.resume();
  await finished(r);
  console.log('finished readable', r.readableEnded);

  const w = sink([]);
  w.end('z');
  await finished(w);
  console.log('finished writable', w.writableFinished);

  const d = new PassThrough();
  const f = finished(d);
  d.destroy(new Error('boom'));
  try { await f; } catch (e) { console.log('finished rejected', e.message); }
})();
