// Every vm entry point called with each of many bad (and some good) values: Node's error codes and
// messages, in Node's order of checks.
const vm = require('vm');
const vals = [undefined, null, 0, 1, -1, 1.5, NaN, Infinity, 2 ** 32, '', 'x = 1', {}, [], () => {}, Symbol('s'), 1n, true,
  { timeout: -1 }, { timeout: 0 }, { timeout: 1.5 }, { timeout: 'x' }, { timeout: 2 ** 32 }, { filename: 1 }, { lineOffset: 'a' }, { columnOffset: 1.5 },
  { displayErrors: 1 }, { breakOnSigint: 'x' }, { cachedData: 'x' }, { cachedData: new Uint8Array(3) }, { produceCachedData: 1 }, { importModuleDynamically: 1 },
  { microtaskMode: 'x' }, { microtaskMode: 'afterEvaluate' }, { name: 1 }, { origin: 1 }, { codeGeneration: 1 }, { codeGeneration: { strings: 1 } }, { codeGeneration: { wasm: 'x' } },
  { contextName: 1 }, { contextOrigin: 1 }, { contextCodeGeneration: 1 }, { parsingContext: 1 }, { parsingContext: {} }, { contextExtensions: 1 }, { contextExtensions: [1] },
  { params: 1 }, { params: [1] }, { params: ['a b'] }, { mode: 'x' }, { execution: 'x' }, { identifier: 1 }, { context: 1 }, { initializeImportMeta: 1 }];
const show = (v) => { try { return typeof v === 'symbol' ? 'sym' : typeof v === 'bigint' ? '1n' : typeof v === 'function' ? 'fn' : JSON.stringify(v); } catch { return '?'; } };
const ctx = vm.createContext({});
const calls = {
  Script: (a, b) => new vm.Script(a, b),
  ScriptOpt: (a) => new vm.Script('1', a),
  runInContext: (a, b) => vm.runInContext('1', a, b),
  runInContextOpt: (a) => vm.runInContext('1', ctx, a),
  runInNewContext: (a, b) => vm.runInNewContext('1', a, b),
  runInThisContext: (a) => vm.runInThisContext('1', a),
  createContext: (a, b) => vm.createContext(a, b),
  createContextOpt: (a) => vm.createContext({}, a),
  compileFunction: (a, b) => vm.compileFunction(a, b),
  compileFunctionOpt: (a) => vm.compileFunction('return 1', [], a),
  compileFunctionParams: (a) => vm.compileFunction('return 1', a),
  isContext: (a) => vm.isContext(a),
  scriptRunInContext: (a, b) => new vm.Script('1').runInContext(a, b),
  scriptRunInNewContext: (a, b) => new vm.Script('1').runInNewContext(a, b),
  scriptRunInThisContext: (a) => new vm.Script('1').runInThisContext(a),
  measureMemory: (a) => vm.measureMemory(a),
};
const out = [];
for (const [name, f] of Object.entries(calls)) {
  for (const a of vals) {
    let r;
    try { r = f(a, undefined); r = 'ok ' + (typeof r === 'object' && r !== null ? (r.constructor && r.constructor.name) : typeof r); } catch (e) { r = (e && e.code) + ' ' + (e && e.name) + ': ' + (e && e.message); }
    if (r && typeof r === 'object') r = 'promise';
    out.push(name + '(' + show(a) + ') -> ' + r);
  }
}
console.log(out.join('\n'));
