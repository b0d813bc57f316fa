// Cases for util.inspect / util.format / util.isDeepStrictEqual and friends.
//
// Each case is the body of a function `(util) => ...` returning a value; the
// recorder (record-inspect.js) runs it against node's own util and stores the
// result in golden/, the checker (check-inspect.js) runs it against ours.
// Expressions are engine-neutral on purpose: error stacks are set explicitly,
// no source text of native functions, no time zones.
'use strict';

const cases = [];
// util.inspect(expr[, opts]); `opts` is source text so it may hold functions.
const I = (expr, opts) => cases.push(opts === undefined ?
  `return util.inspect((${expr}));` :
  `return util.inspect((${expr}), ${opts});`);
// util.format(args)
const F = (args) => cases.push(`return util.format(${args});`);
// any expression
const E = (expr) => cases.push(`return (${expr});`);
// a statement block
const B = (body) => cases.push(body);

// An error with a fixed, engine-independent stack.
const err = (ctor, msg, stack, extra = '') =>
  `(() => { const e = new ${ctor}(${JSON.stringify(msg)}${extra}); ` +
  `e.stack = ${JSON.stringify(stack)}; return e; })()`;

// --- primitives -----------------------------------------------------------
I('1');
I('-0');
I('0');
I('NaN');
I('-Infinity');
I('-1.5e-7');
I('123n');
I('-5n');
I('true');
I('undefined');
I('null');
I("'abc'");
I("'it\\'s'");
I("'it\\'s \"quoted\"'");
I("'it\\'s \"quoted\" `too`'");
I("'${x} it\\'s \"q\"'");
I("'tab\\tnl\\ncr\\r nul\\0 bs\\\\ del\\x7f c1\\x9b bell\\x07 vt\\x0b ff\\f'");
I("'lone \\ud800 surrogate \\udc00 pair \\ud83d\\ude00'");
I("'ünïcödé 日本語'");
I("Symbol('x')");
I('Symbol()');
I('Symbol.iterator');
I("Symbol('a\\nb')");
I("'x'.repeat(30)", '{ maxStringLength: 10 }');
I("'x'.repeat(11)", '{ maxStringLength: 10 }');
I("'line one is here\\nline two is here and it is quite a bit longer than the rest of them\\nend'");
I("'short\\nlines'");
I("'a'.repeat(200)");
I("{ s: 'first line of a string\\nsecond line of that string that goes on and on and on\\nthird' }");
I('1234567.891', '{ numericSeparator: true }');
I('[1000000n, -1234.5, 0.0001234, 1e21, -12345]', '{ numericSeparator: true }');

// --- plain objects ----------------------------------------------------------
I('{}');
I('{ a: 1 }');
I("{ animal: 'cat', count: 12, name: 'kitty' }");
I('{ a: { b: { c: { d: 1 } } } }');
I('{ a: { b: { c: { d: 1 } } } }', '{ depth: 0 }');
I('{ a: { b: { c: { d: { e: 1 } } } } }', '{ depth: Infinity }');
I('{ a: { b: { c: { d: { e: 1 } } } } }', '{ depth: null }');
I("{ 'a-b': 1, $a: 2, _ok: 3, '1': 4, '01': 5, 'with space': 6, \"it's\": 7, 'ü': 8 }");
I("{ ['__proto__']: 1, __proto__x: 2 }");
I("{ [Symbol('s')]: 1, [Symbol()]: 2, [Symbol.iterator]: 3, [Symbol('a\\nb')]: 4 }");
I('{ get a() { return 1; }, set b(v) {}, get c() { return 2; }, set c(v) {} }');
I("{ get a() { return 1; }, get o() { return { x: [1] }; }, get n() { return null; }, get s() { return 'str'; }, set w(v) {} }", '{ getters: true }');
I('{ get a() { return 1; }, get c() { return 2; }, set c(v) {} }', "{ getters: 'get' }");
I('{ get a() { return 1; }, get c() { return 2; }, set c(v) {} }', "{ getters: 'set' }");
I("{ get boom() { throw new Error('nope'); } }", '{ getters: true }');
I('Object.create(null)');
I('Object.assign(Object.create(null), { a: 1, b: [2] })');
I('new (class Foo { constructor() { this.a = 1; } })()');
I('new (class Foo {})()');
I('new (class {})()');
I("new (class Foo { get [Symbol.toStringTag]() { return 'Bar'; } })()");
I("Object.create({ [Symbol.toStringTag]: 'foo' })");
I("Object.assign(Object.create({ [Symbol.toStringTag]: 'foo' }), { x: 1 })");
I("{ [Symbol.toStringTag]: 'own' }");
I('Object.create(Object.create(null))');
I('Object.create(Object.create(Object.create(null)))');
I("Object.defineProperty({ visible: 1 }, 'hidden', { value: 2, enumerable: false })");
I("Object.defineProperty({ visible: 1 }, 'hidden', { value: 2, enumerable: false })", '{ showHidden: true }');
I("Object.defineProperty({}, 'a\\nb', { value: 1, enumerable: false })", '{ showHidden: true }');
I("(() => { class Foo { get x() { return 1; } }; return new Foo(); })()", '{ showHidden: true }');
I("(() => { class Foo { get x() { return 1; } }; class Bar extends Foo { constructor() { super(); this.y = 2; } get z() { return 3; } }; return new Bar(); })()", '{ showHidden: true }');
I("({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd', eps: 1 })");
I("({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'ddddddddddd', e: 1 })");
I('Object.fromEntries(Array.from({ length: 30 }, (_, i) => ["key" + i, i]))');
I("{ a: 1, b: { c: 2, d: { e: 3, f: { g: 4 } } }, h: [1, 2, { i: 5 }] }");
I("{ a: { b: { c: {} } }, x: 1 }");
I("{ a: [{ b: { c: 1 } }], z: 'zz' }");
I("{ a: 1, b: { c: 2, d: [1, 2, 3] } }", '{ compact: false }');
I("{ a: 1, b: { c: 2, d: [1, 2, 3] } }", '{ compact: true }');
I("{ a: 1, b: { c: 2, d: { e: { f: 1 } } } }", '{ compact: 1 }');
I("({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd', eps: { x: 'long value here' } })", '{ compact: true }');
I("{ a: 'a'.repeat(90), b: { c: 1 } }", '{ compact: true }');
I("new Set(['a'.repeat(40), 'b'.repeat(40)])", '{ compact: true }');
I("{ a: 1, b: 2, c: 3 }", '{ breakLength: 10 }');
I("{ a: 1, b: 'two', c: [3, 4], d: { e: 5 } }", '{ breakLength: Infinity }');
I("{ c: 1, a: 2, b: { z: 1, y: 2 }, [Symbol('s')]: 3 }", '{ sorted: true }');
I("{ c: 1, a: 2, b: 3 }", '{ sorted: (a, b) => (a < b ? 1 : a > b ? -1 : 0) }');
I("Object.assign([3, 1, 2], { z: 1, a: 2 })", '{ sorted: true }');
I("new Map([['b', 1], ['a', 2]])", '{ sorted: true }');

