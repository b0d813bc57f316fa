// The contextified global and the vm API's behaviour, printed so node's output is the oracle.
'use strict';
const vm = require('vm');
const util = require('util');
const log = (...a) => console.log(...a);

// a) assignments update and create sandbox properties
const sandbox = { animal: 'cat', count: 2 };
vm.createContext(sandbox);
const script = new vm.Script('count += 1; name = "kitty";');
for (let i = 0; i < 10; ++i) script.runInContext(sandbox);
log(util.inspect(sandbox));

// b) var and function declarations appear on the sandbox and stay live
const b = vm.createContext({ a: 1 });
vm.runInContext('var n = 0; function inc() { n++ }', b);
log(b, Object.keys(b));
b.inc(); log(b.n);
b.n = 100; log(vm.runInContext('n', b));
log(Object.getOwnPropertyDescriptor(b, 'n'));

// c) lexical declarations persist but stay off the sandbox
const c = vm.createContext({});
vm.runInContext('let l = 1; const k = 2; class C {}', c);
log(vm.runInContext('l + k + typeof C', c), Object.keys(c));

// d) host changes between runs are seen
const d = vm.createContext({ x: 1, y: 2 });
log(vm.runInContext('x + y', d));
d.x = 10; delete d.y; d.z = 5;
log(vm.runInContext('x + z + typeof y', d));

// e) sandbox properties shadow builtins
log(vm.runInNewContext('Array', { Array: 42 }));
log(vm.runInNewContext('typeof Math', { Math: undefined }));

// f) each context has its own builtins
const arr = vm.runInNewContext('[1, 2, 3]');
log(arr instanceof Array, Array.isArray(arr), util.inspect(arr));
const obj = vm.runInNewContext('({ a: [1, { b: 2 }], m: new Map([[1, 2]]) })');
log(obj instanceof Object, obj);

// g) this at the top level is the context's global, not the sandbox
const g = { a: 1 };
vm.createContext(g);
const self = vm.runInContext('this', g);
log(self === g, typeof self.Array, self.a);

// h) getters and setters are called, symbols forwarded
const h = { log: [], get gg() { this.log.push('get'); return 7; }, set ss(v) { this.log.push('set ' + v); } };
h[Symbol.for('k')] = 'sym';
vm.createContext(h);
log(vm.runInContext('gg + gg; ss = 3; globalThis[Symbol.for("k")]', h), h.log);

// i) strict vs sloppy undeclared assignment
log(vm.runInNewContext('"use strict"; try { undeclared = 1 } catch (e) { e.name }'));
const i = {}; vm.runInNewContext('undeclared = 1', i); log(i);

// ReferenceError for unknown names, typeof undefined
try { vm.runInNewContext('nope') } catch (e) { log(e.name, e.message, e instanceof ReferenceError) }
log(vm.runInNewContext('typeof nope'));

// runInThisContext does not see locals, does see globals
globalThis.globalVar = 0;
const counter = new vm.Script('globalVar += 1', { filename: 'myfile.vm' });
for (let k = 0; k < 1000; k++) counter.runInThisContext();
log(globalVar);
let localVar = 'initial value';
log(vm.runInThisContext('typeof localVar'), localVar);

// createContext returns its argument; isContext
const s2 = {};
log(vm.createContext(s2) === s2, vm.isContext(s2), vm.isContext({}), vm.createContext(s2) === s2);
log(vm.createContext());

// cached data: produce, accept, reject
const src = 'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } fib(20)';
const first = new vm.Script(src, { produceCachedData: true });
log(first.cachedDataProduced, Buffer.isBuffer(first.cachedData), first.cachedData.length > 0);
const again = new vm.Script(src, { cachedData: first.cachedData });
log(again.cachedDataRejected, again.runInNewContext());
const other = new vm.Script('1 + 1', { cachedData: first.cachedData });
log(other.cachedDataRejected, other.runInNewContext());
const created = first.createCachedData();
log(Buffer.isBuffer(created), new vm.Script(src, { cachedData: created }).cachedDataRejected);
log(new vm.Script('2', { cachedData: Buffer.from('garbage') }).cachedDataRejected);

// compileFunction
const f = vm.compileFunction('return a + b + (typeof c)', ['a', 'b']);
log(f(1, 2), f.name, f.length, typeof f);
const withExt = vm.compileFunction('return greeting + name', ['name'], { contextExtensions: [{ greeting: 'hi ' }] });
log(withExt('bob'));
const pctx = vm.createContext({ secret: 42 });
const inCtx = vm.compileFunction('return [secret, [] instanceof Array]', [], { parsingContext: pctx });
log(inCtx());

