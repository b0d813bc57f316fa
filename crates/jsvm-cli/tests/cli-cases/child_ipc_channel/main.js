// The IPC channel object of a forked child and of its parent, as Node's: an EventEmitter with
// ref(), unref(), refCounted() and unrefCounted() (execa counts references with the last two).
// A forked child stays alive while its count of 'message'/'disconnect' listeners (or its own
// refCounted() calls) is positive, unless ref() or unref() was called explicitly.
const cp = require('child_process');
const EventEmitter = require('events');
const mode = process.argv[2];
const run = (m) => new Promise((resolve) => {
  const c = cp.fork(__filename, [m]);
  c.on('message', (msg) => {
    console.log(`parent got ${JSON.stringify(msg)} from ${m}`);
    if (msg === 'ready') c.send({ go: m });
  });
  c.on('exit', (code) => { console.log(`${m} exited ${code}`); resolve(); });
});
if (mode === 'listener') {
  const ch = process.channel;
  console.log('child channel', typeof ch.ref, typeof ch.unref, typeof ch.refCounted,
    typeof ch.unrefCounted, typeof ch.hasRef, ch instanceof EventEmitter);
  // The listener keeps the child alive; removing it lets the child exit.
  const onMessage = (m) => {
    console.log('child got', m);
    process.removeListener('message', onMessage);
  };
  process.on('message', onMessage);
  process.send('ready');
} else if (mode === 'explicit') {
  // unref() is for good: a listener added after it does not keep the child alive.
  process.channel.unref();
  process.on('message', () => console.log('never'));
  console.log('explicit: unref, then a listener');
} else if (mode === 'counted') {
  // refCounted() alone keeps the child alive; unrefCounted() back to zero emits 'unref'.
  process.channel.refCounted();
  process.channel.on('unref', () => console.log('counted: unref event'));
  setTimeout(() => {
    console.log('counted: releasing');
    process.channel.unrefCounted();
  }, 50);
} else if (mode === 'none') {
  console.log('none: no listener, exits');
} else {
  (async () => {
    const c = cp.fork(__filename, ['none']);
    const ch = c.channel;
    console.log('parent channel', typeof ch.ref, typeof ch.unref, typeof ch.refCounted,
      typeof ch.unrefCounted, ch instanceof EventEmitter);
    await new Promise((resolve) => c.on('exit', resolve));
    for (const m of ['listener', 'explicit', 'counted']) await run(m);
  })();
}
