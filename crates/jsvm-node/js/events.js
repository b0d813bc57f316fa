// events: EventEmitter, written for jsvm after Node's documented behaviour.
'use strict';
// Node's process, even where a program deleted the global (events loads before it exists).
let processObject = null;
function nodeProcess() {
  if (processObject === null) processObject = require('process');
  return processObject;
}

let inspectFn = null;
function inspect(v, opts) {
  if (inspectFn === null) inspectFn = require('util').inspect;
  return inspectFn(v, opts);
}

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_UNHANDLED_ERROR },
  validateNumber, validateInteger, validateFunction, validateBoolean, validateAbortSignal,
  abortError,
} = require('internal/errors');

function checkListener(listener) {
  validateFunction(listener, 'listener');
}

// ---- EventEmitter ----
const kCapture = Symbol('kCapture');
const kShapeMode = Symbol('shapeMode');
const kErrorMonitor = Symbol('events.errorMonitor');
const kRejection = Symbol.for('nodejs.rejection');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');

let defaultMaxListeners = 10;

function EventEmitter(opts) {
  // Through the static, which the domain module wraps (emitters made in a domain join it).
  EventEmitter.init.call(this, opts);
}

Object.defineProperties(EventEmitter.prototype, {
  _events: { value: undefined, writable: true, enumerable: true, configurable: true },
  _eventsCount: { value: 0, writable: true, enumerable: true, configurable: true },
  _maxListeners: { value: undefined, writable: true, enumerable: true, configurable: true },
});
Object.defineProperty(EventEmitter.prototype, kCapture, {
  value: false, writable: true, enumerable: false, configurable: true,
});

function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts && opts.captureRejections) {
    validateBoolean(opts.captureRejections, 'options.captureRejections');
    this[kCapture] = true;
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
}

function getMaxListenersOf(target) {
  if (target._maxListeners === undefined) return defaultMaxListeners;
  return target._maxListeners;
}

function emitWarning(warning) {
  const process = nodeProcess();
  if (typeof process.emitWarning === 'function') {
    process.emitWarning(warning);
    return;
  }
  if (typeof binding !== 'undefined' && binding && typeof binding.writeStderr === 'function') {
    binding.writeStderr(`${warning.name}: ${warning.message}\n`);
  }
}

function addListenerImpl(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  let existing;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ?? listener);
      events = target._events;
    }
    existing = events[type];
  }
  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === 'function') {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    const m = getMaxListenersOf(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      const w = new Error('Possible EventEmitter memory leak detected. ' +
        `${existing.length} ${String(type)} listeners ` +
        `added to ${inspect(target, { depth: -1 })}. MaxListeners is ${m}. Use emitter.setMaxListeners() to increase limit`);
      w.name = 'MaxListenersExceededWarning';
      w.emitter = target;
      w.type = type;
      w.count = existing.length;
      emitWarning(w);
    }
  }
  return target;
}

function onceWrapper() {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    if (arguments.length === 0) return this.listener.call(this.target);
    return this.listener.apply(this.target, arguments);
  }
}

function onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

function addCatch(that, promise, type, args) {
  if (!that[kCapture]) return;
  try {
    const then = promise.then;
    if (typeof then === 'function') {
      then.call(promise, undefined, function (err) {
        // The 'error' event is emitted on the next tick, as in Node.
        const process = nodeProcess();
        const later = typeof process.nextTick === 'function' ?
          (fn) => process.nextTick(fn) : (fn) => Promise.resolve().then(fn);
        later(() => emitUnhandledRejectionOrErr(that, err, type, args));
      });
    }
  } catch (err) {
    that.emit('error', err);
  }
}

function emitUnhandledRejectionOrErr(ee, err, type, args) {
  if (typeof ee[kRejection] === 'function') {
    ee[kRejection](err, type, ...args);
  } else {
    const prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit('error', err);
    } finally {
      ee[kCapture] = prev;
    }
  }
}

