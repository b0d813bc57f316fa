// What coverage and process-watching tools build on (nyc: append-transform, process-on-spawn,
// signal-exit): a require hook that changes a file's text before module._compile, ES modules
// included; process.binding('spawn_sync'), whose `spawn` every synchronous child goes
// through; process.exit calling process.reallyExit, even inside an 'exit' listener.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const Module = require('module');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-hook-tools-'));
fs.writeFileSync(path.join(dir, 'lib.mjs'), "export const value = 'from disk';\nexport default 'default export';\n");
fs.writeFileSync(path.join(dir, 'plain.mjs'), "export const only = 'named';\n");

require.extensions['.mjs'] = (module, filename) => {
  const text = fs.readFileSync(filename, 'utf8').replace('from disk', 'transformed');
  module._compile(text, filename);
};
const lib = require(path.join(dir, 'lib.mjs'));
console.log('hooked .mjs:', lib.value, lib.default, lib.__esModule, Object.keys(lib).join());
console.log('without a default:', Object.keys(require(path.join(dir, 'plain.mjs'))).join());
delete require.extensions['.mjs'];

const virtual = new Module(path.join(dir, 'virtual.mjs'));
virtual._compile('export const answer = 42;', path.join(dir, 'virtual.mjs'));
console.log('compiled text of no file:', virtual.exports.answer);

const spawnBinding = process.binding('spawn_sync');
console.log('same binding:', process.binding('spawn_sync') === spawnBinding, Object.keys(spawnBinding).join());
const original = spawnBinding.spawn;
const seen = [];
spawnBinding.spawn = function spawn(options) {
  seen.push(`${path.basename(options.file)} ${options.args.slice(1).join(' ')}`);
  options.envPairs = options.envPairs.concat('ADDED_BY_HOOK=yes');
  return original.call(this, options);
};
console.log('child saw:', execFileSync('sh', ['-c', 'echo $ADDED_BY_HOOK']).toString().trim());
console.log('status:', spawnSync('sh', ['-c', 'exit 4']).status);
spawnBinding.spawn = original;
console.log('hook saw:', seen.join(' | '));
try {
  process.binding('no_such_binding');
} catch (e) {
  console.log(e.message);
}

const reallyExit = process.reallyExit;
process.reallyExit = function (code) {
  fs.rmSync(dir, { recursive: true, force: true });
  console.log('reallyExit', code);
  reallyExit.call(process, code);
};
process.on('exit', (code) => {
  console.log('exit listener', code);
  process.exit(3);
});
