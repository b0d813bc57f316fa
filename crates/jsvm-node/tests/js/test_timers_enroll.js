// timers.enroll/active/_unrefActive/unenroll (deprecated, still called by older libraries):
// fields, firing, restarting, stopping, errors and their warnings.
'use strict';
const timers = require('timers');

process.on('warning', (w) => console.log('warning', w.name, w.code || '', w.message.split('\n')[0]));
const keys = (o) => Object.keys(o).join(',');
const fired = [];

const a = { _onTimeout() { fired.push(`a ${this._idleTimeout} ${this._destroyed}`); } };
timers.enroll(a, 30);
console.log('enrolled', a._idleTimeout, a._idleNext === a, a._idlePrev === a, keys(a));
timers.active(a);
console.log('active', keys(a), typeof a._idleStart, a._destroyed);

// Restarted: fires once, after the second start.
const b = { _onTimeout() { fired.push('b'); } };
timers.enroll(b, 10);
timers.active(b);
timers.active(b);

// Stopped before it fires.
const c = { _onTimeout() { fired.push('c (never)'); } };
timers.enroll(c, 5);
timers.active(c);
timers.unenroll(c);
console.log('unenrolled', c._idleTimeout, c._idleNext, c._idlePrev, c._destroyed, keys(c));

// Not enrolled: active does nothing.
const d = { _onTimeout() { fired.push('d (never)'); } };
timers.active(d);
console.log('not enrolled', keys(d));

// Unref'd alone would not keep the process; here the others do, so it fires.
const e = { _onTimeout() { fired.push('e'); } };
timers.enroll(e, 1);
timers._unrefActive(e);

// Enrolling again takes it off its old duration.
const f = { _onTimeout() { fired.push(`f ${this._idleTimeout}`); } };
timers.enroll(f, 1000);
timers.active(f);
timers.enroll(f, 15);
console.log('re-enrolled', f._idleTimeout, f._destroyed);
timers.active(f);

for (const v of [-1, 'x', Infinity, NaN]) {
  try {
    timers.enroll({}, v);
  } catch (err) {
    console.log('enroll', String(v), err.name, err.code, err.message);
  }
}
const big = {};
timers.enroll(big, 2 ** 32);
console.log('big', big._idleTimeout);

console.log('names', timers.enroll.length, timers.active.length, typeof timers.unenroll, typeof timers._unrefActive);
setTimeout(() => {
  console.log('fired', fired.sort().join(' | '));
  // Active again after it fired: it runs again.
  timers.active(a);
  setTimeout(() => console.log('fired again', fired.filter((x) => x.startsWith('a')).length), 60);
}, 100);
{
  const g = { _onTimeout() { console.log('g in callback', this._destroyed, this._idleNext, this._idlePrev); } };
  timers.enroll(g, 2);
  timers.active(g);
  setTimeout(() => console.log('g after', g._destroyed, g._idleNext, g._idleTimeout), 50);
}
