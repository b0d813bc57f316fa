// V8's words for errors thrown while running, as programs print them (e.message) and test for
// them: each source runs in a new context. QuickJS words many differently; jsvm rewords them
// from the message, the builtin that refused (the error's first frame) and the source.
// Left out (their V8 wording quotes a value or receiver the engine's error does not carry,
// or names the expression from V8's own printer; a builtin's arguments are read from its
// frame, see the refusals quoting an argument below):
//   "const o = {}; o.o = o; JSON.stringify(o)"
//   "\"use strict\"; Object.defineProperty({}, \"x\", {value: 1}).x = 2"
//   "\"use strict\"; Object.freeze({x: 1}).x = 2"
//   "\"use strict\"; Object.preventExtensions({}).y = 1"
//   "\"use strict\"; delete Object.freeze({x: 1}).x"
//   "Function.prototype.apply.call(undefined)"
//   "new (class A { #x; static m(o) { return o.#x } }).constructor.m({})"
//   "(void 0)()"
//   "new 1"
//   "\"a\" in \"b\""
//   "Array.prototype.push.call(Object.freeze([]), 1)"
//   "generator = function*(){}; generator().next.call({})"
//   "class B extends null {}; new B()"
const vm = require('vm');
const cases = [
  "undefined.x",
  "null.x",
  "let u; u.x",
  "let u; u.x = 1",
  "null.x = 1",
  "nope",
  "const c = 1; c = 2",
  "x; let x = 1",
  "for (const a of null) {}",
  "const [a] = null",
  "(function f() { f() })()",
  "new Array(-1)",
  "[].reduce((a, b) => a)",
  "Object.keys(undefined)",
  "Object.keys(null)",
  "new Map([1])",
  "Object.fromEntries([1])",
  "1n + 1",
  "class A {}; A()",
  "JSON.parse(\"{bad\")",
  "JSON.parse(\"\")",
  "JSON.parse(\"undefined\")",
  "JSON.parse(undefined)",
  "JSON.parse()",
  "new Date(NaN).toISOString()",
  "(1).toFixed(101)",
  "[].sort(1)",
  "Symbol() + \"\"",
  "new Symbol()",
  "Object.defineProperty(Object.freeze({x:1}), \"x\", {value: 2})",
  "Math.max(1n)",
  "1n / 0n",
  "new ArrayBuffer(-1)",
  "\"abc\".normalize(\"x\")",
  "new Intl.NumberFormat(\"en\", {style: \"currency\"})",
  "Reflect.ownKeys(1)",
  "new Proxy({}, null)",
  "structuredClone(() => 1)",
  "new WeakMap().set(1, 1)",
  "new WeakSet().add(1)",
  "Promise.resolve.call(1)",
  "async function f() {}; new f()",
  "let a = 1; a()",
  "const o = {}; o.f()",
  "const o = {a: {}}; o.a.b.c()",
  "undefined()",
  "new Math.max()",
  "x = {}; x instanceof 1",
  "[].at.call(null)",
  "String.prototype.trim.call(null)",
  "new Function(\"a\", \"return a +\")",
  "encodeURI(\"\\uD800\")",
  "decodeURIComponent(\"%\")",
  "Number.prototype.toString.call(\"x\")",
  "(1).toString(1)",
  "new RegExp(\"a\", \"z\")",
  "\"\".padStart(2 ** 31)",
  "Array(2 ** 32)",
  "new Array(2**32).join()",
  "Object.defineProperty(1, \"x\", {})",
  "class C extends Object { constructor() { this.x = 1 } }; new C()",
  "class D extends Object { constructor() { super(); super() } }; new D()",
  "super_ = 1; class E { m() { return super.x } }; E.prototype.m.call(1)"
  ];
