// Module mocking and sandboxing through vm and the CommonJS loader: rewire, proxyquire,
// sandboxed-module, safe-eval; ts-node's transpile-only hook.
const fs = require('fs');
fs.mkdirSync(__dirname + '/rw', { recursive: true });
fs.writeFileSync(__dirname + '/rw/dep.js', "module.exports = () => 'real dep';\n");
fs.writeFileSync(__dirname + '/rw/mod.js', `const dep = require('./dep');
const fs = require('fs');
let counter = 0;
function inc() { return ++counter; }
module.exports = { run: () => dep() + ' ' + inc(), exists: (p) => fs.existsSync(p) };
`);
const rewire = require('rewire');
const m = rewire('./rw/mod');
console.log(m.run(), m.__get__('counter'));
m.__set__('counter', 41);
console.log(m.run());
const revert = m.__set__({ dep: () => 'fake dep' });
console.log(m.run());
revert();
console.log(m.run());
m.__with__({ counter: 100 })(() => console.log('with', m.run()));
const proxyquire = require('proxyquire');
const m2 = proxyquire('./rw/mod', { './dep': () => 'pq dep', fs: { existsSync: () => 'stubbed' } });
console.log(m2.run(), m2.exists('/nope'));
const SM = require('sandboxed-module');
const m3 = SM.require('./rw/mod', { requires: { './dep': () => 'sm dep' }, globals: { foo: 1 } });
console.log(m3.run());
const safeEval = require('safe-eval');
console.log(safeEval('1 + a', { a: 2 }));
try { safeEval('process.exit(1)'); } catch (e) { console.log(e.name, e.message); }
fs.writeFileSync(__dirname + '/mod.ts', 'enum E { A, B }\nexport const dbl = (n: number): number => n * 2;\nconsole.log("ts", dbl(3), E.B, E[1]);\n');
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
console.log(typeof require('./mod.ts').dbl);
