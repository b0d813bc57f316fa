// Configuration loaders that require .js configuration files and read rc files: cosmiconfig
// (async and sync), rc, config (node-config: a .js default and a .json environment file).
const fs = require('fs');
const path = require('path');
const line = (name, ...v) => console.log(`${name}:`, ...v);

const dir = path.resolve('config-project');
fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"config-project"}\n');
fs.writeFileSync(path.join(dir, 'myapp.config.js'), 'module.exports = { fromJs: true, nested: { n: 1 + 1 }, dir: require("path").basename(__dirname) };\n');
fs.writeFileSync(path.join(dir, '.otherrc'), '{ "port": 3000, "flag": true }\n');
fs.writeFileSync(path.join(dir, 'config', 'default.js'), 'module.exports = { db: { host: "localhost", port: 5432 }, list: [1, 2] };\n');
fs.writeFileSync(path.join(dir, 'config', 'test.json'), '{ "db": { "host": "testhost" } }\n');
process.chdir(dir);

(async () => {
  const { cosmiconfig, cosmiconfigSync } = require('cosmiconfig');
  const found = await cosmiconfig('myapp').search();
  line('cosmiconfig', found.config, path.basename(found.filepath));
  const other = cosmiconfigSync('other').search();
  line('cosmiconfig sync', other.config, path.basename(other.filepath));
  const rc = require('rc')('other', { def: 1 }, {});
  line('rc', rc.port, rc.flag, rc.def, rc.configs.map((p) => path.basename(p)));
  process.env.NODE_ENV = 'test';
  process.env.NODE_CONFIG_DIR = path.join(dir, 'config');
  const config = require('config');
  line('config', config.get('db'), config.has('list'), config.get('list'), config.util.getEnv('NODE_ENV'));
  try { config.get('nope'); } catch (e) { line('missing', e.message); }
})();
