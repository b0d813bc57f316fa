// Programs around the main module, as loaders (the `esm` package) use them: process.argv is
// set when `--require` modules load, Module.runMain starts the program (a preload may replace
// it), and process.binding gives Node's legacy `util` checks and the `fs` functions loaders read.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preload-runmain-'));
const write = (name, text) => fs.writeFileSync(path.join(dir, name), text);
write('pre.js', `
const Module = require('module');
console.log('preload argv', process.argv.slice(1).map((a) => require('path').basename(a)));
const original = Module.runMain;
Module.runMain = function (main) {
  console.log('runMain called with', require('path').basename(main), main === process.argv[1]);
  console.log('own this', this === Module, arguments.length);
  return original.apply(this, arguments);
};
`);
write('main.js', "console.log('main runs', process.argv.slice(2)); module.exports = 1;\n");
write('main.mjs', "console.log('module main runs', typeof import.meta.url);\n");
write('detect.js', "import fs from 'fs';\nconsole.log('detected module', typeof fs.readFileSync);\n");
write('throws.js', "throw new Error('from main');\n");
write('replace.js', `
require('module').runMain = function () { console.log('replaced: main not loaded'); };
`);

function run(args) {
  try {
    const out = execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    console.log(out.trimEnd());
  } catch (e) {
    console.log(e.stdout.trimEnd());
    console.log('exit', e.status, e.stderr.split('\n').find((l) => l.startsWith('Error')));
  }
}
run(['-r', './pre.js', 'main.js', 'x', '--flag']);
run(['-r', './pre.js', 'main.mjs']);
run(['-r', './pre.js', 'throws.js']);
run(['-r', './replace.js', 'main.js']);
run(['-r', './pre.js', '-e', 'console.log("eval", process.argv.length)']);

// process.binding: the legacy `util` wrapper's checks, the `fs` functions loaders read.
const util = process.binding('util');
console.log(Object.keys(util));
console.log(util.isDate(new Date()), util.isPromise(Promise.resolve()), util.isRegExp({}),
  util.isNativeError(new TypeError('x')), util.isAsyncFunction(async () => {}),
  util.isUint8Array(Buffer.alloc(1)), util.isMapIterator(new Map().keys()));
console.log(process.binding('util') === util);
const fsb = process.binding('fs');
console.log(typeof fsb.internalModuleStat, typeof fsb.realpath);
console.log(fsb.internalModuleStat(dir), fsb.internalModuleStat(path.join(dir, 'main.js')),
  fsb.internalModuleStat(path.join(dir, 'missing.js')));
console.log(fsb.realpath(path.join(dir, '.', 'main.js'), 'utf8') === fs.realpathSync(path.join(dir, 'main.js')));
for (const name of ['no_such_binding', 'natives_x']) {
  try { process.binding(name); } catch (e) { console.log(e.name, e.message, e.code); }
}
fs.rmSync(dir, { recursive: true });
