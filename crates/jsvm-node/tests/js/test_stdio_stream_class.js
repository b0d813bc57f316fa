// process.stdout and stderr of a pipe or file: their methods are their class's, as Node's
// (pino tells a stream whose `write` a program replaced by `write !== constructor.prototype.write`,
// and writes to fd 1 itself, asynchronously, when it was not), and end() as Node's stdio.
'use strict';
for (const s of [process.stdout, process.stderr]) {
  console.log(s.write === s.constructor.prototype.write,
    Object.prototype.hasOwnProperty.call(s, 'write'), s.fd, s.isTTY, s.writable,
    s.writableLength, s.writableHighWaterMark, s.writableNeedDrain, s.writableEnded,
    typeof s.cork, typeof s.uncork, typeof s.end, typeof s.on);
}
const tampered = (stream) => stream.write !== stream.constructor.prototype.write;
console.log('tampered', tampered(process.stdout));
const original = process.stdout.write;
process.stdout.write = function (chunk, ...rest) { return original.call(this, `> ${chunk}`, ...rest); };
console.log('tampered', tampered(process.stdout));
process.stdout.write = original;
delete process.stdout.write;
console.log('tampered', tampered(process.stdout));
console.log('console 1');
process.stdout.write('stdout 2\n', (err) => {
  console.log('write callback', err);
  console.log('console 3');
  process.stdout.end('the end\n', (err2) => {
    process.stderr.write(`end callback ${err2}\n`);
    setTimeout(() => {
      process.stdout.write('written again\n', (err3) => console.log('callback', err3));
    }, 10);
  });
});
