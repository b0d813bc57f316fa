// A bare request is looked up in the parent module's own `paths`, which code may change
// (requizzle, used by jsdoc, puts folders before them in its module wrapper), and through
// `Module._resolveFilename` with such a parent.
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'parent-paths-')));
fs.mkdirSync(path.join(dir, 'lib/tool'), { recursive: true });
fs.writeFileSync(path.join(dir, 'lib/tool/name.js'), 'module.exports = "found in lib";\n');
fs.mkdirSync(path.join(dir, 'other/node_modules/pkg'), { recursive: true });
fs.writeFileSync(path.join(dir, 'other/node_modules/pkg/package.json'),
  '{"name":"pkg","exports":{".":"./main.js","./sub":"./sub.js"}}');
fs.writeFileSync(path.join(dir, 'other/node_modules/pkg/main.js'), 'module.exports = "pkg main";\n');
fs.writeFileSync(path.join(dir, 'other/node_modules/pkg/sub.js'), 'module.exports = "pkg sub";\n');
const rel = (p) => path.relative(dir, p);

const parent = new Module(path.join(dir, 'x.js'), module);
parent.filename = path.join(dir, 'x.js');
parent.paths = [path.join(dir, 'lib')].concat(Module._nodeModulePaths(dir));
console.log(rel(Module._resolveFilename('tool/name', parent)));
parent.paths = [path.join(dir, 'other/node_modules')];
console.log(rel(Module._resolveFilename('pkg', parent)), rel(Module._resolveFilename('pkg/sub', parent)));
try {
  Module._resolveFilename('pkg/hidden', parent);
} catch (e) {
  console.log(e.code);
}
// A module whose wrapper changes its own paths before it requires.
fs.writeFileSync(path.join(dir, 'm.js'), 'console.log(require("tool/name"), require("pkg"));\n');
const wrap = Module.wrap;
Module.wrap = (source) => Module.wrapper[0] +
  `module.paths = ${JSON.stringify([path.join(dir, 'lib'), path.join(dir, 'other/node_modules')])}.concat(module.paths); ` +
  source + Module.wrapper[1];
require(path.join(dir, 'm.js'));
Module.wrap = wrap;
fs.rmSync(dir, { recursive: true });
