// The names an import of a CommonJS file sees are read from its text (cjs_exports.rs) and
// written into a facade module: hostile and huge sources must give Node's names or an error,
// never a panic, an abort or a facade that does not compile. Node: the same names; the
// 20000-deep chain of re-exports is a RangeError in Node too.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cjs-names-'));
const cases = {
  // A name holding NUL then a digit: Rust's `{:?}` wrote `\01`, an octal escape, a SyntaxError
  // in the (strict) facade.
  nul_digit: "exports['\\0' + '1'] = 0; exports['\\x001'] = 1; exports['a\\u2028b'] = 2; exports['\\x7f\\x1b'] = 3;",
  quotes: "exports['\"'] = 1; exports['\\\\'] = 2; exports['${x}'] = 3; exports['</script>'] = 4; exports['a\\\nb'] = 5;",
  escapes: "exports['\\u{10FFFF}'] = 1; exports['\\u{110000}'] = 2; exports['\\uD800'] = 3; exports['\\u{+1}'] = 4; exports['\\x'] = 5;",
  literal_of_many: 'module.exports = {' + Array.from({ length: 20000 }, (_, i) => `n${i}: ${i}`).join(',') + '};',
  parens: '('.repeat(100000) + ')'.repeat(100000) + ';exports.x = 1',
  unclosed: 'exports.a = 1; ' + '('.repeat(100000),
  comments: ('exports.x/*' + ' '.repeat(1000) + '*/=1;').repeat(10000),
  unclosed_comment: 'exports.a = 1; exports /*' + ' '.repeat(1e6),
  getters: "Object.defineProperty(exports, 'g', { get: function () { throw 1 } }); Object.defineProperty(exports, 'h', { enumerable: true, get() { return a.b } }); var a = { b: 2 };",
};
for (const [name, src] of Object.entries(cases)) {
  const file = path.join(dir, `${name}.cjs`);
  fs.writeFileSync(file, src);
  try {
    const m = await import(pathToFileURL(file));
    const keys = Object.keys(m);
    console.log(name, keys.length, JSON.stringify(keys.slice(0, 6)));
  } catch (e) {
    console.log(name, e.name, e.message.split('\n')[0].slice(0, 60));
  }
}
// Chains of re-exports (`module.exports = require('./next')`), followed file by file.
for (const n of [2000, 20000]) {
  const chain = fs.mkdtempSync(path.join(dir, 'chain-'));
  for (let i = 0; i < n; i++) {
    fs.writeFileSync(path.join(chain, `f${i}.js`), i + 1 < n ? `module.exports = require('./f${i + 1}.js');` : 'exports.last = 1;');
  }
  try {
    const m = await import(pathToFileURL(path.join(chain, 'f0.js')));
    console.log('chain', n, JSON.stringify(Object.keys(m)));
  } catch (e) {
    // The stack's limit is met, some of the time inside a `require` compiling its wrapper,
    // where the engine's parser reported it as `SyntaxError: Missing formal parameter` when
    // the limit fell inside its look-ahead over the parameters (script/stack_limit.rs).
    console.log('chain', n, e.name, e.message);
  }
}
fs.rmSync(dir, { recursive: true });
console.log('done');
