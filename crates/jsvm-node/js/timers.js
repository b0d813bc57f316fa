// The `timers` module: the host's timers (crates/jsvm-node/js/internal/bootstrap.js).
'use strict';

const t = binding.timers;

function promises() {
  return {
    setTimeout(delay, value, options) {
      return new Promise((resolve) => {
        const timer = t.setTimeout(resolve, delay, value);
        if (options && options.ref === false) timer.unref();
      });
    },
    setImmediate(value, options) {
      return new Promise((resolve) => {
        const im = t.setImmediate(resolve, value);
        if (options && options.ref === false) im.unref();
      });
    },
    async *setInterval(delay, value) {
      for (;;) {
        yield await new Promise((resolve) => t.setTimeout(resolve, delay, value));
      }
    },
    scheduler: {
      wait(delay, options) { return promises().setTimeout(delay, undefined, options); },
      yield() { return promises().setImmediate(); },
    },
  };
}

module.exports = {
  setTimeout: t.setTimeout,
  clearTimeout: t.clearTimeout,
  setInterval: t.setInterval,
  clearInterval: t.clearInterval,
  setImmediate: t.setImmediate,
  clearImmediate: t.clearImmediate,
};
// Node's deprecated timer list API (DEP0095, DEP0096, DEP0126, DEP0127), which older libraries
// still call: `enroll(item, msecs)` gives an object a duration, `active`/`_unrefActive` start
// (or restart) a host timer that calls `item._onTimeout()`, `unenroll` stops it. The item gets
// Node's fields (`_idleTimeout`, `_idleNext`/`_idlePrev`, `_idleStart`, `_destroyed`).
const itemTimers = new WeakMap();
const TIMEOUT_MAX = 2 ** 31 - 1;
// util.deprecate's wrapper made on first call: util is not loaded with timers.
function deprecate(fn, msg, code) {
  let warned = null;
  function deprecated(...args) {
    warned ??= require('util').deprecate(fn, msg, code);
    return new.target ? Reflect.construct(warned, args, new.target) : Reflect.apply(warned, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  return deprecated;
}
function unenroll(item) {
  if (item._destroyed) return;
  item._destroyed = true;
  const timer = itemTimers.get(item);
  if (timer !== undefined) {
    t.clearTimeout(timer);
    itemTimers.delete(item);
  }
  item._idleNext = null;
  item._idlePrev = null;
  item._idleTimeout = -1;
}
function enroll(item, msecs) {
  const { validateNumber, codes } = require('internal/errors');
  validateNumber(msecs, 'msecs');
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw codes.ERR_OUT_OF_RANGE('msecs', 'a non-negative finite number', msecs);
  }
  if (msecs > TIMEOUT_MAX) {
    require('process').emitWarning(`${msecs} does not fit into a 32-bit signed integer.` +
      `\nTimer duration was truncated to ${TIMEOUT_MAX}.`, 'TimeoutOverflowWarning');
    msecs = TIMEOUT_MAX;
  }
  if (item._idleNext) unenroll(item);
  item._idleNext = item;
  item._idlePrev = item;
  item._idleTimeout = msecs;
}
function activate(item, unref) {
  const msecs = item._idleTimeout;
  if (msecs === undefined || msecs < 0) return;
  const old = itemTimers.get(item);
  if (old !== undefined) t.clearTimeout(old);
  const timer = t.setTimeout(() => {
    // Off the list while its callback runs (which may start it again), done after.
    itemTimers.delete(item);
    item._idleNext = null;
    item._idlePrev = null;
    if (typeof item._onTimeout === 'function') item._onTimeout();
    if (!itemTimers.has(item)) item._destroyed = true;
  }, msecs);
  if (unref) timer.unref();
  itemTimers.set(item, timer);
  if (!item._idleNext) {
    item._idleNext = item;
    item._idlePrev = item;
  }
  item._idleStart = timer._idleStart;
  item._destroyed = false;
}
module.exports.enroll = deprecate(enroll,
  'timers.enroll() is deprecated. Please use setTimeout instead.', 'DEP0095');
module.exports.unenroll = deprecate(unenroll,
  'timers.unenroll() is deprecated. Please use clearTimeout instead.', 'DEP0096');
module.exports.active = deprecate(function active(item) { activate(item, false); },
  'timers.active() is deprecated. Please use timeout.refresh() instead.', 'DEP0126');
module.exports._unrefActive = deprecate(function _unrefActive(item) { activate(item, true); },
  'timers._unrefActive() is deprecated. Please use timeout.refresh() instead.', 'DEP0127');

let cached = null;
Object.defineProperty(module.exports, 'promises', {
  get() { return cached || (cached = promises()); },
  enumerable: true,
  configurable: true,
});
