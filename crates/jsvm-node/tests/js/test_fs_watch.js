// fs.watch on a directory and on a file: each step changes the tree once and waits for its last
// event before the next. The kernel keeps the events in order but may merge two equal ones that
// follow each other, so equal lines in a row are printed once. Then the options and errors:
// encoding 'buffer', two watchers of one path, close, signal, persistent: false (the program
// must end with that watcher open), unref, and the errors of a bad path or argument.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-watch-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const at = (...p) => path.join(dir, ...p);
const shown = (s) => String(s).split(dir).join('<dir>');
const guard = setTimeout(() => {
  console.log('timed out');
  process.exit(1);
}, 20000);

// Runs `steps` ([expected 'type name', action]) against `watcher`, then calls `done`.
function drive(label, watcher, steps, done) {
  let last = '';
  let i = 0;
  watcher.on('change', (type, name) => {
    const line = `${label}: ${type} ${Buffer.isBuffer(name) ? `<Buffer ${name}>` : name}`;
    if (line !== last) console.log(line);
    last = line;
    if (i < steps.length && `${type} ${name}` === steps[i][0]) {
      i++;
      setImmediate(next);
    }
  });
  function next() {
    if (i < steps.length) steps[i][1]();
    else done();
  }
  next();
}

function directory(done) {
  const w = fs.watch(dir);
  console.log('watcher', w.constructor.name, w instanceof require('events'), Object.keys(w));
  w.on('close', () => {
    console.log('directory watcher closed');
    done();
  });
  drive('dir', w, [
    ['change a.txt', () => fs.writeFileSync(at('a.txt'), 'one')],
    ['rename b.txt', () => fs.renameSync(at('a.txt'), at('b.txt'))],
    ['change b.txt', () => fs.appendFileSync(at('b.txt'), 'two')],
    ['rename sub', () => fs.mkdirSync(at('sub'))],
    ['rename b.txt', () => fs.unlinkSync(at('b.txt'))],
    ['rename sub', () => fs.rmdirSync(at('sub'))],
  ], () => {
    w.close();
    w.close(); // a second close does nothing
  });
}

function file(done) {
  fs.writeFileSync(at('f.txt'), 'x');
  const w = fs.watch(at('f.txt'), { encoding: 'buffer' });
  w.on('close', () => {
    console.log('file watcher closed');
    done();
  });
  drive('file', w, [
    ['change f.txt', () => fs.appendFileSync(at('f.txt'), 'y')],
    ['rename f.txt', () => fs.unlinkSync(at('f.txt'))],
  ], () => w.close());
}

function twoWatchers(done) {
  const seen = [];
  const w1 = fs.watch(dir, (type, name) => seen.push(`w1 ${type} ${name}`));
  const w2 = fs.watch(dir, (type, name) => {
    seen.push(`w2 ${type} ${name}`);
    if (name === 'c') {
      w2.close();
      fs.writeFileSync(at('d'), '');
    }
  });
  w1.on('change', (type, name) => {
    if (name === 'd') {
      w1.close();
      console.log([...new Set(seen)].sort().join(', '));
      done();
    }
  });
  fs.writeFileSync(at('c'), '');
}

function signals(done) {
  const ac = new AbortController();
  const w = fs.watch(dir, { signal: ac.signal });
  w.on('close', () => {
    console.log('aborted watcher closed');
    const w2 = fs.watch(dir, { signal: AbortSignal.abort() });
    w2.on('close', () => {
      console.log('watcher of an aborted signal closed');
      done();
    });
  });
  ac.abort();
}

function errors() {
  const show = (f) => {
    try {
      f();
      console.log('no error');
    } catch (e) {
      console.log(e.name, e.code, shown(e.message), e.errno, e.syscall, shown(e.path), shown(e.filename));
    }
  };
  show(() => fs.watch(at('missing')));
  show(() => fs.watch(at('missing', 'deeper'), { recursive: true }));
  show(() => fs.watch(5));
  show(() => fs.watch(dir, 5));
  show(() => fs.watch(dir, { encoding: 'nope' }));
  show(() => fs.watch(dir, { signal: 'x' }));
  show(() => fs.watch(dir, { recursive: 1 }));
  const w = fs.watch(dir, 'utf8');
  console.log('ref/unref return the watcher:', w.ref() === w, w.unref() === w);
  // Unref'd and not persistent: neither keeps the program running.
  fs.watch(dir, { persistent: false });
  process.on('exit', () => console.log('exit'));
}

directory(() => file(() => twoWatchers(() => signals(() => {
  clearTimeout(guard);
  errors();
}))));
