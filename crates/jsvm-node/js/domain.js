// `domain` (deprecated in Node, still used): an error thrown by code run in a domain (directly
// in `run`, or later in a timer, immediate, nextTick or event listener set up from it) goes to
// the domain's 'error' event instead of ending the process.
// The active domain travels with callbacks as an AsyncLocalStorage store (js/async_hooks.js),
// so it follows what that follows: nextTick, timers, immediates, queueMicrotask, and event
// listeners of emitters made in the domain; not promise reactions nor socket callbacks.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const EventEmitter = require('events');
const { AsyncLocalStorage } = require('async_hooks');
const { makeError, validateFunction } = require('internal/errors');

const current = new AsyncLocalStorage();
// Domains entered and not yet exited, innermost last (Node's `domain._stack`), and what was
// active before each was entered.
const stack = [];
const outer = [];
// What process.domain reads when no domain is active: null until one was entered and exited.
let idle = null;

function active() {
  const d = current.getStore();
  return d === undefined ? idle : d;
}

function setActive(d) {
  current.enterWith(d);
  if (d === undefined) idle = undefined;
}

class Domain extends EventEmitter {
  constructor() {
    super();
    this.members = [];
  }

  enter() {
    outer.push(current.getStore());
    stack.push(this);
    setActive(this);
  }

  // Leaves this domain and any entered inside it.
  exit() {
    const index = stack.lastIndexOf(this);
    if (index === -1) return;
    const before = outer[index];
    stack.length = index;
    outer.length = index;
    setActive(before);
  }

  run(fn, ...args) {
    this.enter();
    // No finally: a throw leaves the domain entered, so the uncaught error reaches it.
    const result = Reflect.apply(fn, this, args);
    this.exit();
    return result;
  }

  add(emitter) {
    if (emitter.domain === this) return;
    if (emitter.domain) emitter.domain.remove(emitter);
    emitter.domain = this;
    this.members.push(emitter);
  }

  remove(emitter) {
    emitter.domain = null;
    const index = this.members.indexOf(emitter);
    if (index !== -1) this.members.splice(index, 1);
  }

  // `fn` run in this domain.
  bind(fn) {
    validateFunction(fn, 'fn');
    const self = this;
    const bound = function (...args) {
      return self.run(() => Reflect.apply(fn, this, args));
    };
    Object.defineProperty(bound, 'domain', { value: this, configurable: true, writable: true, enumerable: true });
    return bound;
  }

  // `fn` run in this domain for a callback's result; a callback's error goes to 'error'.
  intercept(fn) {
    validateFunction(fn, 'fn');
    const self = this;
    const intercepted = function (err, ...args) {
      if (err) {
        if (typeof err === 'object') {
          err.domainBound = fn;
          err.domainThrown = false;
          err.domain = self;
        }
        self.emit('error', err);
        return undefined;
      }
      return self.run(() => Reflect.apply(fn, this, args));
    };
    Object.defineProperty(intercepted, 'domain', { value: this, configurable: true, writable: true, enumerable: true });
    return intercepted;
  }

  dispose() {
    this.exit();
    this.members.length = 0;
    this.emit('dispose');
  }

  // Handles an uncaught error thrown while this domain was active: true if 'error' took it.
  _errorHandler(er) {
    if (typeof er === 'object' && er !== null) {
      er.domain = this;
      er.domainThrown = true;
    }
    // An uncaught error ends the current callback: no domain stays entered past it.
    stack.length = 0;
    outer.length = 0;
    setActive(undefined);
    if (this.listenerCount('error') === 0) return false;
    return this.emit('error', er);
  }
}

// Emitters made while a domain is active join it.
const plainInit = EventEmitter.init;
EventEmitter.init = function init(opts) {
  Reflect.apply(plainInit, this, [opts]);
  const d = active();
  if (d && !(this instanceof Domain) && this.domain === undefined) this.domain = d;
};
EventEmitter.usingDomains = true;

// An emitter of a domain runs its listeners in the domain, and an 'error' nobody listens to
// goes to the domain.
const plainEmit = EventEmitter.prototype.emit;
EventEmitter.prototype.emit = function emit(type, ...args) {
  const d = this.domain;
  if (d === null || d === undefined || this === process || !(d instanceof Domain) ||
      (type === 'error' && this.listenerCount('error') > 0)) {
    return Reflect.apply(plainEmit, this, [type, ...args]);
  }
  if (type === 'error') {
    let er = args[0];
    if (!er) er = makeError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error.');
    if (typeof er === 'object') {
      er.domainEmitter = this;
      er.domain = d;
      er.domainThrown = false;
    }
    // The domain's 'error' listeners run outside it, as in Node.
    if (current.getStore() === d) {
      const index = stack.indexOf(d);
      if (index !== -1) d.exit();
      else setActive(stack.length > 0 ? stack[stack.length - 1] : undefined);
    }
    d.emit('error', er);
    return false;
  }
  d.enter();
  const result = Reflect.apply(plainEmit, this, [type, ...args]);
  d.exit();
  return result;
};

binding.domainCapture = function domainCapture(er) {
  const d = active();
  if (!(d instanceof Domain)) return false;
  return d._errorHandler(er);
};

Object.defineProperty(process, 'domain', {
  get: active,
  set(d) { setActive(d === null ? undefined : d); },
  enumerable: true,
  configurable: true,
});

function create() {
  return new Domain();
}

module.exports = { _stack: stack, Domain, createDomain: create, create };
Object.defineProperty(module.exports, 'active', { get: active, enumerable: true, configurable: true });
