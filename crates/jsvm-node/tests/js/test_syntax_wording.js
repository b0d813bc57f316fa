// V8's wording of syntax errors, for the four ways code is compiled: vm.Script,
// vm.compileFunction, new Function and eval in a context. QuickJS words most of these
// differently (or names what it expected where V8 names the token it found); jsvm rewords them.
// Known gaps (left out): an unclosed template or regexp group through new Function/eval,
// `new a?.b()` (QuickJS accepts it), `using` declarations (QuickJS has them; Node 20 does not),
// strict `let = 1`, `for (a + 1 of b)`, a hashbang body in compileFunction.
const vm = require('vm');
const srcs = [
  'return 1 +', 'let x = ;', 'if (a', 'function (', 'var 1a', '"unterminated', 'a => {', '{', ')',
  'let let = 1', 'x = 08n', 'class { }', 'const a;', 'for (let i of) {}', 'await 1', 'yield 1', 'super()',
  '/re', 'a b', 'a 1', 'a "s"', 'a `t`', 'a /x/', 'a if', 'a ]', '1++', '++1', 'let a; let a;', 'obj = {a:1,,}', 'f(,)',
  'import x from "y"', '"use strict"; delete x', '"use strict"; with (a) {}',
  '"use strict"; var eval = 1', '"use strict"; arguments = 1', 'continue', 'break', 'label: label: 1', 'break foo',
  '({a:1} = 1)', '[a, b] = ', 'async function f() { await }', 'function* g() { yield* }', '0x', '1e',
  '"\\u{110000}"', 'a?.b = 1', 'x => { return }}', 'a?.`x`', 'for (let x = 1 of y) {}',
  'for (var [a] = 1 in b) {}', 'try {}', 'switch (x) { default: default: }', 'throw\n1', 'class A { constructor(){} constructor(){} }',
  'class A { #x; #x; }', 'class A { m() { delete this.#x } }', 'function f(a, a) { "use strict" }', '(a, a) => 1',
  '"use strict"; 010', '"use strict"; "\\01"', '"\\x0"', '"\\u00"', 'a ?? b || c', '-1 ** 2', 
  'var {a:1} = b', 'function f(...a, b) {}', 'function f(...a = 1) {}', '({...a, b} = c)', 'if (1) let x = 1',
  'if (1) function* g() {}', 'if (1) class C {}', 'label: function* g() {}', 'new.target', 'super.x',
  'class A { static { return } }', 'class A { static { await } }', 'function f() { "use strict"; yield = 1 }',
  'function* g() { var yield }', 'async function f() { var await }', 'for await (x of y) {}', 'async () => { for await (x in y) {} }',
  'import.meta', 'import("a", "b", "c")', 'x = {__proto__: 1, __proto__: 2}', 'a\n++\nb\n1 = 2', 
  'for (let of x) {}', 'for (async of x) {}', 'class A extends B { x = super() }', 'class A { x = arguments }', 'a => a => { "use strict"; with(a){} }',
  '({ get a(x) {} })', '({ set a() {} })', '({ a: 1, b })', 'x = { a b }', 'x = [1 2]', 'f(1 2)', 'new X(1 2)',
  'let x = 1, ;', 'var [...a,] = b', 'a => {}()', 'function f() { new.target = 1 }', 'this = 1', 'x + = 1',
  'const { a } = 1, b;', 'let x; var x;', 'function f(x) { let x }', '/a/gg', '/[/',
  'x = 1 /* never closed', '"\\u{zz}"', '\\u0061b = 1', 'a\\u0062', 'x = 0b2', 'x = 0o9', 'x = 1_', 'x = 1__0', 'x = 0_1',
  'x = @', 'x = #', 'x = \u00a0', 'enum = 1', '"use strict"; implements = 1', 'var package; "use strict"',
  'class A { constructor() { super() } }', 'class A { get constructor() {} }', 'class A { async constructor() {} }',
  'function f() { break }', 'while (1) { function g() { continue } }', 'x: while(1) { (() => { break x })() }',
  'let [a] ;', 'let {a} ;', 'async function* g() { yield await }', 'a => { let a; var a; }',
];
for (const s of srcs) {
  const out = [];
  for (const [k, f] of [
    ['script', () => new vm.Script(s, { filename: 's.js' })],
    ['fn', () => vm.compileFunction(s, [], { filename: 'f.js' })],
    ['Function', () => new Function(s)],
    ['eval', () => vm.runInNewContext('try { eval(src) } catch (e) { e }', { src: s })],
  ]) {
    try { const r = f(); out.push(k + ':' + (r && typeof r === 'object' && r.name === 'SyntaxError' ? r.name + ': ' + r.message : 'ok')); } catch (e) { out.push(k + ':' + e.name + ': ' + e.message); }
  }
  console.log(JSON.stringify(s), '\n   ' + out.join('\n   '));
}

// The RegExp constructor refusing literal arguments (its message quotes them).
const refusals = [
  () => new RegExp('('),
  () => new RegExp('a)'),
  () => new RegExp('a', 'gg'),
  () => RegExp("[b-a]", "u"),
  () => new RegExp('+'),
  () => new RegExp('(?<a>)(?<a>)'),
];
for (const f of refusals) {
  try { f(); console.log('ok'); } catch (e) { console.log(e.name + ': ' + e.message); }
}
// Regular expression literals the parser refuses.
for (const s of ['x = /(/', 'x = /a)/', 'x = /[b-a]/', 'x = /+/', 'x = /\\k<x>/u', 'x = /(?<a/']) {
  try { new vm.Script(s); console.log('ok'); } catch (e) { console.log(e.name + ': ' + e.message); }
}
