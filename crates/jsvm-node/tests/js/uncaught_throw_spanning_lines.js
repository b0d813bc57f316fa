// The arrow over an uncaught error thrown by a `throw` whose value spans several lines marks
// the `throw` statement's line (the engine places the throw at the value's last part), as
// Node's does.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throw-lines-'));
const cases = {
  'new-error.js': 'function f() {\n  throw new Error(\n    "a" +\n      "b",\n  );\n}\nf();\n',
  'parenthesized.js': 'function g() {\n  const e = new TypeError("x");\n  throw (\n    e\n  );\n}\ng();\n',
  'value.js': 'let n = 1;\nif (n) throw {\n  code: 42,\n};\n',
  'rethrown.js': 'try {\n  null.x;\n} catch (err) {\n  throw Object.assign(err,\n    { extra: 1 });\n}\n',
  'one-line.js': 'const x = 1; throw new RangeError(\n  "r");\n',
};
for (const [name, source] of Object.entries(cases)) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  const head = r.stderr.split('\n').slice(0, 3).join('\n').split(dir + path.sep).join('');
  console.log(`--- ${name} (exit ${r.status})\n${head}`);
}
fs.rmSync(dir, { recursive: true });
