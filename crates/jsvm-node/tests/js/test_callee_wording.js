// V8's words for a call of what is no function: which call of a line was refused (calls
// nested in arguments share one position in QuickJS; the caller's bytecode tells them
// apart) and the callee as V8 prints it, with the column V8 gives the frame.
const vm = require('vm');
var o = { g: (x) => o, h: 1, k: 'f' };
o.a = [o];
var a = 1, b = 2, c = 3;
function Foo() {}
const cases = [
  "o.f(o.h(o.g(1), 'x'))", "o.f(o.h(o.g(1)))", "o.f(o.g(1))", "o.h(o.f(o.g(1)))",
  "o.h(o.g(1), o.f(2))", "o.g(o).h(o.g(1))", "o.g(o.g(1).h(), 2)", "o.g(o.h)(o.f(1))",
  "o.g(1).x()", "o.g(o)['f'](1)", "o.g(o)[o.k](1)", "o.a[0].zz()", "o['h']()", "o[1+1]()",
  "(o.h)()", "o.g(1)(2)", "[1].map(o.g).x(o.g(1))", "new o.h()", "o?.h()", "o.h?.()",
  "this.zz()", "o.g(1)['a b']()", "o.g`x`.q()", "(0, o.h)()", "o.h.call()",
  "o.g(1).g(2).g(3).h()", "({}).x()", "'str'.zz()", "o.g(function(){}).h()",
  "o.g(() => 1).h()", "undefined()", "null()", "(1)()", "o[`x`]()", "(o.g(1) || o).h()",
  "o.g(1).h.i()", "(function(){}).x()", "(class {}).x()", "new Foo().bar()", "(a, b, c)()",
  "(!o)()", "(typeof o)()", "(-1)()", "[1, 2].x()", "o.g?.(1).x()", "o.g(1)[0]()",
  "('a' + 'b')()", "(a + b * c)()", "(a || b || c)()", "(a ?? b)()", "o[a]()", "o[a + 1]()",
  "o[0.5]()", "o[0x10]()", "o['1']()", "o[-1]()", "`x`.y()", "o.g(1)?.x()",
  "o.g(...[1]).x()", "o.g(1, ...[2]).x(...[3])", "o.a[o.k]()", "(void 0)()",
  "o[o.g(1).k]()", "globalThis.zz()", "o.g(\"a'b\").zz()", "o.g(o.g)(1)(2)",
  "o.g(1.50).zz()", "o[1e3]()", "o[true]()", "o[null]()", "o['']()", "o['a-b']()",
  "o.g(/x/).zz()", "(/x/).zz()", "(1n)()", "o[1n]()",
];
const where = (e) => (e.stack.split('\n')[1] || '').replace(/.*:(\d+):(\d+)\)?$/, '$1:$2');
for (const text of cases) {
  try {
    eval(text);
    console.log(text, '=> no error');
  } catch (e) {
    console.log(text, '=>', e.message, '@', where(e));
  }
}
// Compiled by new Function, and run in a context.
try {
  new Function('o', "return o.f(o.h(o.g(1), 'x'))")(o);
} catch (e) {
  console.log('new Function:', e.message, '@', where(e));
}
const context = vm.createContext({ o });
for (const text of ["o.g(o).h(o.g(1))", "o.f(o.h(o.g(1), 'x'))", "new o.h()"]) {
  try {
    vm.runInContext(text, context);
  } catch (e) {
    console.log('context:', text, '=>', e.message, '@', where(e));
  }
}
// A method called in a function, nested.
function run(p) {
  return p.list.map((x) => p.g(p.h(x), p.missing(x)));
}
try {
  run({ list: [1], g: (x) => x, h: (x) => x });
} catch (e) {
  console.log('function:', e.message, '@', where(e));
}
// Calls broken over lines: the callee is on a line above its arguments.
const p = { g: (x) => p, h: (a, b) => a, then: () => p };
try { p.f(p.h(p.g(1), 'x'),
  p.g(2)); } catch (e) { console.log('lines:', e.message, '@', where(e)); }
try { p.f(
  p.h(p.g(1), 'x')); } catch (e) { console.log('lines:', e.message, '@', where(e)); }
try {
  p
    .g(1)
    .then()
    .missing(2);
} catch (e) { console.log('lines:', e.message, '@', where(e)); }
try {
  const r = p.g(
    1,
  ).zz(p.g(2));
} catch (e) { console.log('lines:', e.message, '@', where(e)); }
