// The WHATWG Streams (`stream/web`, and the globals of the same names), written from the
// Streams Standard's algorithms: readable streams (default and byte sources, default and BYOB
// readers, tee, pipeTo/pipeThrough, async iteration, `from`), writable streams, transform
// streams, the two queuing strategies and the text coding streams; Node's error codes and
// words. Each public object keeps its internal record in a private field; the algorithms work
// on those records.
'use strict';
const { Buffer } = require('buffer'); // not the global, which a program may delete

const { codes, makeError } = require('internal/errors');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kCreate = Symbol('create');

function invalidState(message) {
  return makeError(TypeError, 'ERR_INVALID_STATE', `Invalid state: ${message}`);
}
function argValue(kind, name, value, reason, Base = TypeError) {
  const shown = require('util').inspect(value);
  const message = reason === undefined
    ? `The ${kind} '${name}' is invalid. Received ${shown}`
    : `The ${kind} '${name}' ${reason}. Received ${shown}`;
  return makeError(Base, 'ERR_INVALID_ARG_VALUE', message);
}
function customInspect(name, data, depth, options) {
  if (depth < 0) return this;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${name} ${require('util').inspect(data, opts)}`;
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
function handled(promise) {
  promise.then(undefined, () => {});
  return promise;
}
function rejected(e) {
  return handled(Promise.reject(e));
}
const resolvedUndefined = () => Promise.resolve(undefined);
// A method of the underlying source/sink/transformer as an algorithm returning a promise.
function promiseCall(method, target, ...args) {
  if (method === undefined) return Promise.resolve(undefined);
  try {
    return Promise.resolve(Reflect.apply(method, target, args));
  } catch (e) {
    return Promise.reject(e);
  }
}
function methodOf(obj, name, owner) {
  const m = obj == null ? undefined : obj[name];
  if (m !== undefined && typeof m !== 'function') {
    throw codes.ERR_INVALID_ARG_TYPE(`${owner}.${name}`, 'function', m);
  }
  return m;
}
function queueTask(fn) {
  binding.queueMicrotask(fn);
}

// ---- queuing strategies -----------------------------------------------------------------------

function highWaterMarkOf(strategy, fallback) {
  const hwm = strategy == null ? undefined : strategy.highWaterMark;
  if (hwm === undefined) return fallback;
  const n = Number(hwm);
  if (Number.isNaN(n) || n < 0) throw argValue('property', 'strategy.highWaterMark', hwm, undefined, RangeError);
  return n;
}
function sizeOf(strategy) {
  const size = strategy == null ? undefined : strategy.size;
  if (size === undefined) return () => 1;
  if (typeof size !== 'function') throw codes.ERR_INVALID_ARG_TYPE('strategy.size', 'Function', size);
  return (chunk) => size(chunk);
}
function strategyInit(init, name) {
  if (init === null || typeof init !== 'object') throw codes.ERR_INVALID_ARG_TYPE('init', 'Object', init);
  if (init.highWaterMark === undefined) throw codes.ERR_MISSING_ARGS('init.highWaterMark');
  return Number(init.highWaterMark);
}

const byteLengthSize = { size(chunk) { return chunk.byteLength; } }.size;
const countSize = { size() { return 1; } }.size;

// ByteLengthQueuingStrategy and CountQueuingStrategy: a high-water mark and their `size`.
function queuingStrategyClass(name, size) {
  const C = class {
    #hwm;
    constructor(init) {
      this.#hwm = strategyInit(init, name);
    }
    get highWaterMark() {
      if (!(#hwm in this)) throw codes.ERR_INVALID_THIS(name);
      return this.#hwm;
    }
    get size() {
      if (!(#hwm in this)) throw codes.ERR_INVALID_THIS(name);
      return size;
    }
    [kInspect](depth, options) {
      return customInspect(name, { highWaterMark: this.#hwm }, depth, options);
    }
  };
  Object.defineProperty(C, 'name', { value: name, configurable: true });
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: name, configurable: true });
  return C;
}
const ByteLengthQueuingStrategy = queuingStrategyClass('ByteLengthQueuingStrategy', byteLengthSize);
const CountQueuingStrategy = queuingStrategyClass('CountQueuingStrategy', countSize);

// ---- queues with sizes ------------------------------------------------------------------------

function enqueueValueWithSize(c, value, size) {
  size = Number(size);
  if (Number.isNaN(size) || size < 0 || size === Infinity) {
    throw makeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The argument 'size' is invalid. Received ${size}`);
  }
  c.queue.push({ value, size });
  c.queueTotalSize += size;
}
function dequeueValue(c) {
  const pair = c.queue.shift();
  c.queueTotalSize -= pair.size;
  if (c.queueTotalSize < 0) c.queueTotalSize = 0;
  return pair.value;
}
function resetQueue(c) {
  c.queue = [];
  c.queueTotalSize = 0;
}

// ---- readable streams --------------------------------------------------------------------------

let readableRecord; // (obj) -> record, or undefined
let readerRecord;
let controllerRecord;

function isReadableStream(v) {
  return readableRecord(v) !== undefined;
}

