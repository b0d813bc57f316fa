const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
const log = (...a) => console.log(...a);
async function inner(tag) {
  log(tag, 'before await', als.getStore());
  await null;
  log(tag, 'after await 1', als.getStore());
  await new Promise(r => setTimeout(r, 5));
  log(tag, 'after timeout await', als.getStore());
  return als.getStore();
}
als.run({ id: 1 }, () => {
  inner('A').then(v => log('A then', v, als.getStore()));
  Promise.resolve().then(() => log('then in run', als.getStore()));
});
als.run({ id: 2 }, async () => {
  const v = await inner('B');
  log('B awaited', v, als.getStore());
  als.run({ id: 3 }, () => Promise.resolve().then(() => log('nested', als.getStore())));
  await 0;
  log('B end', als.getStore());
});
log('outside', als.getStore());
Promise.resolve().then(() => log('outside then', als.getStore()));
const thenable = { then(res) { log('thenable then', als.getStore()); res(7); } };
als.run({ id: 4 }, async () => { const v = await thenable; log('thenable value', v, als.getStore()); });
als.run({ id: 5 }, () => { queueMicrotask(() => log('qm', als.getStore())); process.nextTick(() => log('tick', als.getStore())); });
async function* gen() { yield 1; await null; yield 2; }
als.run({ id: 6 }, async () => { for await (const x of gen()) log('gen', x, als.getStore()); log('gen done', als.getStore()); });
const vm = require('vm');
als.run({ id: 7 }, () => {
  vm.runInNewContext('Promise.resolve().then(() => cb())', { cb: () => log('vm then', als.getStore()) });
});
setTimeout(() => log('timer outside', als.getStore()), 20);
// Node's own check (test-async-local-storage-async-await): thenables and nested runs.
const assert = require('assert');
const store = new AsyncLocalStorage();
let checked = 0;
function checkedThenable(expected) {
  return { then(cb) { assert.strictEqual(expected, store.getStore()); checked++; cb(); } };
}
function nested() {
  const first = Symbol('first'), second = Symbol('second');
  return store.run(first, async () => {
    assert.strictEqual(first, store.getStore());
    await checkedThenable(first);
    await store.run(second, async () => {
      await checkedThenable(second);
      assert.strictEqual(second, store.getStore());
    });
    await Promise.all([checkedThenable(first), checkedThenable(first)]);
    assert.strictEqual(first, store.getStore());
  });
}
Promise.all([nested(), Promise.resolve().then(nested)]).then(() => log('checked', checked));
// AsyncResource and bind still carry their frame across a promise.
const { AsyncResource } = require('async_hooks');
als.run('resource', () => {
  const r = new AsyncResource('X');
  Promise.resolve().then(() => r.runInAsyncScope(() => log('resource scope', als.getStore())));
});
// An http-style server: each request's store survives its awaits.
const served = [];
async function handle(id) {
  await new Promise((r) => setTimeout(r, 3 - id));
  await null;
  served.push(`${id}:${als.getStore().req}`);
  if (served.length === 3) log('served', served.sort().join(' '));
}
for (let id = 0; id < 3; id++) als.run({ req: id }, () => handle(id));
