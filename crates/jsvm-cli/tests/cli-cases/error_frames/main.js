// Where V8 puts the frames of an error made with `new E(args)`: the frame that made it at
// `new` (QuickJS records its last argument), and a subclass's constructors left out (V8 skips
// the frames up to new.target).
const show = (e) => console.log(e.stack.split('\n').slice(0, 3).join('\n').replaceAll(__dirname, '<DIR>'));
function a(x) { return Error('plain ' + x); } show(a(1));
function b(x) { return new TypeError(`t ${x} ${[1,2].map(String)}`); } show(b(2));
class E extends Error { constructor(m) { super(m); } } function c() { return new E('sub' + 1); } show(c());
class E2 extends E { constructor(m) { super(m + '!'); } } function c2() { return new E2('sub' + 2); } show(c2());
class F extends Error { constructor(m) { super(m); this.name = 'F'; Error.captureStackTrace(this, F); } } function d() { return new F(`f ${1 + 2}`); } show(d());
function g(e, y) { return e; } function h() { return g(new RangeError('r' + 'x'), [1].map(v => v)); } show(h());
function k() { const o = { e: new Error('in obj ' + 1) }; return o.e; } show(k());
function m() { return new Error('a', { cause: new Error('b') }); } show(m().cause);
function assert(msg) {
	throw new F({ actual: 1, expects: 2, message: 'm', generated: !msg }.message);
}
try { assert() } catch (e) { show(e) }
const vm = require('vm');
show(vm.runInNewContext(`class V extends Error {}
function f() { return new V('in context ' + 1) }
f()`, {}, { filename: 'ctx.js' }));
