// readline over the terminal's stdin and stdout: raw mode while the interface is open, the
// prompt redrawn as keys edit the line, history, Ctrl-C as 'SIGINT', and the terminal's size
// and colours as tty.WriteStream reports them.
const readline = require('readline');
const out = process.stdout;
console.log('tty', process.stdin.isTTY, out.isTTY, out.columns, out.rows, out.getWindowSize(),
  out.hasColors(), out.getColorDepth(), out.hasColors(256, { TERM: 'xterm-256color' }));
const rl = readline.createInterface({ input: process.stdin, output: out });
console.log('terminal', rl.terminal, 'raw', process.stdin.isRaw);
rl.on('history', (h) => console.log('\nhistory', JSON.stringify(h)));
rl.on('SIGINT', () => {
  console.log('\nSIGINT with', JSON.stringify(rl.line), rl.cursor);
  rl.prompt(true);
});
rl.question('name? ', (name) => {
  console.log('hello', JSON.stringify(name), rl.getCursorPos());
  rl.setPrompt('cmd> ');
  rl.prompt();
  rl.on('line', (line) => {
    console.log('line', JSON.stringify(line));
    if (line === 'quit') rl.close();
    else rl.prompt();
  });
});
rl.on('close', () => {
  console.log('closed, raw', process.stdin.isRaw);
  out.cursorTo(3);
  out.moveCursor(1, 0);
  out.clearLine(1);
  readline.cursorTo(out, 0);
  readline.clearScreenDown(out);
  console.log('done');
});
