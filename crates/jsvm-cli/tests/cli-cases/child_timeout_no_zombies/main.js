// Children killed for their timeout (sync and async) are reaped: none is left a zombie, and
// the parent neither hangs on them nor waits out their sleep.
const cp = require('child_process');
const fs = require('fs');
const started = Date.now();

function zombies() {
  let n = 0;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid ...: comm may hold spaces, so split after its ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) === process.pid && state === 'Z') n++;
  }
  return n;
}

for (let i = 0; i < 3; i++) {
  const r = cp.spawnSync('sleep', ['30'], { timeout: 30 });
  console.log('sync', r.error.code, r.signal);
}
console.log('zombies after spawnSync:', zombies());
try {
  cp.execSync('exec sleep 30', { timeout: 30 });
} catch (e) {
  console.log('execSync', e.code, e.signal);
}

let left = 5;
for (let i = 0; i < 5; i++) {
  const c = cp.spawn('sleep', ['30'], { timeout: 30 + i * 10 });
  c.on('close', (code, signal) => {
    if (--left > 0) return;
    console.log('async last close', code, signal);
    console.log('zombies after spawn:', zombies());
    console.log('fast:', Date.now() - started < 10000);
  });
}
// A child that ignores SIGTERM, then SIGKILL: the loop waits for it, not longer.
const stubborn = cp.spawn('/bin/sh', ['-c', 'trap "" TERM; echo ready; exec sleep 30']);
stubborn.stdout.once('data', () => {
  stubborn.kill();
  setTimeout(() => stubborn.kill('SIGKILL'), 50);
});
let stubbornEnd = 'still running';
stubborn.on('exit', (code, signal) => { stubbornEnd = `${code} ${signal}`; });
process.on('exit', () => console.log('stubborn:', stubbornEnd, 'zombies at exit:', zombies()));
