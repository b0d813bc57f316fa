// Package resolution ("exports" with conditions and patterns, "imports", "main", "type") and
// require() of ES modules, on packages this program writes into a temporary directory.
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-pkg-')));
const show = (s) => String(s).split(root).join('<ROOT>');
function write(rel, text) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof text === 'string' ? text : JSON.stringify(text));
}

write('package.json', { name: 'app', imports: { '#util': './lib/util.js', '#dep/*': './lib/dep-*.js' } });
write('lib/util.js', 'module.exports = "app util";');
write('lib/dep-a.js', 'module.exports = "dep a";');
// A package with conditional exports and a subpath pattern.
write('node_modules/cond/package.json', {
  name: 'cond',
  exports: {
    '.': { import: './esm.mjs', require: './cjs.js' },
    './feature/*': { node: './features/*.js', default: './nope.js' },
    './feature/secret': null,
    './package.json': './package.json',
  },
});
write('node_modules/cond/cjs.js', 'module.exports = { kind: "require" };');
write('node_modules/cond/esm.mjs', 'export const kind = "import";');
write('node_modules/cond/features/x.js', 'module.exports = "feature x";');
write('node_modules/cond/features/secret.js', 'module.exports = "secret";');
// A scoped ES-module-only package ("type": "module"), with a default export.
write('node_modules/@scope/esm/package.json', { name: '@scope/esm', type: 'module', exports: './index.js' });
write('node_modules/@scope/esm/index.js', 'import { helper } from "./helper.js";\nexport default function hello() { return helper(); }\nexport const answer = 42;\n');
write('node_modules/@scope/esm/helper.js', 'export function helper() { return "hello from esm"; }\n');
// A module-sync condition (Node 20.19+ resolves it for require and import).
write('node_modules/sync/package.json', { name: 'sync', exports: { 'module-sync': './sync.mjs', default: './old.js' } });
write('node_modules/sync/sync.mjs', 'export const which = "module-sync";');
write('node_modules/sync/old.js', 'module.exports = { which: "default" };');
// An ES module that throws, and one with top-level await.
write('node_modules/throws/package.json', { name: 'throws', type: 'module', main: 'index.js' });
write('node_modules/throws/index.js', 'throw new RangeError("thrown while evaluating");');
write('tla.mjs', 'await Promise.resolve(); export const a = 1;');
// A legacy package: "main" without an extension.
write('node_modules/legacy/package.json', { name: 'legacy', main: 'lib/main' });
write('node_modules/legacy/lib/main.js', 'module.exports = "legacy main";');
write('main.js', `
const tryIt = (f) => { try { return f(); } catch (e) { return e.code + ': ' + e.message.split('\\n')[0]; } };
console.log(require('cond').kind);
console.log(require('cond/feature/x'));
console.log(tryIt(() => require('cond/feature/secret')));
console.log(tryIt(() => require('cond/missing')));
console.log(require('cond/package.json').name);
const esm = require('@scope/esm');
console.log(esm.__esModule, esm.default(), esm.answer, Object.keys(esm).join());
console.log(require('@scope/esm') === esm);
console.log(require('sync').which);
console.log(require('#util'), require('#dep/a'));
console.log(tryIt(() => require('#nope')));
console.log(tryIt(() => require('throws')));
console.log(tryIt(() => require('throws')));
console.log(tryIt(() => require('./tla.mjs')));
console.log(require('legacy'));
console.log(require('module')._nodeModulePaths('/a/node_modules/b').join(' '));
(async () => {
  console.log('import:', (await import('cond')).kind);
  console.log('import default:', (await import('@scope/esm')).default === esm.default);
  await import('cond/feature/secret').catch((e) => console.log('import:', e.code));
  await import('no-such-package').catch((e) => console.log('import:', e.code));
})();
`);
try {
  const out = require('child_process').spawnSync(process.execPath, [path.join(root, 'main.js')], { cwd: root, encoding: 'utf8' });
  process.stdout.write(show(out.stdout));
  process.stdout.write(show(out.stderr).split('\n').filter((l) => !l.startsWith('    at ')).join('\n'));
  console.log('exit', out.status);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
