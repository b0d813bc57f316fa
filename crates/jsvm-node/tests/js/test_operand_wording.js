// Refusals whose V8 message names the values or the source the engine's message leaves out:
// 'in' and delete (their operands), destructuring null or undefined, iterating what is not
// iterable where the engine places the error at its function's start, `new` without
// arguments, the RegExp constructor given strings, unary + of a BigInt, a read-only global,
// and what structuredClone cannot clone (a DOMException). In the main realm, in vm contexts,
// and in code of eval and new Function.
'use strict';
const vm = require('vm');

function show(label, f) {
  try { f(); console.log(label, '=> ok'); } catch (e) {
    console.log(label, '=>', e && e.constructor && e.constructor.name, e && e.name, '|', e && e.message);
  }
}

// 'in' and delete: the operands, as V8 shows them.
const n = 5, nothing = null, big = 7n, sym = Symbol('z'), text = 'abc';
const frozen = Object.freeze({ x: 1 }), list = Object.freeze([1, 2]);
class Point { constructor() { Object.defineProperty(this, 'x', { value: 1 }); } }
show("'x' in n", () => 'x' in n);
show("'x' in nothing", () => 'x' in nothing);
show('1 in undefined', () => 1 in undefined);
show("'x' in big", () => 'x' in big);
show("'x' in sym", () => 'x' in sym);
show("'x' in text", () => 'x' in text);
show('sym in true', () => sym in true);
show('({}) in n', () => ({}) in n);
show('[1, 2] in n', () => [1, 2] in n);
show('key in n', () => { const key = 'k'; return key in n; });
show('delete frozen.x', () => delete frozen.x);
show('delete list[0]', () => delete list[0]);
show("delete text[0]", () => delete text[0]);
show('delete [].length', () => delete [].length);
show('delete new Point().x', () => delete new Point().x);
show('delete Object.prototype', () => delete Object.prototype);
show('delete Math.PI', () => delete Math.PI);
show('delete proxy.x (trap falsish)', () => delete new Proxy({}, { deleteProperty: () => false }).x);
show("delete proxy['k'] (trap falsish)", () => { const p = new Proxy({}, { deleteProperty: () => false }); delete p['k']; });
show('delete frozen[sym]', () => { const o = Object.freeze({ [sym]: 1 }); delete o[sym]; });
function spaced() {
  const o = Object.freeze({ deep: { y: 1 } });
  Object.freeze(o.deep);
  return delete o.deep.y;
}
show('delete o.deep.y (a function of its own)', spaced);

// An assignment refused by its object (strict code): the object, read from the variable it
// was read from (a local, an argument, a captured variable).
class Shape { get area() { return 1; } }
const shape = new Shape(), named = Object.freeze(function named(a) { return a; });
show('frozen.x = 2 (captured)', () => { frozen.x = 2; });
show('list[0] = 9 (captured)', () => { list[0] = 9; });
show('list.length = 0 (captured)', () => { list.length = 0; });
show('shape.area = 2 (captured)', () => { shape.area = 2; });
show('named.name = "y" (captured)', () => { named.name = 'y'; });
show('local frozen', () => { const local = Object.freeze({ k: 1 }); local.k = 2; });
show('local string length', () => { const s = 'abc'; s.length = 1; });
show('local getter-only', () => { const g = Object.defineProperty({}, 'only', { get() { return 1; } }); g.only = 2; });
show('inherited getter-only', () => { const child = Object.create(shape); child.area = 3; });
show('argument frozen', () => { (function (arg) { arg.x = 5; })(frozen); });
show('key from a variable', () => { const k = 'x'; frozen[k] = 3; });

// A pattern given null or undefined: which, from the value the engine refused.
show('const {a} = nothing', () => { const { a } = nothing; return a; });
show('let {b} = undefined-valued', () => { let u; let { b } = u; return b; });
show('({c} = nothing)', () => { let c; ({ c } = nothing); return c; });

// An array pattern or for...of the engine places at its function's start.
show('const [a] = n', () => { const [a] = n; return a; });
show('let [a, b] = frozen', () => { let [a, b] = frozen; return a + b; });
show('for (const x of 5)', () => { for (const x of 5) return x; });
show('for (const x of n)', () => { for (const x of n) return x; });
function arrayParameter(m) {
  const [first] = m;
  return first;
}
show('const [first] = m (a parameter)', () => arrayParameter(5));

// `new` of what is no constructor, without arguments.
const o = { x: 1 };
show('new o', () => new o);
show('new o.x', () => new o.x);
show('new n;', () => { new n; });
show('new 1', () => new 1);

// The RegExp constructor given strings: the pattern and flags quoted.
for (const [p, f] of [['['], ['[a'], ['\\'], ['a\\', 'u'], [']', 'u'], ['}', 'u'], ['{', 'u'],
  ['('], ['(?'], ['*'], ['+a'], ['a{2,1}'], ['\\k', 'u'], ['(?<a>x)(?<a>y)'], ['\\p{Foo}', 'u'],
  ['[b-a]'], ['a)'], ['(?:'], ['a', 'gg'], ['a', 'z'], [']']]) {
  show(`new RegExp(${JSON.stringify(p)}, ${JSON.stringify(f)})`, () => new RegExp(p, f));
}

// Unary + of a BigInt, and a read-only global written in strict code.
show('+big', () => +big);
show('undefined = 1', () => { undefined = 1; });
show('NaN = 1', () => { NaN = 1; });
show('Infinity = 1', () => { Infinity = 1; });

// structuredClone of what cannot be cloned: a DOMException named DataCloneError.
for (const [label, v] of [['() => 1', () => 1], ['Symbol', Symbol('s')], ['WeakMap', { w: new WeakMap() }]]) {
  try { structuredClone(v); } catch (e) {
    console.log('structuredClone', label, '=>', e instanceof DOMException, e.name, e.code, '|', e.message);
    console.log('  stack header:', String(e.stack).split('\n')[0]);
  }
}
{
  const e = new DOMException('gone', 'AbortError');
  console.log('DOMException stack header:', String(e.stack).split('\n')[0]);
  console.log('inspected:', require('util').inspect(e).split('\n')[0]);
}

// The same in a vm context, in eval code and in new Function code.
const programs = [
  "'x' in 5", "delete Object.freeze({ x: 1 }).x", "(() => { const { a } = null; })()",
  "(() => { const [a] = 5; })()", "(() => { for (const x of 5); })()", 'new 1',
  "new RegExp('[')", "+1n", "undefined = 1",
  "(() => { const f = Object.freeze({ x: 1 }); return () => { f.x = 2; }; })()()",
  "(() => { const g = Object.freeze([1]); g[0] = 2; })()",
];
for (const source of programs) {
  const strict = "'use strict'; " + source;
  show('vm: ' + source, () => vm.runInNewContext(strict));
  show('eval: ' + source, () => (0, eval)(strict));
  show('new Function: ' + source, () => new Function(strict)());
}
