// vm2's VM: a sandbox's view of host values (prototypes, constructors, buffers, symbols,
// errors), values coming back out, the escapes it blocks, timeouts, frozen and protected
// objects, VMScript, and errors' stacks (formatted by vm2's own formatter in the context).
const { VM, VMScript } = require('vm2');
const { inspect } = require('util');
function t(name, f) {
  try {
    const r = f();
    console.log(name, typeof r === 'string' ? r : inspect(r, { depth: 1 }));
  } catch (e) {
    console.log(name, 'threw', e && e.name, e && e.message);
  }
}
class Greeter { constructor() { this.greeting = 'hello'; } greet(n) { return `${this.greeting} ${n}`; } }
const sandbox = {
  test: {
    string: 'text', stringObject: new String('text'), number: 1, date: new Date(0), regexp: /xxx/,
    buffer: Buffer.from([0, 1]), function() { return () => ({}); },
    object: { x: 1, y() { return (i) => i instanceof Object; }, z(i) { if (!(i instanceof Object)) throw new Error('Not instanceof parent Object.'); return i; } },
    nil: null, undef: undefined, klass: Greeter, symbol1: Symbol('foo'), symbol2: Symbol.for('foo'),
    symbol3: Symbol.iterator, error: new Error('test'),
  },
};
const vm = new VM({ sandbox });
for (const code of [
  'global.__proto__ === Object.prototype', 'global.__proto__.constructor === Object',
  'Object.__proto__ === Function.prototype', 'Function.prototype.__proto__ === Object.prototype',
  'test.object.y instanceof Function', 'test.object.y === test.object.y.valueOf()',
  "test.object.y.constructor('return (function(){return this})() === global')()",
  'test.buffer.inspect()', 'test.buffer instanceof Buffer',
  'class Buffer2 extends Buffer {}; Buffer2.alloc(5).fill(1).inspect()',
  'test.function()() instanceof Object', 'test.object.y()({})', 'test.object.z({}) instanceof Object',
  "Object.getOwnPropertyDescriptor(test.object, 'y').hasOwnProperty instanceof Function",
  "Symbol.for('foo') === test.symbol2", 'test.symbol1.constructor.constructor === Function',
  'Symbol.keyFor(test.symbol2)', 'test.error.constructor.constructor === Function',
  'test.date instanceof Date', 'test.regexp instanceof RegExp', 'new test.klass().greet("x")',
  "typeof test.string === 'string' && test.string.valueOf instanceof Object", 'typeof test.stringObject',
  'Object.keys(test).join()', 'Buffer.alloc(10).toString("hex")', 'Buffer.allocUnsafe(4).toString("hex")',
  'class MyBuffer extends Buffer {}; MyBuffer.alloc(4).toString("hex")',
  'global.setTimeout', 'eval("1")', 'typeof process', 'typeof require',
  'this.constructor.constructor("return typeof process")()', '[1, 2, 3].map((x) => x * 2)',
  'JSON.stringify({ a: [1, { b: 2 }] })', 'new Map([[1, 2]])', 'String(Symbol("q"))',
  'Reflect.ownKeys(test.object).join()', 'Object.getPrototypeOf(test.object) === Object.prototype',
]) t(code, () => vm.run(code));
const o = vm.run('let y = new Date(0); let z = { a: y, b: y }; z');
t('same date twice', () => o.a === o.b && o.a instanceof Date);
t('array out', () => Array.isArray(vm.run('[1, 2]')));
t('inspect out', () => inspect(vm.run('[1, 2, { a: 3 }]')));
t('toString tags', () => ['Object', 'Array', 'Number', 'String', 'Boolean', 'Date', 'RegExp', 'Map', 'WeakMap', 'Set',
  'WeakSet', 'Function', 'RangeError', 'Error'].map((n) => Object.prototype.toString.call(vm.run('(name) => new (global[name])()')(n))).join());
t('setPrototypeOf', () => vm.run('Object.setPrototypeOf(test.object, {})'));
t('timeout', () => new VM({ timeout: 20 }).run('while (true) {}'));
t('getter timeout', () => {
  const sub = {};
  Object.defineProperty(sub, 'getter', { get() { for (;;); } });
  return new VM({ timeout: 20, sandbox: { sub } }).run('sub.getter');
});
t('eval disabled', () => new VM({ eval: false }).run('eval("1")'));
t('not defined', () => vm.run('notdefined'));
t('VMScript', () => new VM({ sandbox: { a: 2 } }).run(new VMScript('1 + a', 'file.js')));
t('VMScript syntax error', () => new VMScript('1 +', 'bad.js').compile());
t('stack', () => { try { vm.run('\n\nthrow new TypeError("boom")', 'some.js'); } catch (e) { return e.stack.split('\n').slice(0, 2).join(' | '); } });
t('freeze', () => { const v = new VM(); v.freeze({ a: 1 }, 'fr'); return v.run('fr.a = 2; fr.a'); });
t('protect', () => { const v = new VM(); const obj = { a: 1 }; v.protect(obj, 'pr'); v.run('pr.a = 2; pr.b = function () {}'); return obj; });
t('escape through a host error', () => new VM({ sandbox: { boom() { throw new Error(); } } })
  .run('try { boom(); } catch (e) { e.constructor.constructor("return typeof process")(); }'));
t('escape through a proxy', () => vm.run('new Proxy(function () {}, { apply(t, c, a) { return a.constructor.constructor === Function; } })')('x'));
t('setGlobal', () => { const v = new VM(); v.setGlobal('q', 5); return [v.getGlobal('q'), v.run('q * 2')]; });
t('host function in', () => vm.run('(f) => f(2)')((x) => x * 3));
t('JSON out', () => JSON.stringify(vm.run('({ a: [1, { b: new Date(0) }] })')));
vm.run('(async () => { await null; return 7; })()').then((v) => console.log('async resolved', v));
