// util.parseArgs, diagnostics_channel, zlib.crc32, and fs names programs import (watch,
// watchFile, fs/promises open).
const { parseArgs, inspect } = require('util');
const show = (v) => console.log(inspect(v, { depth: 4, breakLength: 120 }));
const tryIt = (f) => { try { return f(); } catch (e) { return `${e.name} ${e.code}: ${e.message}`; } };

const options = {
  verbose: { type: 'boolean', short: 'v' },
  name: { type: 'string', short: 'n', default: 'anon' },
  tag: { type: 'string', multiple: true, short: 't' },
  color: { type: 'boolean' },
};
show(parseArgs({ args: ['-v', '--name', 'bob', '-t', 'a', '--tag=b', 'file1', '--', '--not-an-option'], options, allowPositionals: true }));
show(parseArgs({ args: ['-vnjoe', '-tx'], options }));
show(parseArgs({ args: ['--no-color', '--color', '--no-color', '--unknown', 'x', '-abc'], options, strict: false, allowNegative: true }));
show(parseArgs({ args: ['-v', '--name=x', 'pos', '--', 'rest'], options, tokens: true, allowPositionals: true }).tokens);
show(parseArgs({ args: [], options }));
console.log(tryIt(() => parseArgs({ args: ['--nope'], options })));
console.log(tryIt(() => parseArgs({ args: ['-x'], options, allowPositionals: true })));
console.log(tryIt(() => parseArgs({ args: ['--name'], options })));
console.log(tryIt(() => parseArgs({ args: ['--verbose=yes'], options })));
console.log(tryIt(() => parseArgs({ args: ['pos'], options })));
console.log(tryIt(() => parseArgs({ args: [], options: { a: { type: 'number' } } })));
console.log(tryIt(() => parseArgs({ args: [], options: { a: { type: 'string', short: 'ab' } } })));

const dc = require('diagnostics_channel');
const ch = dc.channel('my-channel');
console.log(ch.name, ch.hasSubscribers, dc.hasSubscribers('my-channel'), dc.channel('my-channel') === ch);
const sub = (msg, name) => console.log('got', msg, name);
dc.subscribe('my-channel', sub);
console.log(ch.hasSubscribers, dc.hasSubscribers('my-channel'));
ch.publish({ n: 1 });
console.log(dc.unsubscribe('my-channel', sub), dc.unsubscribe('my-channel', sub), ch.hasSubscribers);
ch.publish({ n: 2 });
const { AsyncLocalStorage } = require('async_hooks');
const store = new AsyncLocalStorage();
ch.bindStore(store, (data) => ({ wrapped: data }));
console.log(ch.runStores({ n: 3 }, function (a) { return [this.t, a, store.getStore()]; }, { t: 'this' }, 'arg'));
console.log(ch.unbindStore(store), ch.hasSubscribers);
const tc = dc.tracingChannel('op');
const events = [];
tc.subscribe({
  start: (c) => events.push(`start ${c.arg}`),
  end: (c) => events.push(`end ${c.result}`),
  asyncStart: (c) => events.push(`asyncStart ${c.result}`),
  asyncEnd: (c) => events.push('asyncEnd'),
  error: (c) => events.push(`error ${c.error.message}`),
});
console.log(tc.hasSubscribers, tc.start.name, tc.asyncEnd.name);
console.log(tc.traceSync((x) => x * 2, { arg: 21 }, null, 21));
console.log(tryIt(() => tc.traceSync(() => { throw new Error('boom'); }, { arg: 'e' })));
tc.tracePromise(async () => 'done', { arg: 'p' }).then((v) => {
  console.log('promise', v, events.join(', '));
  tc.traceCallback((cb) => setImmediate(() => cb(null, 'cbres')), -1, { arg: 'cb' }, null, (err, r) => {
    console.log('callback', err, r, events.slice(-4).join(', '));
  });
});
console.log(tryIt(() => dc.channel(5)));

const zlib = require('zlib');
console.log(zlib.crc32('hello'), zlib.crc32(Buffer.from('world'), zlib.crc32('hello ')), zlib.crc32('hello world'), zlib.crc32(new Uint8Array(0)));
console.log(tryIt(() => zlib.crc32(5)), tryIt(() => zlib.crc32('x', -1)));

const fs = require('fs');
console.log(typeof fs.watch, typeof fs.watchFile, typeof fs.unwatchFile, typeof require('fs/promises').open);
