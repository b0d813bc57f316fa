// Node's builtins do not read the program's globals: a sandbox that strips the global scope
// (postman-sandbox deletes every global it does not allow, `process` and `globalThis`
// included) can still load builtins and print through `console`, and fake timers that
// replace the timer globals and `timers`' exports do not take over the builtins' own
// callbacks (fs.readFile's completes on the loop, not when the fake clock ticks).
const fs = require('fs');
const timers = require('timers');
const write = process.stdout.write.bind(process.stdout);

// Fake timers: callbacks wait in a queue until `tick` runs them.
const queued = [];
const fake = (fn, ...args) => { queued.push(() => fn(...args)); return queued.length; };
const saved = {};
for (const name of ['setTimeout', 'setImmediate', 'setInterval', 'queueMicrotask']) {
  saved[name] = globalThis[name];
  globalThis[name] = fake;
  if (name in timers) timers[name] = fake;
}
function tick(label) {
  write(`tick ${label}: ${queued.length} queued\n`);
  while (queued.length) queued.shift()();
}
fs.readFile(__filename, 'utf8', (err, text) => {
  write(`readFile callback: ${err === null} ${text.startsWith('// Node')}\n`);
  for (const name of Object.keys(saved)) globalThis[name] = saved[name];
  stripped();
});
setTimeout(() => write('fake timer ran\n'), 10);
tick('before the loop');

function stripped() {
  // Delete what a stripping sandbox deletes, then use builtins not loaded yet.
  require('vm').runInThisContext(`
    for (const name of ['process', 'Buffer', 'globalThis', 'global', 'URL', 'TextEncoder']) {
      delete this[name];
    }
  `);
  write(`after deleting: ${typeof process} ${typeof Buffer} ${typeof globalThis}\n`);
  console.log('console loaded after process was deleted:', typeof console.log);
  const { inspect } = require('util');
  console.log(inspect({ nested: { map: new Map([[1, 'one']]) } }));
  const v8 = require('v8');
  console.log('v8 round trip:', v8.deserialize(v8.serialize({ list: [1, 2], when: new Date(0) })));
  const zlib = require('zlib');
  console.log('zlib:', zlib.gunzipSync(zlib.gzipSync('squeezed')).toString());
  const { EventEmitter } = require('events');
  const emitter = new EventEmitter();
  emitter.on('ready', (v) => console.log('event:', v));
  emitter.emit('ready', 42);
  console.log('path:', require('path').resolve('a/b').endsWith('a/b'), require('os').EOL === '\n');
  require('dns').lookup('localhost', { family: 4 }, (err, address) => console.log('dns lookup:', err === null, address));
  new (require('stream').PassThrough)().on('data', (d) => console.log('stream:', String(d))).end('flowing');
}
