// What V8's call sites handed to Error.prepareStackTrace say of receivers: getTypeName,
// getMethodName, isToplevel, getFunctionName and toString, as the default format names the
// frames (`at Foo.bar`, `at Object.<anonymous>`, `at Array.map`).
const describe = (c) => [
  c.getFunctionName(), c.getMethodName(), c.getTypeName(), c.isToplevel(), c.isConstructor(),
  String(c).split(__dirname).join('.'),
].join(' | ');
Error.prepareStackTrace = (e, sites) => sites.slice(0, 2).map(describe).join('\n');
class Foo {
  constructor() { this.made = new Error('c').stack; }
  bar() { return new Error('x').stack; }
}
console.log(new Foo().bar());
console.log(new Foo().made);
const o = { m() { return new Error('y').stack; } };
console.log(o.m());
console.log(new Error('top').stack.split('\n')[0]);
console.log([1].map(function cb() { return new Error('z').stack; })[0]);
function plain() { return new Error('p').stack; }
console.log(plain());
// Static methods and functions' own methods: the receiver is a function (`Function`).
class Maker { static make() { return new Error('s').stack; } }
console.log(Maker.make());
function F() {}
F.util = function util() { return new Error('u').stack; };
console.log(F.util());
