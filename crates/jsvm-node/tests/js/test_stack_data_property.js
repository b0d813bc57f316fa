// An error's `stack` reads as Node 20's own data property (V8 11.3 formats it on first read,
// a descriptor read included), for errors of the main context, of vm contexts and of
// Error.captureStackTrace; and the realm's members match Node 20's where SES checks them.
const vm = require('vm');
const show = (x) => {
  const d = Object.getOwnPropertyDescriptor(x, 'stack');
  if (!d) return 'none';
  return JSON.stringify({
    kind: 'value' in d ? 'data' : 'accessor',
    first: typeof d.value === 'string' ? d.value.split('\n')[0] : typeof d.value,
    writable: d.writable, enumerable: d.enumerable, configurable: d.configurable,
  });
};
const a = new Error('a');
console.log('error', show(a));
let thrown; try { null.x; } catch (e) { thrown = e; }
console.log('thrown', show(thrown));
console.log('reflect', 'value' in Reflect.getOwnPropertyDescriptor(new RangeError('r'), 'stack'));
console.log('all', Object.keys(Object.getOwnPropertyDescriptors(new TypeError('t')).stack).join());
console.log('lookup', new Error('l').__lookupGetter__('stack'), new Error('l').__lookupSetter__('stack'));
const o = {}; Error.captureStackTrace(o); console.log('captured', show(o));
const f = Object.freeze(new Error('frozen')); console.log('frozen', show(f), f.stack.split('\n')[0]);
const s = Object.seal(new Error('sealed')); console.log('sealed', show(s));
const p = new Error('partial'); Object.defineProperty(p, 'stack', { writable: false });
console.log('partial define', show(p));
const q = new Error('before'); q.message = 'after'; console.log('late message', show(q));
const r = new Error('r'); Reflect.defineProperty(r, 'stack', { enumerable: true }); console.log('reflect define', show(r));
const m = new Error('m'); Object.defineProperties(m, { stack: { configurable: false } }); console.log('defineProperties', show(m));
class MyError extends Error {}
console.log('subclass', show(new MyError('sub')));
console.log('aggregate', show(new AggregateError([], 'agg')));
const ctx = vm.createContext({});
console.log('vm', vm.runInContext(`(${show})(new Error('in context'))`, ctx));
console.log('vm from outside', show(vm.runInContext('new Error("x")', ctx)));
const getters = new Set([new Error('1'), new Error('2'), new TypeError('3')]
  .map((e) => Object.getOwnPropertyDescriptor(e, 'stack').get));
console.log('getters', [...getters].map(String));
let calls = 0;
Error.prepareStackTrace = (e, sites) => { calls++; return 'formatted ' + e.message; };
const g = new Error('g'); g.message = 'changed';
console.log('prepare', show(g), calls > 0);
Error.prepareStackTrace = undefined;
// Node 20's V8 has no iterator helpers, nor the engine's Function.prototype line accessors.
const iteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
console.log('iterator proto', Reflect.ownKeys(iteratorProto).map(String));
console.log('helpers', typeof [].values().map, typeof [].keys().toArray);
console.log('function proto', ['lineNumber', 'columnNumber', 'fileName'].map((k) => k in Function.prototype));
console.log('vm iterator proto', vm.runInContext(
  'Reflect.ownKeys(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))).map(String).join()', ctx));
// Reflect, which a context makes on first use, reads it as data too.
console.log('vm reflect', vm.runInNewContext(
  "JSON.stringify(Reflect.getOwnPropertyDescriptor(new Error('r'), 'stack').writable)"));
const R = vm.runInContext('Reflect', vm.createContext({}));
console.log('vm reflect outside', 'value' in R.getOwnPropertyDescriptor(new Error('o'), 'stack'));
