// repl.start over a fake terminal (terminal: true): what the REPL writes (prompt redraws, the
// echo of edited lines), a custom `eval` running code in a vm context, a custom writer,
// defineCommand, .editor, .break, Ctrl-C/Ctrl-D, history, completion, and the 'exit' event.
'use strict';
const repl = require('repl');
const vm = require('vm');
const { PassThrough } = require('stream');

function fakeTerminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  output.isTTY = true;
  output.columns = 60;
  let written = '';
  output.on('data', (d) => { written += d; });
  return { input, output, take() { const w = written; written = ''; return JSON.stringify(w); } };
}

function drive(name, r, t, keys, done) {
  console.log(name, 'start', t.take());
  let i = 0;
  const next = () => {
    if (i === keys.length) {
      if (done) done();
      return;
    }
    const k = keys[i++];
    t.input.write(k);
    // Each key is handled before the next one is sent (as typed).
    setImmediate(() => {
      console.log(name, JSON.stringify(k), '->', t.take());
      next();
    });
  };
  next();
}

// A calculator: a vm context of its own, a writer of its own.
const calc = fakeTerminal();
const sandbox = vm.createContext({ answer: 42 });
const r1 = repl.start({
  prompt: 'calc> ',
  input: calc.input,
  output: calc.output,
  terminal: true,
  useColors: false,
  eval(cmd, context, file, cb) {
    try {
      cb(null, vm.runInContext(cmd, sandbox, { filename: file }));
    } catch (e) {
      if (e.name === 'SyntaxError' && /end of input/.test(e.message)) return cb(new repl.Recoverable(e));
      cb(e);
    }
  },
  writer: (v) => `=> ${JSON.stringify(v)}`,
});
r1.defineCommand('hi', {
  help: 'Say hi',
  action(who) {
    this.clearBufferedCommand();
    this.output.write(`hi ${who}\n`);
    this.displayPrompt();
  },
});
r1.on('exit', () => console.log('calc exit event'));
drive('calc', r1, calc, [
  '1', '+', '1', '\r', 'answer * 2\r', 'function f() {\r', 'return 5 }\r', 'f()\r', '.hi bob\r',
  'nope(\r', ')\r', '\x1b[A', '\x1b[A', '\r', ')\r', 'ab', '\x1b[D', '\x7f', '\r', 'x = {\r', '.break\r',
  '.nothing\r', 'unfinished(\r', '\x03', '\x03', '\x03',
], () => {
  // The default eval, no preview: .editor, Ctrl-D, completion, _ and _error.
  const t = fakeTerminal();
  const r2 = repl.start({ prompt: 'js> ', input: t.input, output: t.output, terminal: true, useColors: false, preview: false });
  r2.context.answer = 42;
  r2.context.obj = { alpha: 1, beta: 2, alps: 3 };
  r2.on('exit', () => console.log('js exit event'));
  drive('js', r2, t, [
    'answer + 1\r', '_ * 2\r', 'null.x\r', '_error.constructor.name\r', '.editor\r',
    'const y = 2;\r', '  y * 3\r', '\x04', 'obj.al', '\t', '\t', 'p', '\t', '\r', '.he', '\t', '\r',
    'answ', '\t', '\r', '\x04',
  ]);
});
