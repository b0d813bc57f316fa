// Readable's iterator helpers, as Node's (experimental in Node 20, used by packages: got reads a
// response body with toArray): map, filter, flatMap, drop, take, asIndexedPairs return streams
// (Readable.from of an async generator); forEach, toArray, some, every, find, reduce return
// promises. `concurrency` runs that many calls of the function at once, results kept in order;
// `signal` aborts.
'use strict';
const {
  codes, makeError, validateInteger, validateObject, validateAbortSignal, abortError,
} = require('internal/errors');


function checkOptions(options) {
  if (options == null) return {};
  validateObject(options, 'options');
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function throwIfAborted(signal) {
  if (signal !== undefined && signal.aborted) throw abortError(signal);
}

function checkFn(fn) {
  if (typeof fn !== 'function') throw codes.ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
}

// The results of `fn` for each chunk, in order, with up to `concurrency` calls pending (the
// arguments checked by the caller, when the operator is called).
function mapOptions(fn, options) {
  checkFn(fn);
  options = checkOptions(options);
  let concurrency = 1;
  if (options.concurrency != null) concurrency = Math.floor(options.concurrency);
  validateInteger(concurrency, 'options.concurrency', 1);
  return { concurrency, signal: options.signal };
}

async function* mapped(stream, fn, { concurrency, signal }) {
  throwIfAborted(signal);
  const pending = [];
  for await (const chunk of stream) {
    throwIfAborted(signal);
    pending.push(Promise.resolve().then(() => fn(chunk, { signal })));
    // A rejection is seen when its turn comes; until then it is handled.
    pending[pending.length - 1].catch(() => {});
    if (pending.length >= concurrency) yield await pending.shift();
  }
  while (pending.length > 0) {
    throwIfAborted(signal);
    yield await pending.shift();
  }
}

function toCount(number) {
  const n = Number(number);
  if (Number.isNaN(n)) return 0;
  if (n < 0) throw codes.ERR_OUT_OF_RANGE('number', '>= 0', number);
  return Math.trunc(n);
}

let indexedPairsWarned = false;
const kSkip = Symbol('kSkip');

// Each checks its arguments when called and gives the async generator the stream is made of.
const streamReturning = {
  map(fn, options) {
    const opts = mapOptions(fn, options);
    return mapped(this, fn, opts);
  },
  filter(fn, options) {
    const opts = mapOptions(fn, options);
    const stream = this;
    return (async function* filter() {
      for await (const [chunk, keep] of mapped(stream, async (c, o) => [c, await fn(c, o)], opts)) {
        if (keep) yield chunk;
      }
    })();
  },
  flatMap(fn, options) {
    const opts = mapOptions(fn, options);
    const stream = this;
    return (async function* flatMap() {
      for await (const inner of mapped(stream, fn, opts)) yield* inner;
    })();
  },
  drop(number, options) {
    let n = toCount(number);
    const { signal } = checkOptions(options);
    const stream = this;
    return (async function* drop() {
      throwIfAborted(signal);
      for await (const chunk of stream) {
        throwIfAborted(signal);
        if (n > 0) n--;
        else yield chunk;
      }
    })();
  },
  take(number, options) {
    let n = toCount(number);
    const { signal } = checkOptions(options);
    const stream = this;
    return (async function* take() {
      throwIfAborted(signal);
      if (n <= 0) return;
      for await (const chunk of stream) {
        throwIfAborted(signal);
        yield chunk;
        if (--n <= 0) return;
      }
    })();
  },
  asIndexedPairs(options) {
    if (!indexedPairsWarned) {
      indexedPairsWarned = true;
      require('process').emitWarning('readable.asIndexedPairs will be removed in a future version.', 'DeprecationWarning');
    }
    const { signal } = checkOptions(options);
    const stream = this;
    return (async function* asIndexedPairs() {
      let index = 0;
      for await (const chunk of stream) {
        throwIfAborted(signal);
        yield [index++, chunk];
      }
    })();
  },
};

const promiseReturning = {
  async forEach(fn, options) {
    const opts = mapOptions(fn, options);
    for await (const unused of mapped(this, async (c, o) => { await fn(c, o); return kSkip; }, opts)) void unused;
  },
  async toArray(options) {
    const { signal } = checkOptions(options);
    throwIfAborted(signal);
    const result = [];
    for await (const chunk of this) {
      throwIfAborted(signal);
      result.push(chunk);
    }
    return result;
  },
  async some(fn, options) {
    for await (const found of mapped(this, fn, mapOptions(fn, options))) if (found) return true;
    return false;
  },
  async every(fn, options) {
    for await (const ok of mapped(this, fn, mapOptions(fn, options))) if (!ok) return false;
    return true;
  },
  async find(fn, options) {
    const opts = mapOptions(fn, options);
    for await (const [chunk, found] of mapped(this, async (c, o) => [c, await fn(c, o)], opts)) {
      if (found) return chunk;
    }
    return undefined;
  },
  async reduce(reducer, initialValue, options) {
    if (typeof reducer !== 'function') {
      throw codes.ERR_INVALID_ARG_TYPE('reducer', ['Function', 'AsyncFunction'], reducer);
    }
    const { signal } = checkOptions(options);
    let hasInitial = arguments.length > 1;
    let acc = initialValue;
    throwIfAborted(signal);
    for await (const chunk of this) {
      throwIfAborted(signal);
      if (!hasInitial) {
        acc = chunk;
        hasInitial = true;
      } else {
        acc = await reducer(acc, chunk, { signal });
      }
    }
    if (!hasInitial) {
      throw makeError(TypeError, 'ERR_MISSING_ARGS', 'Reduce of an empty stream requires an initial value');
    }
    return acc;
  },
};

// Node's lengths (its optional parameters have defaults).
const lengths = {
  map: 2, filter: 2, flatMap: 2, drop: 1, take: 1, asIndexedPairs: 0,
  forEach: 2, toArray: 1, some: 1, every: 1, find: 2, reduce: 3,
};

function install(Readable) {
  for (const [name, op] of Object.entries(streamReturning)) {
    const fn = { [name](...args) { return Readable.from(op.apply(this, args)); } }[name];
    Object.defineProperty(fn, 'length', { value: lengths[name] });
    Object.defineProperty(Readable.prototype, name, { value: fn, enumerable: false, configurable: true, writable: true });
  }
  for (const [name, op] of Object.entries(promiseReturning)) {
    const fn = { [name](...args) { return op.apply(this, args); } }[name];
    Object.defineProperty(fn, 'length', { value: lengths[name] });
    Object.defineProperty(Readable.prototype, name, { value: fn, enumerable: false, configurable: true, writable: true });
  }
}

module.exports = { install };
