// path.win32 (and path/win32): a fixed table of Windows paths, and a few thousand made by a
// seeded generator from pieces that exercise drives, UNC roots, device namespaces, mixed
// separators, dots and colons. `relative` is checked on paths that share a root.
'use strict';
const path = require('path');
const win32 = require('path/win32');
console.log(win32 === path.win32, win32.posix === path.posix, win32.win32 === win32, win32.sep, win32.delimiter);

const table = [
  'C:\\a\\b.txt', 'C:/a//b/../c/', 'c:', 'C:', 'C:\\', 'C:a\\b', '\\\\server\\share', '\\\\server\\share\\',
  '\\\\server\\share\\x\\y.z', '//srv//share/x', '\\\\.\\pipe\\x', '\\\\?\\C:\\a', '\\', '/', '.', '..', '...',
  '.git', 'a.b.c', 'dir\\file.', '\\a\\..\\..\\b', 'a\\..\\b:c', 'a\\D:', 'x:', 'a/b\\c', '', 'a:b', '\\\\a',
];
// resolve() starts from the working directory: '/' is the same on every machine.
process.chdir('/');
const show = (v) => JSON.stringify(v);
for (const p of table) {
  console.log(show(p), show(win32.normalize(p)), win32.isAbsolute(p), show(win32.dirname(p)),
    show(win32.basename(p)), show(win32.extname(p)), show(win32.parse(p)), show(win32.toNamespacedPath(p)));
}
console.log(win32.join('a', '\\b', 'c:'), win32.join('\\\\', 'server', 'share'), win32.join('//server', 'share'));
console.log(win32.resolve('C:\\a', '..\\b'), win32.resolve('\\\\server\\share', '..\\..\\y'),
  win32.resolve('C:\\x', 'D:y', 'z'), win32.resolve('\\\\server\\share\\a', '\\b'));
console.log(win32.relative('C:\\a\\b', 'C:\\a\\c\\d'), win32.relative('C:\\A\\b', 'c:\\a\\B\\e'),
  win32.relative('C:\\a', 'D:\\a'), win32.relative('\\\\s\\h\\x', '\\\\s\\h\\y\\z'));
console.log(win32.format({ root: 'C:\\', name: 'f', ext: 'x' }), win32.format({ dir: 'C:\\d', base: 'b.c' }));
console.log(win32.basename('C:\\a\\b.txt', '.txt'), win32.basename('b.txt', 'b.txt'), win32.basename('/', '.'));
try { win32.join(1); } catch (e) { console.log(e.code); }
try { win32.format(null); } catch (e) { console.log(e.code); }

// A seeded generator (xorshift), so node and jsvm see the same paths.
let seed = 12345;
function random() {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
const pieces = ['a', 'b', 'C', 'c', ':', '\\', '/', '.', '..', 'x.txt', '.git', 'srv', 'D:', '\\\\', '//'];
function make() {
  let s = '';
  const n = random() * 6 | 0;
  for (let i = 0; i < n; i++) s += pieces[random() * pieces.length | 0];
  return s;
}
let lines = 0;
for (let i = 0; i < 1500; i++) {
  const p = make();
  const q = make();
  const r = make();
  const out = [win32.normalize(p), win32.isAbsolute(p), win32.dirname(p), win32.basename(p),
    win32.basename(p, '.txt'), win32.extname(p), win32.parse(p), win32.join(p, q), win32.resolve(p, q, r),
    win32.toNamespacedPath(p)];
  const from = `C:\\${p}`;
  const to = `C:\\${q}`;
  out.push(win32.relative(from, to));
  console.log(show(p), show(q), show(r), show(out));
  lines++;
}
console.log('generated', lines);