class ReadableStream {
  #r;
  static {
    readableRecord = (o) => (o != null && typeof o === 'object' && #r in o ? o.#r : undefined);
  }

  constructor(source = undefined, strategy = undefined) {
    if (source === kCreate) {
      this.#r = newReadableRecord(this);
      return;
    }
    if (source !== undefined && (source === null || typeof source !== 'object')) {
      throw codes.ERR_INVALID_ARG_TYPE('source', 'Object', source);
    }
    if (strategy !== undefined && (strategy === null || typeof strategy !== 'object')) {
      throw codes.ERR_INVALID_ARG_TYPE('strategy', 'Object', strategy);
    }
    this.#r = newReadableRecord(this);
    const type = source === undefined ? undefined : source.type;
    if (type !== undefined && `${type}` === 'bytes') {
      if (strategy !== undefined && strategy.size !== undefined) {
        throw argValue('property', 'strategy.size', strategy.size, undefined, RangeError);
      }
      setUpByteControllerFromSource(this.#r, source, highWaterMarkOf(strategy, 0));
    } else if (type !== undefined) {
      throw argValue('property', 'source.type', type);
    } else {
      setUpDefaultControllerFromSource(this.#r, source, highWaterMarkOf(strategy, 1), sizeOf(strategy));
    }
  }

  get locked() {
    return readableRecord(this) ? this.#r.reader !== undefined : thisError('ReadableStream');
  }

  cancel(reason = undefined) {
    const r = readableRecord(this);
    if (!r) return rejected(codes.ERR_INVALID_THIS('ReadableStream'));
    if (r.reader !== undefined) return rejected(invalidState('ReadableStream is locked'));
    return readableCancel(r, reason);
  }

  getReader(options = undefined) {
    const r = recordOfThis(readableRecord, this, 'ReadableStream');
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const mode = options === undefined ? undefined : options.mode;
    if (mode === undefined) return new ReadableStreamDefaultReader(this);
    if (`${mode}` !== 'byob') throw argValue('property', 'options.mode', mode);
    return new ReadableStreamBYOBReader(this);
  }

  pipeThrough(transform, options = {}) {
    const r = recordOfThis(readableRecord, this, 'ReadableStream');
    if (transform === null || typeof transform !== 'object') {
      throw codes.ERR_INVALID_ARG_TYPE('transform', 'Object', transform);
    }
    const { readable, writable } = transform;
    if (!isReadableStream(readable)) {
      throw codes.ERR_INVALID_ARG_TYPE('transform.readable', 'ReadableStream', readable);
    }
    const w = writableRecord(writable);
    if (!w) throw codes.ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', writable);
    const opts = pipeOptions(options);
    if (r.reader !== undefined) throw invalidState('The ReadableStream is locked');
    if (w.writer !== undefined) throw invalidState('The WritableStream is locked');
    handled(pipeTo(r, w, opts));
    return readable;
  }

  pipeTo(destination, options = {}) {
    const r = readableRecord(this);
    if (!r) return rejected(codes.ERR_INVALID_THIS('ReadableStream'));
    const w = writableRecord(destination);
    if (!w) {
      return rejected(codes.ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', destination));
    }
    let opts;
    try {
      opts = pipeOptions(options);
    } catch (e) {
      return rejected(e);
    }
    if (r.reader !== undefined) return rejected(invalidState('ReadableStream is locked'));
    if (w.writer !== undefined) return rejected(invalidState('WritableStream is locked'));
    return pipeTo(r, w, opts);
  }

  tee() {
    const r = recordOfThis(readableRecord, this, 'ReadableStream');
    return readableTee(r);
  }

  values(options = undefined) {
    const r = recordOfThis(readableRecord, this, 'ReadableStream');
    const preventCancel = options != null && Boolean(options.preventCancel);
    return readableIterator(this, preventCancel);
  }

  [kInspect](depth, options) {
    const r = this.#r;
    return customInspect('ReadableStream', {
      locked: r.reader !== undefined,
      state: r.state,
      supportsBYOB: r.controller !== undefined && r.controller.byte === true,
    }, depth, options);
  }

  static from(iterable) {
    return readableFrom(iterable);
  }
}
Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
  value: ReadableStream.prototype.values, writable: true, configurable: true,
});
Object.defineProperty(ReadableStream.prototype, Symbol.toStringTag, { value: 'ReadableStream', configurable: true });

// The internal record of `o` through `record`, for a method called on `o` as `this`; a receiver
// that is not one of the class's objects is Node's ERR_INVALID_THIS.
function recordOfThis(record, o, name) {
  const r = record(o);
  if (!r) throw codes.ERR_INVALID_THIS(name);
  return r;
}

function thisError(name) {
  throw codes.ERR_INVALID_THIS(name);
}

function newReadableRecord(obj) {
  return {
    obj, state: 'readable', reader: undefined, storedError: undefined, disturbed: false,
    controller: undefined,
  };
}
// A stream made from algorithms (tee, from, transform streams), as the spec's CreateReadableStream.
function createReadable(start, pull, cancel, hwm = 1, size = () => 1) {
  const stream = new ReadableStream(kCreate);
  const r = readableRecord(stream);
  setUpDefaultController(r, start, pull, cancel, hwm, size);
  return r;
}
function createReadableBytes(start, pull, cancel) {
  const stream = new ReadableStream(kCreate);
  const r = readableRecord(stream);
  setUpByteController(r, start, pull, cancel, 0, undefined);
  return r;
}

function readableCancel(r, reason) {
  r.disturbed = true;
  if (r.state === 'closed') return Promise.resolve(undefined);
  if (r.state === 'errored') return Promise.reject(r.storedError);
  readableClose(r);
  const reader = r.reader;
  if (reader !== undefined && reader.byob) {
    const requests = reader.readIntoRequests;
    reader.readIntoRequests = [];
    for (const req of requests) req.close(undefined);
  }
  return r.controller.cancelSteps(reason).then(() => undefined);
}
// Callbacks waiting for a stream to close (given no argument) or error (given the error):
// `stream.finished` of a web stream (Node's kIsClosedPromise), on the record, made on first use.
function whenSettled(record, fn) {
  if (record.state === 'closed') return void fn();
  if (record.state === 'errored') return void fn(record.storedError);
  (record.settledWaiters ??= []).push(fn);
}
function settle(record, error) {
  const waiters = record.settledWaiters;
  if (waiters === undefined) return;
  record.settledWaiters = undefined;
  for (const fn of waiters) error === undefined ? fn() : fn(error);
}
function readableClose(r) {
  r.state = 'closed';
  settle(r);
  const reader = r.reader;
  if (reader === undefined) return;
  reader.closed.resolve(undefined);
  if (!reader.byob) {
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (const req of requests) req.close();
  }
}
function readableError(r, e) {
  r.state = 'errored';
  r.storedError = e;
  settle(r, e);
  const reader = r.reader;
  if (reader === undefined) return;
  reader.closed.reject(e);
  handled(reader.closed.promise);
  if (reader.byob) {
    const requests = reader.readIntoRequests;
    reader.readIntoRequests = [];
    for (const req of requests) req.error(e);
  } else {
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (const req of requests) req.error(e);
  }
}
function fulfillReadRequest(r, chunk, done) {
  const req = r.reader.readRequests.shift();
  if (done) req.close();
  else req.chunk(chunk);
}
function numReadRequests(r) {
  return r.reader === undefined || r.reader.byob ? 0 : r.reader.readRequests.length;
}
function numReadIntoRequests(r) {
  return r.reader === undefined || !r.reader.byob ? 0 : r.reader.readIntoRequests.length;
}

// ---- the default controller --------------------------------------------------------------------

class ReadableStreamDefaultController {
  #c;
  static {
    controllerRecord = (o) => (o != null && typeof o === 'object' && #c in o ? o.#c : undefined);
  }
  constructor(key = undefined) {
    if (key !== kCreate) throw codes.ERR_ILLEGAL_CONSTRUCTOR();
    this.#c = undefined;
  }
  static _attach(obj, c) {
    obj.#c = c;
  }
  get desiredSize() {
    const c = recordOfThis(controllerRecord, this, 'ReadableStreamDefaultController');
    return defaultDesiredSize(c);
  }
  close() {
    const c = recordOfThis(controllerRecord, this, 'ReadableStreamDefaultController');
    if (!defaultCanCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
    defaultControllerClose(c);
  }
  enqueue(chunk = undefined) {
    const c = recordOfThis(controllerRecord, this, 'ReadableStreamDefaultController');
    if (!defaultCanCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
    defaultControllerEnqueue(c, chunk);
  }
  error(e = undefined) {
    const c = recordOfThis(controllerRecord, this, 'ReadableStreamDefaultController');
    defaultControllerError(c, e);
  }
  [kInspect](depth, options) {
    return customInspect('ReadableStreamDefaultController', {}, depth, options);
  }
}
Object.defineProperty(ReadableStreamDefaultController.prototype, Symbol.toStringTag, {
  value: 'ReadableStreamDefaultController', configurable: true,
});

function setUpDefaultControllerFromSource(r, source, hwm, size) {
  const start = methodOf(source, 'start', 'source');
  const pull = methodOf(source, 'pull', 'source');
  const cancel = methodOf(source, 'cancel', 'source');
  let ctlObj;
  setUpDefaultController(r,
    (obj) => {
      ctlObj = obj;
      return start === undefined ? undefined : Reflect.apply(start, source, [obj]);
    },
    () => promiseCall(pull, source, ctlObj),
    (reason) => promiseCall(cancel, source, reason),
    hwm, size);
}
function setUpDefaultController(r, start, pull, cancel, hwm, size) {
  const obj = new ReadableStreamDefaultController(kCreate);
  const c = {
    obj, byte: false, stream: r, queue: [], queueTotalSize: 0, started: false,
    closeRequested: false, pullAgain: false, pulling: false, size, hwm, pull, cancel,
  };
  ReadableStreamDefaultController._attach(obj, c);
  c.cancelSteps = (reason) => {
    resetQueue(c);
    const result = c.cancel(reason);
    clearDefaultAlgorithms(c);
    return result;
  };
  c.pullSteps = (req) => {
    if (c.queue.length > 0) {
      const chunk = dequeueValue(c);
      if (c.closeRequested && c.queue.length === 0) {
        clearDefaultAlgorithms(c);
        readableClose(r);
      } else {
        defaultCallPullIfNeeded(c);
      }
      req.chunk(chunk);
    } else {
      r.reader.readRequests.push(req);
      defaultCallPullIfNeeded(c);
    }
  };
  c.releaseSteps = () => {};
  r.controller = c;
  const startResult = start(obj);
  Promise.resolve(startResult).then(() => {
    c.started = true;
    defaultCallPullIfNeeded(c);
  }, (e) => defaultControllerError(c, e));
}
function clearDefaultAlgorithms(c) {
  c.pull = undefined;
  c.cancel = undefined;
  c.size = undefined;
}
function defaultCanCloseOrEnqueue(c) {
  return !c.closeRequested && c.stream.state === 'readable';
}
function defaultDesiredSize(c) {
  const state = c.stream.state;
  if (state === 'errored') return null;
  if (state === 'closed') return 0;
  return c.hwm - c.queueTotalSize;
}
function defaultShouldCallPull(c) {
  if (!defaultCanCloseOrEnqueue(c) || !c.started) return false;
  const r = c.stream;
  if (r.reader !== undefined && !r.reader.byob && numReadRequests(r) > 0) return true;
  return defaultDesiredSize(c) > 0;
}
// The Streams Standard's CallPullIfNeeded, for either controller: one pull at a time, and one
// more after it when another was asked for meanwhile.
function callPullIfNeeded(c, shouldPull, error) {
  if (!shouldPull(c)) return;
  if (c.pulling) {
    c.pullAgain = true;
    return;
  }
  c.pulling = true;
  c.pull(c.obj).then(() => {
    c.pulling = false;
    if (c.pullAgain) {
      c.pullAgain = false;
      callPullIfNeeded(c, shouldPull, error);
    }
  }, (e) => error(c, e));
}
function defaultCallPullIfNeeded(c) {
  callPullIfNeeded(c, defaultShouldCallPull, defaultControllerError);
}
function defaultControllerClose(c) {
  if (!defaultCanCloseOrEnqueue(c)) return;
  c.closeRequested = true;
  if (c.queue.length === 0) {
    clearDefaultAlgorithms(c);
    readableClose(c.stream);
  }
}
function defaultControllerEnqueue(c, chunk) {
  if (!defaultCanCloseOrEnqueue(c)) return;
  const r = c.stream;
  if (r.reader !== undefined && !r.reader.byob && numReadRequests(r) > 0) {
    fulfillReadRequest(r, chunk, false);
  } else {
    let size;
    try {
      size = c.size(chunk);
    } catch (e) {
      defaultControllerError(c, e);
      throw e;
    }
    try {
      enqueueValueWithSize(c, chunk, size);
    } catch (e) {
      defaultControllerError(c, e);
      throw e;
    }
  }
  defaultCallPullIfNeeded(c);
}
function defaultControllerError(c, e) {
  if (c.stream.state !== 'readable') return;
  resetQueue(c);
  clearDefaultAlgorithms(c);
  readableError(c.stream, e);
}

// ---- the byte controller -----------------------------------------------------------------------

let byteControllerRecord;
let byobRequestRecord;

class ReadableStreamBYOBRequest {
  #q;
  static {
    byobRequestRecord = (o) => (o != null && typeof o === 'object' && #q in o ? o.#q : undefined);
  }
  constructor(key = undefined, q = undefined) {
    if (key !== kCreate) throw codes.ERR_ILLEGAL_CONSTRUCTOR();
    this.#q = q;
  }
  get view() {
    const q = recordOfThis(byobRequestRecord, this, 'ReadableStreamBYOBRequest');
    return q.view;
  }
  respond(bytesWritten) {
    const q = recordOfThis(byobRequestRecord, this, 'ReadableStreamBYOBRequest');
    if (q.controller === undefined) throw invalidState('This BYOB request has been invalidated');
    const n = Number(bytesWritten);
    if (!Number.isInteger(n) || n < 0) throw codes.ERR_OUT_OF_RANGE('bytesWritten', '>= 0', bytesWritten);
    byteRespond(q.controller, n);
  }
  respondWithNewView(view) {
    const q = recordOfThis(byobRequestRecord, this, 'ReadableStreamBYOBRequest');
    if (!ArrayBuffer.isView(view)) throw codes.ERR_INVALID_ARG_TYPE('view', 'ArrayBufferView', view);
    if (q.controller === undefined) throw invalidState('This BYOB request has been invalidated');
    byteRespondWithNewView(q.controller, view);
  }
  [kInspect](depth, options) {
    return customInspect('ReadableStreamBYOBRequest', { view: this.#q.view }, depth, options);
  }
}
Object.defineProperty(ReadableStreamBYOBRequest.prototype, Symbol.toStringTag, {
  value: 'ReadableStreamBYOBRequest', configurable: true,
});

class ReadableByteStreamController {
  #c;
  static {
    byteControllerRecord = (o) => (o != null && typeof o === 'object' && #c in o ? o.#c : undefined);
  }
  constructor(key = undefined) {
    if (key !== kCreate) throw codes.ERR_ILLEGAL_CONSTRUCTOR();
    this.#c = undefined;
  }
  static _attach(obj, c) {
    obj.#c = c;
  }
  get byobRequest() {
    const c = recordOfThis(byteControllerRecord, this, 'ReadableByteStreamController');
    return byteGetBYOBRequest(c);
  }
  get desiredSize() {
    const c = recordOfThis(byteControllerRecord, this, 'ReadableByteStreamController');
    return byteDesiredSize(c);
  }
  close() {
    const c = recordOfThis(byteControllerRecord, this, 'ReadableByteStreamController');
    if (c.closeRequested) throw invalidState('Controller is already closed');
    if (c.stream.state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteClose(c);
  }
  enqueue(chunk) {
    const c = recordOfThis(byteControllerRecord, this, 'ReadableByteStreamController');
    if (!ArrayBuffer.isView(chunk)) {
      throw codes.ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], chunk);
    }
    if (chunk.byteLength === 0 || chunk.buffer.byteLength === 0) {
      throw invalidState('chunk ArrayBuffer is zero-length or detached');
    }
    if (c.closeRequested) throw invalidState('Controller is already closed');
    if (c.stream.state !== 'readable') throw invalidState('ReadableStream is already closed');
    byteEnqueue(c, chunk);
  }
  error(e = undefined) {
    const c = recordOfThis(byteControllerRecord, this, 'ReadableByteStreamController');
    byteError(c, e);
  }
  [kInspect](depth, options) {
    return customInspect('ReadableByteStreamController', {}, depth, options);
  }
}
Object.defineProperty(ReadableByteStreamController.prototype, Symbol.toStringTag, {
  value: 'ReadableByteStreamController', configurable: true,
});

function setUpByteControllerFromSource(r, source, hwm) {
  const start = methodOf(source, 'start', 'source');
  const pull = methodOf(source, 'pull', 'source');
  const cancel = methodOf(source, 'cancel', 'source');
  let auto = source.autoAllocateChunkSize;
  if (auto !== undefined) {
    auto = Number(auto);
    if (!Number.isInteger(auto) || auto <= 0) {
      throw argValue('property', 'source.autoAllocateChunkSize', source.autoAllocateChunkSize, undefined, RangeError);
    }
  }
  let ctlObj;
  setUpByteController(r,
    (obj) => {
      ctlObj = obj;
      return start === undefined ? undefined : Reflect.apply(start, source, [obj]);
    },
    () => promiseCall(pull, source, ctlObj),
    (reason) => promiseCall(cancel, source, reason),
    hwm, auto);
}
function setUpByteController(r, start, pull, cancel, hwm, auto) {
  const obj = new ReadableByteStreamController(kCreate);
  const c = {
    obj, byte: true, stream: r, queue: [], queueTotalSize: 0, started: false,
    closeRequested: false, pullAgain: false, pulling: false, hwm, pull, cancel,
    autoAllocateChunkSize: auto, pendingPullIntos: [], byobRequest: null,
  };
  ReadableByteStreamController._attach(obj, c);
  c.cancelSteps = (reason) => {
    byteClearPendingPullIntos(c);
    resetQueue(c);
    const result = c.cancel(reason);
    c.pull = undefined;
    c.cancel = undefined;
    return result;
  };
  c.pullSteps = (req) => {
    if (c.queueTotalSize > 0) {
      byteFillReadRequestFromQueue(c, req);
      return;
    }
    if (c.autoAllocateChunkSize !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(c.autoAllocateChunkSize);
      } catch (e) {
        req.error(e);
        return;
      }
      c.pendingPullIntos.push({
        buffer, byteOffset: 0, byteLength: c.autoAllocateChunkSize, bytesFilled: 0, minimumFill: 1,
        elementSize: 1, ctor: Uint8Array, readerType: 'default',
      });
    }
    r.reader.readRequests.push(req);
    byteCallPullIfNeeded(c);
  };
  c.releaseSteps = () => {
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      first.readerType = 'none';
      c.pendingPullIntos = [first];
    }
  };
  r.controller = c;
  Promise.resolve(start(obj)).then(() => {
    c.started = true;
    byteCallPullIfNeeded(c);
  }, (e) => byteError(c, e));
}
function byteDesiredSize(c) {
  const state = c.stream.state;
  if (state === 'errored') return null;
  if (state === 'closed') return 0;
  return c.hwm - c.queueTotalSize;
}
function byteInvalidateBYOBRequest(c) {
  if (c.byobRequest === null) return;
  byobRequestRecord(c.byobRequest).controller = undefined;
  byobRequestRecord(c.byobRequest).view = null;
  c.byobRequest = null;
}
function byteClearPendingPullIntos(c) {
  byteInvalidateBYOBRequest(c);
  c.pendingPullIntos = [];
}
function byteGetBYOBRequest(c) {
  if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
    const d = c.pendingPullIntos[0];
    const view = new Uint8Array(d.buffer, d.byteOffset + d.bytesFilled, d.byteLength - d.bytesFilled);
    c.byobRequest = new ReadableStreamBYOBRequest(kCreate, { controller: c, view });
  }
  return c.byobRequest;
}
function byteShouldCallPull(c) {
  const r = c.stream;
  if (r.state !== 'readable' || c.closeRequested || !c.started) return false;
  if (numReadRequests(r) > 0 || numReadIntoRequests(r) > 0) return true;
  return byteDesiredSize(c) > 0;
}
function byteCallPullIfNeeded(c) {
  callPullIfNeeded(c, byteShouldCallPull, byteError);
}
function byteError(c, e) {
  const r = c.stream;
  if (r.state !== 'readable') return;
  byteClearPendingPullIntos(c);
  resetQueue(c);
  c.pull = undefined;
  c.cancel = undefined;
  readableError(r, e);
}
function byteClose(c) {
  const r = c.stream;
  if (c.closeRequested || r.state !== 'readable') return;
  if (c.queueTotalSize > 0) {
    c.closeRequested = true;
    return;
  }
  if (c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const e = invalidState('Partial read');
      byteError(c, e);
      throw e;
    }
  }
  c.pull = undefined;
  c.cancel = undefined;
  readableClose(r);
}
// The spec transfers buffers (Node 20's language has no ArrayBuffer.prototype.transfer: the
// host's, which detaches as node does).
function transfer(buffer) {
  return binding.transferArrayBuffer(buffer);
}
function byteEnqueue(c, chunk) {
  const r = c.stream;
  const { byteOffset, byteLength } = chunk;
  const buffer = transfer(chunk.buffer);
  if (c.pendingPullIntos.length > 0) {
    byteInvalidateBYOBRequest(c);
    const first = c.pendingPullIntos[0];
    first.buffer = transfer(first.buffer);
    if (first.readerType === 'none') byteEnqueueDetachedPullIntoToQueue(c, first);
  }
  if (r.reader !== undefined && !r.reader.byob) {
    byteProcessReadRequestsUsingQueue(c);
    if (numReadRequests(r) === 0) {
      byteEnqueueChunkToQueue(c, buffer, byteOffset, byteLength);
    } else {
      if (c.pendingPullIntos.length > 0) c.pendingPullIntos.shift();
      fulfillReadRequest(r, new Uint8Array(buffer, byteOffset, byteLength), false);
    }
  } else if (r.reader !== undefined && r.reader.byob) {
    byteEnqueueChunkToQueue(c, buffer, byteOffset, byteLength);
    byteProcessPullIntosUsingQueue(c);
  } else {
    byteEnqueueChunkToQueue(c, buffer, byteOffset, byteLength);
  }
  byteCallPullIfNeeded(c);
}
function byteEnqueueChunkToQueue(c, buffer, byteOffset, byteLength) {
  c.queue.push({ buffer, byteOffset, byteLength });
  c.queueTotalSize += byteLength;
}
function byteEnqueueDetachedPullIntoToQueue(c, d) {
  if (d.bytesFilled > 0) {
    byteEnqueueChunkToQueue(c, d.buffer.slice(d.byteOffset, d.byteOffset + d.bytesFilled), 0, d.bytesFilled);
  }
  c.pendingPullIntos.shift();
}
function byteFillReadRequestFromQueue(c, req) {
  const entry = c.queue.shift();
  c.queueTotalSize -= entry.byteLength;
  byteHandleQueueDrain(c);
  req.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
}
function byteProcessReadRequestsUsingQueue(c) {
  const reader = c.stream.reader;
  while (reader.readRequests.length > 0) {
    if (c.queueTotalSize === 0) return;
    byteFillReadRequestFromQueue(c, reader.readRequests.shift());
  }
}
function byteHandleQueueDrain(c) {
  if (c.queueTotalSize === 0 && c.closeRequested) {
    c.pull = undefined;
    c.cancel = undefined;
    readableClose(c.stream);
  } else {
    byteCallPullIfNeeded(c);
  }
}
function byteFillPullIntoFromQueue(c, d) {
  const maxBytesToCopy = Math.min(c.queueTotalSize, d.byteLength - d.bytesFilled);
  const maxBytesFilled = d.bytesFilled + maxBytesToCopy;
  let totalBytesToCopyRemaining = maxBytesToCopy;
  let ready = false;
  const remainderBytes = maxBytesFilled % d.elementSize;
  const maxAlignedBytes = maxBytesFilled - remainderBytes;
  if (maxAlignedBytes >= d.minimumFill) {
    totalBytesToCopyRemaining = maxAlignedBytes - d.bytesFilled;
    ready = true;
  }
  while (totalBytesToCopyRemaining > 0) {
    const head = c.queue[0];
    const bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
    const destStart = d.byteOffset + d.bytesFilled;
    new Uint8Array(d.buffer, destStart, bytesToCopy)
      .set(new Uint8Array(head.buffer, head.byteOffset, bytesToCopy));
    if (head.byteLength === bytesToCopy) {
      c.queue.shift();
    } else {
      head.byteOffset += bytesToCopy;
      head.byteLength -= bytesToCopy;
    }
    c.queueTotalSize -= bytesToCopy;
    byteInvalidateBYOBRequest(c);
    d.bytesFilled += bytesToCopy;
    totalBytesToCopyRemaining -= bytesToCopy;
  }
  return ready;
}
function byteProcessPullIntosUsingQueue(c) {
  while (c.pendingPullIntos.length > 0) {
    if (c.queueTotalSize === 0) return;
    const d = c.pendingPullIntos[0];
    if (byteFillPullIntoFromQueue(c, d)) {
      c.pendingPullIntos.shift();
      byteCommitPullInto(c.stream, d);
    }
  }
}
function pullIntoView(d) {
  const n = d.bytesFilled / d.elementSize;
  return new d.ctor(d.buffer, d.byteOffset, n);
}
function byteCommitPullInto(r, d) {
  let done = false;
  if (r.state === 'closed') done = true;
  const view = pullIntoView(d);
  if (d.readerType === 'default') {
    fulfillReadRequest(r, view, done);
  } else if (r.reader !== undefined && r.reader.byob) {
    const req = r.reader.readIntoRequests.shift();
    if (done) req.close(view);
    else req.chunk(view);
  }
}
function bytePullInto(c, view, min, req) {
  const r = c.stream;
  const ctor = view.constructor;
  const elementSize = ctor.BYTES_PER_ELEMENT || 1;
  const minimumFill = min * elementSize;
  const { byteOffset, byteLength } = view;
  let buffer;
  try {
    buffer = transfer(view.buffer);
  } catch (e) {
    req.error(e);
    return;
  }
  const d = {
    buffer, byteOffset, byteLength, bytesFilled: 0, minimumFill,
    elementSize, ctor: ctor === DataView ? DataView : ctor, readerType: 'byob',
  };
  if (d.ctor === DataView) d.ctor = function makeDataView(b, o, n) { return new DataView(b, o, n); };
  if (c.pendingPullIntos.length > 0) {
    c.pendingPullIntos.push(d);
    r.reader.readIntoRequests.push(req);
    return;
  }
  if (r.state === 'closed') {
    req.close(new d.ctor(d.buffer, d.byteOffset, 0));
    return;
  }
  if (c.queueTotalSize > 0) {
    if (byteFillPullIntoFromQueue(c, d)) {
      const filled = pullIntoView(d);
      byteHandleQueueDrain(c);
      req.chunk(filled);
      return;
    }
    if (c.closeRequested) {
      const e = invalidState('Partial read');
      byteError(c, e);
      req.error(e);
      return;
    }
  }
  c.pendingPullIntos.push(d);
  r.reader.readIntoRequests.push(req);
  byteCallPullIfNeeded(c);
}
function byteRespond(c, bytesWritten) {
  const first = c.pendingPullIntos[0];
  const state = c.stream.state;
  if (state === 'closed') {
    if (bytesWritten !== 0) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'bytesWritten must be 0 when the stream is closed');
    }
  } else if (bytesWritten === 0) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'bytesWritten must be greater than 0');
  } else if (first.bytesFilled + bytesWritten > first.byteLength) {
    throw codes.ERR_OUT_OF_RANGE('bytesWritten', `<= ${first.byteLength - first.bytesFilled}`, bytesWritten);
  }
  first.buffer = transfer(first.buffer);
  byteRespondInternal(c, bytesWritten);
}
function byteRespondWithNewView(c, view) {
  const first = c.pendingPullIntos[0];
  if (c.stream.state === 'closed' ? view.byteLength !== 0 : view.byteLength === 0) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'The view has an invalid byte length');
  }
  if (first.byteOffset + first.bytesFilled !== view.byteOffset) {
    throw codes.ERR_OUT_OF_RANGE('view.byteOffset', `${first.byteOffset + first.bytesFilled}`, view.byteOffset);
  }
  if (first.byteLength - first.bytesFilled < view.byteLength) {
    throw codes.ERR_OUT_OF_RANGE('view.byteLength', `<= ${first.byteLength - first.bytesFilled}`, view.byteLength);
  }
  const written = view.byteLength;
  first.buffer = transfer(view.buffer);
  byteRespondInternal(c, written);
}
function byteRespondInternal(c, bytesWritten) {
  const first = c.pendingPullIntos[0];
  byteInvalidateBYOBRequest(c);
  const r = c.stream;
  if (r.state === 'closed') {
    if (first.readerType === 'none') c.pendingPullIntos.shift();
    if (r.reader !== undefined && r.reader.byob) {
      while (numReadIntoRequests(r) > 0) byteCommitPullInto(r, c.pendingPullIntos.shift());
    }
  } else {
    first.bytesFilled += bytesWritten;
    if (first.readerType === 'none') {
      byteEnqueueDetachedPullIntoToQueue(c, first);
      byteProcessPullIntosUsingQueue(c);
    } else if (first.bytesFilled >= first.minimumFill) {
      c.pendingPullIntos.shift();
      const remainder = first.bytesFilled % first.elementSize;
      if (remainder > 0) {
        const end = first.byteOffset + first.bytesFilled;
        byteEnqueueChunkToQueue(c, first.buffer.slice(end - remainder, end), 0, remainder);
      }
      first.bytesFilled -= remainder;
      byteCommitPullInto(r, first);
      byteProcessPullIntosUsingQueue(c);
    }
  }
  byteCallPullIfNeeded(c);
}

