// module.createRequire: a file URL (object or string) or an absolute path; anything else is
// ERR_INVALID_ARG_VALUE (jiti tells a virtual module's name from a real one by that error).
// A trailing slash names a directory; the require looks up node_modules from the file's folder.
const { createRequire } = require('module');
const path = require('path');
const { pathToFileURL } = require('url');
const lib = path.join(__dirname, 'lib');
const rel = (p) => (typeof p === 'string' ? path.relative(__dirname, p) || '.' : p);

for (const [label, arg] of [
  ['absolute file', path.join(lib, 'x.js')],
  ['directory with slash', lib + '/'],
  ['file URL string', pathToFileURL(path.join(lib, 'y.js')).href],
  ['file URL object', pathToFileURL(path.join(lib, 'z.js'))],
]) {
  const r = createRequire(arg);
  console.log(label, r('dep'), r('./helper'), rel(r.resolve('./helper.js')), rel(r.resolve.paths('dep')[0]));
}
for (const bad of ['relative.js', './lib/x.js', 42, undefined, null, { href: 'file:///x' }, new URL('http://example.com/x.js'), require('url').parse('file:///legacy.js')]) {
  try {
    createRequire(bad);
    console.log('accepted', bad);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
