// vm2's NodeVM: module.exports, console modes, require of allowed, denied, mocked, external
// and relative modules (a module tree made here), wrapper 'none', timers, nesting.
const { NodeVM, VMScript } = require('vm2');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { inspect } = require('util');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-nodevm-'));
fs.mkdirSync(path.join(dir, 'node_modules', 'greeting'), { recursive: true });
fs.writeFileSync(path.join(dir, 'node_modules', 'greeting', 'index.js'), "module.exports = { name: 'greeting', dir: typeof __dirname };");
fs.writeFileSync(path.join(dir, 'local.js'), "exports.x = 42; exports.fs = typeof require('fs').readFileSync;");
function t(name, f) {
  try {
    const r = f();
    console.log(name, typeof r === 'string' ? r : inspect(r, { depth: 2 }));
  } catch (e) {
    console.log(name, 'threw', e && e.name, e && e.message && e.message.split(dir).join('<dir>'));
  }
}
const main = path.join(dir, 'main.js');
t('exports', () => new NodeVM().run('module.exports = 1 + 1'));
t('exported function', () => new NodeVM().run('module.exports = function (a) { return a * 2 }')(21));
t('console inherit', () => new NodeVM({ console: 'inherit' }).run('console.log("inside"); module.exports = 1'));
t('console redirect', () => {
  const vm = new NodeVM({ console: 'redirect' });
  vm.on('console.log', (...a) => console.log('redirected', ...a));
  return vm.run('console.log("hi", 1); module.exports = 2');
});
t('require denied', () => new NodeVM().run('require("fs")'));
t('require builtin', () => new NodeVM({ require: { builtin: ['path'] } }).run('module.exports = require("path").join("a", "b")'));
t('require external', () => new NodeVM({ require: { external: true, root: dir } }).run('module.exports = require("greeting")', main));
t('require relative', () => new NodeVM({ require: { external: true, root: dir, builtin: ['fs'] } }).run('module.exports = require("./local")', main));
t('require outside root', () => new NodeVM({ require: { external: true, root: path.join(dir, 'elsewhere') } }).run('module.exports = require("greeting")', main));
t('mock', () => new NodeVM({ require: { mock: { fs: { readFileSync: () => 'mocked' } } } }).run('module.exports = require("fs").readFileSync()'));
t('sandbox', () => new NodeVM({ sandbox: { abc: 123 } }).run('module.exports = abc'));
t('wrapper none', () => new NodeVM({ wrapper: 'none' }).run('return 5'));
t('globals', () => new NodeVM().run('module.exports = [typeof process, typeof process.nextTick, typeof setTimeout, typeof setImmediate, typeof Buffer]'));
t('filename', () => new NodeVM().run('module.exports = [__filename, __dirname]', '/virtual/x.js'));
t('escape', () => new NodeVM().run('module.exports = this.constructor.constructor("return process")().mainModule'));
t('VMScript', () => new NodeVM().run(new VMScript('module.exports = 9', 'x.js')));
t('stack', () => { try { new NodeVM().run('\nfunction f() { throw new Error("in") }\nf()', '/v/err.js'); } catch (e) { return e.stack.split('\n').slice(0, 3).join(' | '); } });
t('events', () => new NodeVM({ require: { builtin: ['events'] } }).run('const E = require("events"); const e = new E(); let got; e.on("x", (v) => got = v); e.emit("x", 5); module.exports = got'));
t('nesting', () => new NodeVM({ nesting: true, require: { builtin: ['*'] } }).run('const { VM } = require("vm2"); module.exports = new VM().run("1 + 1")'));
t('crypto', () => new NodeVM({ require: { builtin: ['crypto'] } }).run('module.exports = require("crypto").createHash("sha1").update("a").digest("hex")'));
t('timers', () => {
  const vm = new NodeVM({ sandbox: { report: (v) => console.log('timer fired', v) } });
  return vm.run('setTimeout(() => report("timeout"), 1); setImmediate(() => report("immediate")); module.exports = "scheduled"');
});
new NodeVM().run('module.exports = (async () => { await null; return "done" })()').then((v) => {
  console.log('async', v);
  fs.rmSync(dir, { recursive: true, force: true });
});
