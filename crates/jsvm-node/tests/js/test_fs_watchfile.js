// fs.watchFile / unwatchFile (stat polling): a path not there yet is told once with empty stats,
// then its creation, each change of its stats and its removal, as (curr, prev); unwatchFile
// stops the watcher ('stop'). Each step waits for its event before the next. Then the
// listener and interval checks, the one watcher per path, and persistent: false (the program
// ends with that watcher running).
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-watchfile-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'a.txt');
const guard = setTimeout(() => {
  console.log('timed out');
  process.exit(1);
}, 20000);

const brief = (s) => `size=${s.size} file=${s.isFile()} nlink=${s.nlink} blksize=${s.blksize} ` +
  `ino=${s.ino === 0 ? 0 : 'n'} mtime=${s.mtimeMs === 0 ? 0 : 'n'} ${s.mtime instanceof Date}`;
const steps = [
  () => fs.writeFileSync(file, 'abc'),
  () => fs.writeFileSync(file, 'abcdef'),
  () => fs.unlinkSync(file),
  () => fs.writeFileSync(file, 'z'),
  () => fs.unwatchFile(file),
];
let i = 0;
const listener = (curr, prev) => {
  console.log(`change ${i}: curr ${brief(curr)}; prev ${brief(prev)}`);
  setTimeout(() => steps[i++](), 30);
};
const sw = fs.watchFile(file, { interval: 20 }, listener);
console.log(sw.constructor.name, Object.keys(sw), sw instanceof require('events'));
console.log('same watcher for the same path:', fs.watchFile(file, { interval: 20 }, listener) === sw,
  sw.listenerCount('change'));
fs.unwatchFile(file, listener); // one of the two goes
console.log('listeners after unwatching one:', sw.listenerCount('change'));
sw.on('stop', () => {
  console.log('stop');
  clearTimeout(guard);
  const show = (f) => {
    try {
      f();
      console.log('no error');
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
  };
  show(() => fs.watchFile(file));
  show(() => fs.watchFile(file, { interval: -1 }, () => {}));
  show(() => fs.watchFile(5, () => {}));
  fs.unwatchFile(path.join(dir, 'never-watched'));
  const quiet = fs.watchFile(path.join(dir, 'b.txt'), { persistent: false, interval: 10 }, () => {});
  console.log('unref/ref return the watcher:', quiet.unref() === quiet, quiet.ref() === quiet);
  quiet.unref();
  process.on('exit', () => console.log('exit'));
});
