// The arrow over an uncaught error marks where it was last thrown: a rethrow in a catch, at
// the top level or in another function (or file), moves it there.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-rethrow-'));
const programs = {
  'top.js': 'function f() {\n  throw new Error("x");\n}\ntry {\n  f();\n} catch (e) {\n  throw e;\n}\n',
  'inner.js': 'function f() {\n  throw new Error("x");\n}\nfunction g() {\n  try { f(); } catch (e) { throw e; }\n}\ng();\n',
  'twice.js': 'function f() { throw new TypeError("t"); }\nfunction g() { try { f(); } catch (e) { throw e; } }\nfunction h() {\n  try { g(); } catch (err) {\n    if (err) throw err;\n  }\n}\nh();\n',
  'lib.js': 'exports.run = function (f) {\n  try { f(); } catch (e) { throw e; }\n};\n',
  'other.js': 'require("./lib").run(() => { throw new RangeError("r"); });\n',
  'plain.js': 'function f() {\n  throw new Error("plain");\n}\nf();\n',
};
for (const [name, text] of Object.entries(programs)) fs.writeFileSync(path.join(dir, name), text);
for (const name of ['top.js', 'inner.js', 'twice.js', 'other.js', 'plain.js']) {
  const r = spawnSync(process.execPath, [path.join(dir, name)], { encoding: 'utf8' });
  console.log(name, r.status);
  console.log(r.stderr.split('\n').slice(0, 5).join('\n').split(dir).join('DIR'));
}
fs.rmSync(dir, { recursive: true });
