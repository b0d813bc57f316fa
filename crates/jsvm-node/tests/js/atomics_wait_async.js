// Atomics.waitAsync as V8's: `{ async, value }`, a promise Atomics.notify or the timeout
// settles; its checks; a pending wait does not keep the process alive.
'use strict';
const ia = new Int32Array(new SharedArrayBuffer(32));
console.log(typeof Atomics.waitAsync, Atomics.waitAsync.length, Atomics.waitAsync.name);
console.log(String(Atomics.waitAsync));
console.log(Object.getOwnPropertyDescriptor(Atomics, 'waitAsync'));
console.log(Atomics.waitAsync(ia, 0, 1));
console.log(Atomics.waitAsync(ia, 0, 0, 0));
console.log(Atomics.waitAsync(ia, 0, 0, -5));
for (const f of [
  () => Atomics.waitAsync(new Int32Array(4), 0, 0),
  () => Atomics.waitAsync(new Uint8Array(ia.buffer), 0, 0),
  () => Atomics.waitAsync(new Float64Array(ia.buffer), 0, 0),
  () => Atomics.waitAsync(ia, 8, 0),
  () => Atomics.waitAsync(ia, -1, 0),
  () => Atomics.waitAsync({}, 0, 0),
  () => Atomics.waitAsync(ia, 0, Symbol()),
]) {
  try { f(); console.log('no throw'); } catch (e) { console.log(e.name + ': ' + e.message); }
}
const keep = setTimeout(() => console.log('too late'), 10000);
(async () => {
  const r = Atomics.waitAsync(ia, 1, 0);
  console.log(r.async, r.value instanceof Promise, Object.keys(r));
  console.log('notify', Atomics.notify(ia, 1, 1), 'again', Atomics.notify(ia, 1));
  console.log('notified:', await r.value);

  const t = Atomics.waitAsync(ia, 2, 0, 20);
  const begun = Date.now();
  console.log('timed out:', await t.value, Date.now() - begun >= 15);
  console.log('after the timeout, notify', Atomics.notify(ia, 2));

  const a = Atomics.waitAsync(ia, 3, 0);
  const b = Atomics.waitAsync(ia, 3, 0, Infinity);
  const c = Atomics.waitAsync(ia, 4, 0, NaN);
  console.log('notify one of two', Atomics.notify(ia, 3, 1));
  console.log('a', await a.value);
  console.log('notify the other', Atomics.notify(ia, 3), 'count 0', Atomics.notify(ia, 4, 0));
  console.log('b', await b.value);
  console.log('c by index 4', Atomics.notify(ia, 4), await c.value);

  // The first waiter is the first woken, whatever its kind.
  const order = [];
  const w1 = Atomics.waitAsync(ia, 5, 0).value.then((v) => order.push('w1 ' + v));
  const w2 = Atomics.waitAsync(ia, 5, 0, 1).value.then((v) => order.push('w2 ' + v));
  const w3 = Atomics.waitAsync(ia, 5, 0).value.then((v) => order.push('w3 ' + v));
  await new Promise((r) => setTimeout(r, 20));
  console.log('notify after one timed out', Atomics.notify(ia, 5, 1));
  await w1;
  console.log('notify the rest', Atomics.notify(ia, 5));
  await Promise.all([w2, w3]);
  console.log(order);

  const big = new BigInt64Array(new SharedArrayBuffer(16));
  const w = Atomics.waitAsync(big, 1, 0n);
  console.log(Atomics.waitAsync(big, 1, 1n).value, Atomics.notify(big, 1));
  console.log('bigint', await w.value);
  clearTimeout(keep);
  // Nothing else keeps the loop: this one never settles.
  Atomics.waitAsync(ia, 6, 0, 60000).value.then(() => console.log('never'));
  console.log('done');
})();
