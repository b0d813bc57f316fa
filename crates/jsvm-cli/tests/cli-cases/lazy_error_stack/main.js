// V8 formats an error's stack when `stack` is first read: a name or message set after the
// error was made is in its header. `stack` is an own, non-enumerable property of the error.
const vm = require('vm');

const cases = `
const first = (s) => String(s).split('\\n')[0];
const out = [];
const e = new Error(); e.message = 'late'; out.push(first(e.stack));
class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr'; } }
out.push(first(new MyErr('q').stack));
const o = {}; Error.captureStackTrace(o); o.message = 'm'; o.name = 'N'; out.push(first(o.stack));
const x = new Error('x'); out.push(JSON.stringify(Object.getOwnPropertyNames(x)));
out.push(JSON.stringify(x, Object.getOwnPropertyNames(x)).slice(0, 20));
x.stack = 'custom';
out.push(JSON.stringify(Object.keys(x)) + ' ' + x.propertyIsEnumerable('stack') + ' ' + x.stack);
// Read once, kept: a later change is not seen.
const k = new Error('k'); first(k.stack); k.message = 'changed'; out.push(first(k.stack));
// Errors the engine makes.
try { null.f(); } catch (err) { err.name = 'Renamed'; out.push(first(err.stack)); }
try { undefined(); } catch (err) { out.push(JSON.stringify(Object.getOwnPropertyNames(err))); }
try { eval('let let = 1'); } catch (err) { err.message = 'bad code'; out.push(first(err.stack)); }
try { (function r() { r(); })(); } catch (err) { err.message = 'deep'; out.push(first(err.stack)); }
// Constructors with more than a message: stack comes first.
const c = new Error('c', { cause: 1 }); out.push(JSON.stringify(Object.getOwnPropertyNames(c)));
const a = new AggregateError([1], 'agg'); out.push(JSON.stringify(Object.getOwnPropertyNames(a)));
// A name inherited from the class's prototype.
class P extends Error {} P.prototype.name = 'ProtoName'; out.push(first(new P('p').stack));
// An empty name or message.
const n = new Error('only message'); n.name = ''; out.push(first(n.stack));
const m = new TypeError('gone'); m.message = ''; out.push(first(m.stack));
// captureStackTrace with a filter, and one not on the stack (no frames).
function inner() { const t = {}; Error.captureStackTrace(t, inner); return t; }
const t = inner(); t.name = 'Filtered'; out.push(first(t.stack));
const u = {}; Error.captureStackTrace(u, function nowhere() {}); out.push(JSON.stringify(u.stack));
out.push(JSON.stringify(Object.keys(u)) + ' ' + u.propertyIsEnumerable('stack'));
// Assigned through an object inheriting the error: an own enumerable property there.
const base = new Error('base'); const child = Object.create(base); child.stack = 'mine';
out.push(JSON.stringify(Object.keys(child)) + ' ' + first(base.stack));
// Deleted, then assigned.
const d = new Error('d'); delete d.stack; d.stack = 'again';
out.push(JSON.stringify(Object.keys(d)) + ' ' + d.stack);
out.join('\\n');
`;

console.log('--- main context');
console.log(eval(cases));
console.log('--- vm.runInNewContext');
console.log(vm.runInNewContext(cases));
console.log('--- a context error read in the main context');
const err = vm.runInNewContext('const e = new TypeError("t"); e.name = "Late"; e');
console.log(err.stack.split('\n')[0]);
console.log(Object.getOwnPropertyNames(err), Object.keys(err));
const errs = vm.runInNewContext('try { null.x } catch (e) { e.message = "m2"; e }');
console.log(errs.stack.split('\n')[0]);
console.log('--- after the first read: a data property');
const g = new Error('g'); g.stack;
const gd = Object.getOwnPropertyDescriptor(g, 'stack');
console.log(typeof gd.value, gd.writable, gd.enumerable, gd.configurable);
console.log('--- captureStackTrace: the frame of its caller, at the call');
const where = (s) => s.split('\n')[1].replace(/^.*:(\d+:\d+)\)?$/, '$1');
const cap = {}; Error.captureStackTrace(cap); console.log(where(cap.stack));
function capturing() { const c = {}; Error.captureStackTrace(c); return c.stack; }
console.log(where(capturing()));
console.log('--- a class extending Error: its constructors are not frames (V8 starts below new.target)');
const callers = (e) => e.stack.split('\n').slice(1, 3).map((l) => l.trim().split(' (')[0]).join(', ');
class Base extends Error { constructor(m) { super(m); this.name = 'Base'; } }
class Derived extends Base { constructor(m) { super(m); this.name = 'Derived'; } }
function makeDerived() { return new Derived('d'); }
console.log(callers(makeDerived()), '|', makeDerived().stack.split('\n')[0]);
console.log(vm.runInNewContext(`class G extends Error { constructor() { super('g') } }
  function mk() { return new G() } mk().stack.split('\\n')[1].trim().split(' (')[0]`));
console.log('--- captureStackTrace in a constructor: from where it is called');
class Captured extends Error { constructor() { super('c'); this.name = 'Captured'; Error.captureStackTrace(this); } }
function makeCaptured() { return new Captured(); }
console.log(callers(makeCaptured()), '|', makeCaptured().stack.split('\n')[0]);
class Filtered extends Error { constructor() { super('f'); Error.captureStackTrace(this, Filtered); this.name = 'F2'; } }
function makeFiltered() { return new Filtered(); }
console.log(callers(makeFiltered()), '|', makeFiltered().stack.split('\n')[0]);
