// spawn on the event loop: event order, streams, exit codes and signals, kill, errors, exec.
// Each step starts when the one before has closed, so the output does not depend on timing.
const cp = require('child_process');

const steps = [
  function exitCode(next) {
    const ev = [];
    const c = cp.spawn('/bin/sh', ['-c', 'echo out; echo err >&2; exit 3']);
    console.log('pid is a number:', typeof c.pid === 'number', c.exitCode, c.signalCode);
    let out = '';
    let err = '';
    c.on('spawn', () => ev.push('spawn'));
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('exit', (code, signal) => ev.push(`exit ${code} ${signal}`));
    c.on('close', (code, signal) => {
      ev.push(`close ${code} ${signal}`);
      // 'exit' may come before or after the pipes close; 'close' is last.
      console.log(ev[0], ev[ev.length - 1], ev.length, JSON.stringify(out), JSON.stringify(err), c.exitCode);
      next();
    });
  },
  function stdin(next) {
    const c = cp.spawn('cat');
    let out = '';
    c.stdout.setEncoding('utf8');
    c.stdout.on('data', (d) => { out += d; });
    c.on('close', (code) => {
      console.log('cat', code, JSON.stringify(out));
      next();
    });
    c.stdin.write('hello ');
    c.stdin.end(Buffer.from('world'));
  },
  function missing(next) {
    const ev = [];
    const c = cp.spawn('nosuchcmd-jsvm', ['x'], { stdio: 'pipe' });
    console.log('pid', c.pid, c.stdout !== null);
    c.on('spawn', () => ev.push('spawn'));
    c.on('exit', () => ev.push('exit'));
    c.on('error', (e) => {
      ev.push('error');
      console.log(e.message, e.code, e.errno, e.syscall, e.path, e.spawnargs, Object.keys(e));
    });
    c.on('close', (code, signal) => {
      console.log(ev, 'close', code, signal);
      next();
    });
  },
  function kill(next) {
    const c = cp.spawn('sleep', ['30']);
    c.on('spawn', () => {
      console.log('kill:', c.kill(), c.killed);
    });
    c.on('exit', (code, signal) => console.log('exit', code, signal, c.signalCode, c.exitCode));
    c.on('close', (code, signal) => {
      console.log('close', code, signal, 'kill again:', c.kill());
      next();
    });
  },
  function killSignal(next) {
    const c = cp.spawn('sleep', ['30']);
    c.on('spawn', () => c.kill('SIGKILL'));
    c.on('close', (code, signal) => {
      console.log('SIGKILL close', code, signal);
      try {
        c.kill('SIGNOPE');
      } catch (e) {
        console.log(e.code, e.message);
      }
      next();
    });
  },
  function timeout(next) {
    const c = cp.spawn('sleep', ['30'], { timeout: 50, killSignal: 'SIGINT' });
    c.on('close', (code, signal) => {
      console.log('timeout close', code, signal, c.killed);
      next();
    });
  },
  function self(next) {
    const c = cp.spawn(process.execPath, ['-e', 'console.log(process.argv.slice(1)); console.error("e"); process.exit(4)', 'a1']);
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('close', (code) => {
      console.log('self', code, JSON.stringify(out), JSON.stringify(err));
      next();
    });
  },
  function unreadOutput(next) {
    // Nobody reads stdout: it is drained after exit, so 'close' still comes.
    const c = cp.spawn('/bin/sh', ['-c', 'echo ignored']);
    c.on('close', (code) => {
      console.log('unread close', code);
      next();
    });
  },
  function inherit(next) {
    const c = cp.spawn('/bin/sh', ['-c', 'echo inherited'], { stdio: 'inherit' });
    c.on('close', (code) => {
      console.log('inherit close', code, c.stdin, c.stdout, c.stderr);
      next();
    });
  },
  function exec(next) {
    cp.exec('echo a; echo b >&2', (err, stdout, stderr) => {
      console.log('exec', err, JSON.stringify(stdout), JSON.stringify(stderr));
      cp.exec('echo partial; exit 4', (err2, stdout2) => {
        console.log('exec fail', JSON.stringify(err2.message), err2.code, err2.killed, err2.signal, err2.cmd, JSON.stringify(stdout2));
        next();
      });
    });
  },
  function execFile(next) {
    cp.execFile('sleep', ['30'], { timeout: 50 }, (err) => {
      console.log('execFile timeout', err.killed, err.signal, err.code, JSON.stringify(err.message));
      cp.execFile('/bin/sh', ['-c', 'echo 0123456789'], { maxBuffer: 4 }, (err2, stdout) => {
        console.log('maxBuffer', err2.code, err2.message, JSON.stringify(stdout));
        cp.execFile('nosuchcmd-jsvm', (err3) => {
          console.log('execFile missing', err3.code, err3.message, err3.cmd);
          next();
        });
      });
    });
  },
  function promisified(next) {
    require('util').promisify(cp.exec)('echo promised').then(({ stdout, stderr }) => {
      console.log('promisify', JSON.stringify(stdout), JSON.stringify(stderr));
      next();
    });
  },
];

function run(i) {
  if (i < steps.length) {
    console.log(`-- ${steps[i].name}`);
    steps[i](() => run(i + 1));
  }
}
run(0);
process.on('exit', (code) => console.log('parent exit', code));
