// Modules are known by their real paths: a program run through a link (an npm bin in
// node_modules/.bin) requires its siblings from the linked file's folder, and a module reached
// through two links is one module; --preserve-symlinks(-main) keep the link's path.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'links-')));
const pkg = path.join(root, 'node_modules', 'tool');
fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
fs.mkdirSync(path.join(pkg, 'lib'));
fs.mkdirSync(path.join(root, 'node_modules', '.bin'));
fs.writeFileSync(path.join(pkg, 'lib', 'helper.js'), 'module.exports = { loads: (global.loads = (global.loads || 0) + 1) };\n');
fs.writeFileSync(path.join(pkg, 'bin', 'tool.js'), [
  'const path = require("path");',
  'const helper = require("../lib/helper");',
  'const rel = (p) => path.relative(process.env.ROOT, p);',
  'console.log("main", rel(__filename), rel(require.main.filename), rel(process.argv[1]), helper.loads);',
].join('\n'));
const bin = path.join(root, 'node_modules', '.bin', 'tool');
fs.symlinkSync('../tool/bin/tool.js', bin);

const env = { ...process.env, ROOT: root };
for (const flags of [[], ['--preserve-symlinks-main']]) {
  const r = spawnSync(process.execPath, [...flags, bin], { env, encoding: 'utf8' });
  console.log(flags.join(' ') || '(no flags)', r.status, r.stdout.trim(), r.stderr.split('\n')[0] ? 'stderr' : '');
}

// In the program itself: one module through two links.
const other = path.join(root, 'other-link.js');
fs.symlinkSync(path.join(pkg, 'lib', 'helper.js'), other);
const a = require(path.join(pkg, 'lib', 'helper.js'));
const b = require(other);
console.log(a === b, global.loads, path.relative(root, require.resolve(other)));
console.log(Object.keys(require.cache).filter((k) => k.startsWith(root)).map((k) => path.relative(root, k)));
fs.rmSync(root, { recursive: true });
