// @clack/core's pattern: a tty.WriteStream over the terminal whose `_write` is replaced, as
// the output of a terminal readline Interface, so that what readline would draw is captured
// (strings reach `_write` undecoded, with their encoding) and the program draws on its own.
const tty = require('tty');
const readline = require('readline');
const sink = new tty.WriteStream(0);
let captured = [];
sink._write = (chunk, encoding, cb) => {
  captured.push([typeof chunk, encoding, String(chunk)]);
  cb();
};
console.log('write gives', sink.write('x', () => console.log('write callback')), sink.isTTY);
process.stdin.pipe(sink);
const rl = readline.createInterface({ input: process.stdin, output: sink, prompt: '', tabSize: 2 });
readline.emitKeypressEvents(process.stdin, rl);
rl.prompt();
process.stdin.setRawMode(true);
process.stdin.on('keypress', (s, key) => {
  console.log('line', JSON.stringify(rl.line), 'cursor', rl.cursor, 'captured', JSON.stringify(captured));
  captured = [];
  if (key.name === 'return') {
    rl.close();
    process.stdin.unpipe(sink);
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
});