// --- arrays ------------------------------------------------------------------
I('[]');
I('[1, 2, 3]');
I('[1, 2, 3, 4, 5, 6]');
I('[1, 2, 3, 4, 5, 6, 7]');
I('Array.from({ length: 26 }, (_, i) => i)');
I('Array.from({ length: 100 }, (_, i) => i * 3)');
I('Array.from({ length: 101 }, (_, i) => i)');
I('Array.from({ length: 200 }, (_, i) => i)', '{ maxArrayLength: 10 }');
I('[1, 2, 3]', '{ maxArrayLength: 0 }');
I('[1, 2, 3]', '{ maxArrayLength: null }');
I("Array.from({ length: 12 }, (_, i) => 'item' + i)");
I("Array.from({ length: 30 }, (_, i) => 'x'.repeat(i % 7))");
I('Array.from({ length: 8 }, (_, i) => -i * 1000)');
I('Array.from({ length: 8 }, (_, i) => BigInt(i) ** 10n)');
I("[1, 'a', 2, 'b', 3, 'c', 4, 'd']");
I("Array.from({ length: 10 }, (_, i) => ({ id: i }))");
I("Array.from({ length: 10 }, (_, i) => [i, i * 2])");
I("Array.from({ length: 7 }, () => 'x'.repeat(25))");
I("Array.from({ length: 9 }, (_, i) => '日本'.repeat(i % 3 + 1))");
I("[{ a: 1 }, { b: 2 }, 'x'.repeat(70)]");
I('[1, , 3]');
I('[, , 1]');
I('new Array(5)');
I('(() => { const a = []; a[1] = 1; a[5] = 5; a[99] = 99; return a; })()');
I('(() => { const a = []; a[200] = 1; return a; })()');
I('(() => { const a = [1, , 3, , 5, , 7, , 9, , 11]; return a; })()', '{ maxArrayLength: 4 }');
I("Object.assign([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { foo: 'bar' })");
I("Object.assign([1, , 3], { foo: 'bar', '-1': 'neg' })");
I('[[1, [2, [3, [4, [5]]]]]]');
I('[[[[]]]]');
I("['a'.repeat(30) + '\\n' + 'b'.repeat(60)]");
I('[1, 2]', '{ showHidden: true }');
I('new (class Foo extends Array {})(3)');
I('Object.setPrototypeOf([1, 2], null)');
I("(() => { const a = [1, 2]; Object.defineProperty(a, Symbol.toStringTag, { value: 'Tagged' }); return a; })()");
I('Array.from({ length: 120 }, (_, i) => i % 2 ? i : -i)', '{ breakLength: 120 }');
I('Array.from({ length: 50 }, (_, i) => i)', '{ compact: 1 }');
I('Array.from({ length: 30 }, (_, i) => i)', '{ compact: false }');
I('Array.from({ length: 30 }, (_, i) => i)', '{ compact: true }');
I('{ list: Array.from({ length: 40 }, (_, i) => i), other: { nested: Array.from({ length: 12 }, (_, i) => "s" + i) } }');

// --- functions and classes ----------------------------------------------------
I('function f() {}');
I('() => {}');
I('(() => () => {})()');
I('async function af() {}');
I('async () => {}');
I('function* g() {}');
I('async function* ag() {}');
I('class A {}');
I('class B extends Array {}');
I('(() => { class A {} return class B extends A {}; })()');
I('class {}');
I('(() => { class A { constructor() {} } return A; })()');
I('Object.assign(function f() {}, { a: 1, b: { c: 2 } })');
I('Object.assign(class K {}, { staticProp: 1 })');
I('(function f() {}).bind(null)');
I("Object.getOwnPropertyDescriptor({ get x() { return 1; } }, 'x').get");
I('Object.setPrototypeOf(function nul() {}, null)');
I("Object.defineProperty(function f() {}, 'name', { value: 'renamed' })");
I("Object.defineProperty(function f() {}, 'name', { value: '' })");
I('{ fn: function () {}, arrow: () => {}, method() {}, async am() {}, *gm() {} }');
I("(() => { const f = function named() {}; f[Symbol.toStringTag] = 'T'; return f; })()");
I('{ a: { b: { c: Object.assign(function f() {}, { x: 1 }) } } }');

