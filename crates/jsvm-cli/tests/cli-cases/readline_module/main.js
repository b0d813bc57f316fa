const readline = require('readline');
const { PassThrough, Readable, Writable } = require('stream');

function capture() {
  const out = [];
  const w = new Writable({ write(c, e, cb) { out.push(c.toString()); cb(); } });
  w.text = () => out.join('');
  return w;
}

(async () => {
  // 'line' and 'close', all line endings, a last line without one, a split \r\n.
  await new Promise((resolve) => {
    const input = new PassThrough();
    const rl = readline.createInterface({ input });
    const events = [];
    rl.on('line', (l) => events.push(`line ${JSON.stringify(l)}`));
    rl.on('pause', () => events.push('pause'));
    rl.on('close', () => { events.push('close'); console.log(events.join('\n')); resolve(); });
    input.write('a\r\nb\nc');
    input.write('d\r');
    input.write('\ne\rf\n\n');
    input.write(Buffer.from([0xe2, 0x82]));
    input.write(Buffer.from([0xac, 0x0a]));
    input.end('last');
  });

  // question with an output stream, then close.
  await new Promise((resolve) => {
    const input = new PassThrough();
    const output = capture();
    const rl = readline.createInterface({ input, output, prompt: '$ ' });
    console.log('terminal', rl.terminal, 'prompt', rl.getPrompt());
    rl.question('name? ', (answer) => {
      console.log('answer', answer, JSON.stringify(output.text()));
      rl.on('line', (l) => console.log('after question', l));
      rl.prompt();
      input.write('more\n');
      rl.close();
      console.log('closed', rl.closed, JSON.stringify(output.text()));
      try { rl.question('again?', () => {}); } catch (e) { console.log(e.name, e.code, e.message); }
      resolve();
    });
    input.write('jsvm\n');
  });

  // The async iterator.
  const rl = readline.createInterface({ input: Readable.from(['one\ntw', 'o\nthree']) });
  const lines = [];
  for await (const line of rl) lines.push(line);
  console.log('iterated', lines);

  // readline/promises.
  const rlp = require('readline/promises');
  console.log(readline.promises === rlp, typeof rlp.Interface);
  const input = new PassThrough();
  const output = capture();
  const r2 = rlp.createInterface({ input, output });
  const p = r2.question('how many? ');
  input.write('42\n');
  console.log('promised answer', await p, JSON.stringify(output.text()));
  r2.close();

  // The cursor helpers.
  const o = capture();
  readline.cursorTo(o, 3);
  readline.cursorTo(o, 3, 4);
  readline.moveCursor(o, -2, 1);
  readline.clearLine(o, 0);
  readline.clearScreenDown(o);
  console.log(JSON.stringify(o.text()));
})();
