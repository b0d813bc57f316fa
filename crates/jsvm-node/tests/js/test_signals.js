// Signals reaching process.on listeners: what the listeners see, what cannot be listened to,
// process.kill's checks, and (in children) the default action without a listener, after the
// last listener went, and that a listener alone does not keep the process alive.
'use strict';
const { spawn } = require('child_process');
const { Worker } = require('worker_threads');

// A signal listener does not keep the loop alive: this keeps it while the steps run.
const keepAlive = setInterval(() => {}, 60 * 1000);

function once(name) {
  return new Promise((resolve) => {
    process.once(name, (...args) => resolve(args));
  });
}

function show(label, f) {
  try {
    console.log(label, 'ok', f());
  } catch (e) {
    console.log(label, e.name, e.code, e.message, e.errno, e.syscall);
  }
}

// Runs `code` in a child jsvm/node; its stdout, exit code and signal.
function child(code) {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    c.stdout.setEncoding('utf8');
    c.stdout.on('data', (d) => { out += d; });
    c.on('close', (status, signal) => resolve({ out, status, signal }));
  });
}

const catchable = ['SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM',
  'SIGCHLD', 'SIGCONT', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGWINCH', 'SIGINT'];

async function main() {
  // Each signal, sent to this process, reaches its listener as (name, number).
  for (const name of catchable) {
    const got = once(name);
    process.kill(process.pid, name);
    const args = await got;
    console.log(name, args, process.listenerCount(name));
  }

  // A number works as well as a name; several listeners all run, in order.
  {
    const seen = [];
    const a = (s) => seen.push('a ' + s);
    const b = (s, n) => seen.push('b ' + n);
    process.on('SIGUSR2', a);
    process.on('SIGUSR2', b);
    const got = once('SIGUSR2');
    process.kill(process.pid, 12);
    await got;
    console.log('two listeners', seen);
    process.removeListener('SIGUSR2', a);
    process.removeListener('SIGUSR2', b);
  }

  // Signals sent before the loop looks are emitted each time, in the order they came.
  {
    const seen = [];
    const onUsr2 = (s) => seen.push(s);
    const onHup = (s) => seen.push(s);
    const onTerm = (s) => seen.push(s);
    process.on('SIGUSR2', onUsr2);
    process.on('SIGHUP', onHup);
    process.on('SIGTERM', onTerm);
    const done = new Promise((resolve) => process.once('SIGWINCH', resolve));
    process.kill(process.pid, 'SIGUSR2');
    process.kill(process.pid, 'SIGTERM');
    process.kill(process.pid, 'SIGHUP');
    process.kill(process.pid, 'SIGWINCH');
    await done;
    console.log('in order', seen);
    process.off('SIGUSR2', onUsr2);
    process.off('SIGHUP', onHup);
    process.off('SIGTERM', onTerm);
  }

  // A flood of one signal before the loop looks: every one is emitted, and a SIGINT sent
  // after them is not lost.
  {
    let usr2 = 0;
    const onUsr2 = () => usr2++;
    process.on('SIGUSR2', onUsr2);
    const int = new Promise((resolve) => process.once('SIGINT', resolve));
    for (let i = 0; i < 1000; i++) process.kill(process.pid, 'SIGUSR2');
    process.kill(process.pid, 'SIGINT');
    console.log('flood: SIGINT', await int, 'after', usr2, 'SIGUSR2');
    process.off('SIGUSR2', onUsr2);
  }

  // Two names of one signal: each emits it (sorted: Node's order among them is its handles'
  // addresses); one name's last listener gone, the other still hears it.
  {
    const seen = [];
    const onPoll = (s, n) => seen.push(`SIGPOLL listener ${s} ${n}`);
    const onIo = (s, n) => seen.push(`SIGIO listener ${s} ${n}`);
    process.on('SIGPOLL', onPoll);
    process.on('SIGIO', onIo);
    const both = Promise.all([once('SIGIO'), once('SIGPOLL')]);
    process.kill(process.pid, 'SIGIO');
    await both;
    process.off('SIGPOLL', onPoll);
    const done = once('SIGIO');
    process.kill(process.pid, 'SIGPOLL');
    await done;
    process.off('SIGIO', onIo);
    console.log('aliases', seen.slice(0, 2).sort(), seen.slice(2));
  }

  // A listener's ticks and microtasks run before the next listener's signal.
  {
    const seen = [];
    process.once('SIGUSR1', () => {
      seen.push('usr1');
      process.nextTick(() => seen.push('tick'));
      Promise.resolve().then(() => seen.push('microtask'));
    });
    const done = once('SIGUSR2');
    process.kill(process.pid, 'SIGUSR1');
    process.kill(process.pid, 'SIGUSR2');
    await done;
    console.log('ticks between', seen);
  }

  // SIGKILL and SIGSTOP cannot be listened to; the listener is not added.
  for (const name of ['SIGKILL', 'SIGSTOP']) {
    show(name, () => process.on(name, () => {}) === process);
    console.log(name, 'listeners', process.listenerCount(name));
  }
  // Names that are no signal are plain events.
  {
    const f = (...args) => console.log('SIGFOO listener', args);
    show('SIGFOO', () => process.on('SIGFOO', f) === process);
    process.emit('SIGFOO', 1);
    process.off('SIGFOO', f);
  }

  // process.kill's arguments, as Node checks them.
  show('kill pid 0', () => process.kill(process.pid, 0));
  show('kill string pid', () => process.kill(String(process.pid), 0));
  show('kill bad pid', () => process.kill('abc', 0));
  show('kill fraction pid', () => process.kill(1.5, 0));
  show('kill null pid', () => process.kill(null, 0));
  show('kill big pid', () => process.kill(2 ** 31, 0));
  show('kill unknown name', () => process.kill(process.pid, 'SIGFOO'));
  show('kill inherited name', () => process.kill(process.pid, 'toString'));
  show('kill bad number', () => process.kill(process.pid, 99));
  show('kill negative number', () => process.kill(process.pid, -1));
  show('kill fraction', () => process.kill(process.pid, 1.5));
  show('kill array', () => process.kill(process.pid, [1]));
  show('kill object', () => process.kill(process.pid, { a: 1 }));
  show('kill boolean', () => process.kill(process.pid, true));
  show('kill string number', () => process.kill(process.pid, '0'));
  show('kill no process', () => process.kill(2 ** 31 - 1, 0));

  // Children: the default actions.
  const cases = {
    // No listener: the signal's default action.
    'SIGTERM unheard': "process.kill(process.pid, 'SIGTERM'); setTimeout(() => console.log('survived'), 20000)",
    'SIGHUP unheard': "process.kill(process.pid, 'SIGHUP'); setTimeout(() => console.log('survived'), 20000)",
    // Ignored by default (SIGPIPE by Node itself).
    // SIGUSR1 starts Node's inspector (jsvm has none): the process goes on either way.
    'SIGUSR1 unheard': "process.kill(process.pid, 'SIGUSR1'); setTimeout(() => console.log('survived'), 100)",
    'SIGPIPE unheard': "process.kill(process.pid, 'SIGPIPE'); process.kill(process.pid, 'SIGWINCH'); console.log('survived')",
    // Listened to: the process goes on; a listener alone does not keep it alive.
    'SIGTERM heard': "process.on('SIGTERM', (s) => { console.log('listener', s); }); process.kill(process.pid, 'SIGTERM'); console.log('end of script')",
    'SIGTERM heard, kept alive': "const t = setInterval(() => {}, 1000); process.on('SIGTERM', (s, n) => { console.log('listener', s, n); clearInterval(t); }); process.kill(process.pid, 'SIGTERM')",
    // The last listener gone: the default action is back (SIGPIPE's too, as libuv leaves it).
    'SIGUSR2 after removal': "process.on('SIGUSR2', function f(s) { console.log('listener', s); process.removeListener(s, f); process.kill(process.pid, s); setTimeout(() => console.log('survived'), 20000); }); process.kill(process.pid, 'SIGUSR2'); setTimeout(() => {}, 20000)",
    'SIGPIPE after removal': "process.once('SIGPIPE', (s) => { console.log('listener', s); process.kill(process.pid, s); setTimeout(() => console.log('survived'), 20000); }); process.kill(process.pid, 'SIGPIPE'); setTimeout(() => {}, 20000)",
    'SIGHUP after removeAllListeners': "process.on('SIGHUP', () => {}); process.on('SIGHUP', () => {}); process.removeAllListeners('SIGHUP'); process.kill(process.pid, 'SIGHUP'); setTimeout(() => console.log('survived'), 20000)",
    // One listener of two removed: still listened to.
    'SIGUSR2 one of two removed': "const f = () => console.log('f'); process.on('SIGUSR2', f); process.once('SIGUSR2', () => { console.log('g'); }); process.off('SIGUSR2', f); process.kill(process.pid, 'SIGUSR2'); setTimeout(() => console.log('survived'), 500)",
    // A listener that throws: an uncaught exception.
    'listener throws': "process.on('SIGUSR2', () => { throw new Error('boom'); }); process.kill(process.pid, 'SIGUSR2'); setTimeout(() => console.log('survived'), 20000)",
  };
  for (const [name, code] of Object.entries(cases)) {
    const r = await child(code);
    console.log(name, JSON.stringify(r.out), r.status, r.signal);
  }

  // A server shut down gracefully on SIGTERM (sent once it listens).
  {
    const code = "const s = require('http').createServer((q, r) => r.end()); " +
      "s.listen(0, '127.0.0.1', () => console.log('listening')); " +
      "process.on('SIGTERM', (sig) => { console.log('got', sig); s.close(() => console.log('closed')); })";
    const c = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    c.stdout.setEncoding('utf8');
    c.stdout.on('data', (d) => {
      out += d;
      if (out === 'listening\n') c.kill('SIGTERM');
    });
    const [status, signal] = await new Promise((resolve) => c.on('close', (...a) => resolve(a)));
    console.log('server', JSON.stringify(out), status, signal);
  }

  // A worker's listeners are plain events: signals are the main thread's.
  await new Promise((resolve) => {
    const w = new Worker(`
      const { parentPort } = require('worker_threads');
      process.on('SIGUSR2', () => parentPort.postMessage('worker got SIGUSR2'));
      try {
        process.on('SIGKILL', () => {});
        parentPort.postMessage('worker: SIGKILL listener added');
      } catch (e) {
        parentPort.postMessage('worker: ' + e.message);
      }
      parentPort.on('message', () => process.exit(0));
      parentPort.postMessage('ready');
    `, { eval: true });
    w.on('message', async (m) => {
      console.log(m);
      if (m !== 'ready') return;
      const got = once('SIGUSR2');
      process.kill(process.pid, 'SIGUSR2');
      console.log('main got', await got);
      w.postMessage('bye');
    });
    w.on('exit', (code) => {
      console.log('worker exit', code);
      resolve();
    });
  });

  clearInterval(keepAlive);
}

main();