// An 'error' event nobody listens to is thrown; if it ends the process, Node shows where it
// was thrown (its events.js line) and, after the error's stack, where it was emitted.
const kArrow = Symbol.for('jsvm.arrowMessage');
const kEnhanceStack = Symbol.for('jsvm.enhanceStackBeforeInspector');
function markUnhandled(emitter, er) {
  try {
    const own = new Error().stack;
    Object.defineProperty(er, kEnhanceStack, {
      value: () => enhanceStackTrace(emitter, er, own), configurable: true, writable: true,
    });
    if (!Object.prototype.hasOwnProperty.call(er, kArrow)) {
      Object.defineProperty(er, kArrow, {
        value: "node:events:502\n      throw er; // Unhandled 'error' event\n      ^\n",
        configurable: true, writable: true,
      });
    }
  } catch {}
}
function enhanceStackTrace(emitter, err, own) {
  let ctorInfo = '';
  try {
    const { name } = emitter.constructor;
    if (name !== 'EventEmitter') ctorInfo = ` on ${name} instance`;
  } catch {}
  // Frames from the caller of emit() on.
  const ownStack = String(own).split('\n').slice(3);
  return `${err.stack}\nEmitted 'error' event${ctorInfo} at:\n${ownStack.join('\n')}`;
}

function unhandledError(er) {
  let shown;
  try {
    shown = inspect(er);
  } catch {
    shown = er;
  }
  const err = ERR_UNHANDLED_ERROR(shown);
  err.context = er;
  return err;
}

const proto = {
  setMaxListeners(n) {
    validateNumber(n, 'setMaxListeners', 0);
    this._maxListeners = n;
    return this;
  },
  getMaxListeners() {
    return getMaxListenersOf(this);
  },
  emit(type, ...args) {
    let doError = (type === 'error');
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
      doError = (doError && events.error === undefined);
    } else if (!doError) {
      return false;
    }
    if (doError) {
      const er = args.length > 0 ? args[0] : undefined;
      if (er instanceof Error) {
        markUnhandled(this, er);
        throw er;
      }
      throw unhandledError(er);
    }
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      const result = Reflect.apply(handler, this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    } else {
      const listeners = handler.slice();
      for (let i = 0; i < listeners.length; ++i) {
        const result = Reflect.apply(listeners[i], this, args);
        if (result !== undefined && result !== null) addCatch(this, result, type, args);
      }
    }
    return true;
  },
  addListener(type, listener) {
    return addListenerImpl(this, type, listener, false);
  },
  on: null,
  prependListener(type, listener) {
    return addListenerImpl(this, type, listener, true);
  },
  once(type, listener) {
    checkListener(listener);
    this.on(type, onceWrap(this, type, listener));
    return this;
  },
  prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, onceWrap(this, type, listener));
    return this;
  },
  removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount -= 1;
      if (this[kShapeMode]) {
        events[type] = undefined;
      } else if (this._eventsCount === 0) {
        this._events = Object.create(null);
      } else {
        delete events[type];
        if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
      }
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  },
  off: null,
  removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      this[kShapeMode] = false;
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key === 'removeListener') continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      this[kShapeMode] = false;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  },
  listeners(type) {
    return listenersOf(this, type, true);
  },
  rawListeners(type) {
    return listenersOf(this, type, false);
  },
  listenerCount(type, listener) {
    const events = this._events;
    if (events !== undefined) {
      const l = events[type];
      if (typeof l === 'function') {
        if (listener != null) return (listener === l || listener === l.listener) ? 1 : 0;
        return 1;
      }
      if (l !== undefined) {
        if (listener != null) {
          let n = 0;
          for (const x of l) if (x === listener || x.listener === listener) n++;
          return n;
        }
        return l.length;
      }
    }
    return 0;
  },
  eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  },
};
proto.on = proto.addListener;
proto.off = proto.removeListener;

for (const key of Object.keys(proto)) {
  Object.defineProperty(EventEmitter.prototype, key, {
    value: proto[key], writable: true, enumerable: true, configurable: true,
  });
}

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const l = events[type];
  if (l === undefined) return [];
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
  return unwrap ? l.map((x) => x.listener ?? x) : l.slice();
}

// ---- statics ----
function isEventTarget(obj) {
  return obj != null && typeof obj.addEventListener === 'function' &&
    typeof obj.removeEventListener === 'function';
}


function agnosticAdd(emitter, name, listener, flags) {
  if (typeof emitter.on === 'function') {
    if (flags && flags.once) emitter.once(name, listener);
    else emitter.on(name, listener);
  } else if (isEventTarget(emitter)) {
    emitter.addEventListener(name, listener, flags);
  } else {
    throw ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
  }
}

function agnosticRemove(emitter, name, listener) {
  if (typeof emitter.removeListener === 'function') emitter.removeListener(name, listener);
  else if (isEventTarget(emitter)) emitter.removeEventListener(name, listener);
}