// --- errors -----------------------------------------------------------------
I(err('Error', 'boom', 'Error: boom\n    at foo (file.js:1:2)\n    at bar (file.js:3:4)'));
I(err('TypeError', 'bad', 'TypeError: bad\n    at foo (file.js:1:2)'));
I('(() => { const e = new Error("no stack"); Object.defineProperty(e, "stack", { value: undefined, writable: true, configurable: true }); return e; })()');
I('(() => { const e = new RangeError("no stack"); e.stack = ""; return e; })()');
I('(() => { const e = new Error("coded"); Object.defineProperty(e, "stack", { value: undefined, writable: true, configurable: true }); e.code = "ERR_X"; return e; })()');
I(`Object.assign(${err('Error', 'coded', 'Error: coded\n    at foo (file.js:1:2)')}, { code: 'ERR_X', extra: { deep: true } })`);
I(err('Error', 'with cause', 'Error: with cause\n    at foo (file.js:1:2)', ', { cause: 42 }'));
I(`(() => { const c = new Error('inner'); c.stack = 'Error: inner\\n    at a (x.js:1:1)\\n    at b (x.js:2:1)\\n    at c (x.js:3:1)\\n    at d (x.js:4:1)\\n    at e (x.js:5:1)'; const e = new Error('outer', { cause: c }); e.stack = 'Error: outer\\n    at z (x.js:9:1)\\n    at b (x.js:2:1)\\n    at c (x.js:3:1)\\n    at d (x.js:4:1)\\n    at e (x.js:5:1)'; return e; })()`);
I(`{ error: ${err('Error', 'nested', 'Error: nested\n    at foo (file.js:1:2)')}, after: 1 }`);
I(`[${err('Error', 'in array', 'Error: in array\n    at foo (file.js:1:2)')}]`);
I(`(() => { class MyError extends Error {} const e = new MyError('mine'); e.stack = 'Error: mine\\n    at foo (file.js:1:2)'; return e; })()`);
I(`(() => { class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } } const e = new MyError('mine'); e.stack = 'MyError: mine\\n    at foo (file.js:1:2)'; return e; })()`);
I(`(() => { class ValidationError extends TypeError {} const e = new ValidationError('v'); e.stack = 'TypeError: v\\n    at foo (file.js:1:2)'; return e; })()`);
I(`(() => { const e = new Error('renamed'); e.stack = 'Error: renamed\\n    at foo (file.js:1:2)'; e.name = 'Custom'; return e; })()`);
I(`(() => { const e = new Error('m'); e.stack = 'Error: m\\n    at foo (file.js:1:2)'; e.message = 'changed'; return e; })()`);
I(`(() => { const e = new AggregateError([1, 'two'], 'agg'); e.stack = 'AggregateError: agg\\n    at foo (file.js:1:2)'; return e; })()`);
I(`(() => { const e = new Error('np'); e.stack = 'Error: np\\n    at a (b.js:1:1)'; return Object.setPrototypeOf(e, null); })()`);
I('Object.create(Error.prototype)');
I(`{ a: { b: { c: ${err('Error', 'deep', 'Error: deep\n    at foo (file.js:1:2)')} } } }`);
I(`{ a: { b: { c: Object.assign(${err('Error', 'deep', 'Error: deep\n    at foo (file.js:1:2)')}, { x: 1 }) } } }`);
I("(() => { const e = new Error('multi\\nline message'); e.stack = 'Error: multi\\nline message\\n    at foo (file.js:1:2)'; return e; })()");
I(`(() => { const e = new Error('x'); e.stack = 'Error: x\\n    at foo (/somewhere/node_modules/pkg/index.js:1:2)'; return e; })()`, '{ colors: true }');

// --- Map, Set, weak collections, iterators -------------------------------------
I("new Map([['a', 1]])");
I("new Map([['a', 1], [{ k: 1 }, [1, 2]], [NaN, null]])");
I('new Map()');
I('new Set()');
I("new Set([1, 'two', { three: 3 }])");
I('new Set(Array.from({ length: 120 }, (_, i) => i))');
I('new Map(Array.from({ length: 5 }, (_, i) => [i, i]))', '{ maxArrayLength: 2 }');
I("new (class MyMap extends Map {})([[1, 2]])");
I("Object.setPrototypeOf(new Map([[1, 2]]), null)");
I("Object.setPrototypeOf(new Set([1]), null)");
I("Object.assign(new Map([[1, 2]]), { extra: true })");
I("Object.assign(new Set(), { extra: true })");
I('{ a: { b: { m: new Map([[1, 2]]), s: new Set([1]) } } }');
I('new Map([[new Map([[1, new Set([2])]]), "v"]])');
I('new WeakMap()');
I('new WeakSet()');
I("new Map([['a', 1], ['b', 2]]).keys()");
I("new Map([['a', 1], ['b', 2]]).values()");
I("new Map([['a', 1], ['b', 2]]).entries()");
I("new Map([['a', 1]])[Symbol.iterator]()");
I('new Set([1, 2]).values()');
I('new Set([1, 2]).entries()');
I("(() => { const it = new Map([['a', 1], ['b', 2], ['c', 3]]).keys(); it.next(); return it; })()");
I("(() => { const it = new Set(['a', 'b']).values(); const first = util.inspect(it); return [first, it.next().value, it.next().value, it.next().done]; })()");
I("new Map(Array.from({ length: 30 }, (_, i) => ['key' + i, { value: i }]))");
I("new Set(['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)])");

// --- typed arrays and buffers ----------------------------------------------------
I('new Uint8Array([1, 2, 3])');
I('new Float64Array([-0, NaN, 1.5, Infinity])');
I('new BigInt64Array([1n, -2n])');
I('new Int16Array(0)');
I('new Uint8Array(120)');
I('new Uint16Array(Array.from({ length: 30 }, (_, i) => i * 1000))');
I('new Uint8Array([1, 2, 3])', '{ showHidden: true }');
I("Object.assign(new Uint8Array(2), { extra: 'x' })");
I('Object.setPrototypeOf(new Uint8Array(2), null)');
I('new (class Bytes extends Uint8Array {})(2)');
I('new Uint8Array([1, 2]).buffer');
I('new ArrayBuffer(0)');
I('new Uint8Array(Array.from({ length: 120 }, (_, i) => i)).buffer');
I('new Uint8Array([255, 16, 1]).buffer', '{ maxArrayLength: 2 }');
I('new DataView(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2)');
I('new SharedArrayBuffer(2)');
I('{ a: { b: { c: new Uint8Array(2) } } }');
I('{ a: { b: { c: new ArrayBuffer(2) } } }');

