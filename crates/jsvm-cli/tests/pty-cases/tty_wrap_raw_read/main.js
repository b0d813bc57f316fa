// What readline-sync does: raw mode through process.binding('tty_wrap') handles, and
// synchronous reads of /dev/tty, one key at a time.
const fs = require('fs');
const { TTY, isTTY } = process.binding('tty_wrap');
console.log('isTTY', isTTY(0), isTTY(1), typeof process.stdin._handle.setRawMode);
process.stdin.pause();
const fd = fs.openSync('/dev/tty', 'r');
const tty = new TTY(fd, false);
const size = [];
console.log('size', tty.getWindowSize(size), size);
console.log('raw', tty.setRawMode(true));
process.stdout.write('type: ');
const buf = Buffer.alloc(1);
let text = '';
const nap = new Int32Array(new SharedArrayBuffer(4));
for (;;) {
  let n;
  try {
    n = fs.readSync(fd, buf, 0, 1);
  } catch (err) {
    // (node's terminal may be non-blocking: wait for the key)
    if (err.code !== 'EAGAIN') throw err;
    Atomics.wait(nap, 0, 0, 20);
    continue;
  }
  const ch = buf.toString('utf8', 0, n);
  if (ch === '\r') break;
  text += ch;
  process.stdout.write('*');
}
console.log('\nread', JSON.stringify(text), 'cooked', tty.setRawMode(false));
console.log('handle raw', process.stdin._handle.setRawMode(true), process.stdin._handle.setRawMode(false));
