// The DOM's Event, CustomEvent and EventTarget as Node has them (globals): no tree, so an event
// reaches only its target; listeners run synchronously, and one that throws is reported as an
// uncaught exception from the next tick (Node's behaviour) without stopping the others.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { codes } = require('internal/errors');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kState = Symbol('event state');
const kListeners = Symbol('event listeners');
const kHandlers = Symbol('event handler attributes');

const NONE = 0;
const AT_TARGET = 2;

function state(event) {
  const s = event != null ? event[kState] : undefined;
  if (s === undefined) throw codes.ERR_INVALID_THIS('Event');
  return s;
}

function now() {
  return require('perf_hooks').performance.now();
}

class Event {
  constructor(type, options = undefined) {
    if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('type');
    if (options != null && typeof options !== 'object' && typeof options !== 'function') {
      throw codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
    }
    const o = options || {};
    this[kState] = {
      type: `${type}`,
      bubbles: !!o.bubbles,
      cancelable: !!o.cancelable,
      composed: !!o.composed,
      defaultPrevented: false,
      timeStamp: now(),
      target: null,
      currentTarget: null,
      phase: NONE,
      stop: false,
      stopImmediate: false,
      dispatching: false,
    };
  }

  initEvent(type, bubbles = false, cancelable = false) {
    const s = state(this);
    if (s.dispatching) return;
    s.type = `${type}`;
    s.bubbles = !!bubbles;
    s.cancelable = !!cancelable;
  }

  stopImmediatePropagation() {
    const s = state(this);
    s.stop = true;
    s.stopImmediate = true;
  }

  preventDefault() {
    const s = state(this);
    // Node 20 lets a passive listener prevent the default too.
    if (s.cancelable) s.defaultPrevented = true;
  }

  get target() { return state(this).target; }
  get currentTarget() { return state(this).currentTarget; }
  get srcElement() { return state(this).target; }
  get type() { return state(this).type; }
  get cancelable() { return state(this).cancelable; }
  get defaultPrevented() { const s = state(this); return s.cancelable && s.defaultPrevented; }
  get timeStamp() { return state(this).timeStamp; }
  composedPath() { const s = state(this); return s.dispatching ? [s.currentTarget] : []; }
  get returnValue() { const s = state(this); return !(s.cancelable && s.defaultPrevented); }
  set returnValue(v) { if (!v) this.preventDefault(); }
  get bubbles() { return state(this).bubbles; }
  get composed() { return state(this).composed; }
  get eventPhase() { return state(this).phase; }
  get cancelBubble() { return state(this).stop; }
  set cancelBubble(v) { if (v) state(this).stop = true; }
  stopPropagation() { state(this).stop = true; }
  get isTrusted() { return false; }

