// Node's diagnostics_channel: named channels that libraries publish to and tools subscribe to
// (doc/api/diagnostics_channel.md), including bound AsyncLocalStorage stores and
// TracingChannel. A subscriber that throws is reported as an uncaught exception from the next
// tick, without stopping the other subscribers (Node's behaviour).
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { codes, validateFunction } = require('internal/errors');

const channels = new Map(); // name -> Channel

function checkName(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    throw codes.ERR_INVALID_ARG_TYPE('channel', ['string', 'symbol'], name);
  }
}

class Channel {
  #subscribers = [];
  #stores = new Map(); // AsyncLocalStorage -> transform

  constructor(name) {
    this.name = name;
  }

  get hasSubscribers() {
    return this.#subscribers.length > 0 || this.#stores.size > 0;
  }

  subscribe(subscription) {
    validateFunction(subscription, 'subscription');
    this.#subscribers = [...this.#subscribers, subscription];
  }

  unsubscribe(subscription) {
    const i = this.#subscribers.indexOf(subscription);
    if (i < 0) return false;
    this.#subscribers = [...this.#subscribers.slice(0, i), ...this.#subscribers.slice(i + 1)];
    return true;
  }

  bindStore(store, transform) {
    this.#stores.set(store, transform);
  }

  unbindStore(store) {
    return this.#stores.delete(store);
  }

  publish(data) {
    for (const fn of this.#subscribers) {
      try {
        fn(data, this.name);
      } catch (err) {
        process.nextTick(() => { throw err; });
      }
    }
  }

  runStores(data, fn, thisArg, ...args) {
    let run = () => {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    };
    for (const [store, transform] of this.#stores) {
      const inner = run;
      let value = data;
      if (transform) {
        try {
          value = transform(data);
        } catch (err) {
          process.nextTick(() => { throw err; });
          continue;
        }
      }
      run = () => store.run(value, inner);
    }
    return run();
  }
}

function channel(name) {
  checkName(name);
  let c = channels.get(name);
  if (c === undefined) {
    c = new Channel(name);
    channels.set(name, c);
  }
  return c;
}

function hasSubscribers(name) {
  checkName(name);
  const c = channels.get(name);
  return c !== undefined && c.hasSubscribers;
}

function subscribe(name, subscription) {
  channel(name).subscribe(subscription);
}

function unsubscribe(name, subscription) {
  return channel(name).unsubscribe(subscription);
}

const traceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

class TracingChannel {
  constructor(nameOrChannels) {
    if (typeof nameOrChannels === 'string') {
      for (const e of traceEvents) this[e] = channel(`tracing:${nameOrChannels}:${e}`);
    } else if (nameOrChannels !== null && typeof nameOrChannels === 'object') {
      for (const e of traceEvents) {
        const c = nameOrChannels[e];
        if (!(c instanceof Channel)) throw codes.ERR_INVALID_ARG_TYPE(`nameOrChannels.${e}`, 'Channel', c);
        this[e] = c;
      }
    } else {
      throw codes.ERR_INVALID_ARG_TYPE('nameOrChannels', ['string', 'object', 'TracingChannel'], nameOrChannels);
    }
  }

  get hasSubscribers() {
    return traceEvents.some((e) => this[e].hasSubscribers);
  }

  subscribe(handlers) {
    for (const e of traceEvents) if (handlers[e]) this[e].subscribe(handlers[e]);
  }

  unsubscribe(handlers) {
    let done = true;
    for (const e of traceEvents) {
      if (handlers[e] && !this[e].unsubscribe(handlers[e])) done = false;
    }
    return done;
  }

  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, error } = this;
    return start.runStores(context, () => {
      try {
        const result = Reflect.apply(fn, thisArg, args);
        context.result = result;
        return result;
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }

  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const reject = (err) => {
      context.error = err;
      error.publish(context);
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return Promise.reject(err);
    };
    const resolve = (result) => {
      context.result = result;
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return result;
    };
    return start.runStores(context, () => {
      try {
        let promise = Reflect.apply(fn, thisArg, args);
        if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
        return promise.then(resolve, reject);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }

  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const at = position < 0 ? args.length + position : position;
    const callback = args[at];
    validateFunction(callback, 'callback');
    args[at] = function wrappedCallback(err, res) {
      if (err) {
        context.error = err;
        error.publish(context);
      } else {
        context.result = res;
      }
      return asyncStart.runStores(context, () => {
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          asyncEnd.publish(context);
        }
      });
    };
    return start.runStores(context, () => {
      try {
        return Reflect.apply(fn, thisArg, args);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
}

function tracingChannel(nameOrChannels) {
  return new TracingChannel(nameOrChannels);
}

module.exports = { channel, hasSubscribers, subscribe, unsubscribe, tracingChannel, Channel };
