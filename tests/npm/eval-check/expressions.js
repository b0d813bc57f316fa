// Expression languages and interpreters (static-eval over esprima, expr-eval, mathjs, jexl,
// json-logic-js, filtrex, jsonpath-plus, jsonpath, jsonata, js-interpreter, sval), and values
// crossing into a vm context (lodash's runInContext, serialize-javascript read back by eval).
const vm = require('vm');
const steps = [];
const step = (name, f) => steps.push([name, f]);
const line = (name, ...v) => console.log(`${name}:`, ...v);

step('static-eval', () => {
  const evaluate = require('static-eval');
  const { parse } = require('esprima');
  for (const src of ['1 + 2 * x', '[1,2,3].map(function(v){return v*x})', 'obj.a.b + "!"', 'foo()', '`t${x}`', 'x > 1 ? "big" : "small"']) {
    try { line(src, evaluate(parse(src).body[0].expression, { x: 5, obj: { a: { b: 'c' } } })); } catch (e) { line(src, 'error', e.message); }
  }
});
step('expr-eval', () => {
  const { Parser } = require('expr-eval');
  const p = new Parser();
  const e = p.parse('sin(x)^2 + cos(x)^2');
  line('evaluate', p.evaluate('2 * x + 1', { x: 3 }), e.evaluate({ x: 0.3 }), e.toString(), e.variables());
  line('toJSFunction', e.toJSFunction('x')(1.2), p.parse('x * (y + z)').simplify({ y: 2 }).toString());
  try { p.parse('2 +'); } catch (err) { line('error', err.message); }
});
step('mathjs', () => {
  const math = require('mathjs');
  line('evaluate', math.evaluate('sqrt(3^2 + 4^2)'), math.evaluate('12.7 cm to inch').toString(), math.evaluate('det([1,2;3,4])'));
  const scope = { a: 3 };
  math.evaluate('f(x) = x^a', scope);
  line('function', scope.f(2), typeof scope.f);
  line('symbolic', math.format(math.fraction('1/3').add(math.fraction('1/6'))), math.simplify('2x + 3x').toString(),
    math.derivative('x^2 + 3x', 'x').toString());
  line('compile', math.parse('a*b+c').compile().evaluate({ a: 2, b: 3, c: 4 }));
  try { math.evaluate('1 +'); } catch (e) { line('error', e.constructor.name, e.message); }
  line('types', math.bignumber('0.1').plus('0.2').toString(), math.complex('2+3i').mul(math.complex('1-i')).toString(),
    math.inv([[1, 2], [3, 4]]));
});
step('jexl', async () => {
  const jexl = require('jexl');
  jexl.addTransform('upper', (v) => v.toUpperCase());
  line('eval', await jexl.eval('name.first|upper + " " + age * 2', { name: { first: 'ab' }, age: 21 }));
  line('filter', await jexl.eval('list[.x > 1].x', { list: [{ x: 1 }, { x: 2 }, { x: 3 }] }));
  line('sync', jexl.evalSync('a in ["x","y"] ? 1 : 2', { a: 'y' }));
  try { await jexl.eval('a +', {}); } catch (e) { line('error', e.constructor.name, e.message); }
});
step('json-logic-js', () => {
  const jl = require('json-logic-js');
  line('if', jl.apply({ if: [{ '<': [{ var: 't' }, 0] }, 'freezing', { '<': [{ var: 't' }, 100] }, 'liquid', 'gas'] }, { t: 55 }));
  line('map', jl.apply({ map: [{ var: 'xs' }, { '*': [{ var: '' }, 2] }] }, { xs: [1, 2, 3] }));
  jl.add_operation('plus', (a, b) => a + b);
  line('custom', jl.apply({ plus: [1, 2] }));
  try { jl.apply({ nope: [1] }); } catch (e) { line('error', e.message); }
});
step('filtrex', () => {
  const { compileExpression } = require('filtrex');
  const f = compileExpression('x > 5 and y in ("a", "b")');
  line('filter', f({ x: 7, y: 'a' }), f({ x: 1, y: 'a' }), compileExpression('sqrt(x) + 1')({ x: 16 }));
});
const json = { store: { book: [{ t: 'a', p: 8 }, { t: 'b', p: 22 }, { t: 'c', p: 12 }] } };
step('jsonpath-plus', () => {
  const { JSONPath } = require('jsonpath-plus');
  line('filter', JSONPath({ path: '$.store.book[?(@.p < 15)].t', json }), JSONPath({ path: '$..p', json }));
  line('slice', JSONPath({ path: '$.store.book[-1:]', json }));
  line('native eval', JSONPath({ path: '$.store.book[?(@.p > 10 && @.t !== "c")]', json, eval: 'native' }));
});
step('jsonpath', () => {
  const jp = require('jsonpath');
  line('query', jp.query(json, '$.store.book[?(@.p>10)].t'), jp.paths(json, '$..t'));
});
step('jsonata', async () => {
  const jsonata = require('jsonata');
  line('evaluate', await jsonata('$sum(store.book.p) & " " & $join(store.book[p>10].t, ",")').evaluate(json));
  try { await jsonata('$foo(').evaluate({}); } catch (e) { line('error', e.code, e.message); }
});
step('js-interpreter', () => {
  const Interpreter = require('js-interpreter');
  const it = new Interpreter('var r = 0; for (var i = 0; i < 10; i++) r += i; r');
  it.run();
  line('value', it.value);
});
step('sval', () => {
  const Sval = require('sval');
  const sv = new Sval({ ecmaVer: 'latest', sourceType: 'script' });
  sv.import({ out: (v) => line('out', v) });
  sv.run('const a = [1,2,3].map(x => x ** 2); out(a); exports.z = class { m() { return 1 } }');
  line('exports', typeof sv.exports.z, new sv.exports.z().m());
});
step('lodash runInContext', () => {
  const _ = require('lodash');
  const ctx = vm.createContext({});
  const inner = _.runInContext(vm.runInContext('this', ctx));
  line('in context', inner.map([1, 2], (x) => x * 2), inner.isArray(vm.runInContext('[1]', ctx)));
  line('across realms', _.isArray(vm.runInContext('[1]', ctx)), _.isPlainObject(vm.runInContext('({})', ctx)),
    _.isEqual(vm.runInContext('({a:[1]})', ctx), { a: [1] }));
  line('cloneDeep', _.cloneDeep(vm.runInContext('({a: [1, {b: new Date(0)}], m: new Map([[1,2]])})', ctx)));
});
step('serialize-javascript', () => {
  const serialize = require('serialize-javascript');
  const s = serialize({ f: function (a) { return a + 1; }, r: /x/g, d: new Date(0), u: undefined, m: new Map([[1, 'a']]), big: 10n, inf: Infinity });
  line('text', s);
  const back = vm.runInNewContext('(' + s + ')');
  line('back', back.f(1), back.r.test('x'), back.m.get(1), back.big, back.d.toISOString());
});

(async () => {
  for (const [name, f] of steps) {
    console.log(`-- ${name}`);
    try { await f(); } catch (e) { console.log('FAILED', e && e.stack); }
  }
})();
