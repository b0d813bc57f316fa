// What prompt libraries do by hand: keypress events in raw mode, a menu redrawn with cursor
// moves, then readline/promises with a terminal.
const readline = require('readline');
const readlinePromises = require('readline/promises');
const { stdin, stdout } = process;
const items = ['red', 'green', 'blue'];
let at = 0;
function draw(first) {
  if (!first) readline.moveCursor(stdout, 0, -items.length);
  for (let i = 0; i < items.length; i++) {
    readline.clearLine(stdout, 0);
    readline.cursorTo(stdout, 0);
    stdout.write(`${i === at ? '>' : ' '} ${items[i]}\n`);
  }
}
readline.emitKeypressEvents(stdin);
stdin.setRawMode(true);
console.log('pick a colour', stdin.isRaw);
draw(true);
async function ask() {
  const rl = readlinePromises.createInterface({ input: stdin, output: stdout });
  const size = await rl.question('size? ');
  console.log('size', JSON.stringify(size));
  try {
    await rl.question('last? ');
  } catch (err) {
    console.log('rejected', err.name, err.message);
  }
  console.log('raw at the end', stdin.isRaw);
}
function onKey(s, key) {
  if (key.name === 'down') at = (at + 1) % items.length;
  else if (key.name === 'up') at = (at + items.length - 1) % items.length;
  else if (key.name === 'return') {
    stdin.removeListener('keypress', onKey);
    stdin.setRawMode(false);
    console.log('chose', items[at], JSON.stringify(key));
    ask();
    return;
  } else {
    console.log('key', JSON.stringify(s), JSON.stringify(key));
    return;
  }
  draw(false);
}
stdin.on('keypress', onKey);