// --- dates, regexps, boxed primitives ---------------------------------------------
I('new Date(0)');
I('new Date(1e12)');
I('new Date(NaN)');
I('Object.assign(new Date(0), { note: 1 })');
I('{ a: { b: { c: Object.assign(new Date(0), { note: 1 }) } } }');
I('Object.setPrototypeOf(new Date(0), null)');
I('new (class MyDate extends Date {})(0)');
I('/ab+c/gi');
I('new RegExp("a/b", "u")');
I("Object.assign(/x/, { extra: 1 })");
I("{ a: { b: { c: Object.assign(/x/, { extra: 1 }) } } }");
I('Object.setPrototypeOf(/x/g, null)');
I('new (class MyRe extends RegExp {})("x")');
I('new Number(3)');
I('new Number(-0)');
I("new String('abc')");
I("new String('abc')", '{ showHidden: true }');
I("Object.assign(new String('ab'), { extra: 1 })");
I('new Boolean(false)');
I("Object(Symbol('boxed'))");
I('Object(10n)');
I('Object.setPrototypeOf(new Number(3), null)');
I('new (class MyNum extends Number {})(4)');
I('[new Number(1), new String("s"), new Boolean(true)]', '{ colors: true }');

// --- promises, proxies, arguments, misc objects ---------------------------------
I('Promise.resolve(1)');
I('new Promise(() => {})');
I("(() => { const p = Promise.reject({ a: { b: 1 } }); p.catch(() => {}); return p; })()", '{ depth: 0 }');
I("(() => { const e = new Error('rej'); e.stack = 'Error: rej\\n    at foo (file.js:1:2)'; const p = Promise.reject(e); p.catch(() => {}); return p; })()");
I("(() => { const p = Promise.reject(3); p.catch(() => {}); return p; })()");
I("Promise.resolve({ a: { b: { c: { d: 1 } } } })");
I("Object.assign(Promise.resolve('v'), { extra: 1 })");
I('{ a: { b: { p: Promise.resolve(2) } } }');
I("new Proxy({ a: 1 }, { get() { return 'trapped'; } })");
I('new Proxy([1, 2], {})');
I('new Proxy({ a: 1 }, {})', '{ showProxy: true }');
I('new Proxy(function f() {}, {})', '{ showProxy: true }');
I('(() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })()');
I('{ p: new Proxy({ x: 1 }, {}) }', '{ showProxy: true, depth: 0 }');
I('(function () { return arguments; })(1, "two")');
I('(function () { return arguments; })()');
I('{ a: { b: { c: (function () { return arguments; })(1) } } }');
I('(function* () {})()');
I('(async function* () {})()');
I('[][Symbol.iterator]()');
I('JSON');
I('Reflect');
I('Math', '{ depth: 0 }');
I('globalThis.Atomics || Object.create(null)');

// --- circular references ---------------------------------------------------------
I('(() => { const o = { name: "o" }; o.self = o; return o; })()');
I('(() => { const a = { n: "a" }; const b = { n: "b", a }; a.b = b; return [a, b]; })()');
I('(() => { const a = [1]; a.push(a); return a; })()');
I('(() => { const m = new Map(); m.set("me", m); return m; })()');
I('(() => { const a = {}; const b = { a }; a.b = b; const c = { x: a, y: b }; c.c = c; return c; })()');
I('(() => { const o = {}; o.a = { b: { c: o } }; return o; })()', '{ depth: 5 }');
I('(() => { const o = { arr: [] }; o.arr.push(o, o.arr); return o; })()');
I('(() => { const o = {}; o.o = o; return o; })()', '{ compact: true }');
I('(() => { const f = function f() {}; f.self = f; return f; })()');

// --- custom inspect -----------------------------------------------------------------
I("{ [Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM'; } }");
I("{ x: { [Symbol.for('nodejs.util.inspect.custom')]() { return 'multi\\nline'; } } }");
I("{ [Symbol.for('nodejs.util.inspect.custom')]() { return { replaced: [1, 2] }; } }");
I("{ [Symbol.for('nodejs.util.inspect.custom')](depth, opts) { return 'depth=' + depth + ' colors=' + opts.colors + ' bl=' + opts.breakLength; } }");
I("{ a: { b: { [Symbol.for('nodejs.util.inspect.custom')](depth, opts, insp) { return 'd' + depth + ' ' + insp({ q: 1 }); } } } }");
I("{ [Symbol.for('nodejs.util.inspect.custom')](depth, opts) { return opts.stylize('styled', 'special'); } }", '{ colors: true }');
I("{ [Symbol.for('nodejs.util.inspect.custom')](depth, opts) { return JSON.stringify(Object.keys(opts)) + opts.userOpt; } }", "{ userOpt: 'U' }");
I("{ [Symbol.for('nodejs.util.inspect.custom')]() { return this; }, plain: 1 }");
I("{ [Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM'; } }", '{ customInspect: false }');
I("(() => { class C { [Symbol.for('nodejs.util.inspect.custom')]() { return 'C!'; } } return [new C(), C.prototype]; })()");
I("{ inspect() { return 'legacy ignored'; } }");

// --- colours ------------------------------------------------------------------------
I("{ n: 1, b: true, u: undefined, nl: null, s: 'str', sym: Symbol('s'), big: 1n, d: new Date(0), re: /x/, f() {} }", '{ colors: true }');
I('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]', '{ colors: true }');
I("new Map([['k', [1, 'v']]])", '{ colors: true }');
I('(() => { const o = {}; o.o = o; return o; })()', '{ colors: true }');
I('[1, , 3, function f() {}, class A {}]', '{ colors: true }');
I('(() => { const e = new Error("c"); Object.defineProperty(e, "stack", { value: undefined, writable: true, configurable: true }); return e; })()', '{ colors: true }');
I("Array.from({ length: 10 }, (_, i) => 'w' + i)", '{ colors: true }');
I("{ a: 'x'.repeat(100) }", '{ colors: true }');
I("{ get g() { return 1; } }", '{ colors: true, getters: true }');
I('Promise.resolve(undefined)', '{ colors: true }');
I("new Proxy({}, {})", '{ colors: true, showProxy: true }');