// timeouts
try { vm.runInNewContext('while (true) {}', {}, { timeout: 20 }) } catch (e) { log(e.code, e.message, e instanceof Error) }
try { new vm.Script('for (;;) {}').runInThisContext({ timeout: 10 }) } catch (e) { log(e.code, e.message) }
log(vm.runInNewContext('1 + 1', {}, { timeout: 1000 }));

// microtaskMode
const mt = { out: [] };
vm.runInNewContext('Promise.resolve().then(() => out.push("job")); out.push("sync")', mt, { microtaskMode: 'afterEvaluate' });
log(mt.out);
const normal = { out: [] };
vm.runInNewContext('Promise.resolve().then(() => out.push("job")); out.push("sync")', normal);
log(normal.out);

// codeGeneration
const noEval = vm.createContext({}, { codeGeneration: { strings: false } });
try { vm.runInContext('eval("1")', noEval) } catch (e) { log(e.name, e.message) }
try { vm.runInContext('new Function("return 1")', noEval) } catch (e) { log(e.name, e.message) }
log(vm.runInContext('1 + 2', noEval));

// DONT_CONTEXTIFY
const bare = vm.createContext(vm.constants.DONT_CONTEXTIFY);
log(vm.isContext(bare), vm.runInContext('var q = 42; q', bare), bare.q, typeof bare.Array, bare === globalThis);

// errors from inside keep their realm and their stack's first line
try { vm.runInNewContext('null.x', {}, 'file.vm') } catch (e) { log(e.name, e instanceof TypeError, e.stack.split('\n')[0]) }
try { vm.runInNewContext('throw new RangeError("r")') } catch (e) { log(String(e), e.constructor.name) }
try { vm.runInNewContext('throw 42') } catch (e) { log(e) }

// template engine style usage
function render(template, data) {
  const code = 'with (data) { `' + template + '` }';
  return new vm.Script(code).runInNewContext({ data });
}
log(render('Hello ${name}!', { name: 'Ali' }));

// legacy createScript and filename strings
log(vm.createScript('3 * 3', 'legacy.vm').runInThisContext());
log(vm.runInNewContext('a + 1', { a: 1 }, 'f.vm'));
log(vm.runInThisContext('localVar = 1; localVar', 'myfile.vm'), localVar);

// sourceMapURL: V8's magic-comment rules (single-line comment, one space, last one wins)
for (const code of [
  '//# sourceMappingURL=a.map\nvar x=1;',
  'var x=1;\n//# sourceMappingURL=b.map\n\n  ',
  'var x=1;\n//@ sourceMappingURL=c.map',
  'var x=1;\n//#    sourceMappingURL=d.map',
  'var x=1;\n//# sourceMappingURL=e.map extra',
  'var x=1; //# sourceMappingURL=f.map',
  'var s = "//# sourceMappingURL=g.map";',
  '/*# sourceMappingURL=h.map */',
  '//# sourceMappingURL=i1.map\n//# sourceMappingURL=i2.map\nvar y;',
  '`\n//# sourceMappingURL=v.map\n`',
  '1',
]) log(JSON.stringify(code), new vm.Script(code).sourceMapURL, Object.keys(new vm.Script(code)).join());

// sources holding lone surrogates (not representable in UTF-8) compile as in V8
{
  const lone = '\uD800';
  log(new vm.Script('"' + lone + 'x".length').runInThisContext());
  log(vm.runInNewContext('"' + '\uDC00' + '".charCodeAt(0)'));
  log(vm.runInNewContext('`' + lone + '`.charCodeAt(0)'));
  log(vm.compileFunction('return "' + lone + '".length')());
  log(new vm.Script('/' + lone + '/.test("' + lone + '")').runInThisContext());
  log(vm.runInNewContext('"é😀" + "' + '\uDFFF' + '"').length);
  try { new vm.Script('var a' + lone + ' = 1') } catch (e) { log(e.name) }
}

// a large source compiled again from the same string, with and without its cached data
{
  const big = 'var total = 0;\n' + 'total += 1;\n'.repeat(8000) + 'total';
  const data = new vm.Script(big, { filename: 'big.js', produceCachedData: true }).cachedData;
  const again = new vm.Script(big, { filename: 'big.js', cachedData: data });
  log(again.cachedDataRejected, again.runInNewContext({}));
  const tail = Buffer.from(data); tail[tail.length - 10] ^= 0xff;
  log(new vm.Script(big, { filename: 'big.js', cachedData: tail }).cachedDataRejected);
  log(new vm.Script(big, { filename: 'big.js' }).cachedDataRejected);
  log(new vm.Script(big + ' ', { filename: 'big.js', cachedData: data }).cachedDataRejected);
  log(new vm.Script(big, { filename: 'big.js', cachedData: Buffer.from('junk') }).runInNewContext({}));
  const errSrc = big + '\nnull.x';
  for (const f of ['a.js', 'b.js', 'a.js']) {
    try { new vm.Script(errSrc, { filename: f }).runInThisContext() } catch (e) {
      log(e.name, e.stack.split('\n').find((l) => l.includes('.js')).trim());
    }
  }
  const ctx = vm.createContext({ total: 100 });
  log(new vm.Script(big, { filename: 'big.js' }).runInContext(ctx), ctx.total);
}

