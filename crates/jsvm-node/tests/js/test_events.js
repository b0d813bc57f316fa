// Test program for the 'events' module: prints one line per check.
'use strict';
const EventEmitter = require('events');
const util = require('util');

function show(label, value) {
  console.log(label + ': ' + util.inspect(value));
}
function showErr(label, fn) {
  try {
    fn();
    console.log(label + ': no error');
  } catch (err) {
    console.log(label + ': ' + err.name + ' ' + err.code + ' ' + err.message);
  }
}

// module shape
show('module is EventEmitter', EventEmitter === EventEmitter.EventEmitter);
show('typeof', typeof EventEmitter);
show('defaultMaxListeners', EventEmitter.defaultMaxListeners);
show('errorMonitor', typeof EventEmitter.errorMonitor);
show('captureRejectionSymbol', EventEmitter.captureRejectionSymbol);
show('usingDomains', EventEmitter.usingDomains);
show('typeof once', typeof EventEmitter.once);
show('typeof on', typeof EventEmitter.on);

// fresh emitter
const e = new EventEmitter();
console.log(util.inspect(e));
show('eventNames empty', e.eventNames());
show('getMaxListeners', e.getMaxListeners());
show('emit without listeners', e.emit('nothing'));
show('instanceof', e instanceof EventEmitter);

// on / emit / arguments / this
const log = [];
function a(x, y) { log.push(['a', x, y, this === e]); }
function b(...args) { log.push(['b', args.length]); }
show('on returns emitter', e.on('ev', a) === e);
e.addListener('ev', b);
show('emit returns', e.emit('ev', 1, 2));
show('log', log);
show('listenerCount', e.listenerCount('ev'));
show('listenerCount with listener', e.listenerCount('ev', a));
show('static listenerCount', EventEmitter.listenerCount(e, 'ev'));
show('listeners', e.listeners('ev'));
show('eventNames', e.eventNames());
console.log(util.inspect(e));

// prependListener
const order = [];
const p = new EventEmitter();
p.on('x', () => order.push(1));
p.prependListener('x', () => order.push(0));
p.on('x', () => order.push(2));
p.prependOnceListener('x', () => order.push(-1));
p.emit('x');
p.emit('x');
show('prepend order', order);

// once
const o = new EventEmitter();
let onceCount = 0;
function onceFn(v) { onceCount += v; }
o.once('o', onceFn);
show('rawListeners once', o.rawListeners('o'));
show('rawListeners[0].listener === fn', o.rawListeners('o')[0].listener === onceFn);
show('listeners unwrap', o.listeners('o')[0] === onceFn);
show('emit once 1', o.emit('o', 5));
show('emit once 2', o.emit('o', 5));
show('onceCount', onceCount);
o.once('o', onceFn);
o.removeListener('o', onceFn);
show('remove once by original', o.listenerCount('o'));
// once listener that re-emits
const re = new EventEmitter();
let reCount = 0;
re.once('r', () => { reCount++; re.emit('r'); });
re.emit('r');
show('once re-entrant', reCount);

// removeListener / off
const r = new EventEmitter();
function f1() {}
function f2() {}
r.on('a', f1);
r.on('a', f2);
r.on('a', f1);
r.off('a', f1);
show('after off keeps last-added removed', r.listeners('a'));
r.removeListener('a', f2);
show('after removing f2', r.listeners('a'));
r.removeListener('a', f1);
show('after removing all', r.listeners('a'), r.eventNames());
show('eventNames after remove', r.eventNames());
show('remove unknown returns this', r.removeListener('zzz', f1) === r);

// removal during emit does not affect current emit
const d = new EventEmitter();
const dlog = [];
function d1() { dlog.push('d1'); d.removeListener('e', d2); }
function d2() { dlog.push('d2'); }
d.on('e', d1);
d.on('e', d2);
d.emit('e');
d.emit('e');
show('removal during emit', dlog);

