// V8 names a method call's frame by its receiver: `at Foo.bar` (the receiver's type, before a
// function name that is an identifier), `at Object.m [as alias]` (the property the function was
// called through, when named otherwise), and a plain call by the function's name alone.
const vm = require('vm');
const EventEmitter = require('events');

// The caller's frame of `frame()`, without its position.
function frame() {
  return new Error().stack.split('\n')[2].trim().replace(/ \(.*\)$/, '');
}
const cases = [];
const add = (label, text) => cases.push(`${label}: ${text}`);

class Foo {
  constructor() { this.made = frame(); }
  bar() { return frame(); }
  static baz() { return frame(); }
  get g() { return frame(); }
  *gen() { yield frame(); }
  [Symbol.iterator]() { return frame(); }
  ['comp' + 'uted']() { return frame(); }
  arrow = () => frame();
  Foo() { return frame(); }
  FooStart() { return frame(); }
  ['a-b']() { return frame(); }
  withArgs(a, b) { return frame(); }
  #priv() { return frame(); }
  callsPrivate() { return this.#priv(); }
  callsOwn() { return this.bar(); }
}
class Sub extends Foo {
  other() { return frame(); }
  bar() { return super.bar(); }
}
const f = new Foo();
add('constructor', f.made);
add('method', f.bar());
add('static method', Foo.baz());
add('getter', f.g);
add('generator method', f.gen().next().value);
add('symbol-named method', f[Symbol.iterator]());
add('computed name', f.computed());
add('arrow field', f.arrow());
add('named as its class', f.Foo());
add('name starting with the class', f.FooStart());
add('name not an identifier', f['a-b']());
add('all arguments given', f.withArgs(1, 2));
add('private method', f.callsPrivate());
add('this.method()', f.callsOwn());
const s = new Sub();
add('inherited, on a subclass', Foo.prototype.bar.call(s));
add('own method of a subclass', s.other());
add('through super', s.bar());
add('static, on a subclass', Sub.baz());

const o = { m() { return frame(); }, n: function () { return frame(); }, a: () => frame() };
add('object literal method', o.m());
add('function property', o.n());
add('arrow property', o.a());
const o2 = {};
o2.k = function named() { return frame(); };
add('assigned named function', o2.k());
o2.alias = o.m;
add('copied method', o2.alias());
add('prototype method on another object', ({ q: Foo.prototype.bar }).q());
add('null-prototype object', Object.assign(Object.create(null), { m: o.m }).m());
add('tagged object', ({ [Symbol.toStringTag]: 'Tagged', m: o.m }).m());
add('array element', [function inArray() { return frame(); }][0]());
add('proxy receiver', new Proxy({ m: o.m }, {}).m());
const overProxy = Object.create(new Proxy({}, {}));
overProxy.m = function m() { return frame(); };
add('object whose prototype is a proxy', overProxy.m());

function plain() { return frame(); }
add('plain call', plain());
add('plain function on an object', ({ plain }).plain());
const unbound = f.bar;
add('detached method', unbound());
globalThis.plainGlobal = plain;
add('on the global', globalThis.plainGlobal());
exports.exported = function exported() { return frame(); };
add('on exports', exports.exported());

add('call with an instance', Foo.prototype.bar.call(f));
add('call with a subclass instance', Foo.prototype.bar.call(s));
add('call with a plain object', Foo.prototype.bar.call({}));
add('call with nothing', Foo.prototype.bar.call());
add('call with a number', plain.call(5));
add('call with a string', plain.call('x'));
add('call with a class', plain.call(Foo));
add('call with a function', plain.call(plain));
add('call with a Map', plain.call(new Map()));
add('call with Math', plain.call(Math));
add('apply', Foo.prototype.bar.apply(s, []));
add('Reflect.apply', Reflect.apply(Foo.prototype.bar, s, []));
add('class prototype', plain.call(Foo.prototype));
add('subclass prototype', plain.call(Sub.prototype));

const emitter = new EventEmitter();
emitter.on('e', function handler() { add('event handler', frame()); });
emitter.emit('e');
class MyEmitter extends EventEmitter {}
const mine = new MyEmitter();
mine.on('e', function handler() { add('event handler of a subclass', frame()); });
mine.emit('e');

const context = vm.createContext({ out: [] });
vm.runInContext(`
  function frame() {
    return new Error().stack.split('\\n')[2].trim().replace(/ \\(.*\\)$/, '');
  }
  class C { m() { return frame(); } static s() { return frame(); } }
  const lit = { k() { return frame(); } };
  function g() { return frame(); }
  out.push(new C().m(), C.s(), lit.k(), g(), this.g(), globalThis.g());
`, context);
add('in a context', context.out.join(', '));

class Thrower { run() { throw new Error('from a method'); } static go() { return new Thrower().run(); } }
try { Thrower.go(); } catch (e) {
  add('thrown', e.stack.split('\n').slice(1, 3).map((l) => l.trim().replace(/ \(.*\)$/, '')).join(' <- '));
}

// Methods given fewer arguments than they declare (the engine runs them on a copy), or
// spread ones: named by their receiver all the same.
class Short {
  two(a, b) { return frame(); }
  static three(a, b, c) { return frame(); }
  viaSpread(...rest) { return frame(); }
}
const short = new Short();
add('fewer arguments', short.two());
add('one of two', short.two(1));
add('static, fewer', Short.three(1));
add('spread', short.two(...[1]));
add('rest and spread', short.viaSpread(...[1, 2, 3]));
add('nested, fewer', [short].map((s) => s.two())[0]);
function* gen() { yield short.two(); }
add('from a generator, fewer', gen().next().value);
add('in a template, fewer', `${short.two()}`);
add('fewer, in an argument', String(short.two(short.two())));

class Later { async run() { await null; return new Error('after await').stack.split('\n')[1].trim().replace(/ \(.*\)$/, ''); } }
new Later().run().then((text) => {
  add('async method', text);
  console.log(cases.join('\n'));
});