// ---- readers -----------------------------------------------------------------------------------

function readerInit(reader, r) {
  reader.stream = r;
  r.reader = reader;
  reader.closed = deferred();
  if (r.state === 'closed') reader.closed.resolve(undefined);
  else if (r.state === 'errored') {
    reader.closed.reject(r.storedError);
    handled(reader.closed.promise);
  }
}
function readerRelease(reader) {
  const r = reader.stream;
  const e = invalidState('Reader released');
  if (r.state === 'readable') reader.closed.reject(e);
  else reader.closed = { promise: Promise.reject(e) };
  handled(reader.closed.promise);
  r.controller.releaseSteps();
  r.reader = undefined;
  reader.stream = undefined;
  return invalidState('Releasing reader');
}
function readerCancel(reader, reason) {
  return readableCancel(reader.stream, reason);
}
function readerRead(reader, req) {
  const r = reader.stream;
  r.disturbed = true;
  if (r.state === 'closed') req.close();
  else if (r.state === 'errored') req.error(r.storedError);
  else r.controller.pullSteps(req);
}
function readPromise() {
  const d = deferred();
  return {
    promise: d.promise,
    resolve: d.resolve,
    chunk: (value) => d.resolve({ value, done: false }),
    close: (value = undefined) => d.resolve({ value, done: true }),
    error: (e) => d.reject(e),
  };
}

