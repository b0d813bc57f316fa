// A REPL server as programs built on it use it (CoffeeScript's REPL): its streams under their
// older names too, .save and .load, each evaluation a script of its own name, and errors
// shown as Node shows them (`Uncaught` after a script error's arrow; the REPL's own frames
// cut only from its own evaluation's errors).
const repl = require('repl');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { PassThrough } = require('stream');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'repl-api-'));
process.chdir(dir);
const saved = 'saved.js';
const loaded = 'loaded.js';
fs.writeFileSync(loaded, 'var fromFile = base * 2;\nfunction twice(n) {\n  return n * 2;\n}\ntwice(fromFile)\n');

const input = new PassThrough();
const r = repl.start({ prompt: 'js> ', input, output: process.stdout });
console.log(r.inputStream === input, r.outputStream === process.stdout);
console.log(Object.keys(r).includes('inputStream'));
input.write([
  'var base = 5',
  'function fail() { throw new RangeError("deep") }',
  'fail()',
  'throw 7',
  'throw { code: 1 }',
  `.load ${loaded}`,
  'fromFile',
  'var obj = {',
  'a: 1 }',
  'missing(',
  '2)',
  '',
  `.save ${saved}`,
  '.load /nonexistent/file.js',
  '',
].join('\n'));
input.end();
r.on('exit', () => {
  console.log(JSON.stringify(fs.readFileSync(saved, 'utf8')));

  // A REPL with its own evaluator: its errors keep all their frames.
  const input2 = new PassThrough();
  const r2 = repl.start({
    prompt: 'own> ',
    input: input2,
    output: process.stdout,
    eval(code, context, file, cb) {
      const err = new TypeError(`bad ${code.trim()} in ${/^REPL\d+$/.test(file)}`);
      err.stack = `${file}:1\n${code.trim()}\n^\n\n${err.name}: ${err.message}\n    at own (evaluator.js:1:1)`;
      cb(err);
    },
  });
  input2.end('one\ntwo\n');
  r2.on('exit', () => {
    process.chdir(os.tmpdir());
    fs.rmSync(dir, { recursive: true });
  });
});
