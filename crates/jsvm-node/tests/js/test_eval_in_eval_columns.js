// Frames of eval code that calls: a nested eval, a function, an indirect eval (each source
// distinct: V8 reuses a compiled eval's origin for the same text).
const s = (t) => t.split('\n').filter((l) => l.includes('eval')).map((l) => l.trim().split(__filename).join('FILE')).join('\n');
function f() { return new Error().stack; }
console.log(s(eval("eval('new Error().stack')")));
console.log(s(eval("  eval(  'new Error().stack ')")));
console.log(s(eval("1 + eval('new Error().stack  ')")));
console.log(s(eval("x = 1; eval('new Error().stack   ')")));
console.log(s(eval("[eval('new Error().stack    ')][0]")));
console.log(s(eval("String(eval('new Error().stack     '))")));
console.log(s(eval("eval('eval(\"new Error().stack\")')")));
console.log(s(eval("eval(\n'new Error().stack      ')")));
console.log(s(eval("\n  eval('new Error().stack       ')")));
console.log(s(eval("var g = function () { return eval('new Error().stack        ') }; g()")));
console.log(s(eval("(0, eval)('new Error().stack         ')")));
console.log(s(eval("y = 2; (0,eval)('new Error().stack          ')")));
console.log(s(eval("x = 1; f()")));
console.log(s(eval("x = 1; f(1)")));
console.log(s(eval("x = 1; (0, f)(1)")));
console.log(s(eval("o = {f}; x = 1; o.f()")));
console.log(s(eval("x = 1;\nf()")));
console.log(s(new Function("return 1 + eval('new Error().stack           ')")()));
console.log(s(new Function("return (0, eval)('new Error().stack            ')")()));
