// The frame of an error made by `new C(...)` whose arguments construct or call other things:
// V8 points at the outer `new`, QuickJS records the last inner position.
const at = (e) => e.stack.split('\n')[1].trim().replace(/\(.*[\\/]/, '(');
const id = (x) => x;
console.log(at(new AggregateError([new Error('a')], 'agg')));
console.log(at(new TypeError(String(new Error('a').message))));
console.log(at(new Error(id('x'))));
console.log(at(new Error(`${id('x')}`)));
console.log(at(new Error([id(1), id(2)].join())));
console.log(at(Object.assign(new Error('withprops'), { code: id('X') })));
console.log(at(new RangeError('r', { cause: new Error('c') })));
function make(x) { return new Error(x); }
console.log(at(make(id('q'))));
console.log(at(new AggregateError([1, 2].map((i) => new Error(String(i))), 'agg')));
class MyError extends Error {}
console.log(at(new MyError(String(new Error('inner')))));
const ns = { E: class extends Error {} };
console.log(at(new ns.E(new Error('x').message)));
console.log(at(new Error('plain')), at(new SyntaxError(new RangeError('r').name)));
