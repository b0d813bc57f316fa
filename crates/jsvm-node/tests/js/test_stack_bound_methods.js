// Frames of methods bound to their object (tape binds every method of its tests with
// `call-bind`: `Function.prototype.call.bind(method, test)`): V8 names them by the object
// bound (`at Test.assert [as _assert]`) and places the caller at the method's name.
'use strict';
const path = require('path');
const callBound = (f, self) => Reflect.apply(Function.prototype.bind, Function.prototype.call, [f, self]);
function show(e) {
  const lines = e.stack.split('\n').slice(0, 6).filter((l) => !/\(node:/.test(l));
  console.log(lines.join('\n').split(path.dirname(__filename) + path.sep).join(''));
}
function Test(name, cb) {
  this.name = name;
  this._cb = cb;
  for (const prop in this) {
    if (typeof this[prop] === 'function') this[prop] = callBound(this[prop], this);
  }
}
Test.prototype.run = function run() {
  this._cb(this);
};
Test.prototype._assert = function assert(ok, opts) {
  if (!ok) show(new Error(opts.message));
};
Test.prototype.ok = Test.prototype['true'] = Test.prototype.assert = function (value, msg, extra) {
  this._assert(value, { message: msg });
};
Test.prototype.strictEqual = Test.prototype.equal = function strictEqual(a, b, msg, extra) {
  this._assert(a === b, { message: msg });
};
function test(name, cb) {
  new Test(name, cb).run();
}
test('bound methods', (t) => {
  t.ok(false, 'not ok');
  t.equal(1, 2, 'not equal');
  t.strictEqual(1, 2);
});
// A bind of the method itself, called as another object's method: named by the `this` bound.
class Point { where() { show(new Error('where')); } }
const holder = { m: Point.prototype.where.bind(new Point()) };
holder.m();
const twice = { m: Point.prototype.where.bind(new Point()).bind({}) };
twice.m(1);
