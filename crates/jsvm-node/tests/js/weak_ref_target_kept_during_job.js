// A WeakRef's target lives at least until the job that made it ends (the spec's
// AddToKeptObjects): an object only a new WeakRef points at is still there when read back in
// the same job, in the main context and in a vm context, through subclasses and Reflect.
const vm = require('vm');

const r = new WeakRef({ a: 1 });
console.log('deref at once:', r.deref());

function make() { return { made: true }; }
const held = new WeakRef(make());
console.log('from a call:', held.deref());

class Tagged extends WeakRef {
  constructor(target, tag) { super(target); this.tag = tag; }
}
const t = new Tagged({ b: 2 }, 'x');
console.log('subclass:', t.deref(), t.tag, t instanceof WeakRef, t instanceof Tagged);

const viaReflect = Reflect.construct(WeakRef, [{ c: 3 }], Tagged);
console.log('Reflect.construct:', viaReflect.deref(), Object.getPrototypeOf(viaReflect) === Tagged.prototype);

console.log('shape:', WeakRef.name, WeakRef.length, WeakRef.prototype.constructor === WeakRef,
  Object.getOwnPropertyNames(WeakRef).sort().join(','),
  JSON.stringify(Object.getOwnPropertyDescriptor(WeakRef, 'prototype')),
  JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, 'WeakRef')),
  String(WeakRef).replace(/\s+/g, ' '));

try { WeakRef({}); } catch (e) { console.log('call:', e.constructor.name, e.message); }
try { new WeakRef(1); } catch (e) { console.log('primitive:', e.constructor.name, e.message); }
try { new WeakRef(); } catch (e) { console.log('none:', e.constructor.name, e.message); }

// Many WeakRefs of one object.
const shared = {};
const refs = [];
for (let i = 0; i < 1000; i++) refs.push(new WeakRef(shared));
console.log('same target:', refs.every((x) => x.deref() === shared));

// In a vm context: its own WeakRef, the same rule.
const ctx = vm.createContext({});
console.log('context:', vm.runInContext(`
  const w = new WeakRef({ inside: true });
  JSON.stringify([w.deref(), WeakRef.prototype.constructor === WeakRef, WeakRef.name, WeakRef.length])
`, ctx));
console.log('context WeakRef is its own:', vm.runInContext('WeakRef', ctx) !== WeakRef);

// Read again in a later job while strongly held: still there.
const keep = { later: true };
const later = new WeakRef(keep);
Promise.resolve().then(() => console.log('later job:', later.deref() === keep));
setTimeout(() => console.log('later task:', later.deref() === keep), 1);