async function once(emitter, name, options = {}) {
  const signal = options?.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal && signal.aborted) throw abortError(signal);
  return new Promise((resolve, reject) => {
    const errorListener = (err) => {
      agnosticRemove(emitter, name, resolver);
      if (signal != null) agnosticRemove(signal, 'abort', abortListener);
      reject(err);
    };
    const resolver = (...args) => {
      if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorListener);
      if (signal != null) agnosticRemove(signal, 'abort', abortListener);
      resolve(args);
    };
    agnosticAdd(emitter, name, resolver, { once: true });
    if (name !== 'error' && typeof emitter.once === 'function') emitter.once('error', errorListener);
    function abortListener() {
      agnosticRemove(emitter, name, resolver);
      agnosticRemove(emitter, 'error', errorListener);
      reject(abortError(signal));
    }
    if (signal != null) agnosticAdd(signal, 'abort', abortListener, { once: true });
  });
}

function on(emitter, event, options = {}) {
  const signal = options?.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal && signal.aborted) throw abortError(signal);
  const highWaterMark = options?.highWaterMark ?? Number.MAX_SAFE_INTEGER;
  validateInteger(highWaterMark, 'options.highWaterMark', 1);
  const lowWaterMark = options?.lowWaterMark ?? 1;
  validateInteger(lowWaterMark, 'options.lowWaterMark', 1);
  const closeEvents = options?.close || [];
  const unconsumedEvents = [];
  const unconsumedPromises = [];
  let error = null;
  let finished = false;

  const iterator = Object.setPrototypeOf({
    next() {
      const value = unconsumedEvents.shift();
      if (value) {
        if (value === kDone) return closeHandler(), Promise.resolve({ value: undefined, done: true });
        return Promise.resolve({ value, done: false });
      }
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
    },
    return() {
      return closeHandler();
    },
    throw(err) {
      if (!err || !(err instanceof Error)) throw ERR_INVALID_ARG_TYPE('EventEmitter.AsyncIterator', 'Error', err);
      errorHandler(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  }, Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype));

  const kDone = {};
  agnosticAdd(emitter, event, eventHandler);
  if (event !== 'error' && typeof emitter.on === 'function') emitter.on('error', errorHandler);
  for (const ev of closeEvents) agnosticAdd(emitter, ev, closeLater);
  if (signal) agnosticAdd(signal, 'abort', abortListener, { once: true });

  function abortListener() {
    errorHandler(abortError(signal));
  }
  function eventHandler(...args) {
    const p = unconsumedPromises.shift();
    if (p) p.resolve({ value: args, done: false });
    else unconsumedEvents.push(args);
  }
  function errorHandler(err) {
    finished = true;
    const p = unconsumedPromises.shift();
    if (p) p.reject(err);
    else error = err;
    iterator.return();
  }
  function closeLater() {
    const p = unconsumedPromises.shift();
    if (p) {
      closeHandler();
      p.resolve({ value: undefined, done: true });
    } else {
      unconsumedEvents.push(kDone);
    }
  }
  function closeHandler() {
    agnosticRemove(emitter, event, eventHandler);
    agnosticRemove(emitter, 'error', errorHandler);
    for (const ev of closeEvents) agnosticRemove(emitter, ev, closeLater);
    if (signal) agnosticRemove(signal, 'abort', abortListener);
    finished = true;
    for (const p of unconsumedPromises) p.resolve({ value: undefined, done: true });
    unconsumedPromises.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }
  return iterator;
}

