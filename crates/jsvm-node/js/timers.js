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
let cached = null;
Object.defineProperty(module.exports, 'promises', {
  get() { return cached || (cached = promises()); },
  enumerable: true,
  configurable: true,
});