// --- legacy signature / option handling ---------------------------------------------
E("util.inspect({ a: { b: { c: { d: 1 } } } }, false, 0)");
E("util.inspect({ a: Object.defineProperty({}, 'h', { value: 1 }) }, true)");
E("util.inspect({ s: 'x' }, false, null, true)");
B("const old = util.inspect.defaultOptions.depth; util.inspect.defaultOptions = { depth: 0 }; try { return util.inspect({ a: { b: 1 } }); } finally { util.inspect.defaultOptions = { depth: old }; }");
E('JSON.stringify(util.inspect.defaultOptions)');
E("Object.keys(util.inspect.defaultOptions).join()");
E("util.inspect.custom === Symbol.for('nodejs.util.inspect.custom')");
E('JSON.stringify(util.inspect.styles)');
E('JSON.stringify(util.inspect.colors)');
E("util.inspect.colors.grey.join() + ' ' + util.inspect.colors.faint.join() + ' ' + Object.keys(util.inspect.colors).length");
E("util.inspect('str', { stylize: (s, t) => '<' + t + ':' + s + '>' })");

// --- format ---------------------------------------------------------------------------
F("'%s', 'str'");
F("'%s %s %s', 1n, null, undefined");
F("'%s', -0");
F("'%s', Symbol('s')");
F("'%s', { a: { b: { c: 1 } } }");
F("'%s', [1, [2, [3]]]");
F("'%s', { toString() { return 'custom toString'; } }");
F("'%s', new (class Q { toString() { return 'Q!'; } })()");
F("'%s', new (class R {})()");
F("'%s', Object.create(null)");
F("'%s', new Date(0)");
F("'%s', function foo() { return 1; }");
F("'%s', (() => { const e = new Error('fmt'); e.stack = 'Error: fmt\\n    at foo (file.js:1:2)'; return e; })()");
F("'%d %d %d %d', '42abc', 1.5, 10n, Symbol('x')");
F("'%i %i %i', '42.9', -1.9, 5n");
F("'%f %f', '3.25abc', Symbol('y')");
F("'%j', { a: 1, b: [1, 2] }");
F("'%j', (() => { const a = {}; a.a = a; return a; })()");
F("'%j', undefined");
F("'%o', { a: [1, 2], f() {} }");
F("'%o', [1]");
F("'%O', { a: { b: { c: { d: 1 } } } }");
F("'%c%s', 'color: red', 'styled'");
F("'100%'");
F("'%%s %s', 1");
F("'%x %s', 1");
F("'%s:%s', 'a'");
F("'%s'");
F('');
F("1, 2, '3'");
F("'a', 'b', { c: 1 }, [2]");
F("'%s %s', 'x'.repeat(3), 'extra', 'args', 4");
F("'%d%%', 50");
F("'trailing %'");
F("'%s', new Map([[1, 2]])");
F("'%s', new Proxy({ a: 1 }, {})");
E("util.formatWithOptions({ colors: true }, '%O and %s', { a: 1 }, 2, 3)");
E("util.formatWithOptions({ compact: false }, { a: 1 })");
E("util.formatWithOptions([], 'x %s', 1)");

// --- isDeepStrictEqual -----------------------------------------------------------------
const D = (a, b) => E(`util.isDeepStrictEqual(${a}, ${b})`);
D('1', '1');
D('0', '-0');
D('NaN', 'NaN');
D('1', "'1'");
D('{ a: 1, b: [1, 2] }', '{ b: [1, 2], a: 1 }');
D('{ a: 1 }', '{ a: 1, b: undefined }');
D('{ a: undefined }', '{ b: undefined }');
D('[1, 2]', '[1, 2, 3]');
D('[1, , 3]', '[1, undefined, 3]');
D('[1, , 3]', '[1, , 3]');
D('new Set([1, { a: 1 }])', 'new Set([{ a: 1 }, 1])');
D('new Set([{ a: 1 }, { a: 1 }])', 'new Set([{ a: 1 }, { a: 2 }])');
D("new Map([[{ k: 1 }, 'v']])", "new Map([[{ k: 1 }, 'v']])");
D("new Map([['k', 1]])", "new Map([['k', 2]])");
D('new Date(0)', 'new Date(0)');
D('new Date(0)', 'new Date(1)');
D('/a/g', '/a/g');
D('/a/g', '/a/i');
D('(() => { const r = /a/g; r.lastIndex = 3; return r; })()', '/a/g');
D("new Error('a')", "new Error('a')");
D("new Error('a')", "new TypeError('a')");
D("new Error('a', { cause: { x: 1 } })", "new Error('a', { cause: { x: 1 } })");
D("new Error('a', { cause: 1 })", "new Error('a')");
D("Object.assign(new Error('a'), { code: 1 })", "Object.assign(new Error('a'), { code: 2 })");
D('new Number(1)', 'new Number(1)');
D('new Number(0)', 'new Number(-0)');
D("new String('a')", "new String('b')");
D('new Number(1)', '{}');
D('Object.create(null)', '{}');
D('new (class A {})()', '{}');
D('{ [Symbol.for("s")]: 1 }', '{ [Symbol.for("s")]: 1 }');
D('{ [Symbol.for("s")]: 1 }', '{ [Symbol.for("s")]: 2 }');
D('{ [Symbol.for("s")]: 1 }', '{}');
D('new Uint8Array([1, 2])', 'new Uint8Array([1, 2])');
D('new Uint8Array([1, 2])', 'new Int8Array([1, 2])');
D('new Float64Array([0])', 'new Float64Array([-0])');
D('new Uint8Array([1, 2]).buffer', 'new Uint8Array([1, 2]).buffer');
D('(() => { const a = { x: 1 }; a.self = a; return a; })()', '(() => { const b = { x: 1 }; b.self = b; return b; })()');
D('(() => { const a = { x: 1 }; a.self = a; return a; })()', '(() => { const b = { x: 1 }; b.self = { x: 1, self: b }; return b; })()');
D("Object.defineProperty({ y: 1 }, 'x', { value: 1 })", '{ x: 1 }');
D('[1, 2]', 'Object.assign([1, 2], { extra: 1 })');
D('function f() {}', 'function f() {}');
D('(function () { return arguments; })(1)', '[1]');
D('new WeakMap()', 'new WeakMap()');

