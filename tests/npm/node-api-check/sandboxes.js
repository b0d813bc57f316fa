// Sandboxes, evaluators and code generators: @nyariv/sandboxjs (its parser's own SyntaxErrors,
// thrown from arrow functions), notevil, degenerator, browserify bundling a small app run with
// vm.runInNewContext, ajv's standalone code run with vm.runInThisContext, fast-json-stringify,
// istanbul-lib-hook's require and vm hooks, module-alias, clear-module, import-fresh.
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const vm = require('vm');

const Sandbox = require('@nyariv/sandboxjs').default;
const s = new Sandbox();
console.log(s.compile('return a + b * 2 + [1,2].map(x => x*10).reduce((p,c)=>p+c)')({ a: 1, b: 2 }).run());
console.log(s.compile('let r = []; for (const k of Object.keys(o)) r.push(k + "=" + o[k]); return r.join("&")')({ o: { x: 1, y: 'z' } }).run());
try { s.compile('return this.constructor.constructor("return process")()')({}).run(); } catch (e) { console.log('blocked', e.constructor.name, e.message); }
try { s.compile('class A { constructor(x){ this.x = x } }; return new A(4).x')({}).run(); } catch (e) { console.log('parse', e.name, e.message); }

const notevil = require('notevil');
console.log(notevil('1 + 2 * 3'), notevil('x + y', { x: 1, y: 2 }), notevil('var f = function(a){ return a * 2 }; f(21)'));
try { notevil('this.constructor.constructor("return process")()'); } catch (e) { console.log('notevil', e.message); }

const { degenerator } = require('degenerator');
console.log(degenerator('function FindProxyForURL(url, host) { if (dnsResolve(host) === "127.0.0.1") return "DIRECT"; return "PROXY p:8080"; }', ['dnsResolve']));

const Ajv = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const ajv = new Ajv({ code: { source: true }, allErrors: true });
const validate = ajv.compile({ $id: 'u', type: 'object', properties: { name: { type: 'string', minLength: 2 }, age: { type: 'integer', minimum: 0 } }, required: ['name'], additionalProperties: false });
const m = { exports: {} };
vm.runInThisContext(`(function (module, exports, require) {${standaloneCode(ajv, validate)}\n})`)(m, m.exports, require);
for (const d of [{ name: 'ab', age: 3 }, { name: 'a', age: -1, x: 1 }]) console.log(m.exports(d), JSON.stringify(m.exports.errors));

const fastJson = require('fast-json-stringify');
const stringify = fastJson({ type: 'object', properties: { firstName: { type: 'string' }, age: { type: 'integer' }, arr: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } } } });
console.log(stringify({ firstName: 'Matteo', age: '32.7', arr: ['a', 1, 2.5], extra: 1 }));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsvm-sandboxes-'));
fs.mkdirSync(path.join(dir, 'lib'));
fs.writeFileSync(path.join(dir, 'lib/a.js'), "module.exports = { name: 'a', n: Math.random() };");
fs.writeFileSync(path.join(dir, 'greet.js'), "module.exports = (n) => 'hello ' + n + ' ' + require('querystring').stringify({ a: [1, 2] });");
fs.writeFileSync(path.join(dir, 'main.js'), "const { EventEmitter } = require('events'); const e = new EventEmitter(); e.on('x', (v) => console.log('got', v, require('util').format('%s=%d', 'n', 5), require('path').join('a', '..', 'b'))); e.emit('x', require('./greet')('bundle'));");

const hook = require('istanbul-lib-hook');
const unhook = hook.hookRequire((f) => f.startsWith(dir), (code, { filename }) => { console.log('transform', path.relative(dir, filename)); return code.replace("'a'", "'A'"); });
require('module-alias').addAliases({ '@lib': path.join(dir, 'lib') });
console.log(require('@lib/a').name);
unhook();
require('clear-module')(path.join(dir, 'lib/a'));
console.log(require(path.join(dir, 'lib/a')).name, require('import-fresh')(path.join(dir, 'lib/a')) !== require(path.join(dir, 'lib/a')));
hook.hookRunInThisContext(() => true, (code) => code.replace('40', '41'));
console.log(vm.runInThisContext('40 + 2', { filename: '/x.js' }));
hook.unhookRunInThisContext();

require('browserify')(path.join(dir, 'main.js')).bundle((err, buf) => {
  if (err) { console.log('browserify', err.message); return; }
  const logs = [];
  vm.runInNewContext(buf.toString(), { console: { log: (...a) => logs.push(a.join(' ')) }, setTimeout, clearTimeout });
  console.log(logs.join('\n'));
  fs.rmSync(dir, { recursive: true });
});
