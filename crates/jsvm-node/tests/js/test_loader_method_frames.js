// A loader registered in require.extensions is called as a method of the table, as Node
// calls it: its frame is named `require.extensions.<computed> [as .ext]`.
const fs = require('fs');
const os = require('os');
const path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-loader-'));
const frame = (e) => e.stack.split('\n')[1].trim().split(' (')[0];
const ext = '.tsx';
require.extensions[ext] = function (m, filename) {
  console.log(frame(new Error('x')));
  m._compile('module.exports = 1', filename);
};
require.extensions['.lit'] = function (m, filename) {
  console.log(frame(new Error('x')));
  m._compile('module.exports = 2', filename);
};
for (const name of ['a.tsx', 'b.lit']) {
  fs.writeFileSync(path.join(dir, name), '');
  console.log(require(path.join(dir, name)));
}
const o = { a: {} };
o.a[ext] = function () { return frame(new Error()); };
console.log(o.a['.tsx']());
console.log(o.a[ext].call({}));
fs.rmSync(dir, { recursive: true });