// newListener / removeListener events
const n = new EventEmitter();
const nlog = [];
n.on('newListener', (ev, fn) => nlog.push(['new', ev, fn.name, n.listenerCount(ev)]));
n.on('removeListener', (ev, fn) => nlog.push(['remove', ev, fn.name]));
function h1() {}
function h2() {}
n.on('foo', h1);
n.once('foo', h2);
n.removeListener('foo', h1);
n.emit('foo');
show('newListener/removeListener log', nlog);
nlog.length = 0;
n.on('bar', h1);
n.on('bar', h2);
n.on('baz', h1);
n.removeAllListeners('bar');
show('removeAllListeners(type) log', nlog);
nlog.length = 0;
n.removeAllListeners();
show('removeAllListeners() log', nlog);
show('eventNames after removeAll', n.eventNames());
const m = new EventEmitter();
m.on('a', f1);
m.on('b', f2);
show('removeAllListeners returns this', m.removeAllListeners('a') === m);
show('eventNames', m.eventNames());
m.removeAllListeners();
show('eventNames', m.eventNames());

// symbols as event names
const sym = Symbol('s');
const s = new EventEmitter();
s.on(sym, () => console.log('symbol event fired'));
s.on('str', () => {});
show('eventNames with symbol', s.eventNames());
s.emit(sym);

// error events
const er = new EventEmitter();
showErr('emit error Error', () => er.emit('error', new TypeError('bad thing')));
showErr('emit error string', () => er.emit('error', 'boom'));
showErr('emit error undefined', () => er.emit('error'));
showErr('emit error object', () => er.emit('error', { a: 1 }));
showErr('emit error number', () => er.emit('error', 42));
try {
  er.emit('error', 'ctx');
} catch (err) {
  show('context', err.context);
  show('toString', String(err));
  show('keys', Object.keys(err));
}
const err2 = new Error('caught');
er.on('error', (x) => show('error listener got', x === err2));
show('emit error with listener', er.emit('error', err2));
const mon = new EventEmitter();
mon.on(EventEmitter.errorMonitor, (x) => console.log('monitor saw ' + x.message));
showErr('errorMonitor then throw', () => mon.emit('error', new Error('monitored')));

// invalid listeners
showErr('on number', () => e.on('x', 1));
showErr('on object', () => e.on('x', {}));
showErr('on null', () => e.on('x', null));
showErr('on long string', () => e.on('x', 'a very long string that is long enough'));
showErr('once undefined', () => e.once('x'));
showErr('removeListener bad', () => e.removeListener('x', 5));
showErr('prependListener bad', () => e.prependListener('x', true));

// max listeners
const ml = new EventEmitter();
show('setMaxListeners returns this', ml.setMaxListeners(1) === ml);
show('getMaxListeners', ml.getMaxListeners());
ml.setMaxListeners(0);
for (let i = 0; i < 20; i++) ml.on('many', () => {});
show('many listeners', ml.listenerCount('many'));
showErr('setMaxListeners(-1)', () => ml.setMaxListeners(-1));
showErr('setMaxListeners(NaN)', () => ml.setMaxListeners(NaN));
showErr('setMaxListeners("a")', () => ml.setMaxListeners('a'));
showErr('defaultMaxListeners = -1', () => { EventEmitter.defaultMaxListeners = -1; });
showErr('defaultMaxListeners = "x"', () => { EventEmitter.defaultMaxListeners = 'x'; });
EventEmitter.defaultMaxListeners = 20;
show('defaultMaxListeners changed', new EventEmitter().getMaxListeners());
EventEmitter.defaultMaxListeners = 10;
show('static getMaxListeners', EventEmitter.getMaxListeners(ml));
show('static getEventListeners', EventEmitter.getEventListeners(s, 'str').length);

