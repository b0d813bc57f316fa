// readline.Interface with `terminal: true` over a fake terminal: what it writes to the output
// (the escapes of prompt and line redraws), the lines it gives, line editing keys, history,
// the kill ring, undo/redo, completion, events, and readline/promises.
'use strict';
const readline = require('readline');
const readlinePromises = require('readline/promises');
const { PassThrough } = require('stream');

function fakeTerminal(columns = 80) {
  const input = new PassThrough();
  const output = new PassThrough();
  output.isTTY = true;
  output.columns = columns;
  let written = '';
  output.on('data', (d) => { written += d; });
  input.setRawMode = (mode) => {
    console.log('setRawMode', mode);
    input.isRaw = mode;
  };
  return { input, output, take() { const w = written; written = ''; return JSON.stringify(w); } };
}

function session(name, options, keys, after) {
  const t = fakeTerminal(options.columns);
  const rl = readline.createInterface({ input: t.input, output: t.output, terminal: true, ...options });
  for (const ev of ['close', 'pause', 'resume', 'SIGCONT']) rl.on(ev, () => console.log(name, 'event', ev));
  rl.on('line', (line) => console.log(name, 'line', JSON.stringify(line), 'history', JSON.stringify(rl.history)));
  rl.on('history', (h) => console.log(name, 'history event', h.length));
  if (options.sigint) rl.on('SIGINT', () => console.log(name, 'SIGINT', JSON.stringify(rl.line)));
  rl.setPrompt(options.promptText || '> ');
  rl.prompt();
  console.log(name, 'prompt wrote', t.take());
  for (const k of keys) {
    if (Array.isArray(k)) rl.write(...k);
    else t.input.write(k);
    console.log(name, JSON.stringify(k), '->', t.take(), 'line', JSON.stringify(rl.line), 'cursor', rl.cursor,
      JSON.stringify(rl.getCursorPos()), JSON.stringify(rl._getCursorPos()));
  }
  if (after) after(rl, t);
  return rl;
}

session('edit', {}, [
  'h', 'e', 'l', 'l', 'o', '\x1b[D', '\x1b[D', 'X', '\x7f', '\x1b[3~', '\x01', '\x05', '\x02',
  '\x06', '\x1b[H', '\x1b[F', ' world', '\x1bb', '\x1bf', '\x1b[1;5D', '\x1b[1;5C', '\x17',
  '\x19', '\x0b', '\x15', '\x19', 'tail', '\x1f', '\x1f', '\x1e', '\x0c', '\r',
]);
session('history', { history: ['older', 'old two'], removeHistoryDuplicates: true }, [
  'first\r', 'second\r', '\x1b[A', '\x1b[A', '\x1b[A', '\x1b[A', '\x1b[B', '\x10', '\x0e',
  '\r', 'f', '\x1b[A', '\x1b[B', '\x1b[B', 'irst\r', '   \r', '\r',
]);
session('wrap', { columns: 10, promptText: 'abc> ' }, [
  '12345', '6', '7890', 'abcde', '\x1b[D', '\x01', '\x05', 'xyz', '\x15', 'wide：字字字', '\r',
]);
session('paste', {}, ['one\rtwo\rthr', 'ee\r\n', 'four\r', '\nfive\n', ['six'], ['', { ctrl: true, name: 'a' }], ['<', {}], ['\r']]);
session('sigint', { sigint: true }, ['abc', '\x03', '\x04', '\x1b[D', '\x04', '\x01', '\x04']);
session('close', {}, ['abc', '\x03', 'more'], (rl) => {
  try {
    rl.question('q? ', () => {});
  } catch (err) {
    console.log('close question', err.code);
  }
});
session('eof', {}, ['\x04']);
session('escape', {}, ['a', '\x1b', 'b', '\x1b\x1b', 'c', '\x1b[99x', 'd']);

// Completion: one match completes, several list on the second tab.
const names = ['apple', 'apricot', 'banana', 'blueberry', 'cherry'];
session('complete', {
  columns: 30,
  completer(line) {
    const word = line.split(' ').pop();
    return [names.filter((n) => n.startsWith(word)), word];
  },
}, ['a', '\t', 'r', '\t', '\r', 'b', '\t', '\t', 'l', '\t', '\r', 'z', '\t', '\t', '\r']);
session('complete-cb', {
  completer(line, cb) {
    if (line === 'err') cb(new Error('no completion'));
    else cb(null, [['ab', 'ac'], line]);
  },
}, ['a', '\t', '\t', 'err', '\t', '\r']);

// question: the prompt is the query, then back to the old prompt.
const q = fakeTerminal();
const rlq = readline.createInterface({ input: q.input, output: q.output, prompt: 'P> ', terminal: true });
rlq.question('name? ', (answer) => {
  console.log('answer', JSON.stringify(answer), JSON.stringify(q.take()), rlq.getPrompt());
  rlq.prompt();
  console.log('after', q.take());
  rlq.close();
  console.log('closed', rlq.closed, rlq.terminal);
});
q.input.write('Ada\r');

// readline/promises with a terminal.
(async () => {
  const p = fakeTerminal();
  const rlp = readlinePromises.createInterface({ input: p.input, output: p.output, terminal: true });
  setTimeout(() => p.input.write('blue\x1b[Dx\r'), 5);
  const answer = await rlp.question('colour? ');
  console.log('promise answer', JSON.stringify(answer), p.take());
  setTimeout(() => p.input.write('\x03'), 5);
  try {
    await rlp.question('again? ');
  } catch (err) {
    console.log('promise rejected', err.name, err.code, err.message, p.take());
  }
  const c = new AbortController();
  const rlp2 = readlinePromises.createInterface({ input: p.input, output: p.output, terminal: true });
  setTimeout(() => c.abort(), 5);
  try {
    await rlp2.question('abort? ', { signal: c.signal });
  } catch (err) {
    console.log('abort', err.name, err.code, p.take());
  }
  rlp2.close();
  const r = new readlinePromises.Readline(p.output);
  r.cursorTo(1).moveCursor(2, -1).clearLine(0).clearScreenDown().cursorTo(3, 4);
  await r.commit();
  console.log('Readline', p.take());
  r.moveCursor(0, 0).clearLine(1).rollback();
  await r.commit();
  console.log('rollback', p.take());
  // TERM=dumb: no redraws, the keys echoed.
  process.env.TERM = 'dumb';
  const d = fakeTerminal();
  const rld = readline.createInterface({ input: d.input, output: d.output, terminal: true });
  rld.on('line', (line) => console.log('dumb line', JSON.stringify(line)));
  rld.prompt();
  d.input.write('ab\x1b[Dc\r');
  console.log('dumb wrote', d.take());
  rld.close();
})();
