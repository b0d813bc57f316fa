// fs.watch with recursive: true, as Node 20 does it on Linux (a watcher per file and directory
// of the tree): entries already there when it starts are not told, a new directory's entries
// are told as renames relative to the root, a file's change and removal deep in the tree too.
// Each step waits for its last event (and a turn of the timers, so that the tree's new
// watchers are made) before the next; equal lines in a row are printed once.
const fs = require('fs');
const path = require('path');
const os = require('os');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-watch-r-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const at = (...p) => path.join(dir, ...p);
fs.writeFileSync(at('pre.txt'), 'p');
fs.mkdirSync(at('old'));
fs.writeFileSync(at('old', 'o.txt'), 'o');
const guard = setTimeout(() => {
  console.log('timed out');
  process.exit(1);
}, 20000);

const w = fs.watch(dir, { recursive: true });
console.log(w.constructor.name, Object.keys(w));
const steps = [
  ['rename sub/f.txt', () => {
    fs.mkdirSync(at('sub'));
    fs.writeFileSync(at('sub', 'f.txt'), 'x');
  }],
  ['change sub/f.txt', () => fs.appendFileSync(at('sub', 'f.txt'), 'y')],
  ['change pre.txt', () => fs.appendFileSync(at('pre.txt'), 'q')],
  ['change old/o.txt', () => fs.appendFileSync(at('old', 'o.txt'), 'q')],
  ['rename sub/f.txt', () => fs.unlinkSync(at('sub', 'f.txt'))],
];
let last = '';
let i = 0;
w.on('change', (type, name) => {
  const line = `${type} ${name}`;
  if (line !== last) console.log(line);
  last = line;
  if (i < steps.length && line === steps[i][0]) {
    i++;
    setTimeout(next, 20);
  }
});
w.on('close', () => {
  console.log('closed');
  clearTimeout(guard);
});
function next() {
  if (i < steps.length) steps[i][1]();
  else w.close();
}
next();
