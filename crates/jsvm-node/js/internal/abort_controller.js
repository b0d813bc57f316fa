// AbortController and AbortSignal (globals), on internal/event_target.js, as Node has them.
'use strict';
const { setTimeout } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const { codes, validateUint32 } = require('internal/errors');
const { Event, EventTarget, defineEventHandler } = require('internal/event_target');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kCreate = Symbol('create AbortSignal');
let abortSignal; // (signal, reason): aborts, once; set in AbortSignal's static block

function domException(message, name) {
  return new DOMException(message, name);
}

class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;

  constructor(key = undefined) {
    if (key !== kCreate) throw codes.ERR_ILLEGAL_CONSTRUCTOR();
    super();
  }

  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }

  throwIfAborted() {
    if (this.#aborted) throw this.#reason;
  }

  static abort(reason = domException('This operation was aborted', 'AbortError')) {
    const signal = new AbortSignal(kCreate);
    signal.#aborted = true;
    signal.#reason = reason;
    return signal;
  }

  static timeout(delay) {
    validateUint32(delay, 'delay');
    const signal = new AbortSignal(kCreate);
    // Does not keep the process alive, as in Node.
    const timer = setTimeout(() => {
      abortSignal(signal, domException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    if (timer && typeof timer.unref === 'function') timer.unref();
    return signal;
  }

  static any(signals) {
    if (signals == null || typeof signals[Symbol.iterator] !== 'function') {
      throw codes.ERR_INVALID_ARG_TYPE('signals', 'Array', signals);
    }
    const list = Array.from(signals);
    list.forEach((s, i) => {
      if (!(s instanceof AbortSignal)) throw codes.ERR_INVALID_ARG_TYPE(`signals[${i}]`, 'AbortSignal', s);
    });
    const signal = new AbortSignal(kCreate);
    const already = list.find((s) => s.aborted);
    if (already) {
      signal.#aborted = true;
      signal.#reason = already.reason;
      return signal;
    }
    for (const s of list) {
      s.addEventListener('abort', () => abortSignal(signal, s.reason), { once: true });
    }
    return signal;
  }

  static {
    abortSignal = (signal, reason) => {
      if (signal.#aborted) return;
      signal.#aborted = true;
      signal.#reason = reason;
      signal.dispatchEvent(new Event('abort'));
    };
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return 'AbortSignal';
    return `AbortSignal ${inspect({ aborted: this.#aborted }, options)}`;
  }
}
defineEventHandler(AbortSignal.prototype, 'abort');
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });

class AbortController {
  #signal;
  constructor() {
    this.#signal = new AbortSignal(kCreate);
  }
  get signal() { return this.#signal; }
  abort(reason = domException('This operation was aborted', 'AbortError')) {
    abortSignal(this.#signal, reason);
  }
  [kInspect](depth, options, inspect) {
    if (depth < 0) return 'AbortController';
    return `AbortController ${inspect({ signal: this.#signal }, options)}`;
  }
}
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

module.exports = { AbortController, AbortSignal };
