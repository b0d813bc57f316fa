// `stack` is each error's own property, none on Error.prototype: an object that only inherits
// from Error.prototype takes any `stack` as its own (less's LessError copies `e.stack`, which
// may be undefined), in the main context and in a vm context.
const vm = require('vm');
const report = console.log;

report('proto has stack:', Object.prototype.hasOwnProperty.call(Error.prototype, 'stack'));
report('proto names:', Object.getOwnPropertyNames(Error.prototype).sort());
report('in plain inheritor:', 'stack' in Object.create(Error.prototype));

function Wrapped(e) {
  Error.call(this);
  this.message = e.message;
  this.stack = e.stack;
  this.type = 'Syntax';
}
Wrapped.prototype = Object.create(Error.prototype);
Wrapped.prototype.constructor = Wrapped;
const w = new Wrapped({ message: 'no stack given' });
report('wrapped:', Object.keys(w), w.stack, w instanceof Error);
report('wrapped descriptor:', Object.getOwnPropertyDescriptor(w, 'stack'));
const w2 = new Wrapped({ message: 'numeric', stack: 42 });
report('numeric stack:', w2.stack);

const e = new Error('real');
e.stack = undefined;
report('real error set undefined:', e.stack, Object.keys(e));

const inContext = vm.runInNewContext(`
  const o = Object.create(Error.prototype);
  o.stack = null;
  const r = new RangeError('r');
  [Object.prototype.hasOwnProperty.call(Error.prototype, 'stack'), o.stack, Object.keys(o),
   typeof r.stack, r.stack.split('\\n')[0]]
`);
report('context:', inContext);

class Sub extends Error {}
const s = new Sub('sub');
report('subclass:', s.stack.split('\n')[0], Object.prototype.hasOwnProperty.call(s, 'stack'));