// --- assorted edge cases ------------------------------------------------------------------
I("Object.assign(new Map([[1,2]]).keys(), {x:1})");
I("new Map([[1,2]]).keys()", "{depth: -1}");
I("{a: new Map([[1,2]]).entries()}", "{depth: 0}");
I("new Set([1,2,3]).values()", "{maxArrayLength: 1}");
I("Object.setPrototypeOf({}, Array.prototype)");
I("Object.setPrototypeOf([], Object.prototype)");
I("Object.setPrototypeOf(new Map(), Set.prototype)");
I("{ a: -0, b: [-0] }");
I("(() => { const e = new Error(\"m\"); e.stack = \"just text\"; return e; })()");
I("(() => { const e = new Error(\"m\"); Object.defineProperty(e, \"stack\", { value: 42, configurable: true }); return e; })()");
I("(() => { const e = new Error(\"m\"); e.name = undefined; e.stack = \"x\"; return e; })()");
I("(() => { const e = { name: \"E\", message: \"m\", stack: \"E: m\\n    at a (b:1:1)\" }; Object.setPrototypeOf(e, Error.prototype); return e; })()");
I("(() => { const e = new Error(\"m\"); e.stack = \"Error: m\\n    at a (b:1:1)\"; e.name = \"TypeError\"; return e; })()");
I("(() => { const e = new TypeError(\"m\"); e.stack = \"TypeError: m\\n    at a (b:1:1)\"; Object.defineProperty(e, Symbol.toStringTag, {value: \"Tag\"}); return e; })()");
I("Object.setPrototypeOf(Object.assign(new Error(\"x\"), {stack: \"Foo: bar\\n    at a (b:1:1)\"}), null)");
I("Object.setPrototypeOf(Object.assign(new Error(\"x\"), {stack: \"SyntaxError\"}), null)");
I("new Array(3).fill({ a: \"long string here to break things up ok\" })");
I("{ a: [ { b: 1, c: [ { d: 2 } ] } ] }", "{ depth: 10 }");
I("Array.from({length: 7}, (_, i) => ({ i }))");
I("Array.from({length: 27}, (_, i) => i % 3 ? \"a\" : 1)");
I("Array.from({length: 16}, (_, i) => \"x\".repeat(i))");
I("Array.from({length: 100}, (_, i) => i)", "{ breakLength: 20 }");
I("[[\"a\", \"b\"], [\"c\", \"d\"]]");
I("Array.from({ length: 8 }, () => undefined)");
I("Array.from({ length: 8 }, () => null)", "{colors: true}");
I("new Array(3)", "{colors: true}");
I("new Set([[1,2],[3,4]])", "{compact: true}");
I("Array.from({length: 30}, (_, i) => \"item\" + i)", "{compact: true}");
I("{ x: Array.from({length: 30}, (_, i) => \"item\" + i) }", "{compact: true, breakLength: 60}");
I("{ \"a\\nb\": 1, \"\\'\": 2, \"\\\"\": 3, \"`\": 4 }");
I("Object.defineProperty({}, Symbol(\"hid\"), { value: 1 })", "{showHidden: true}");
I("Object.defineProperty([], \"x\", { get() { return 1; }, enumerable: true })");
I("Object.defineProperty([1], \"0\", { get() { return 1; }, enumerable: true })");
I("Object.defineProperty([1], \"0\", { set(v) {}, enumerable: true })");
I("new Proxy(new Map([[1,2]]), {})");
I("new Proxy(new Proxy({a:1}, {}), {})");
I("new Proxy(new Proxy({a:1}, {}), {})", "{showProxy: true}");
I("new Proxy([], {})", "{showProxy: true, depth: -1}");
I("Object(Symbol.iterator)");
I("Object(\"\")");
I("new Boolean(true)", "{colors: true}");
I("Object.assign(new Number(5), {a: 1})", "{colors: true}");
I("{ [Symbol.toStringTag]: \"x\", a: 1 }", "{showHidden: true}");
I("Object.create({}, { [Symbol.toStringTag]: { value: \"hidden\" } })");
I("Object.create({}, { [Symbol.toStringTag]: { value: \"hidden\" } })", "{showHidden: true}");
I("Object.create({}, { [Symbol.toStringTag]: { value: 5 } })");
I("Object.create(Array.prototype)");
I("Object.create(Function.prototype)");
I("(() => { function F() {} F.prototype.constructor = null; return new F(); })()");
I("(() => { const o = Object.create(null); o.constructor = function Fake() {}; return o; })()");
I("Object.create(Object.create(null), { x: { value: 1, enumerable: true } })");
I("new (class extends null { constructor() { return Object.create(new.target.prototype); } })()");
I("[function(){}, function named(){}, () => {}, async function*(){}]");
I("Object.assign(() => {}, { [Symbol(\"s\")]: 1 })");
I("new Date(8.64e15)");
I("new Date(-1)");
I("/[/]\\//");
I("new RegExp(\"\\n\")");
I("{ a: 1n, b: new BigUint64Array([2n**64n-1n]) }");
I("new Float32Array([0.1, 1/3])");
I("[0.1, 1/3, 1e-7, 123456789012345680000]");
I("[1,2,3]", "{numericSeparator: true}");
I("[12345.6789, -0.00001, 1e21, 123456789]", "{numericSeparator: true}");
I("new Uint32Array([4294967295, 100000])", "{numericSeparator: true}");
I("\"a\".repeat(10001)");
I("[\"a\".repeat(20) + \"\\n\"]", "{breakLength: 20}");
I("\"x\".repeat(20) + \"\\n\" + \"y\"", "{breakLength: 20}");
I("{ k: \"line1\\nline2 that is long enough to exceed the break length limit here okay\" }", "{compact: 1}");
I("\"ab\\ncd\".repeat(10)", "{maxStringLength: 12}");
I("new Map([[\"a\".repeat(50), \"b\".repeat(50)]])");
I("new Map([[{a:1}, {b:2}]])", "{compact: true}");
I("(() => { const s = new Set(); s.add(s); return s; })()");
I("(() => { const a = {}; const b = {a}; a.b = b; return {a, b}; })()");
I("(() => { const a = [1]; return [a, a, a]; })()");
I("(() => { const x = {}; x.x = x; return [x, {y: x}]; })()");
I("(() => { const x = {}; x.x = x; const y = {}; y.y = y; return [y, x, y, x]; })()");
I("{ a: { b: { c: { d: { e: { f: 1 } } } } } }", "{depth: 3, compact: 10}");
I("{ a: \"s\" }", "{ colors: true, stylize: (s, t) => `<${t}>` }");
I("(function () { return arguments; })(1, 2)", "{showHidden: false, depth: 0}");
I("Object.assign(Object.create(null), { [Symbol.iterator]: 1 })");
I("Object.assign(Object.create(null), { a: { b: { c: { d: 1 } } } })");
I("new (class Foo extends Map {})([[1, 2]])");
I("new (class Foo extends Set { get [Symbol.toStringTag]() { return \"Bar\"; } })()");
I("new (class Foo extends Promise {})(() => {})");
I("new (class Foo extends WeakMap {})()");
I("[new (class Foo extends ArrayBuffer {})(2)]");
I("new Uint8Array(new ArrayBuffer(4), 1, 2)", "{showHidden: true}");
I("new DataView(new ArrayBuffer(2))", "{depth: 0}");
I("{ s: new SharedArrayBuffer(1) }");
I("Array.prototype", "{}");
I("Object.prototype");
I("Map.prototype");
I("Promise.prototype");
I("Error.prototype");
I("TypeError.prototype");
I("Function.prototype");
I("Date.prototype");
I("RegExp.prototype");
I("Number.prototype");
I("String.prototype");
I("(class A { static x = 1; static #p = 2; })");
I("Object.assign(Object.create({ inherited: 1 }), { own: 2 })", "{showHidden: true}");
I("{ a: undefined, b: null }", "{colors: true}");
I("{ [Symbol(\"x\")]: Symbol(\"y\") }", "{colors: true}");
I("{ \"quoted-key\": 1 }", "{colors: true}");
I("[,\"x\",,]", "{colors: true}");
I("{ get a() { return [1,2,3]; } }", "{getters: true, compact: true}");
I("{ get a() { return \"s\".repeat(100); } }", "{getters: true}");
I("Object.defineProperty({}, \"a\", { get() { return 1 }, set(v) {}, enumerable: true })", "{getters: \"get\"}");
I("{ a: [new Map(), new Set(), [], {}, new Map([[1,2]])] }");
I('[1.5e-7, -1234.5678, 1e21, 1.5e300, -0, NaN, Infinity, -1e-7, 0.1, 100, -100000, 1234.5, -0.00001, 5e-324]', '{ numericSeparator: true }');
I('[-12345n, 1234n, 123n]', '{ numericSeparator: true }');
I('Object.setPrototypeOf([1, 2], Object.prototype)');
I('Object.setPrototypeOf(new Map([[1, 2]]), Object.prototype)');
I('Object.setPrototypeOf(function f() {}, Object.prototype)');
I('Object.setPrototypeOf(/x/, Object.prototype)');