// more validation and statics
showErr('captureRejections option', () => new EventEmitter({ captureRejections: 'yes' }));
showErr('EventEmitter.captureRejections = 1', () => { EventEmitter.captureRejections = 1; });
showErr('static setMaxListeners bad target', () => EventEmitter.setMaxListeners(5, {}));
showErr('static setMaxListeners -1', () => EventEmitter.setMaxListeners(-1));
showErr('static getEventListeners bad', () => EventEmitter.getEventListeners({}, 'x'));
showErr('static getMaxListeners bad', () => EventEmitter.getMaxListeners({}));
showErr('on() highWaterMark 0', () => EventEmitter.on(new EventEmitter(), 'x', { highWaterMark: 0 }));
showErr('on() highWaterMark 1.5', () => EventEmitter.on(new EventEmitter(), 'x', { highWaterMark: 1.5 }));
showErr('on() highWaterMark huge', () => EventEmitter.on(new EventEmitter(), 'x', { highWaterMark: 2 ** 60 }));
showErr('on() lowWaterMark string', () => EventEmitter.on(new EventEmitter(), 'x', { lowWaterMark: 'x' }));
const st = new EventEmitter();
EventEmitter.setMaxListeners(3, st);
show('static setMaxListeners on target', st.getMaxListeners());
const thrower = new EventEmitter();
thrower.on('x', () => { throw new Error('listener threw'); });
showErr('listener throws', () => thrower.emit('x'));
const warn = new EventEmitter();
warn.setMaxListeners(2);
for (let i = 0; i < 3; i++) warn.on('w', () => {});
show('warned flag', warn._events.w.warned);
show('listener array', warn._events.w.length);

// subclassing
class MyEmitter extends EventEmitter {
  constructor() {
    super();
    this.name = 'mine';
  }
}
const my = new MyEmitter();
my.on('hi', function () { show('subclass this', this.name); });
my.emit('hi');
console.log(util.inspect(my));
// old-style inheritance
function Legacy() { EventEmitter.call(this); }
Object.setPrototypeOf(Legacy.prototype, EventEmitter.prototype);
const lg = new Legacy();
lg.on('x', (v) => show('legacy emitter', v));
lg.emit('x', 7);
show('legacy eventNames', lg.eventNames());

// listeners returns a copy
const c = new EventEmitter();
c.on('c', f1);
const ls = c.listeners('c');
ls.push(f2);
show('listeners copy', c.listenerCount('c'));
c.on('c', f2);
const raw = c.rawListeners('c');
raw.pop();
show('rawListeners copy', c.listenerCount('c'));

// prototype shape
show('prototype methods', Object.keys(EventEmitter.prototype));

// async: static once and on
// Only promises are used for scheduling (no timers), so the program needs nothing but the modules.
function later(fn) { Promise.resolve().then(fn); }
async function ticks(n) { for (let i = 0; i < n; i++) await null; }

(async () => {
  const ae = new EventEmitter();
  later(() => ae.emit('ready', 1, 'two'));
  const args = await EventEmitter.once(ae, 'ready');
  show('once resolved', args);
  show('once cleaned up', ae.eventNames());
  const ae2 = new EventEmitter();
  later(() => ae2.emit('error', new Error('failed')));
  try {
    await EventEmitter.once(ae2, 'ready');
    console.log('once should have rejected');
  } catch (err) {
    show('once rejected', err.message);
  }
  show('once cleaned up after error', ae2.eventNames());
  const ae3 = new EventEmitter();
  later(() => ae3.emit('error', new Error('as value')));
  show('once error event', (await EventEmitter.once(ae3, 'error'))[0].message);

  const it = new EventEmitter();
  later(() => {
    it.emit('data', 1);
    it.emit('data', 2, 3);
    it.emit('data', 4);
  });
  const got = [];
  for await (const ev of EventEmitter.on(it, 'data')) {
    got.push(ev);
    if (got.length === 3) break;
  }
  show('on iterator', got);
  show('on iterator cleaned up', it.eventNames());

  // order of microtasks between once() and other promises
  const oe = new EventEmitter();
  const seq = [];
  EventEmitter.once(oe, 'go').then(() => seq.push('once'));
  oe.emit('go');
  Promise.resolve().then(() => seq.push('p1')).then(() => seq.push('p2')).then(() => seq.push('p3'));
  await ticks(10);
  show('microtask order', seq);

  // captureRejections
  const cr = new EventEmitter({ captureRejections: true });
  cr.on('job', async () => { throw new Error('async failure'); });
  cr.on('error', (err) => {
    show('captured rejection', err.message);
    console.log('done');
  });
  cr.emit('job');
})();
