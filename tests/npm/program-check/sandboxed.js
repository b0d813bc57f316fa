const SandboxedModule = require('sandboxed-module');
const fs = require('fs');
fs.writeFileSync(__dirname + '/sbx-target.js', 'const os = require("os"); module.exports = { plat: os.platform(), g: typeof globalThis.secret, fn: () => __filename.endsWith("sbx-target.js") };');
const m = SandboxedModule.require('./sbx-target', { requires: { os: { platform: () => 'fakeos' } }, globals: { secret: 42 } });
console.log(m.plat, m.g, m.fn());
const m2 = SandboxedModule.load('./sbx-target', { singleOnly: true }).exports;
console.log(m2.plat === require('os').platform());
const safeEval = require('safe-eval');
console.log(safeEval('a + b * 2', { a: 1, b: 3 }), safeEval('(function(){ return typeof process })()'));
try { safeEval('this.constructor.constructor("return process")().exit'); } catch (e) { console.log('escape blocked?', e.message); }