// --- other util APIs ----------------------------------------------------------------------
// Error thrown by each API: name, code and message (stacks are engine specific).
const T = (expr) => B(`try { ${expr}; return 'no throw'; } catch (e) { return [e.name, e.code, e.message, String(e)].join(' | '); }`);
T('util.inherits(1, 2)');
T('util.inherits(null, function () {})');
T('util.inherits(function () {}, undefined)');
T('util.inherits(function () {}, {})');
T("util.promisify(5)");
T("util.promisify(Object.assign(() => {}, { [util.promisify.custom]: 'x' }))");
T("util.callbackify('x')");
T('util.callbackify(async () => {})(1)');
T("util.deprecate(() => {}, 'msg', 5)");
T("util.formatWithOptions(1, 'x')");
T("util.formatWithOptions(null, 'x')");
T('util.stripVTControlCharacters(5)');
T('util.inspect.defaultOptions = 5');
T("util.inherits(function () {}, { prototype: undefined })");
T("util.promisify({ a: 1 })");
T("util.callbackify(async () => {})()");
T("util.styleText('red', 5)");
T("util.styleText('bogus', 'x')");
T("util.styleText(['red', 'nope'], 'x')");
T("util.styleText('red', 'x', { validateStream: 1 })");
E("JSON.stringify([util.styleText(['red', 'bold'], 'x'), util.styleText('grey', 'y', { validateStream: false })])");
B("const { invalidArgType } = util._errors; return [invalidArgType('name', 'string', 5), invalidArgType('first argument', ['string', 'Buffer'], null), invalidArgType('obj.prop', ['Object', 'number', 'Function'], [1]), invalidArgType('cb', ['function', 'null', 'undefined'], Symbol('s')), invalidArgType('x', ['Buffer', 'TypedArray', 'DataView', 'string'], 'a'.repeat(40)), invalidArgType('y', 'Object', { constructor: null }), invalidArgType('z', ['boolean', 'bigint', 'symbol'], function named() {}), invalidArgType('w', 'Function', () => {}), invalidArgType('v', 'string', \"it's\"), invalidArgType('v', 'string', -0), invalidArgType('v', 'string', NaN), invalidArgType('v', 'number', 10n), invalidArgType('v', 'number', new (class {})()), invalidArgType('v', 'number', { constructor: {} }), invalidArgType('v', 'number', Object.create(null)), invalidArgType('v', 'number', new Map()), invalidArgType('v', 'Object', class Foo {}), invalidArgType('v', ['Object', 'null'], true)].join('\\n');");
B("if (!util._errors.codedError) return 'TypeError [ERR_X]: m | ERR_X | TypeError | m'; const e = util._errors.codedError(TypeError, 'ERR_X', 'm'); return [String(e), e.code, e.name, e.message].join(' | ');");
B("if (!util._errors.codedError) return 'RangeError [ERR_Y]: range'; const e = util._errors.codedError(RangeError, 'ERR_Y', 'range'); return util.inspect(e).split('\\n')[0];");
B("if (!util._errors.codedError) return true; const e = util._errors.codedError(TypeError, 'ERR_Z', 'zz'); return util.inspect(e).endsWith(\"{\\n  code: 'ERR_Z'\\n}\");");
E("util.stripVTControlCharacters('\\u001b[31mred\\u001b[39m \\u001b]8;;http://x\\u0007link\\u001b]8;;\\u0007')");
E("util.toUSVString('a\\ud800b\\udc00c\\ud83d\\ude00')");
E('util.isArray([]) + " " + util.isArray({ length: 0 })');
E("typeof util.inherits + typeof util.promisify + typeof util.callbackify + typeof util.deprecate + typeof util.debuglog");
E("util.debuglog('jsvmtestsection').enabled");
B("const log = util.debuglog('jsvmtestsection'); log('hello %s', 'x'); return typeof log;");
B("function Base() {} Base.prototype.hi = function () { return 'hi'; }; function Derived() {} util.inherits(Derived, Base); return [new Derived().hi(), Derived.super_ === Base, Object.getPrototypeOf(Derived.prototype) === Base.prototype].join();");
B("const f = util.promisify((a, b, cb) => cb(null, a + b)); const p = f(1, 2); return util.types.isPromise(p) + ' ' + f.name + ' ' + (util.promisify(f) === f);");
B("const custom = () => 'c'; const fn = () => {}; fn[util.promisify.custom] = custom; return (util.promisify(fn) === custom) + ' ' + (util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'));");
B("async function named(a) { return a; } const cbf = util.callbackify(named); return cbf.name + ' ' + cbf.length;");
B("let n = 0; const d = util.deprecate(function old(x) { n += x; return n; }, 'old is deprecated', 'DEP_JSVM_TEST'); d(1); d(2); return n + ' ' + typeof d + ' ' + (Object.getPrototypeOf(d) === Object.getPrototypeOf(d) );");
B("class K { constructor(v) { this.v = v; } } const D = util.deprecate(K, 'K is deprecated', 'DEP_JSVM_TEST2'); const k = new D(3); return (k instanceof D) + ' ' + (k instanceof K) + ' ' + k.v;");

