// `async_hooks`: AsyncLocalStorage and AsyncResource on the async context frame the event loop
// keeps (binding.asyncContext, see internal/bootstrap.js). A store reaches callbacks given to
// process.nextTick, timers, setImmediate and queueMicrotask, and promise reactions (the frame
// is the library's async context, which `then` callbacks and code after `await` carry:
// jsvm::engine::set_async_context). executionAsyncId/triggerAsyncId are constants and
// createHook's hooks are never called.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { validateFunction } = require('internal/errors');

const ctx = binding.asyncContext;

function runIn(frame, fn, thisArg, args) {
  const outer = ctx.frame;
  const sets = ctx.sets;
  ctx.enter(frame);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    if (ctx.sets === sets) ctx.enter(outer);
    else ctx.frame = outer;
  }
}

// Node sets the frame inside `run`, `exit` and `runInAsyncScope` themselves: no frame of a
// helper between them and the callback.
binding.hideFrames(runIn, 0);

function withStore(frame, key, store) {
  const next = new Map(frame);
  next.set(key, store);
  return next;
}

function without(frame, key) {
  if (frame === undefined || !frame.has(key)) return frame;
  const next = new Map(frame);
  next.delete(key);
  return next.size === 0 ? undefined : next;
}

class AsyncLocalStorage {
  constructor() {
    this._enabled = false;
  }
  static bind(fn) {
    validateFunction(fn, 'fn');
    const frame = ctx.frame;
    return function bound(...args) { return runIn(frame, fn, this, args); };
  }
  static snapshot() {
    const frame = ctx.frame;
    return (fn, ...args) => runIn(frame, fn, undefined, args);
  }
  disable() {
    this._enabled = false;
    ctx.frame = without(ctx.frame, this);
  }
  getStore() {
    if (!this._enabled || ctx.frame === undefined) return undefined;
    return ctx.frame.get(this);
  }
  enterWith(store) {
    this._enabled = true;
    ctx.frame = withStore(ctx.frame, this, store);
  }
  run(store, callback, ...args) {
    this._enabled = true;
    return runIn(withStore(ctx.frame, this, store), callback, undefined, args);
  }
  exit(callback, ...args) {
    return runIn(without(ctx.frame, this), callback, undefined, args);
  }
}

let lastAsyncId = 1;

class AsyncResource {
  constructor(type, options = {}) {
    this._type = type;
    this._frame = ctx.frame;
    this._asyncId = ++lastAsyncId;
    this._triggerAsyncId = typeof options === 'number' ? options : (options.triggerAsyncId ?? 1);
  }
  runInAsyncScope(fn, thisArg, ...args) { return runIn(this._frame, fn, thisArg, args); }
  emitDestroy() { return this; }
  asyncId() { return this._asyncId; }
  triggerAsyncId() { return this._triggerAsyncId; }
  bind(fn, thisArg) {
    validateFunction(fn, 'fn');
    const self = this;
    return function bound(...args) { return self.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args); };
  }
  static bind(fn, type, thisArg) {
    return new AsyncResource(type || fn.name || 'bound-anonymous-fn').bind(fn, thisArg);
  }
}

// Hooks that are never called: jsvm does not track async resources.
function createHook(callbacks) {
  return {
    enable() { return this; },
    disable() { return this; },
  };
}

module.exports = {
  AsyncLocalStorage, AsyncResource, createHook,
  executionAsyncId: () => 1,
  triggerAsyncId: () => 0,
  executionAsyncResource: () => ({}),
};
