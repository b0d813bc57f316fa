// vm2's options: eval and wasm off, a sandbox object, timeouts, VMScript's compile errors,
// NodeVM's builtin whitelist (a wildcard with an exclusion), require.mock, external off.
const { VM, NodeVM, VMScript } = require('vm2');
const t = (n, f) => { try { console.log(n, f()); } catch (e) { console.log(n, 'threw', e.name, e.message); } };
t('eval false', () => new VM({ eval: false }).run('eval("1+1")'));
t('Function false', () => new VM({ eval: false }).run('Function("return 1")()'));
t('wasm false', () => new VM({ wasm: false }).run('typeof WebAssembly'));
t('wasm true', () => new VM({ wasm: true }).run('typeof WebAssembly'));
t('sandbox opt', () => new VM({ sandbox: { a: 2, f: (x) => x * 3 } }).run('f(a)'));
t('timeout', () => new VM({ timeout: 50 }).run('while(true){}'));
t('compile error', () => new VMScript('let let = 1', 'bad.js').compile());
t('compile ok', () => typeof new VMScript('1+1').compile());
t('runtime error', () => new VM().run(new VMScript('null.x', 'r.js')));
const nvm = new NodeVM({ console: 'redirect', require: { external: false, builtin: ['path'], mock: { fs: { readFileSync: () => 'mocked' } } } });
t('mock fs', () => nvm.run('module.exports = require("fs").readFileSync("x")', 'm.js'));
t('builtin ok', () => nvm.run('module.exports = require("path").join("a","b")', 'p.js'));
t('builtin denied', () => nvm.run('module.exports = require("os").platform()', 'o.js'));
t('external denied', () => nvm.run('module.exports = require("vm2")', 'e.js'));
const nvm2 = new NodeVM({ require: { builtin: ['*', '-child_process'] } });
t('wildcard minus', () => nvm2.run('module.exports = require("child_process")', 'c.js'));
t('wildcard ok', () => typeof nvm2.run('module.exports = require("util").format', 'u.js'));
t('process escape', () => new VM().run('this.constructor.constructor("return process")()'));
t('nodevm timeout unsupported', () => new NodeVM({ timeout: 10 }).run('1'));
t('fix async', () => new VM({ allowAsync: false }).run('(async () => 1)()'));
