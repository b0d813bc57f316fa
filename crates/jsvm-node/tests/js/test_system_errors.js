// util.getSystemErrorName / getSystemErrorMap: libuv's names, and the codes fs errors carry.
const util = require('util');
const fs = require('fs');
const os = require('os');
const path = require('path');

const map = util.getSystemErrorMap();
console.log(map instanceof Map, map.size > 80, map === util.getSystemErrorMap());
for (const [errno, [code, message]] of [...map].sort((a, b) => b[0] - a[0])) {
  console.log(errno, code, message, util.getSystemErrorName(errno) === code);
}
console.log(util.getSystemErrorName(-99999));
for (const bad of [2, 0, -1.5, NaN, Infinity, 'x', null, undefined, -(2 ** 60)]) {
  try {
    console.log(util.getSystemErrorName(bad));
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}

// What fs errors say, and that their errno names back.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'syserr-'));
const tries = [
  () => fs.mkdirSync(dir),
  () => fs.rmdirSync(path.dirname(path.join(dir, 'x')) + '/missing'),
  () => { fs.writeFileSync(path.join(dir, 'f'), 'x'); fs.mkdirSync(path.join(dir, 'f', 'g')); },
  () => { fs.mkdirSync(path.join(dir, 'd')); fs.writeFileSync(path.join(dir, 'd', 'x'), ''); fs.rmdirSync(path.join(dir, 'd')); },
  () => fs.readFileSync(dir),
  () => fs.symlinkSync('f', path.join(dir, 'f')),
];
for (const t of tries) {
  try {
    t();
    console.log('no error');
  } catch (e) {
    console.log(e.code, e.syscall, util.getSystemErrorName(e.errno) === e.code, e.message.replace(dir, '<dir>'));
  }
}
fs.rmSync(dir, { recursive: true });