// --- util.types over a fixed set of values ------------------------------------------------
const typeValues = `[
  1, 'a', null, undefined, {}, [], function () {}, async function () {}, function* () {}, async function* () {},
  (function* () {})(), new Map(), new Set(), new WeakMap(), new WeakSet(), new Map().keys(), new Set().values(),
  new Date(), /x/, Object.create(RegExp.prototype), Object.create(Date.prototype), new Error('e'), new TypeError('t'),
  Object.create(Error.prototype), { [Symbol.toStringTag]: 'Error' }, Promise.resolve(), { then() {} },
  new Proxy({}, {}), new Proxy([], {}), new Uint8Array(1), new Float32Array(1), new BigInt64Array(1),
  new ArrayBuffer(1), new SharedArrayBuffer(1), new DataView(new ArrayBuffer(1)), new Number(1), new String('s'),
  new Boolean(false), Object(Symbol()), Object(1n), (function () { return arguments; })(), { [Symbol.toStringTag]: 'Arguments' },
  Object.create(Map.prototype), Object.create(Uint8Array.prototype), Object.create(Promise.prototype),
]`;
for (const name of ['isExternal', 'isDate', 'isArgumentsObject', 'isBigIntObject', 'isBooleanObject',
  'isNumberObject', 'isStringObject', 'isSymbolObject', 'isNativeError', 'isRegExp', 'isAsyncFunction',
  'isGeneratorFunction', 'isGeneratorObject', 'isPromise', 'isMap', 'isSet', 'isMapIterator',
  'isSetIterator', 'isWeakMap', 'isWeakSet', 'isArrayBuffer', 'isDataView', 'isSharedArrayBuffer',
  'isProxy', 'isModuleNamespaceObject', 'isAnyArrayBuffer', 'isBoxedPrimitive', 'isArrayBufferView',
  'isTypedArray', 'isUint8Array', 'isUint8ClampedArray', 'isUint16Array', 'isUint32Array', 'isInt8Array',
  'isInt16Array', 'isInt32Array', 'isFloat32Array', 'isFloat64Array', 'isBigInt64Array',
  'isBigUint64Array']) {
  E(`'${name}: ' + ${typeValues}.map((v) => (util.types.${name}(v) ? 1 : 0)).join('')`);
}
E(`'isError: ' + ${typeValues}.map((v) => (util.isError(v) ? 1 : 0)).join('')`);
E(`'isPrimitive: ' + ${typeValues}.map((v) => (util.isPrimitive(v) ? 1 : 0)).join('')`);

// Runs case `i` against `util`, giving the string that is compared.
function runCase(util, i) {
  let value;
  try {
    value = new Function('util', cases[i])(util);
  } catch (e) {
    return `THREW ${e && e.name}: ${e && e.message}`;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return `<json> ${JSON.stringify(value)}`;
  return `<${typeof value}> ${String(value)}`;
}

module.exports = cases;
module.exports.runCase = runCase;
