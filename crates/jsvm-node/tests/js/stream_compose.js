// stream.compose, Duplex.from, Readable.prototype.compose, stream.duplexPair: data, order,
// object modes, errors and their codes, as Node gives them.
'use strict';
const { Readable, Writable, Duplex, PassThrough, Transform, compose, duplexPair, pipeline } = require('stream');

function show(label, err) {
  // Received values that are streams are left out: their inspection shows internals.
  console.log(label, err ? `${err.name} ${err.code} ${err.message.split(' Received Readable')[0].split(' Received Writable')[0]}` : 'no error');
}
function collect(stream) {
  return new Promise((resolve, reject) => {
    const out = [];
    stream.on('data', (c) => out.push(typeof c === 'object' && !Buffer.isBuffer(c) ? JSON.stringify(c) : String(c)));
    stream.on('end', () => resolve(out));
    stream.on('error', reject);
  });
}
const upper = () => new Transform({ transform(c, e, cb) { cb(null, String(c).toUpperCase()); } });

async function main() {
  // compose of transforms: write in, read out.
  {
    const c = compose(upper(), new Transform({ transform(c, e, cb) { cb(null, `[${c}]`); } }));
    console.log('duplex', c instanceof Duplex, c.readable, c.writable);
    const p = collect(c);
    c.write('ab');
    c.end('cd');
    console.log('compose transforms', (await p).join(''));
  }
  // compose with async generator functions at the ends and in the middle.
  {
    const c = compose(async function* (source) {
      for await (const chunk of source) yield String(chunk).split('').reverse().join('');
    }, async function* (source) {
      for await (const chunk of source) yield `<${chunk}>`;
    });
    const p = collect(c);
    c.write('abc');
    c.write('xyz');
    c.end();
    console.log('compose generators', (await p).join(','));
  }
  // A readable head: the composition is read-only.
  {
    const c = compose(Readable.from(['a', 'b', 'c']), upper());
    console.log('readable head', c.readable, c.writable);
    console.log('data', (await collect(c)).join(''));
  }
  // A writable tail: write-only, finishes when the tail has.
  {
    const got = [];
    const sink = new Writable({ write(c, e, cb) { got.push(String(c)); cb(); } });
    const c = compose(upper(), sink);
    console.log('writable tail', c.readable, c.writable);
    await new Promise((resolve) => { c.on('finish', resolve); c.end('xy'); });
    console.log('sink got', got.join(''));
  }
  // The pipeline's error reaches the composed stream.
  {
    const bad = new Transform({ transform(c, e, cb) { cb(new Error('boom')); } });
    const c = compose(upper(), bad);
    await new Promise((resolve) => { c.on('error', (err) => { show('compose error', err); resolve(); }); c.write('x'); });
  }
  // Argument checks.
  try { compose(); } catch (err) { show('no streams', err); }
  try { compose(upper(), Readable.from(['a'])); } catch (err) { show('tail not writable', err); }
  try { compose(new Writable({ write(c, e, cb) { cb(); } }), upper()); } catch (err) { show('head not readable', err); }
  try { compose(upper(), async function* () {}, 42); } catch (err) { console.log('bad middle', err.name, err.code); }
  // compose of one is Duplex.from.
  console.log('one', compose(Readable.from(['q'])) instanceof Duplex);

  // Duplex.from of each kind.
  {
    const d = Duplex.from(['x', 'y']);
    console.log('iterable', d.readable, d.writable, (await collect(d)).join(''));
    const s = Duplex.from('whole string');
    console.log('string', (await collect(s)).join('|'));
    const pr = Duplex.from(Promise.resolve('later'));
    console.log('promise', pr.readable, pr.writable, (await collect(pr)).join(''));
    const nul = Duplex.from(Promise.resolve(null));
    console.log('promise of null', (await collect(nul)).length);
    const pt = new PassThrough();
    console.log('duplex itself', Duplex.from(pt) === pt);
    const r = Duplex.from(Readable.from(['r1', 'r2']));
    console.log('readable', r.readable, r.writable, (await collect(r)).join(''));
    const got = [];
    const w = Duplex.from(new Writable({ write(c, e, cb) { got.push(String(c)); cb(); } }));
    console.log('writable', w.readable, w.writable);
    await new Promise((resolve) => { w.on('finish', resolve); w.write('w1'); w.end('w2'); });
    console.log('writable got', got.join(''));
    const pair = Duplex.from({ readable: Readable.from(['p']), writable: new PassThrough() });
    console.log('pair', pair.readable, pair.writable);
    pair.end();
    console.log('pair data', (await collect(pair)).join(''));
    const gen = Duplex.from(async function* (source) {
      let n = 0;
      for await (const chunk of source) n += String(chunk).length;
      yield `total ${n}`;
    });
    const pg = collect(gen);
    gen.write('abc');
    gen.end('de');
    console.log('async generator', (await pg).join(''));
    const seen = [];
    const fn = Duplex.from(async function (source) {
      for await (const chunk of source) seen.push(String(chunk));
    });
    console.log('async function', fn.readable, fn.writable);
    await new Promise((resolve) => { fn.on('finish', resolve); fn.write('f1'); fn.end('f2'); });
    console.log('async function saw', seen.join(','));
    const blob = Duplex.from(new Blob(['blob text']));
    const chunks = await collect(blob);
    console.log('blob', chunks.length, Buffer.from(await new Blob(['blob text']).arrayBuffer()).toString());
  }
  try { Duplex.from(42); } catch (err) { show('from number', err); }
  try { Duplex.from(() => 5); } catch (err) { show('from function of 5', err); }
  {
    const rej = Duplex.from(Promise.reject(new Error('rejected')));
    await new Promise((resolve) => { rej.on('error', (err) => { show('rejected promise', err); resolve(); }); rej.resume(); });
  }

  // readable.compose.
  {
    const c = Readable.from(['m', 'n']).compose(upper());
    console.log('readable.compose', (await collect(c)).join(''));
    const g = Readable.from([1, 2, 3]).compose(async function* (src) { for await (const x of src) yield String(x * 2); });
    console.log('readable.compose generator', (await collect(g)).join(','));
    try { Readable.from(['a']).compose(upper(), 5); } catch (err) { show('compose options', err); }
    try { Readable.from(['a']).compose(upper(), { signal: 1 }); } catch (err) { show('compose signal', err); }
    try { Readable.from(['a']).compose(Readable.from(['b'])); } catch (err) { show('compose readable', err); }
  }

  // duplexPair.
  {
    const [a, b] = duplexPair();
    console.log('pair kinds', a instanceof Duplex, b instanceof Duplex);
    const pa = collect(a);
    const pb = collect(b);
    a.write('to b 1');
    b.write('to a');
    a.end('to b 2');
    b.end();
    console.log('b read', (await pb).join(','));
    console.log('a read', (await pa).join(','));
    const [o1, o2] = duplexPair({ objectMode: true });
    const po = collect(o2);
    o1.write({ k: 1 });
    o1.end({ k: 2 });
    console.log('object pair', (await po).join(' '));
  }
  // pipeline through a composed stream.
  await new Promise((resolve) => {
    const out = [];
    pipeline(Readable.from(['p', 'q']), compose(upper(), upper()),
      new Writable({ write(c, e, cb) { out.push(String(c)); cb(); } }), (err) => {
        show('pipeline', err);
        console.log('pipeline out', out.join(''));
        resolve();
      });
  });
  // Destroying the composed stream before it ends: an AbortError.
  {
    const c = compose(upper(), upper());
    const p = new Promise((resolve) => c.on('error', (err) => { show('destroyed early', err); resolve(); }));
    c.destroy();
    await p;
    console.log('destroyed', c.destroyed);
  }
  // Duplex.fromWeb / toWeb.
  {
    const ts = new TransformStream({ transform(c, ctl) { ctl.enqueue(String(c).toUpperCase()); } });
    const d = Duplex.fromWeb(ts, { encoding: 'utf8' });
    const p = new Promise((resolve) => {
      const out = [];
      d.on('data', (x) => out.push(`${typeof x}:${x}`));
      d.on('end', () => resolve(out));
    });
    d.end('web');
    console.log('fromWeb', (await p).join(','));
    try { Duplex.fromWeb({}); } catch (err) { show('fromWeb {}', err); }
    try { Duplex.fromWeb(5); } catch (err) { show('fromWeb 5', err); }
    try { Duplex.fromWeb(new TransformStream(), 5); } catch (err) { show('fromWeb options', err); }
    try { Duplex.toWeb({}); } catch (err) { show('toWeb {}', err); }
    const w = Duplex.toWeb(new PassThrough());
    console.log('toWeb', Object.keys(w).sort().join(','), w.readable instanceof ReadableStream, w.writable instanceof WritableStream);
    const writer = w.writable.getWriter();
    const reader = w.readable.getReader();
    await writer.write(new TextEncoder().encode('through'));
    const { value } = await reader.read();
    console.log('toWeb data', Buffer.from(value).toString());
  }
}
main().catch((err) => { console.log('FAILED', err); });