function getEventListeners(emitterOrTarget, type) {
  if (emitterOrTarget != null && typeof emitterOrTarget.listeners === 'function') {
    return emitterOrTarget.listeners(type);
  }
  if (isEventTarget(emitterOrTarget)) return [];
  throw ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function getMaxListeners(emitterOrTarget) {
  if (emitterOrTarget != null && typeof emitterOrTarget.getMaxListeners === 'function') {
    return getMaxListenersOf(emitterOrTarget);
  }
  if (emitterOrTarget != null && emitterOrTarget[kMaxEventTargetListeners] !== undefined) {
    return emitterOrTarget[kMaxEventTargetListeners];
  }
  throw ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function setMaxListeners(n = defaultMaxListeners, ...eventTargets) {
  validateNumber(n, 'setMaxListeners', 0);
  if (eventTargets.length === 0) {
    defaultMaxListeners = n;
  } else {
    for (const target of eventTargets) {
      if (target != null && typeof target.setMaxListeners === 'function') {
        target.setMaxListeners(n);
      } else if (isEventTarget(target)) {
        target[kMaxEventTargetListeners] = n;
        target[kMaxEventTargetListenersWarned] = false;
      } else {
        throw ERR_INVALID_ARG_TYPE('eventTargets', ['EventEmitter', 'EventTarget'], target);
      }
    }
  }
}

function listenerCount(emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return EventEmitter.prototype.listenerCount.call(emitter, type);
}

function addAbortListener(signal, listener) {
  if (signal === undefined) throw ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateFunction(listener, 'listener');
  let removeEventListener;
  if (signal.aborted) {
    Promise.resolve().then(() => listener());
  } else {
    signal.addEventListener('abort', listener, { once: true });
    removeEventListener = () => signal.removeEventListener('abort', listener);
  }
  const disposable = {
    __proto__: null,
    dispose() {
      if (removeEventListener) removeEventListener();
    },
  };
  if (typeof Symbol.dispose === 'symbol') disposable[Symbol.dispose] = disposable.dispose;
  return disposable;
}

const statics = {
  addAbortListener,
  once,
  on,
  getEventListeners,
  getMaxListeners,
  EventEmitter,
  usingDomains: false,
  captureRejectionSymbol: kRejection,
};
for (const key of Object.keys(statics)) {
  Object.defineProperty(EventEmitter, key, {
    value: statics[key], writable: true, enumerable: true, configurable: true,
  });
}
Object.defineProperty(EventEmitter, 'captureRejections', {
  get() { return EventEmitter.prototype[kCapture]; },
  set(value) {
    validateBoolean(value, 'EventEmitter.captureRejections');
    EventEmitter.prototype[kCapture] = value;
  },
  enumerable: true, configurable: true,
});
// Made on first read, as Node's (it loads async_hooks): an emitter whose listeners run in the
// async context it was made in (piscina's pool is one).
let EventEmitterAsyncResource;
Object.defineProperty(EventEmitter, 'EventEmitterAsyncResource', {
  get: function lazyEventEmitterAsyncResource() {
    if (EventEmitterAsyncResource === undefined) EventEmitterAsyncResource = makeEventEmitterAsyncResource();
    return EventEmitterAsyncResource;
  },
  enumerable: true, configurable: true,
});
Object.defineProperty(EventEmitter, 'errorMonitor', {
  value: kErrorMonitor, writable: false, enumerable: true, configurable: false,
});
Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  get() { return defaultMaxListeners; },
  set(arg) {
    validateNumber(arg, 'defaultMaxListeners', 0);
    defaultMaxListeners = arg;
  },
  enumerable: true, configurable: true,
});
Object.defineProperties(EventEmitter, {
  kMaxEventTargetListeners: { value: kMaxEventTargetListeners, enumerable: false, configurable: false, writable: false },
  kMaxEventTargetListenersWarned: { value: kMaxEventTargetListenersWarned, enumerable: false, configurable: false, writable: false },
});
for (const [key, value] of [['setMaxListeners', setMaxListeners], ['init', init], ['listenerCount', listenerCount]]) {
  Object.defineProperty(EventEmitter, key, { value, writable: true, enumerable: true, configurable: true });
}

function makeEventEmitterAsyncResource() {
  const { AsyncResource } = require('async_hooks');
  const { validateString } = require('internal/errors');
  const kEventEmitter = Symbol('kEventEmitter');
  const kAsyncResource = Symbol('kAsyncResource');
  class EventEmitterReferencingAsyncResource extends AsyncResource {
    constructor(ee, type, options) {
      super(type, options);
      this[kEventEmitter] = ee;
    }
    get eventEmitter() { return this[kEventEmitter]; }
  }
  class EventEmitterAsyncResource extends EventEmitter {
    constructor(options = undefined) {
      let name;
      if (typeof options === 'string') {
        name = options;
        options = undefined;
      } else {
        if (new.target === EventEmitterAsyncResource) validateString(options?.name, 'options.name');
        name = options?.name || new.target.name;
      }
      super(options);
      this[kAsyncResource] = new EventEmitterReferencingAsyncResource(this, name, options);
    }
    emit(event, ...args) {
      const { asyncResource } = this;
      return asyncResource.runInAsyncScope(super.emit, this, event, ...args);
    }
    emitDestroy() { this.asyncResource.emitDestroy(); }
    get asyncId() { return this.asyncResource.asyncId(); }
    get triggerAsyncId() { return this.asyncResource.triggerAsyncId(); }
    get asyncResource() { return this[kAsyncResource]; }
  }
  return EventEmitterAsyncResource;
}

module.exports = EventEmitter;