// arrays as sandboxes, and a sandbox that holds itself reads as the global
{
  const arr = [0, 1, 2, 3];
  log(vm.createContext(arr) === arr, vm.isContext(arr), vm.runInContext('this[2] + length', arr));
  vm.runInContext('x = 5; this[7] = 9', arr);
  log(arr.x, arr[7], arr.length, vm.runInNewContext('length', ['a', 'b']));
  const sandbox = {}; sandbox.self = sandbox; vm.createContext(sandbox);
  log(vm.runInContext('[self === this, this.self === this, typeof self].join()', sandbox));
  const ctx = vm.createContext(); ctx.window = ctx;
  log(vm.runInContext('window === this', ctx));
  const o = { inner: {} }; o.inner.back = o; vm.createContext(o);
  log(vm.runInContext('inner.back === this', o), vm.runInContext('inner.back === inner.back', o));
}

// frames of scripts without a name, and compileFunction's columnOffset
{
  const top = (f) => { try { f(); } catch (e) { return e.stack.split('\n').filter((l) => /^\s+at /.test(l))[0].trim(); } };
  const src = 'throw new Error("Sample Error")';
  log(top(() => vm.compileFunction(src)()));
  log(top(() => vm.compileFunction(src, [], { lineOffset: 3 })()));
  log(top(() => vm.compileFunction(src, [], { columnOffset: 3 })()));
  log(top(() => vm.compileFunction(src, [], { columnOffset: 5, filename: 'q.js' })()));
  log(top(() => vm.compileFunction(src, [], { columnOffset: 3, lineOffset: 1, filename: 'q.js' })()));
  log(top(() => vm.compileFunction('\nthrow new Error("x")', [], { columnOffset: 3, filename: 'f.js' })()));
  try { vm.runInThisContext('throw new Error("y")', { filename: '' }); } catch (e) { log(JSON.stringify(e.stack.split('\n').slice(0, 6))); }
}

// Script.prototype methods called on other values
for (const self of ["'hello';", 42, {}]) {
  try { vm.Script.prototype.runInNewContext.call(self); } catch (e) { log(String(e)); }
}

// a context has V8's builtins, not Node's host globals
log(vm.runInNewContext('[typeof queueMicrotask, typeof setTimeout, typeof structuredClone, typeof Math.max].join()'));
log(typeof queueMicrotask);

// where V8 places errors raised right after `return`
{
  const code = [
    'function a() { return nope }',
    'function b() { return nope() }',
    'function c(o) { return o.p.q }',
    'function d() { return nope[0] }',
    'function e() { return nope }',
    'function f() { return e() }',
    '[a, b, () => c({}), d, f]',
  ].join('\n');
  for (const fn of vm.runInThisContext(code, { filename: 'ret.js' })) {
    try { fn(); } catch (e) { log(e.message, e.stack.split('\n').slice(1, 3).filter((l) => l.includes('ret.js')).map((l) => l.trim()).join(' ')); }
  }
  try { vm.compileFunction('return varInContext', [])(); } catch (e) { log(JSON.stringify(e.stack.split('\n').slice(0, 2))); }
}

// writes to read-only sandbox properties: quiet in sloppy code, V8's TypeError in strict code
{
  const t = (label, sb, code) => { vm.createContext(sb); try { log(label, 'ok', vm.runInContext(code, sb)); } catch (e) { log(label, e.name, e.message); } };
  t('cfg-nonwritable strict', Object.defineProperty({}, 'ro', { value: 51, writable: false, configurable: true }), '"use strict"; ro = 1; ro');
  t('cfg-nonwritable sloppy', Object.defineProperty({}, 'ro', { value: 51, writable: false, configurable: true }), 'ro = 1; ro');
  t('frozen new strict', Object.freeze({ a: 1 }), '"use strict"; extra = 1; typeof extra');
  t('frozen existing strict', Object.freeze({ a: 1 }), '"use strict"; a = 2; a');
  t('frozen same value strict', Object.freeze({ a: 1 }), '"use strict"; a = 1; a');
  t('getter-only strict', Object.defineProperty({}, 'g', { get() { return 7; }, configurable: false }), '"use strict"; g = 1; g');
  t('nonwritable this strict', Object.defineProperty({}, 'ro', { value: 51 }), '"use strict"; this.ro = 1; ro');
  t('sloppy function', Object.defineProperty({}, 'ro', { value: 51 }), '(function(){ ro = 1; return ro })()');
  t('strict function', Object.defineProperty({}, 'ro', { value: 51 }), '(function(){ "use strict"; ro = 1; return ro })()');
  const sb = Object.defineProperty({}, 'ro', { value: 51 });
  const g = vm.runInContext('this', vm.createContext(sb));
  try { (function () { 'use strict'; g.ro = 1; })(); log('host strict: no throw'); } catch (e) { log('host strict', e.name, e.message); }
}