  [kInspect](depth, options, inspect) {
    const name = this.constructor.name;
    if (depth < 0) return name;
    const s = state(this);
    const shown = {
      type: s.type, defaultPrevented: this.defaultPrevented, cancelable: s.cancelable,
      timeStamp: s.timeStamp,
    };
    return `${name} ${inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
  Object.defineProperty(Event, name, { value, enumerable: true });
}
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

class CustomEvent extends Event {
  #detail;
  constructor(type, options = undefined) {
    if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('type');
    super(type, options);
    this.#detail = options != null && options.detail !== undefined ? options.detail : null;
  }
  get detail() { return this.#detail; }
}
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });

function flatten(options) {
  if (typeof options === 'boolean') return { capture: options };
  if (options == null) return {};
  if (typeof options !== 'object') return { capture: !!options };
  return options;
}

function validListener(listener) {
  return typeof listener === 'function' ||
    (listener !== null && typeof listener === 'object' && listener !== undefined);
}

function listenersOf(target) {
  if (target == null || typeof target !== 'object' && typeof target !== 'function' ||
      !(kListeners in target)) {
    throw codes.ERR_INVALID_THIS('EventTarget');
  }
  return target[kListeners];
}

class EventTarget {
  constructor() {
    this[kListeners] = new Map(); // type -> array of { listener, capture, once, removed }
  }

  addEventListener(type, listener, options = undefined) {
    const map = listenersOf(this);
    if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('type', 'listener');
    if (listener == null) return; // Node: accepted, and has no effect
    if (!validListener(listener)) {
      throw codes.ERR_INVALID_ARG_TYPE('listener', 'EventListener', listener);
    }
    const { capture = false, once = false, signal } = flatten(options);
    if (signal !== undefined && (signal === null || typeof signal.aborted !== 'boolean')) {
      throw codes.ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
    }
    if (signal && signal.aborted) return;
    type = `${type}`;
    let list = map.get(type);
    if (list === undefined) map.set(type, list = []);
    if (list.some((l) => l.listener === listener && l.capture === !!capture)) return;
    const entry = { listener, capture: !!capture, once: !!once, removed: false };
    list.push(entry);
    if (signal) {
      signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture }),
        { once: true });
    }
  }

  removeEventListener(type, listener, options = undefined) {
    const map = listenersOf(this);
    if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('type', 'listener');
    const list = map.get(`${type}`);
    if (list === undefined) return;
    const capture = !!flatten(options).capture;
    const i = list.findIndex((l) => l.listener === listener && l.capture === capture);
    if (i >= 0) {
      list[i].removed = true;
      list.splice(i, 1);
    }
  }

  dispatchEvent(event) {
    const map = listenersOf(this);
    if (!(event instanceof Event)) {
      throw codes.ERR_INVALID_ARG_TYPE('event', 'Event', event);
    }
    const s = state(event);
    if (s.dispatching) throw codes.ERR_EVENT_RECURSION(s.type);
    s.dispatching = true;
    s.target = this;
    s.currentTarget = this;
    s.phase = AT_TARGET;
    const list = map.get(s.type);
    try {
      for (const entry of list === undefined ? [] : list.slice()) {
        if (entry.removed) continue;
        if (entry.once) this.removeEventListener(s.type, entry.listener, { capture: entry.capture });
        try {
          const l = entry.listener;
          const result = typeof l === 'function' ? l.call(this, event) : l.handleEvent(event);
          if (result !== undefined && result !== null && typeof result.then === 'function') {
            result.then(undefined, (err) => process.nextTick(() => { throw err; }));
          }
        } catch (err) {
          process.nextTick(() => { throw err; });
        }
        if (s.stopImmediate) break;
      }
    } finally {
      s.dispatching = false;
      s.currentTarget = null;
      s.phase = NONE;
    }
    return !event.defaultPrevented;
  }

  [kInspect](depth, options, inspect) {
    const name = this.constructor.name;
    if (depth < 0) return name;
    return `${name} ${inspect({}, options)}`;
  }
}
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });

// `on<type>` attributes (AbortSignal's onabort): one listener slot per type.
function defineEventHandler(proto, type) {
  Object.defineProperty(proto, `on${type}`, {
    get() {
      const h = this[kHandlers];
      return h && h.has(type) ? h.get(type).handler : null;
    },
    set(value) {
      if (this[kHandlers] === undefined) this[kHandlers] = new Map();
      const handlers = this[kHandlers];
      const old = handlers.get(type);
      if (old) this.removeEventListener(type, old.wrapper);
      if (typeof value === 'function' || (typeof value === 'object' && value !== null)) {
        const slot = { handler: value, wrapper: (e) => (typeof slot.handler === 'function' ? slot.handler.call(this, e) : undefined) };
        handlers.set(type, slot);
        this.addEventListener(type, slot.wrapper);
      } else {
        handlers.delete(type);
      }
    },
    enumerable: true,
    configurable: true,
  });
}

// Node's MessageEvent (a global; what a port's `onmessage` of Node's gets): `init.source` and
// `init.ports` must be MessagePorts; the event itself takes no EventInit (not bubbling, not
// cancelable).
const kMessage = Symbol('message event');
function messageOf(event) {
  const m = event != null && (typeof event === 'object' || typeof event === 'function')
    ? event[kMessage] : undefined;
  if (m === undefined) throw codes.ERR_INVALID_THIS('MessageEvent');
  return m;
}
function validatePort(value, name) {
  const { MessagePort } = require('worker_threads');
  if (!(value instanceof MessagePort)) throw codes.ERR_INVALID_ARG_TYPE(name, 'MessagePort', value);
}
class MessageEvent extends Event {
  constructor(type, {
    data = null,
    origin = '',
    lastEventId = '',
    source = null,
    ports = [],
  } = {}) {
    super(type);
    const m = { data, origin: `${origin}`, lastEventId: `${lastEventId}`, source, ports: [...ports] };
    this[kMessage] = m;
    if (m.source !== null) validatePort(m.source, 'init.source');
    for (let i = 0; i < m.ports.length; i++) validatePort(m.ports[i], `init.ports[${i}]`);
  }
}
for (const name of ['data', 'origin', 'lastEventId', 'source', 'ports']) {
  Object.defineProperty(MessageEvent.prototype, name, {
    get: { [name]() { return messageOf(this)[name]; } }[name],
    set: undefined,
    enumerable: true,
    configurable: true,
  });
}

module.exports = { Event, CustomEvent, EventTarget, MessageEvent, defineEventHandler };