class ReadableStreamDefaultReader {
  #k;
  static {
    readerRecord = (o) => (o != null && typeof o === 'object' && #k in o ? o.#k : undefined);
  }
  constructor(stream) {
    const r = readableRecord(stream);
    if (!r) throw codes.ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    if (r.reader !== undefined) throw invalidState('ReadableStream is locked');
    this.#k = { obj: this, byob: false, readRequests: [] };
    readerInit(this.#k, r);
  }
  read() {
    const k = readerRecord(this);
    if (!k || k.byob) return rejected(codes.ERR_INVALID_THIS('ReadableStreamDefaultReader'));
    if (k.stream === undefined) {
      return rejected(invalidState('The reader is not attached to a stream'));
    }
    const req = readPromise();
    readerRead(k, req);
    return req.promise;
  }
  releaseLock() {
    const k = readerRecord(this);
    if (!k || k.byob) throw codes.ERR_INVALID_THIS('ReadableStreamDefaultReader');
    if (k.stream === undefined) return;
    const e = readerRelease(k);
    const requests = k.readRequests;
    k.readRequests = [];
    for (const req of requests) req.error(e);
  }
  get closed() {
    const k = readerRecord(this);
    if (!k || k.byob) return rejected(codes.ERR_INVALID_THIS('ReadableStreamDefaultReader'));
    return k.closed.promise;
  }
  cancel(reason = undefined) {
    const k = readerRecord(this);
    if (!k || k.byob) return rejected(codes.ERR_INVALID_THIS('ReadableStreamDefaultReader'));
    if (k.stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
    return readerCancel(k, reason);
  }
  [kInspect](depth, options) {
    const k = this.#k;
    return customInspect('ReadableStreamDefaultReader', {
      stream: k.stream && k.stream.obj, readRequests: k.readRequests.length, close: k.closed.promise,
    }, depth, options);
  }
}
Object.defineProperty(ReadableStreamDefaultReader.prototype, Symbol.toStringTag, {
  value: 'ReadableStreamDefaultReader', configurable: true,
});

class ReadableStreamBYOBReader {
  #k;
  constructor(stream) {
    const r = readableRecord(stream);
    if (!r) throw codes.ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    if (r.reader !== undefined) throw invalidState('ReadableStream is locked');
    if (r.controller === undefined || !r.controller.byte) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The argument 'stream' must be a byte stream. Received ${require('util').inspect(stream)}`);
    }
    this.#k = { obj: this, byob: true, readIntoRequests: [] };
    readerInit(this.#k, r);
  }
  static {
    const outer = readerRecord;
    readerRecord = (o) => (o != null && typeof o === 'object' && #k in o ? o.#k : outer(o));
  }
  read(view = undefined, options = undefined) {
    const k = readerRecord(this);
    if (!k || !k.byob) return rejected(codes.ERR_INVALID_THIS('ReadableStreamBYOBReader'));
    if (!ArrayBuffer.isView(view)) {
      return rejected(codes.ERR_INVALID_ARG_TYPE('view', ['Buffer', 'TypedArray', 'DataView'], view));
    }
    if (view.byteLength === 0) {
      return rejected(argValue('argument', 'view', view, 'must have non-zero length'));
    }
    if (view.buffer.byteLength === 0) {
      return rejected(argValue('argument', 'view', view, 'must have a non-zero length buffer'));
    }
    let min = 1;
    if (options != null && options.min !== undefined) {
      min = Number(options.min);
      const length = view instanceof DataView ? view.byteLength : view.length;
      if (!Number.isInteger(min) || min <= 0 || min > length) {
        return rejected(codes.ERR_OUT_OF_RANGE('options.min', `> 0 and <= ${length}`, options.min));
      }
    }
    if (k.stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
    const req = readPromise();
    const r = k.stream;
    r.disturbed = true;
    if (r.state === 'errored') req.error(r.storedError);
    else bytePullInto(r.controller, view, min, req);
    return req.promise;
  }
  releaseLock() {
    const k = readerRecord(this);
    if (!k || !k.byob) throw codes.ERR_INVALID_THIS('ReadableStreamBYOBReader');
    if (k.stream === undefined) return;
    const e = readerRelease(k);
    const requests = k.readIntoRequests;
    k.readIntoRequests = [];
    for (const req of requests) req.error(e);
  }
  get closed() {
    const k = readerRecord(this);
    if (!k || !k.byob) return rejected(codes.ERR_INVALID_THIS('ReadableStreamBYOBReader'));
    return k.closed.promise;
  }
  cancel(reason = undefined) {
    const k = readerRecord(this);
    if (!k || !k.byob) return rejected(codes.ERR_INVALID_THIS('ReadableStreamBYOBReader'));
    if (k.stream === undefined) return rejected(invalidState('The reader is not attached to a stream'));
    return readerCancel(k, reason);
  }
  [kInspect](depth, options) {
    const k = this.#k;
    return customInspect('ReadableStreamBYOBReader', {
      stream: k.stream && k.stream.obj, requestIntoRequests: k.readIntoRequests.length,
      close: k.closed.promise,
    }, depth, options);
  }
}
Object.defineProperty(ReadableStreamBYOBReader.prototype, Symbol.toStringTag, {
  value: 'ReadableStreamBYOBReader', configurable: true,
});

// ---- tee, from, async iteration ----------------------------------------------------------------

function readableTee(r) {
  const stream = r.obj;
  const reader = new ReadableStreamDefaultReader(stream);
  const k = readerRecord(reader);
  const isBytes = r.controller.byte;
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelled = deferred();
  const enqueue = (branch, chunk) => {
    const c = branch.controller;
    if (c.byte) {
      if (!c.closeRequested && branch.state === 'readable') byteEnqueue(c, chunk);
    } else {
      defaultControllerEnqueue(c, chunk);
    }
  };
  const close = (branch) => {
    const c = branch.controller;
    if (c.byte) {
      if (!c.closeRequested && branch.state === 'readable') {
        byteClose(c);
        // A pending read of a byte branch ends too.
        if (c.pendingPullIntos.length > 0) byteRespond(c, 0);
      }
    } else {
      defaultControllerClose(c);
    }
  };
  const error = (branch, e) => {
    if (branch.controller.byte) byteError(branch.controller, e);
    else defaultControllerError(branch.controller, e);
  };
  const pull = () => {
    if (reading) {
      readAgain = true;
      return Promise.resolve(undefined);
    }
    reading = true;
    readerRead(k, {
      chunk: (chunk) => {
        queueTask(() => {
          readAgain = false;
          let chunk2 = chunk;
          if (isBytes && !canceled1 && !canceled2) chunk2 = new Uint8Array(chunk);
          if (!canceled1) enqueue(branch1, chunk);
          if (!canceled2) enqueue(branch2, chunk2);
          reading = false;
          if (readAgain) pull();
        });
      },
      close: () => {
        reading = false;
        if (!canceled1) close(branch1);
        if (!canceled2) close(branch2);
        if (!canceled1 || !canceled2) cancelled.resolve(undefined);
      },
      error: () => {
        reading = false;
      },
    });
    return Promise.resolve(undefined);
  };
  const cancel1 = (reason) => {
    canceled1 = true;
    reason1 = reason;
    if (canceled2) cancelled.resolve(readableCancel(r, [reason1, reason2]));
    return cancelled.promise;
  };
  const cancel2 = (reason) => {
    canceled2 = true;
    reason2 = reason;
    if (canceled1) cancelled.resolve(readableCancel(r, [reason1, reason2]));
    return cancelled.promise;
  };
  const start = () => undefined;
  if (isBytes) {
    branch1 = createReadableBytes(start, pull, cancel1);
    branch2 = createReadableBytes(start, pull, cancel2);
  } else {
    branch1 = createReadable(start, pull, cancel1);
    branch2 = createReadable(start, pull, cancel2);
  }
  k.closed.promise.then(undefined, (e) => {
    error(branch1, e);
    error(branch2, e);
    if (!canceled1 || !canceled2) cancelled.resolve(undefined);
  });
  return [branch1.obj, branch2.obj];
}

function readableFrom(iterable) {
  if (isReadableStream(iterable)) return iterable;
  const notIterable = () => makeError(TypeError, 'ERR_ARG_NOT_ITERABLE', `${String(iterable)} must be iterable`);
  if (iterable == null) throw notIterable();
  let method = iterable[Symbol.asyncIterator];
  let iterator;
  if (method == null) {
    method = iterable[Symbol.iterator];
    if (typeof method !== 'function') throw notIterable();
    const sync = Reflect.apply(method, iterable, []);
    iterator = {
      next: () => {
        const step = sync.next();
        return Promise.resolve(step.value).then((value) => ({ value, done: step.done }));
      },
      return: (v) => Promise.resolve(typeof sync.return === 'function' ? sync.return(v) : { done: true }),
    };
  } else {
    iterator = Reflect.apply(method, iterable, []);
  }
  if (iterator === null || typeof iterator !== 'object') {
    throw makeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: The iterator method must return an object');
  }
  let r;
  r = createReadable(() => undefined, () => {
    let result;
    try {
      result = iterator.next();
    } catch (e) {
      return Promise.reject(e);
    }
    return Promise.resolve(result).then((step) => {
      if (step === null || typeof step !== 'object') {
        throw makeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: The promise returned by the iterator.next() method must fulfill with an object');
      }
      if (step.done) defaultControllerClose(r.controller);
      else defaultControllerEnqueue(r.controller, step.value);
    });
  }, (reason) => {
    let ret;
    try {
      ret = iterator.return;
    } catch (e) {
      return Promise.reject(e);
    }
    if (ret == null) return Promise.resolve(undefined);
    let result;
    try {
      result = Reflect.apply(ret, iterator, [reason]);
    } catch (e) {
      return Promise.reject(e);
    }
    return Promise.resolve(result).then((v) => {
      if (v === null || typeof v !== 'object') {
        throw makeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: The promise returned by the iterator.return() method must fulfill with an object');
      }
    });
  }, 0);
  return r.obj;
}

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
const ReadableStreamAsyncIteratorPrototype = Object.create(AsyncIteratorPrototype, {
  next: {
    value: function next() {
      const it = iteratorState.get(this);
      if (!it) return rejected(codes.ERR_INVALID_THIS('ReadableStreamAsyncIterator'));
      const run = () => {
        if (it.done) return Promise.resolve({ done: true, value: undefined });
        const k = readerRecord(it.reader);
        if (k.stream === undefined) return Promise.reject(invalidState('The reader is not attached to a stream'));
        const req = readPromise();
        readerRead(k, {
          chunk: req.chunk,
          close: () => {
            it.done = true;
            it.reader.releaseLock();
            req.resolve({ done: true, value: undefined });
          },
          error: (e) => {
            it.done = true;
            it.reader.releaseLock();
            req.error(e);
          },
        });
        return req.promise;
      };
      it.current = it.current === undefined ? run() : it.current.then(run, run);
      return it.current;
    },
    writable: true, configurable: true,
  },
  return: {
    value: function return_(value = undefined) {
      const it = iteratorState.get(this);
      if (!it) return rejected(codes.ERR_INVALID_THIS('ReadableStreamAsyncIterator'));
      const run = () => {
        if (it.done) return Promise.resolve({ done: true, value });
        it.done = true;
        const k = readerRecord(it.reader);
        if (k.stream === undefined) return Promise.resolve({ done: true, value });
        if (!it.preventCancel) {
          const result = readerCancel(k, value);
          it.reader.releaseLock();
          return result.then(() => ({ done: true, value }));
        }
        it.reader.releaseLock();
        return Promise.resolve({ done: true, value });
      };
      it.current = it.current === undefined ? run() : it.current.then(run, run);
      return it.current;
    },
    writable: true, configurable: true,
  },
});
const iteratorState = new WeakMap();
function readableIterator(stream, preventCancel) {
  const reader = new ReadableStreamDefaultReader(stream);
  const it = Object.create(ReadableStreamAsyncIteratorPrototype);
  iteratorState.set(it, { reader, preventCancel, done: false, current: undefined });
  return it;
}

// ---- pipeTo ------------------------------------------------------------------------------------

function pipeOptions(options) {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object') throw codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
  const { signal } = options;
  if (signal !== undefined) {
    const { AbortSignal } = require('internal/abort_controller');
    if (!(signal instanceof AbortSignal)) throw codes.ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  return {
    preventAbort: Boolean(options.preventAbort),
    preventCancel: Boolean(options.preventCancel),
    preventClose: Boolean(options.preventClose),
    signal,
  };
}

function pipeTo(source, dest, { preventAbort, preventCancel, preventClose, signal }) {
  const reader = new ReadableStreamDefaultReader(source.obj);
  const rk = readerRecord(reader);
  const writer = new WritableStreamDefaultWriter(dest.obj);
  const wk = writerRecord(writer);
  source.disturbed = true;
  let shuttingDown = false;
  let currentWrite = Promise.resolve(undefined);
  const done = deferred();
  let abortListener;

  const finalize = (isError, error) => {
    writerRelease(wk);
    const k = readerRecord(reader);
    if (k.stream !== undefined) reader.releaseLock();
    if (signal !== undefined && abortListener) signal.removeEventListener('abort', abortListener);
    if (isError) done.reject(error);
    else done.resolve(undefined);
  };
  const waitWrites = () => {
    const old = currentWrite;
    return old.then(() => (old !== currentWrite ? waitWrites() : undefined), () => undefined);
  };
  const shutdownWithAction = (action, isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const doAction = () => {
      action().then(() => finalize(isError, error), (e) => finalize(true, e));
    };
    if (dest.state === 'writable' && !writableCloseQueuedOrInFlight(dest)) waitWrites().then(doAction);
    else doAction();
  };
  const shutdown = (isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (dest.state === 'writable' && !writableCloseQueuedOrInFlight(dest)) {
      waitWrites().then(() => finalize(isError, error));
    } else {
      finalize(isError, error);
    }
  };

  if (signal !== undefined) {
    const abortAlgorithm = () => {
      const error = signal.reason;
      const actions = [];
      if (!preventAbort) {
        actions.push(() => (dest.state === 'writable' ? writableAbort(dest, error) : Promise.resolve(undefined)));
      }
      if (!preventCancel) {
        actions.push(() => (source.state === 'readable' ? readableCancel(source, error) : Promise.resolve(undefined)));
      }
      shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
    };
    if (signal.aborted) {
      abortAlgorithm();
      return done.promise;
    }
    abortListener = abortAlgorithm;
    signal.addEventListener('abort', abortListener, { once: true });
  }

  // Errors and closing, checked in the spec's order, on every state change.
  const sourceErrored = (e) => {
    if (!preventAbort) shutdownWithAction(() => writableAbort(dest, e), true, e);
    else shutdown(true, e);
  };
  const destErrored = (e) => {
    if (!preventCancel) shutdownWithAction(() => readableCancel(source, e), true, e);
    else shutdown(true, e);
  };
  const sourceClosed = () => {
    if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(wk), false);
    else shutdown(false);
  };
  const destClosed = () => {
    const e = invalidState('Cannot pipe to a closed or closing stream');
    if (!preventCancel) shutdownWithAction(() => readableCancel(source, e), true, e);
    else shutdown(true, e);
  };

  if (source.state === 'errored') sourceErrored(source.storedError);
  else if (dest.state === 'errored' || dest.state === 'erroring') destErrored(dest.storedError);
  else if (source.state === 'closed') sourceClosed();
  else if (writableCloseQueuedOrInFlight(dest) || dest.state === 'closed') destClosed();
  if (shuttingDown) return done.promise;

  rk.closed.promise.then(() => { if (!shuttingDown) sourceClosed(); }, (e) => { if (!shuttingDown) sourceErrored(e); });
  wk.closed.promise.then(undefined, (e) => { if (!shuttingDown) destErrored(e); });

  const step = () => {
    if (shuttingDown) return;
    writerReady(wk).then(() => {
      if (shuttingDown) return;
      readerRead(rk, {
        chunk: (chunk) => {
          currentWrite = handled(writerWrite(wk, chunk));
          queueTask(step);
        },
        close: () => {},
        error: () => {},
      });
    }, () => {});
  };
  step();
  return done.promise;
}

// ---- writable streams --------------------------------------------------------------------------

let writableRecord;
let writerRecord;
let wControllerRecord;

class WritableStream {
  #w;
  static {
    writableRecord = (o) => (o != null && typeof o === 'object' && #w in o ? o.#w : undefined);
  }
  constructor(sink = undefined, strategy = undefined) {
    if (sink !== undefined && sink !== kCreate && (sink === null || typeof sink !== 'object')) {
      throw codes.ERR_INVALID_ARG_TYPE('sink', 'Object', sink);
    }
    if (strategy !== undefined && (strategy === null || typeof strategy !== 'object')) {
      throw codes.ERR_INVALID_ARG_TYPE('strategy', 'Object', strategy);
    }
    this.#w = {
      obj: this, state: 'writable', storedError: undefined, writer: undefined, controller: undefined,
      inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
      pendingAbortRequest: undefined, writeRequests: [], backpressure: false,
    };
    if (sink === kCreate) return;
    if (sink !== undefined && sink.type !== undefined) throw argValue('property', 'sink.type', sink.type, undefined, RangeError);
    const start = methodOf(sink, 'start', 'sink');
    const write = methodOf(sink, 'write', 'sink');
    const close = methodOf(sink, 'close', 'sink');
    const abort = methodOf(sink, 'abort', 'sink');
    let ctl;
    setUpWritableController(this.#w,
      (obj) => {
        ctl = obj;
        return start === undefined ? undefined : Reflect.apply(start, sink, [obj]);
      },
      (chunk) => promiseCall(write, sink, chunk, ctl),
      () => promiseCall(close, sink),
      (reason) => promiseCall(abort, sink, reason),
      highWaterMarkOf(strategy, 1), sizeOf(strategy));
  }
  get locked() {
    const w = recordOfThis(writableRecord, this, 'WritableStream');
    return w.writer !== undefined;
  }
  abort(reason = undefined) {
    const w = writableRecord(this);
    if (!w) return rejected(codes.ERR_INVALID_THIS('WritableStream'));
    if (w.writer !== undefined) return rejected(invalidState('WritableStream is locked'));
    return writableAbort(w, reason);
  }
  close() {
    const w = writableRecord(this);
    if (!w) return rejected(codes.ERR_INVALID_THIS('WritableStream'));
    if (w.writer !== undefined) return rejected(invalidState('WritableStream is locked'));
    if (writableCloseQueuedOrInFlight(w)) return rejected(invalidState('Failure closing WritableStream'));
    return writableClose(w);
  }
  getWriter() {
    const w = recordOfThis(writableRecord, this, 'WritableStream');
    return new WritableStreamDefaultWriter(this);
  }
  [kInspect](depth, options) {
    const w = this.#w;
    return customInspect('WritableStream', { locked: w.writer !== undefined, state: w.state }, depth, options);
  }
}
Object.defineProperty(WritableStream.prototype, Symbol.toStringTag, { value: 'WritableStream', configurable: true });

function createWritable(start, write, close, abort, hwm, size) {
  const obj = new WritableStream(kCreate);
  const w = writableRecord(obj);
  setUpWritableController(w, start, write, close, abort, hwm, size);
  return w;
}

class WritableStreamDefaultController {
  #c;
  static {
    wControllerRecord = (o) => (o != null && typeof o === 'object' && #c in o ? o.#c : undefined);
  }
  constructor(key = undefined) {
    if (key !== kCreate) throw codes.ERR_ILLEGAL_CONSTRUCTOR();
  }
  static _attach(obj, c) {
    obj.#c = c;
  }
  get signal() {
    const c = recordOfThis(wControllerRecord, this, 'WritableStreamDefaultController');
    return c.abortController.signal;
  }
  error(e = undefined) {
    const c = recordOfThis(wControllerRecord, this, 'WritableStreamDefaultController');
    if (c.stream.state !== 'writable') return;
    wControllerError(c, e);
  }
  [kInspect](depth, options) {
    return customInspect('WritableStreamDefaultController', {}, depth, options);
  }
}
Object.defineProperty(WritableStreamDefaultController.prototype, Symbol.toStringTag, {
  value: 'WritableStreamDefaultController', configurable: true,
});

const kCloseSentinel = Symbol('close');

function setUpWritableController(w, start, write, close, abort, hwm, size) {
  const obj = new WritableStreamDefaultController(kCreate);
  const { AbortController } = require('internal/abort_controller');
  const c = {
    obj, stream: w, queue: [], queueTotalSize: 0, started: false, hwm, size, write, close, abort,
    abortController: new AbortController(),
  };
  WritableStreamDefaultController._attach(obj, c);
  w.controller = c;
  updateBackpressure(w, wControllerGetBackpressure(c));
  Promise.resolve(start(obj)).then(() => {
    c.started = true;
    wControllerAdvanceQueueIfNeeded(c);
  }, (e) => {
    c.started = true;
    writableDealWithRejection(w, e);
  });
}
function wClearAlgorithms(c) {
  c.write = undefined;
  c.close = undefined;
  c.abort = undefined;
  c.size = undefined;
}
function wControllerGetDesiredSize(c) {
  return c.hwm - c.queueTotalSize;
}
function wControllerGetBackpressure(c) {
  return wControllerGetDesiredSize(c) <= 0;
}
function wControllerError(c, e) {
  const w = c.stream;
  wClearAlgorithms(c);
  writableStartErroring(w, e);
}
function wControllerErrorIfNeeded(c, e) {
  if (c.stream.state === 'writable') wControllerError(c, e);
}
function wControllerGetChunkSize(c, chunk) {
  try {
    return c.size(chunk);
  } catch (e) {
    wControllerErrorIfNeeded(c, e);
    return 1;
  }
}
function wControllerWrite(c, chunk, size) {
  try {
    enqueueValueWithSize(c, chunk, size);
  } catch (e) {
    wControllerErrorIfNeeded(c, e);
    return;
  }
  const w = c.stream;
  if (!writableCloseQueuedOrInFlight(w) && w.state === 'writable') {
    updateBackpressure(w, wControllerGetBackpressure(c));
  }
  wControllerAdvanceQueueIfNeeded(c);
}
function wControllerClose(c) {
  enqueueValueWithSize(c, kCloseSentinel, 0);
  wControllerAdvanceQueueIfNeeded(c);
}
function wControllerAdvanceQueueIfNeeded(c) {
  const w = c.stream;
  if (!c.started || w.inFlightWriteRequest !== undefined) return;
  if (w.state === 'erroring') {
    writableFinishErroring(w);
    return;
  }
  if (c.queue.length === 0) return;
  const value = c.queue[0].value;
  if (value === kCloseSentinel) {
    // Process close.
    w.inFlightCloseRequest = w.closeRequest;
    w.closeRequest = undefined;
    dequeueValue(c);
    const sinkClose = c.close();
    wClearAlgorithms(c);
    sinkClose.then(() => writableFinishInFlightClose(w), (e) => writableFinishInFlightCloseWithError(w, e));
  } else {
    w.inFlightWriteRequest = w.writeRequests.shift();
    c.write(value).then(() => {
      writableFinishInFlightWrite(w);
      dequeueValue(c);
      if (!writableCloseQueuedOrInFlight(w) && w.state === 'writable') {
        updateBackpressure(w, wControllerGetBackpressure(c));
      }
      wControllerAdvanceQueueIfNeeded(c);
    }, (e) => {
      if (w.state === 'writable') wClearAlgorithms(c);
      writableFinishInFlightWriteWithError(w, e);
    });
  }
}

function writableAbort(w, reason) {
  if (w.state === 'closed' || w.state === 'errored') return Promise.resolve(undefined);
  w.controller.abortController.abort(reason);
  const state = w.state;
  if (state === 'closed' || state === 'errored') return Promise.resolve(undefined);
  if (w.pendingAbortRequest !== undefined) return w.pendingAbortRequest.promise;
  let wasAlreadyErroring = false;
  if (state === 'erroring') {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const d = deferred();
  w.pendingAbortRequest = { ...d, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) writableStartErroring(w, reason);
  return d.promise;
}
function writableClose(w) {
  const state = w.state;
  if (state === 'closed' || state === 'errored') {
    return rejected(invalidState('WritableStream is closed'));
  }
  const d = deferred();
  w.closeRequest = d;
  const writer = w.writer;
  if (writer !== undefined && w.backpressure && state === 'writable') writer.ready.resolve(undefined);
  wControllerClose(w.controller);
  return d.promise;
}
function writableAddWriteRequest(w) {
  const d = deferred();
  w.writeRequests.push(d);
  return d.promise;
}
function writableDealWithRejection(w, e) {
  if (w.state === 'writable') {
    writableStartErroring(w, e);
    return;
  }
  writableFinishErroring(w);
}
function writableStartErroring(w, reason) {
  const c = w.controller;
  w.state = 'erroring';
  w.storedError = reason;
  const writer = w.writer;
  if (writer !== undefined) writerEnsureReadyRejected(writer, reason);
  if (!writableHasOperationMarkedInFlight(w) && c.started) writableFinishErroring(w);
}
function writableFinishErroring(w) {
  w.state = 'errored';
  const c = w.controller;
  resetQueue(c);
  const storedError = w.storedError;
  settle(w, storedError);
  for (const req of w.writeRequests) req.reject(storedError);
  w.writeRequests = [];
  if (w.pendingAbortRequest === undefined) {
    writableRejectCloseAndClosedIfNeeded(w);
    return;
  }
  const abortRequest = w.pendingAbortRequest;
  w.pendingAbortRequest = undefined;
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.reject(storedError);
    writableRejectCloseAndClosedIfNeeded(w);
    return;
  }
  const result = c.abort === undefined ? Promise.resolve(undefined) : c.abort(abortRequest.reason);
  wClearAlgorithms(c);
  result.then(() => {
    abortRequest.resolve(undefined);
    writableRejectCloseAndClosedIfNeeded(w);
  }, (e) => {
    abortRequest.reject(e);
    writableRejectCloseAndClosedIfNeeded(w);
  });
}
function writableFinishInFlightWrite(w) {
  w.inFlightWriteRequest.resolve(undefined);
  w.inFlightWriteRequest = undefined;
}
function writableFinishInFlightWriteWithError(w, e) {
  w.inFlightWriteRequest.reject(e);
  w.inFlightWriteRequest = undefined;
  writableDealWithRejection(w, e);
}
function writableFinishInFlightClose(w) {
  w.inFlightCloseRequest.resolve(undefined);
  w.inFlightCloseRequest = undefined;
  if (w.state === 'erroring') {
    w.storedError = undefined;
    if (w.pendingAbortRequest !== undefined) {
      w.pendingAbortRequest.resolve(undefined);
      w.pendingAbortRequest = undefined;
    }
  }
  w.state = 'closed';
  settle(w);
  const writer = w.writer;
  if (writer !== undefined) writer.closed.resolve(undefined);
}
function writableFinishInFlightCloseWithError(w, e) {
  w.inFlightCloseRequest.reject(e);
  w.inFlightCloseRequest = undefined;
  if (w.pendingAbortRequest !== undefined) {
    w.pendingAbortRequest.reject(e);
    w.pendingAbortRequest = undefined;
  }
  writableDealWithRejection(w, e);
}
function writableCloseQueuedOrInFlight(w) {
  return w.closeRequest !== undefined || w.inFlightCloseRequest !== undefined;
}
function writableHasOperationMarkedInFlight(w) {
  return w.inFlightWriteRequest !== undefined || w.inFlightCloseRequest !== undefined;
}
function writableRejectCloseAndClosedIfNeeded(w) {
  if (w.closeRequest !== undefined) {
    w.closeRequest.reject(w.storedError);
    w.closeRequest = undefined;
  }
  const writer = w.writer;
  if (writer !== undefined) {
    writer.closed.reject(w.storedError);
    handled(writer.closed.promise);
  }
}
function updateBackpressure(w, backpressure) {
  const writer = w.writer;
  if (writer !== undefined && backpressure !== w.backpressure) {
    if (backpressure) writer.ready = deferred();
    else writer.ready.resolve(undefined);
  }
  w.backpressure = backpressure;
}

// ---- writers -----------------------------------------------------------------------------------

function rejectedDeferred(e) {
  const d = deferred();
  d.reject(e);
  handled(d.promise);
  return d;
}
function resolvedDeferred() {
  const d = deferred();
  d.resolve(undefined);
  return d;
}
function writerEnsureReadyRejected(k, e) {
  if (k.readyPending) k.ready.reject(e);
  else k.ready = rejectedDeferred(e);
  k.readyPending = false;
  handled(k.ready.promise);
}
function writerReady(k) {
  return k.ready.promise;
}
function writerRelease(k) {
  const w = k.stream;
  const e = invalidState('Writer has been released');
  writerEnsureReadyRejected(k, e);
  if (w.state === 'writable' || w.state === 'erroring') {
    // still pending: reject in place
    k.closed.reject(e);
  } else {
    k.closed = rejectedDeferred(e);
  }
  handled(k.closed.promise);
  w.writer = undefined;
  k.stream = undefined;
}
function writerWrite(k, chunk) {
  const w = k.stream;
  const c = w.controller;
  const size = wControllerGetChunkSize(c, chunk);
  if (w !== k.stream) return rejected(invalidState('Writer has been released'));
  const state = w.state;
  if (state === 'errored') return rejected(w.storedError);
  if (writableCloseQueuedOrInFlight(w) || state === 'closed') {
    return rejected(invalidState('WritableStream is closed'));
  }
  if (state === 'erroring') return rejected(w.storedError);
  const promise = writableAddWriteRequest(w);
  wControllerWrite(c, chunk, size);
  return promise;
}
function writerCloseWithErrorPropagation(k) {
  const w = k.stream;
  const state = w.state;
  if (writableCloseQueuedOrInFlight(w) || state === 'closed') return Promise.resolve(undefined);
  if (state === 'errored') return Promise.reject(w.storedError);
  return writableClose(w);
}

class WritableStreamDefaultWriter {
  #k;
  static {
    writerRecord = (o) => (o != null && typeof o === 'object' && #k in o ? o.#k : undefined);
  }
  constructor(stream) {
    const w = writableRecord(stream);
    if (!w) throw codes.ERR_INVALID_ARG_TYPE('stream', 'WritableStream', stream);
    if (w.writer !== undefined) throw invalidState('WritableStream is locked');
    const k = { obj: this, stream: w, ready: undefined, readyPending: false, closed: undefined };
    this.#k = k;
    // The ready promise's state is tracked so that erroring can reject it in place.
    const state = w.state;
    if (state === 'writable') {
      if (!writableCloseQueuedOrInFlight(w) && w.backpressure) {
        k.ready = deferred();
      } else {
        k.ready = resolvedDeferred();
      }
      k.closed = deferred();
    } else if (state === 'erroring') {
      k.ready = rejectedDeferred(w.storedError);
      k.closed = deferred();
    } else if (state === 'closed') {
      k.ready = resolvedDeferred();
      k.closed = resolvedDeferred();
    } else {
      k.ready = rejectedDeferred(w.storedError);
      k.closed = rejectedDeferred(w.storedError);
    }
    trackReady(k);
    w.writer = k;
  }
  get closed() {
    const k = writerRecord(this);
    if (!k) return rejected(codes.ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    return k.closed.promise;
  }
  get desiredSize() {
    const k = recordOfThis(writerRecord, this, 'WritableStreamDefaultWriter');
    if (k.stream === undefined) throw invalidState('Writer is not bound to a WritableStream');
    const state = k.stream.state;
    if (state === 'errored' || state === 'erroring') return null;
    if (state === 'closed') return 0;
    return wControllerGetDesiredSize(k.stream.controller);
  }
  get ready() {
    const k = writerRecord(this);
    if (!k) return rejected(codes.ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    return k.ready.promise;
  }
  abort(reason = undefined) {
    const k = writerRecord(this);
    if (!k) return rejected(codes.ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    if (k.stream === undefined) return rejected(invalidState('Writer is not bound to a WritableStream'));
    return writableAbort(k.stream, reason);
  }
  close() {
    const k = writerRecord(this);
    if (!k) return rejected(codes.ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    const w = k.stream;
    if (w === undefined) return rejected(invalidState('Writer is not bound to a WritableStream'));
    if (writableCloseQueuedOrInFlight(w)) return rejected(invalidState('Failure to close WritableStream'));
    return writableClose(w);
  }
  releaseLock() {
    const k = recordOfThis(writerRecord, this, 'WritableStreamDefaultWriter');
    if (k.stream === undefined) return;
    writerRelease(k);
  }
  write(chunk = undefined) {
    const k = writerRecord(this);
    if (!k) return rejected(codes.ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    if (k.stream === undefined) return rejected(invalidState('Writer is not bound to a WritableStream'));
    return writerWrite(k, chunk);
  }
  [kInspect](depth, options) {
    const k = this.#k;
    return customInspect('WritableStreamDefaultWriter', {
      stream: k.stream && k.stream.obj, close: k.closed.promise, ready: k.ready.promise,
      desiredSize: k.stream && k.stream.state === 'writable' ? wControllerGetDesiredSize(k.stream.controller) : null,
    }, depth, options);
  }
}
Object.defineProperty(WritableStreamDefaultWriter.prototype, Symbol.toStringTag, {
  value: 'WritableStreamDefaultWriter', configurable: true,
});
// `readyPending` says whether `ready` may still be settled in place (the spec's "pending").
function trackReady(k) {
  const watch = (d) => {
    k.readyPending = true;
    d.promise.then(() => { if (k.ready === d) k.readyPending = false; }, () => { if (k.ready === d) k.readyPending = false; });
  };
  let ready = k.ready;
  watch(ready);
  Object.defineProperty(k, 'ready', {
    get() { return ready; },
    set(d) {
      ready = d;
      watch(d);
    },
    enumerable: true,
  });
}

// ---- transform streams ---------------------------------------------------------------------------

let transformRecord;
let tControllerRecord;

class TransformStream {
  #t;
  static {
    transformRecord = (o) => (o != null && typeof o === 'object' && #t in o ? o.#t : undefined);
  }
  constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
    if (transformer !== undefined && (transformer === null || typeof transformer !== 'object')) {
      throw codes.ERR_INVALID_ARG_TYPE('transformer', 'Object', transformer);
    }
    if (transformer !== undefined && transformer.readableType !== undefined) {
      throw argValue('property', 'transformer.readableType', transformer.readableType, undefined, RangeError);
    }
    if (transformer !== undefined && transformer.writableType !== undefined) {
      throw argValue('property', 'transformer.writableType', transformer.writableType, undefined, RangeError);
    }
    const readableHwm = highWaterMarkOf(readableStrategy, 0);
    const readableSize = sizeOf(readableStrategy);
    const writableHwm = highWaterMarkOf(writableStrategy, 1);
    const writableSize = sizeOf(writableStrategy);
    const start = methodOf(transformer, 'start', 'transformer');
    const transform = methodOf(transformer, 'transform', 'transformer');
    const flush = methodOf(transformer, 'flush', 'transformer');
    const cancel = methodOf(transformer, 'cancel', 'transformer');
    const startPromise = deferred();
    const t = {
      obj: this, readable: undefined, writable: undefined, backpressure: undefined,
      backpressureChange: undefined, controller: undefined,
    };
    this.#t = t;
    initializeTransform(t, startPromise.promise, writableHwm, writableSize, readableHwm, readableSize);
    const ctlObj = new TransformStreamDefaultController(kCreate);
    const c = {
      obj: ctlObj, stream: t, finish: undefined,
      transform: transform === undefined
        ? (chunk) => {
          try {
            transformEnqueue(c, chunk);
            return Promise.resolve(undefined);
          } catch (e) {
            return Promise.reject(e);
          }
        }
        : (chunk) => promiseCall(transform, transformer, chunk, ctlObj),
      flush: () => promiseCall(flush, transformer, ctlObj),
      cancel: (reason) => promiseCall(cancel, transformer, reason),
    };
    TransformStreamDefaultController._attach(ctlObj, c);
    t.controller = c;
    try {
      startPromise.resolve(start === undefined ? undefined : Reflect.apply(start, transformer, [ctlObj]));
    } catch (e) {
      startPromise.reject(e);
      throw e;
    }
  }
  get readable() {
    const t = recordOfThis(transformRecord, this, 'TransformStream');
    return t.readable.obj;
  }
  get writable() {
    const t = recordOfThis(transformRecord, this, 'TransformStream');
    return t.writable.obj;
  }
  [kInspect](depth, options) {
    const t = this.#t;
    return customInspect('TransformStream', {
      readable: t.readable.obj, writable: t.writable.obj, backpressure: t.backpressure,
    }, depth, options);
  }
}
Object.defineProperty(TransformStream.prototype, Symbol.toStringTag, { value: 'TransformStream', configurable: true });

class TransformStreamDefaultController {
  #c;
  static {
    tControllerRecord = (o) => (o != null && typeof o === 'object' && #c in o ? o.#c : undefined);
  }
  constructor(key = undefined) {
    if (key !== kCreate) throw codes.ERR_ILLEGAL_CONSTRUCTOR();
  }
  static _attach(obj, c) {
    obj.#c = c;
  }
  get desiredSize() {
    const c = recordOfThis(tControllerRecord, this, 'TransformStreamDefaultController');
    return defaultDesiredSize(c.stream.readable.controller);
  }
  enqueue(chunk = undefined) {
    const c = recordOfThis(tControllerRecord, this, 'TransformStreamDefaultController');
    transformEnqueue(c, chunk);
  }
  error(reason = undefined) {
    const c = recordOfThis(tControllerRecord, this, 'TransformStreamDefaultController');
    transformError(c.stream, reason);
  }
  terminate() {
    const c = recordOfThis(tControllerRecord, this, 'TransformStreamDefaultController');
    transformTerminate(c.stream);
  }
  [kInspect](depth, options) {
    return customInspect('TransformStreamDefaultController', {}, depth, options);
  }
}
Object.defineProperty(TransformStreamDefaultController.prototype, Symbol.toStringTag, {
  value: 'TransformStreamDefaultController', configurable: true,
});

function initializeTransform(t, startPromise, writableHwm, writableSize, readableHwm, readableSize) {
  const start = () => startPromise;
  t.writable = createWritable(start,
    (chunk) => transformSinkWrite(t, chunk),
    () => transformSinkClose(t),
    (reason) => transformSinkAbort(t, reason),
    writableHwm, writableSize);
  t.readable = createReadable(start,
    () => {
      transformSetBackpressure(t, false);
      return t.backpressureChange.promise;
    },
    (reason) => transformSourceCancel(t, reason),
    readableHwm, readableSize);
  t.backpressure = undefined;
  t.backpressureChange = undefined;
  transformSetBackpressure(t, true);
}
function transformSetBackpressure(t, backpressure) {
  if (t.backpressureChange !== undefined) t.backpressureChange.resolve(undefined);
  t.backpressureChange = deferred();
  t.backpressure = backpressure;
}
function transformError(t, e) {
  defaultControllerError(t.readable.controller, e);
  transformErrorWritableAndUnblockWrite(t, e);
}
function transformErrorWritableAndUnblockWrite(t, e) {
  const c = t.controller;
  c.transform = undefined;
  c.flush = undefined;
  c.cancel = undefined;
  wControllerErrorIfNeeded(t.writable.controller, e);
  if (t.backpressure) transformSetBackpressure(t, false);
}
function transformEnqueue(c, chunk) {
  const t = c.stream;
  const rc = t.readable.controller;
  if (!defaultCanCloseOrEnqueue(rc)) throw invalidState('Unable to enqueue');
  try {
    defaultControllerEnqueue(rc, chunk);
  } catch (e) {
    transformErrorWritableAndUnblockWrite(t, e);
    throw t.readable.storedError;
  }
  const backpressure = !defaultShouldCallPull(rc) && defaultDesiredSize(rc) <= 0;
  if (backpressure !== t.backpressure) transformSetBackpressure(t, true);
}
function transformTerminate(t) {
  defaultControllerClose(t.readable.controller);
  transformErrorWritableAndUnblockWrite(t, invalidState('TransformStream has been terminated'));
}
function transformPerform(c, chunk) {
  return c.transform(chunk).then(undefined, (e) => {
    transformError(c.stream, e);
    throw e;
  });
}
function transformSinkWrite(t, chunk) {
  const c = t.controller;
  if (t.backpressure) {
    return t.backpressureChange.promise.then(() => {
      const w = t.writable;
      if (w.state === 'erroring') throw w.storedError;
      return transformPerform(c, chunk);
    });
  }
  return transformPerform(c, chunk);
}
function transformSinkAbort(t, reason) {
  const c = t.controller;
  if (c.finish !== undefined) return c.finish.promise;
  const r = t.readable;
  c.finish = deferred();
  const cancelPromise = c.cancel(reason);
  c.transform = undefined;
  c.flush = undefined;
  c.cancel = undefined;
  cancelPromise.then(() => {
    if (r.state === 'errored') c.finish.reject(r.storedError);
    else {
      defaultControllerError(r.controller, reason);
      c.finish.resolve(undefined);
    }
  }, (e) => {
    defaultControllerError(r.controller, e);
    c.finish.reject(e);
  });
  return c.finish.promise;
}
function transformSinkClose(t) {
  const c = t.controller;
  if (c.finish !== undefined) return c.finish.promise;
  const r = t.readable;
  c.finish = deferred();
  const flushPromise = c.flush();
  c.transform = undefined;
  c.flush = undefined;
  c.cancel = undefined;
  flushPromise.then(() => {
    if (r.state === 'errored') c.finish.reject(r.storedError);
    else {
      defaultControllerClose(r.controller);
      c.finish.resolve(undefined);
    }
  }, (e) => {
    defaultControllerError(r.controller, e);
    c.finish.reject(e);
  });
  return c.finish.promise;
}
function transformSourceCancel(t, reason) {
  const c = t.controller;
  if (c.finish !== undefined) return c.finish.promise;
  const w = t.writable;
  c.finish = deferred();
  const cancelPromise = c.cancel(reason);
  c.transform = undefined;
  c.flush = undefined;
  c.cancel = undefined;
  cancelPromise.then(() => {
    if (w.state === 'errored') c.finish.reject(w.storedError);
    else {
      wControllerErrorIfNeeded(w.controller, reason);
      if (t.backpressure) transformSetBackpressure(t, false);
      c.finish.resolve(undefined);
    }
  }, (e) => {
    wControllerErrorIfNeeded(w.controller, e);
    if (t.backpressure) transformSetBackpressure(t, false);
    c.finish.reject(e);
  });
  return c.finish.promise;
}

// ---- text and compression streams ----------------------------------------------------------------

class TextEncoderStream {
  #t;
  constructor() {
    const { TextEncoder } = require('internal/encoding');
    const encoder = new TextEncoder();
    let pending = '';
    this.#t = new TransformStream({
      transform(chunk, controller) {
        let s = pending + String(chunk);
        pending = '';
        const last = s.charCodeAt(s.length - 1);
        // A lone high surrogate at the end waits for its pair in the next chunk.
        if (last >= 0xd800 && last <= 0xdbff) {
          pending = s[s.length - 1];
          s = s.slice(0, -1);
        }
        if (s.length > 0) controller.enqueue(encoder.encode(s));
      },
      flush(controller) {
        if (pending) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
      },
    });
  }
  get encoding() {
    if (!(#t in this)) throw codes.ERR_INVALID_THIS('TextEncoderStream');
    return 'utf-8';
  }
  get readable() {
    if (!(#t in this)) throw codes.ERR_INVALID_THIS('TextEncoderStream');
    return this.#t.readable;
  }
  get writable() {
    if (!(#t in this)) throw codes.ERR_INVALID_THIS('TextEncoderStream');
    return this.#t.writable;
  }
  [kInspect](depth, options) {
    return customInspect('TextEncoderStream', {
      encoding: 'utf-8', readable: this.#t.readable, writable: this.#t.writable,
    }, depth, options);
  }
}
Object.defineProperty(TextEncoderStream.prototype, Symbol.toStringTag, { value: 'TextEncoderStream', configurable: true });

class TextDecoderStream {
  #t;
  #decoder;
  constructor(encoding = 'utf-8', options = {}) {
    const { TextDecoder } = require('internal/encoding');
    const decoder = new TextDecoder(encoding, options);
    this.#decoder = decoder;
    this.#t = new TransformStream({
      transform(chunk, controller) {
        const s = decoder.decode(chunk, { stream: true });
        if (s) controller.enqueue(s);
      },
      flush(controller) {
        const s = decoder.decode();
        if (s) controller.enqueue(s);
      },
    });
  }
  get encoding() {
    if (!(#t in this)) throw codes.ERR_INVALID_THIS('TextDecoderStream');
    return this.#decoder.encoding;
  }
  get fatal() {
    if (!(#t in this)) throw codes.ERR_INVALID_THIS('TextDecoderStream');
    return this.#decoder.fatal;
  }
  get ignoreBOM() {
    if (!(#t in this)) throw codes.ERR_INVALID_THIS('TextDecoderStream');
    return this.#decoder.ignoreBOM;
  }
  get readable() {
    if (!(#t in this)) throw codes.ERR_INVALID_THIS('TextDecoderStream');
    return this.#t.readable;
  }
  get writable() {
    if (!(#t in this)) throw codes.ERR_INVALID_THIS('TextDecoderStream');
    return this.#t.writable;
  }
  [kInspect](depth, options) {
    return customInspect('TextDecoderStream', {
      encoding: this.#decoder.encoding, fatal: this.#decoder.fatal, ignoreBOM: this.#decoder.ignoreBOM,
      readable: this.#t.readable, writable: this.#t.writable,
    }, depth, options);
  }
}
Object.defineProperty(TextDecoderStream.prototype, Symbol.toStringTag, { value: 'TextDecoderStream', configurable: true });

// A zlib stream (Node's) as a transform: chunks in, the bytes it gives out.
function zlibTransform(zstream) {
  let controller;
  let failed;
  zstream.on('data', (chunk) => controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  zstream.on('error', (e) => {
    failed = e;
    controller.error(e);
  });
  return new TransformStream({
    start(c) {
      controller = c;
    },
    transform(chunk) {
      if (!ArrayBuffer.isView(chunk) && !(chunk instanceof ArrayBuffer)) {
        throw codes.ERR_INVALID_ARG_TYPE('chunk', ['ArrayBuffer', 'ArrayBufferView'], chunk);
      }
      const bytes = ArrayBuffer.isView(chunk)
        ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : new Uint8Array(chunk);
      return new Promise((resolve, reject) => {
        zstream.write(Buffer.from(bytes), (e) => (e || failed ? reject(e || failed) : resolve()));
      });
    },
    flush() {
      return new Promise((resolve, reject) => {
        if (failed) {
          reject(failed);
          return;
        }
        zstream.once('end', resolve);
        zstream.once('error', reject);
        zstream.end();
      });
    },
    cancel() {
      zstream.destroy();
    },
  });
}
function compressionFormat(format) {
  const f = `${format}`;
  if (f !== 'deflate' && f !== 'deflate-raw' && f !== 'gzip') {
    throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The argument 'format' is invalid. Received ${require('util').inspect(format)}`);
  }
  return f;
}
// CompressionStream and DecompressionStream: a transform over the zlib stream `make` gives for
// the format.
function zlibStreamClass(name, make) {
  const C = class {
    #t;
    constructor(format) {
      this.#t = zlibTransform(make(require('zlib'), compressionFormat(format)));
    }
    get readable() {
      if (!(#t in this)) throw codes.ERR_INVALID_THIS(name);
      return this.#t.readable;
    }
    get writable() {
      if (!(#t in this)) throw codes.ERR_INVALID_THIS(name);
      return this.#t.writable;
    }
    [kInspect](depth, options) {
      return customInspect(name, { readable: this.#t.readable, writable: this.#t.writable }, depth, options);
    }
  };
  Object.defineProperty(C, 'name', { value: name, configurable: true });
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: name, configurable: true });
  return C;
}
const CompressionStream = zlibStreamClass('CompressionStream', (zlib, f) =>
  (f === 'gzip' ? zlib.createGzip() : f === 'deflate' ? zlib.createDeflate() : zlib.createDeflateRaw()));
const DecompressionStream = zlibStreamClass('DecompressionStream', (zlib, f) =>
  (f === 'gzip' ? zlib.createGunzip() : f === 'deflate' ? zlib.createInflate() : zlib.createInflateRaw()));

// Node's prototypes list their methods and accessors as enumerable (WebIDL).
for (const C of [ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest, ReadableByteStreamController, ReadableStreamDefaultController,
  TransformStream, TransformStreamDefaultController, WritableStream, WritableStreamDefaultWriter,
  WritableStreamDefaultController, ByteLengthQueuingStrategy, CountQueuingStrategy,
  TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream]) {
  for (const name of Object.getOwnPropertyNames(C.prototype)) {
    const d = Object.getOwnPropertyDescriptor(C.prototype, name);
    if (name !== 'constructor' && d.enumerable === false && typeof name === 'string') {
      d.enumerable = true;
      Object.defineProperty(C.prototype, name, d);
    }
  }
}

module.exports = {
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableByteStreamController,
  ReadableStreamDefaultController,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController,
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  TextEncoderStream,
  TextDecoderStream,
  CompressionStream,
  DecompressionStream,
};
// For other builtins (Blob's stream): not part of Node's API (`stream/web` exports the rest).
module.exports.internal = {
  isReadableStream, readableRecord, createReadableBytes, byteEnqueue, byteClose, byteError,
  isWritableStream: (v) => writableRecord(v) !== undefined,
  // fn() once the web stream `s` closes, fn(error) once it errors (now, if it has).
  whenSettled: (s, fn) => whenSettled(readableRecord(s) ?? writableRecord(s), fn),
};