// a promise job left by an afterEvaluate run that timed out does not escape the timeout
{
  const t0 = Date.now();
  const ctx = vm.createContext({ note: (s) => log(s) }, { microtaskMode: 'afterEvaluate' });
  const code = 'Promise.resolve().then(() => { const s = Date.now(); while (Date.now() - s < 2000); note("escaped") }); while (true) {}';
  try { vm.runInContext(code, ctx, { timeout: 20 }); } catch (e) { log('caught', e.code); }
  setTimeout(() => log('after the timed-out run, quickly:', Date.now() - t0 < 1500), 30);
}

// writes refused as read-only: V8's column, and its wording for constants
{
  const code = [
    '(() => { "use strict";',
    'const o = Object.freeze({ a: 1 }); const c = 1;',
    'return [function w1() { o.a = 2; }, function w2() { o["a"] = 2; }, function w3() { c = 2; }, function w4() { c += 1; }, function w5() { c++; }];',
    '})()',
  ].join('\n');
  for (const f of vm.runInThisContext(code, { filename: 'ro.js' })) {
    try { f(); } catch (e) { log(e.name, e.stack.split('\n')[1].trim()); }
  }
  try { vm.runInNewContext('"use strict"; const k = 1; k = 2', {}, 'k.js'); } catch (e) { log(e.message, e.stack.split('\n').find((l) => l.includes('k.js:')).trim()); }
}

// a method called on a `this` that lacks it, in user code
{
  const f = vm.runInThisContext('(function f(a) { return this.runInContext(a, 1); })', { filename: 'm.js' });
  class S { m(a, b) { const c = 1; return this.runInContext(c, b); } }
  for (const call of [() => f.call("'hello';"), () => S.prototype.m.call(42)]) {
    try { call(); } catch (e) { log(String(e)); }
  }
}

// A context's builtins (made on a holder object, read on first use) and its fixed globals.
{
  const c = vm.createContext({ x: 1 });
  log(vm.runInContext('[typeof NaN, NaN, Infinity, typeof undefined, globalThis === this, Object.prototype.toString.call(globalThis)].join()', c));
  for (const name of ['NaN', 'Infinity', 'undefined', 'Math', 'JSON', 'parseInt', 'globalThis']) {
    log(name, vm.runInContext(`JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, ${JSON.stringify(name)}), (k, v) => typeof v === 'function' ? 'fn' : v === globalThis ? 'global' : v)`, c));
  }
  log(vm.runInContext('[parseInt("12") + Number.parseInt("3"), Number.parseInt === parseInt, Math.max.constructor === Function, typeof JSON.stringify].join()', c));
  log(vm.runInContext('delete globalThis.Math; [typeof Math, "Math" in globalThis].join()', c));
  log(vm.runInContext('[eval("this") === globalThis, new Function("return this")() === globalThis, (0, eval)("globalThis") === globalThis].join()', c));
  const d = vm.createContext({ Math: 'mine', JSON: 7, escape: null });
  log(vm.runInContext('[Math, JSON, escape, typeof Reflect, typeof unescape, typeof queueMicrotask].join()', d));
}
// runInNewContext's short forms (no options, a filename string) against the long one.
{
  log(vm.runInNewContext('a + b', { a: 1, b: 2 }), vm.runInNewContext('a', { a: 5 }, 'file.js'),
    vm.runInNewContext('typeof a', undefined), vm.runInNewContext('a', { a: 6 }, { filename: 'f.js' }));
  try { vm.runInNewContext('throw new Error("x")', {}, 'named.js'); } catch (e) { log(e.stack.split('\n')[1].trim()); }
  try { vm.runInNewContext('(', {}); } catch (e) { log(e.name); }
  try { vm.runInNewContext('1', 5); } catch (e) { log(e.code); }
  const g = vm.runInNewContext('this.y = 1; this', vm.constants.DONT_CONTEXTIFY);
  log(typeof g, g.y, vm.isContext(g));
}
