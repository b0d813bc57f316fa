// fork: an IPC channel both ways (JSON messages), disconnect from either side, event order.
const cp = require('child_process');
const path = require('path');

function parentDisconnects(next) {
  const child = cp.fork(path.join(__dirname, 'child.js'), ['echo']);
  const ev = [];
  console.log('connected', child.connected, typeof child.send, child.stdout);
  child.on('message', (m) => {
    ev.push(`message ${JSON.stringify(m)}`);
    if (m.ready) child.send({ list: [1, 'two', { three: 3 }], text: 'é\n"' });
    else child.disconnect();
  });
  child.on('disconnect', () => ev.push(`disconnect ${child.connected}`));
  // Node emits no 'close' when the parent itself disconnected: 'exit' is the end.
  child.on('exit', (code, signal) => {
    ev.push(`exit ${code} ${signal}`);
    console.log(ev.join('\n'));
    child.send('late', (err) => {
      console.log('send after disconnect:', err.code, err.message);
      next();
    });
  });
}

function childDisconnects(next) {
  const child = cp.fork(path.join(__dirname, 'child.js'), ['burst'], { silent: true });
  const ev = [];
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.on('message', (m) => ev.push(`message ${JSON.stringify(m)}`));
  child.on('disconnect', () => ev.push('disconnect'));
  child.on('exit', (code, signal) => ev.push(`exit ${code} ${signal}`));
  child.on('close', (code, signal) => {
    console.log(ev.filter((e) => !e.startsWith('exit')).join('\n'));
    console.log(`close ${code} ${signal}`, JSON.stringify(out));
    next();
  });
}

function noListener(next) {
  // A child that only sends exits on its own: without 'message' listeners the channel does
  // not keep it alive.
  const child = cp.fork(path.join(__dirname, 'child.js'), ['once']);
  child.on('message', (m) => console.log('once:', m));
  child.on('exit', (code) => {
    console.log('once exit', code);
    next();
  });
}

function badStdio() {
  try {
    cp.fork(path.join(__dirname, 'child.js'), [], { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    console.log(e.code, e.message);
  }
}

parentDisconnects(() => childDisconnects(() => noListener(badStdio)));
