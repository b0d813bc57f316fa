const path = require('path');
const cases = ['', '/', 'a', '.a', 'a.', 'a.b', '/x/.a.b', 'x/y.tar.gz', '..', '.', '/a/b/', 'a..b', '/a/.b/', 'noext/', '//x.y//'];
for (const c of cases) console.log(JSON.stringify(c), path.extname(c), JSON.stringify(path.parse(c)));
for (const bad of [null, 5, 'str', undefined, () => {}]) {
  try { path.format(bad); } catch (e) { console.log(e.code, e.message); }
}
for (const bad of [null, 5, {}, [], Symbol('s'), 1n, () => {}]) {
  try { path.extname(bad); } catch (e) { console.log(e.code, e.message); }
}