for (const s of cases) {
  let out;
  try { vm.runInNewContext(s, {}, { filename: 'c.js' }); out = 'ok'; } catch (e) { out = (e && e.name) + ': ' + (e && e.message); }
  console.log(JSON.stringify(s), '=>', out);
}
// A call whose callee follows other code on its line.
for (const s of ['let a = 1; a()', 'var q = 1;    q(1)', 'const k = {}; k()']) {
  try { vm.runInNewContext(s); } catch (e) { console.log(s, '=>', e.message); }
}
// Iterating what is not iterable: V8 prints the expression (for...of, array spread,
// destructuring), and names the protocol for a spread in a call's arguments.
{
  const obj = { a: 1 }; const n = 5; const o = { p: { q: {} } };
  globalThis.obj = obj; globalThis.n = n; globalThis.o = o;
  for (const s of ['for (const k of obj) {}', 'for (const k of o.p.q) {}', '[...obj]',
    'const [a] = obj', 'for (const x of 5) {}', 'Math.max(...obj)', 'const [b, c] = n',
    'function f(...args) {}; f(...o.p)', 'for (const x of  obj ) {}', '[1, ...o.p.q, 2]',
    // A spread of a literal (the engine points at the statement).
    '[...{}]', '[...1]', 'Math.max(1, ...2)',
    // Builtins that iterate an argument: the value and its type, when a literal.
    'new Set(1)', 'new Map(2)', 'new WeakSet(true)', 'new WeakMap(3)']) {
    try { (0, eval)(s); console.log(s, '=> ok'); } catch (e) { console.log(s, '=>', e.message); }
  }
}
// More builtins' refusals, and what a class extends.
for (const s of ['class A extends undefined {}', 'class B extends 5 {}', 'String(Object.create(null))',
  '({}) + Object.create(null)', 'const s = Symbol(); s + 1', 'new WeakRef(1)',
  'new Uint8Array(2).set([1,2,3])', 'new DataView(new ArrayBuffer(1)).getInt32(0)',
  'Symbol.prototype.toString.call(1)', 'atob("***")', 'atob("abcde")', 'btoa("\u0100")',
  'atob === require("buffer").atob']) {
  try { console.log(s, '=>', (0, eval)(s)); } catch (e) { console.log(s, '=>', e.name, e.message); }
}
// A builtin given no function: the value, when the call's argument is a literal or missing.
for (const s of ['[1].map(null)', '[1].forEach(5)', '[1].filter()', '[1].some(undefined)',
  '[1].find(true)', 'new Promise()', 'new Promise(1)', '[1].reduce(null, 0)', '[1].every(0x10)']) {
  try { (0, eval)(s); console.log(s, 'ok'); } catch (e) { console.log(s, '=>', e.message); }
}
// A private member of an object whose class did not declare it: read or written, as the source
// tells (a compound assignment reads first; a line with both kinds is left in the engine's words).
for (const s of ['class A { #x = 1; static m(o) { return o.#x } }; A.m({})',
  'class A { #x = 1; static m(o) { o.#x = 2 } }; A.m({})',
  'class A { #x = 1; static m(o) { o.#x += 2 } }; A.m({})',
  'class A { #x = 1; static m(o) { return o.#x === 1 } }; A.m({})',
  'class A { #x = 1; static m(o, q) { return q.#x + o.#x } }; A.m(new A(), {})',
  // Object.defineProperty adding to a non-extensible object: the key, when a literal.
  'Object.defineProperty(Object.preventExtensions({}), "k", { value: 1 })',
  "Object.defineProperty(Object.freeze({}), 'k', { get() {} })"]) {
  try { vm.runInNewContext(s, {}, { filename: 'p.js' }); console.log(s, 'ok'); } catch (e) { console.log(s, '=>', e.message); }
}
// A builtin's refusal quoting an argument (read from the builtin's frame, whatever the source).
{
  const n = -3; const big = 2 ** 40; const s = 'x'; const o = {};
  globalThis.n = n; globalThis.big = big; globalThis.s = s; globalThis.o = o;
  for (const c of ['"x".repeat(-1)', '"x".repeat(n)', '"x".repeat("-2")', '"x".repeat(Infinity)',
    '"x".repeat(big)', 'BigInt(1.5)', 'BigInt(NaN)', 'BigInt("x")', 'BigInt(s)', 'new Uint8Array(-1)',
    'new Float64Array(n)', 'Object.setPrototypeOf(Object.preventExtensions({}), {})', 'Object.create(1)',
    'Object.create(undefined)', 'Object.create(s)', 'Object.setPrototypeOf({}, 1)', 'Object.setPrototypeOf(1)',
    'Object.setPrototypeOf(undefined, {})', 'Reflect.setPrototypeOf(1, {})', 'Reflect.get(1, "a")',
    'Reflect.ownKeys(s)', 'Object.defineProperty({}, "x", 1)', 'Object.defineProperty({}, "x", s)',
    'Object.defineProperty({}, "x", {get: 1})', 'Object.defineProperty({}, "x", {set: s})',
    'Object.defineProperty({}, "x", {get: o})', 'Object.defineProperty({}, "x", {get(){}, value: 1})',
    'String.fromCodePoint(-1)', 'String.fromCodePoint(65, 0x110000)', 'String.fromCodePoint(1.5)',
    'String.fromCodePoint(s)', 'Symbol.keyFor("x")', 'Symbol.keyFor(o)', 'new Set(n)', 'new Set(o)',
    'new Map(function f() {})', 'new WeakSet(Symbol())', '[1].map(n)', '[1].forEach(o)',
    'new Promise(s)', 'new DataView(new ArrayBuffer(1), 2)', 'new DataView(1)',
    '"a".matchAll(/a/)', '"a".replaceAll(/a/, "")', 'Array.prototype.push.apply([], 1)',
    'Object.setPrototypeOf(Object.prototype, {})', 'Object.create(Symbol("q"))',
    'Object.create(Symbol.iterator)', 'Object.defineProperty({}, "x", {get: Symbol()})']) {
    try { (0, eval)(c); console.log(c, 'ok'); } catch (e) { console.log(c, '=>', e.name, e.message); }
  }
}
// A function's parameter pattern given undefined or null (the argument read from its frame).
for (const c of ['function f({ a }) {}; f()', 'function f(x, { a, b }) {}; f(1, null)',
  'const f = ({ q }) => q; f(undefined)', 'class A { m({ k }) {} }; new A().m()',
  'class B { constructor(z, { k }) {} }; new B(1)', 'function f({ a = 1 }) {}; f()',
  'function f({}) {}; f()', 'function f({ ...r }) {}; f(null)', 'function f({ "s": v }) {}; f()',
  'function* g({ a }) {}; g().next()', 'function f({ a } = {}) { return a }; f()']) {
  try { vm.runInNewContext(c, {}, { filename: 'd.js' }); console.log(c, 'ok'); } catch (e) { console.log(c, '=>', e.message); }
}
// A declared (or assigned) pattern given undefined or null: known from the source, or from
// the function's arguments when the right side is a parameter (any other value is not known:
// "function f(o) { const { a } = o.p } f({})" keeps the engine's words).
for (const c of ['const { a } = undefined', 'const { a, b } = null', 'let {} = undefined',
  'var { ...r } = null', 'const { a = 1 } = null', 'const { ["k"]: v } = undefined',
  'const { a } = void 0', 'let q; ({ q } = undefined)', 'function f(o) { const { a } = o } f()',
  'function f(x, opts) { const { a, b } = opts } f(1, null)',
  'function f(o) {\n  const { a } = o;\n}\nf()']) {
  try { vm.runInNewContext(c, {}, { filename: 'v.js' }); console.log(c, 'ok'); } catch (e) { console.log(c, '=>', e.message); }
}
// A builtin class's method called through `call` or `apply` on another kind of receiver (read
// from the `call` frame's arguments; a method called without them is not known).
for (const c of ['Map.prototype.get.call({}, 1)', 'Map.prototype.get.call([], 1)', 'Set.prototype.add.call(1)',
  'Map.prototype.set.apply(new Set(), [1, 2])', 'WeakMap.prototype.get.call(undefined, {})',
  'Promise.prototype.then.call({})', 'RegExp.prototype.exec.call({}, "")', 'Map.prototype.get.call("s")',
  'Set.prototype.has.call(Object.create(null), 1)', 'Date.prototype.getTime.call({})',
  // An accessor's: its kind leads (`get Map.prototype.size`).
  'Object.getOwnPropertyDescriptor(Map.prototype, "size").get.call({})',
  'Object.getOwnPropertyDescriptor(Set.prototype, "size").get.call(new Map())',
  // Reflect's and Function.prototype's refusals of what is no function.
  'Reflect.apply(1)', 'Reflect.apply({})', 'Reflect.apply(undefined)', 'Reflect.apply("s")',
  'Reflect.apply(null)', 'Reflect.apply([])', 'Reflect.construct(1)', 'Reflect.construct({}, [])',
  'Function.prototype.bind.call(1)', 'Function.prototype.toString.call({})']) {
  try { (0, eval)(c); console.log(c, 'ok'); } catch (e) { console.log(c, '=>', e.message); }
}
