// Messages both ways: structured clone of workerData and postMessage values, event order.
const { Worker, isMainThread, parentPort, workerData, threadId } = require('worker_threads');

if (isMainThread) {
  const shared = { s: 'shared' };
  const cyclic = { name: 'root', list: [1, 2] };
  cyclic.self = cyclic;
  cyclic.list.push(cyclic.list);
  const data = {
    num: [0, -0, NaN, Infinity, -1.5, 2n ** 70n],
    nothing: [undefined, null, true, ''],
    map: new Map([[1, 'one'], ['k', { v: [shared, shared] }]]),
    set: new Set(['a', 3]),
    date: new Date(1700000000000),
    re: /ab+c/gi,
    bytes: new Uint8Array([1, 2, 3, 250]),
    floats: new Float64Array([0.5, -2]),
    err: new RangeError('bad range'),
    sparse: [1, , 3],
    boxed: [Object(5), Object('str'), Object(false)],
    cyclic,
  };
  const w = new Worker(__filename, { workerData: data, argv: ['x', 7] });
  const events = [];
  w.on('online', () => events.push('online'));
  w.on('message', (m) => {
    events.push('message');
    if (m.step === 'ready') {
      const ab = new ArrayBuffer(8);
      new Uint32Array(ab)[0] = 42;
      w.postMessage({ step: 'buffer', ab }, [ab]);
      console.log('transferred, byteLength now', ab.byteLength);
    } else {
      console.log('from worker:', m);
    }
  });
  w.on('exit', (code) => {
    events.push('exit');
    console.log('exit', code, events.join(' '));
  });
  console.log('main thread', threadId, 'worker', w.threadId);
} else {
  const d = workerData;
  const report = {
    threadId,
    isMainThread,
    argv: process.argv.slice(2),
    num: d.num.map((n) => (Object.is(n, -0) ? '-0' : String(n))),
    nothing: d.nothing,
    map: [...d.map.entries()].length,
    sharedKept: d.map.get('k').v[0] === d.map.get('k').v[1],
    set: [...d.set],
    date: d.date instanceof Date && d.date.toISOString(),
    re: d.re instanceof RegExp && String(d.re),
    bytes: d.bytes instanceof Uint8Array && [...d.bytes],
    floats: d.floats instanceof Float64Array && [...d.floats],
    err: d.err instanceof RangeError && `${d.err.name}: ${d.err.message}`,
    sparse: [d.sparse.length, 1 in d.sparse],
    boxed: d.boxed.map((b) => typeof b + ':' + b.valueOf()),
    cycles: d.cyclic.self === d.cyclic && d.cyclic.list[2] === d.cyclic.list,
  };
  parentPort.postMessage(report);
  parentPort.on('message', (m) => {
    parentPort.postMessage({ got: m.step, word: new Uint32Array(m.ab)[0], len: m.ab.byteLength });
    parentPort.close();
  });
  parentPort.postMessage({ step: 'ready' });
}
