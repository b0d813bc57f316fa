// require.resolve with { paths }, require.resolve.paths, and Module's lookup steps
// (_findPath, _resolveLookupPaths, _stat, _pathCache) as Node's.
const path = require('path');
const Module = require('module');
const rel = (p) => (typeof p === 'string' ? path.relative(__dirname, p) : p);
const other = path.join(__dirname, 'other');
console.log(rel(require.resolve('dep', { paths: [other] })), require(require.resolve('exp', { paths: [other] })));
console.log(rel(require.resolve('./local', { paths: [other, __dirname] })));
console.log(require.resolve('fs', { paths: ['/nowhere'] }), require.resolve('node:path', { paths: [] }));
for (const bad of ['x', 1, { length: 1 }]) {
  try { require.resolve('dep', { paths: bad }) } catch (e) { console.log(e.name, e.code, e.message) }
}
try { require.resolve('dep') } catch (e) { console.log(e.code) }
try { require.resolve('dep', { paths: [] }) } catch (e) { console.log(e.code) }
const lookup = require.resolve.paths('dep');
console.log(rel(lookup[0]), lookup.includes(path.join(require('os').homedir(), '.node_modules')));
console.log(require.resolve.paths('./x').map(rel), require.resolve.paths('fs'));
console.log(Module._resolveLookupPaths('./a', module).map(rel), Module._resolveLookupPaths('http', module));
console.log(rel(Module._findPath('dep', [path.join(other, 'node_modules')])), rel(Module._findPath('exp', [path.join(other, 'node_modules')])));
console.log(rel(Module._findPath('./local', [__dirname])), Module._findPath('nope', [__dirname]), rel(Module._findPath(path.join(__dirname, 'local'), [])));
console.log(Module._stat(__dirname), Module._stat(__filename), Module._stat(path.join(__dirname, 'none')));
console.log(typeof Module._pathCache, Object.getPrototypeOf(Module._pathCache));
