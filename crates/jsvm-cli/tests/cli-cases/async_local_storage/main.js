// What jsvm's AsyncLocalStorage carries through nextTick, timers, immediates and queueMicrotask
// (promise reactions: tests/js/async_local_storage_promises.js).
const { AsyncLocalStorage, AsyncResource } = require('async_hooks');
// Callbacks of different timers may run in either order under load: lines are printed sorted.
const lines = [];
const log = (...a) => lines.push(a.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(' '));
const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();
log('outside', als.getStore());
const r = als.run({ id: 1 }, (a, b) => {
  log('in run', als.getStore(), a, b, other.getStore());
  process.nextTick(() => log('nextTick', als.getStore()));
  setTimeout(() => {
    log('timeout', als.getStore());
    setImmediate(() => log('immediate in timeout', als.getStore()));
  }, 1);
  setImmediate(() => log('immediate', als.getStore()));
  queueMicrotask(() => log('microtask', als.getStore()));
  let n = 0;
  const iv = setInterval(() => {
    log('interval', n, als.getStore());
    if (++n === 2) clearInterval(iv);
  }, 1);
  other.run('o', () => {
    log('nested', als.getStore(), other.getStore());
    als.exit(() => log('exit', als.getStore(), other.getStore()));
    setTimeout(() => log('nested timeout', als.getStore(), other.getStore()), 5);
  });
  als.run({ id: 2 }, () => setTimeout(() => log('inner run timeout', als.getStore()), 3));
  return 'result';
}, 'x', 'y');
log('run returned', r, als.getStore());
try {
  als.run({ id: 3 }, () => { throw new Error('thrown'); });
} catch (e) {
  log('after throw', e.message, als.getStore());
}
const res = als.run({ id: 4 }, () => new AsyncResource('X'));
const bound = als.run({ id: 5 }, () => AsyncLocalStorage.bind(() => als.getStore()));
log('resource', res.runInAsyncScope(() => als.getStore()), 'bound', bound());
const snap = als.run({ id: 6 }, () => AsyncLocalStorage.snapshot());
log('snapshot', snap(() => als.getStore()));
setTimeout(() => {
  als.enterWith({ id: 7 });
  log('enterWith', als.getStore());
  setTimeout(() => {
    log('enterWith timeout', als.getStore());
    als.disable();
    log('disabled', als.getStore());
    console.log(lines.sort().join('\n'));
  }, 1);
}, 20);
