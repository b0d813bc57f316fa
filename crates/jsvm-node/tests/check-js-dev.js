// Development checker: runs each test program in tests/js/ under node, but with `require` of
// the builtin modules redirected to our files in js/ (through js/dev/load.js), and compares
// stdout with the golden file recorded from node's own modules (tests/record-js-golden.sh).
// Usage: node tests/check-js-dev.js [name ...]   (-v: print a diff of failures)
'use strict';
const path = require('path');

const jsDir = path.join(__dirname, '..', 'js');

// The modules that can run under node through the dev loader: those whose file uses no
// native hook beyond the documented `binding` ones (vm, fs, timers... need the jsvm host, so
// programs requiring them get node's own module). JSVM_DEV_MODULES=a,b,c overrides the list.
function devModules() {
  const fs = require('fs');
  if (process.env.JSVM_DEV_MODULES) return process.env.JSVM_DEV_MODULES.split(',').filter(Boolean);
  const documented = new Set(['getPromiseState', 'getProxyDetails', 'writeStdout', 'writeStderr']);
  return fs.readdirSync(jsDir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).filter((name) => {
    const src = fs.readFileSync(path.join(jsDir, name + '.js'), 'utf8');
    for (const m of src.matchAll(/\bbinding\.([A-Za-z_$][\w$]*)/g)) {
      if (!documented.has(m[1])) return false;
    }
    return true;
  }).sort();
}

if (process.env.JSVM_DEV_REQUIRE_HOOK) {
  // Preloaded (node -r) into a test program: redirect builtin requires to the dev loader.
  const Module = require('module');
  const load = require(path.join(jsDir, 'dev', 'load.js'));
  const ours = new Set(process.env.JSVM_DEV_REQUIRE_HOOK.split(','));
  const origRequire = Module.prototype.require;
  Module.prototype.require = function (id) {
    if (typeof id === 'string') {
      const name = id.replace(/^node:/, '');
      if (ours.has(name)) return load(name);
    }
    return origRequire.apply(this, arguments);
  };
  return;
}

const fs = require('fs');
const { spawnSync } = require('child_process');
const testsDir = __dirname;
const args = process.argv.slice(2);
const verbose = args.includes('-v');
let names = args.filter((a) => a !== '-v');
if (names.length === 0) {
  names = fs.readdirSync(path.join(testsDir, 'js')).filter((f) => f.endsWith('.js')).sort();
}
const modules = devModules();
console.log(`modules from js/: ${modules.join(', ')}`);
let passed = 0;
let failed = 0;
for (let name of names) {
  name = path.basename(name, '.js');
  const golden = path.join(testsDir, 'golden', name + '.out');
  if (!fs.existsSync(golden)) {
    console.log(`MISSING golden/${name}.out (run tests/record-js-golden.sh)`);
    failed++;
    continue;
  }
  const res = spawnSync(process.execPath, ['-r', __filename, name + '.js'], {
    cwd: path.join(testsDir, 'js'),
    env: { ...process.env, JSVM_DEV_REQUIRE_HOOK: modules.join(',') },
    encoding: 'utf8',
  });
  const expected = fs.readFileSync(golden, 'utf8');
  if (res.stdout === expected && res.status === 0) {
    console.log(`ok   ${name}`);
    passed++;
    continue;
  }
  failed++;
  console.log(`FAIL ${name} (exit ${res.status})`);
  const got = res.stdout.split('\n');
  const exp = expected.split('\n');
  let shown = 0;
  for (let i = 0; i < Math.max(got.length, exp.length) && shown < (verbose ? 1e9 : 10); i++) {
    if (got[i] !== exp[i]) {
      console.log(`  line ${i + 1}:\n    expected: ${JSON.stringify(exp[i])}\n    actual:   ${JSON.stringify(got[i])}`);
      shown++;
    }
  }
  if (res.stderr) console.log('  stderr: ' + res.stderr.split('\n').slice(0, verbose ? 1e9 : 8).join('\n  '));
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
