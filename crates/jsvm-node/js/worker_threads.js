// worker_threads: Worker, each a host of its own on a thread of its own (its own heap and
// event loop; see crates/jsvm-node/src/worker_binding.rs), and parentPort inside one. Values
// cross by copy (internal/serdes). Events from other threads arrive in the loop's poll phase
// (io.messages), each run as an I/O callback.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const EventEmitter = require('events');
const { Readable, Writable } = require('stream');
const { Buffer } = require('buffer');
const path = require('path');
const serdes = require('internal/serdes');
const { codes, makeError } = require('internal/errors');

const natives = binding.worker;
const io = binding.io;
const info = binding.workerInfo;
const isMainThread = info === undefined;

// Event types (kept in step with worker_binding.rs).
const EV_ONLINE = 1;
const EV_MESSAGE = 2;
const EV_ERROR = 3;
const EV_OOM = 4;
const EV_EXIT = 5;
const EV_PORT_READY = 6;
const EV_PORT_CLOSED = 7;
const EV_STDIO = 8;

const { serialize, deserialize } = serdes;

// Messages a port takes per notice (worker_binding.rs sends another while more wait).
const TAKE_PER_PORT = 256;

const kId = Symbol('kId');
const kRefed = Symbol('kRefed');
const kCounted = Symbol('kCounted');
const kExited = Symbol('kExited');
const kSync = Symbol('kSync');
const kLimits = Symbol('kLimits');

const workers = new Map(); // thread id -> Worker

// Adds or removes the handle's count in io.refs, which keeps the loop alive.
function countRef(handle, on) {
  if (handle[kCounted] === on) return;
  handle[kCounted] = on;
  io.refs += on ? 1 : -1;
}

function transferListOf(options) {
  if (Array.isArray(options)) return options;
  if (options !== null && typeof options === 'object') return options.transfer || options.transferList;
  return undefined;
}

class Worker extends EventEmitter {
  constructor(filename, options = {}) {
    super();
    if (options === null || typeof options !== 'object') {
      throw codes.ERR_INVALID_ARG_TYPE('options', 'of type object', options);
    }
    let kind = 'file';
    let main;
    if (options[binding.kModuleHooksWorker] === true) {
      // The hooks thread of `module.register` (internal/module_hooks_worker.js).
      kind = 'hooks';
      main = '';
    } else if (options.eval) {
      if (typeof filename !== 'string') {
        throw codes.ERR_INVALID_ARG_VALUE('options.eval', options.eval,
          'must be false when \'filename\' is not a string');
      }
      kind = 'eval';
      main = filename;
    } else {
      if (filename !== null && typeof filename === 'object' && typeof filename.href === 'string') {
        if (!filename.href.startsWith('file:')) {
          throw makeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
        }
        filename = decodeURIComponent(filename.pathname);
      } else if (typeof filename !== 'string') {
        throw codes.ERR_INVALID_ARG_TYPE('filename', ['string', 'URL'], filename);
      } else if (!path.isAbsolute(filename) && !/^\.\.?[\\/]/.test(filename)) {
        throw makeError(TypeError, 'ERR_WORKER_PATH',
          'The worker script or module filename must be an absolute path or a relative path ' +
          `starting with './' or '../'. Received "${filename}"`);
      }
      main = path.resolve(filename);
    }
    const envSource = options.env === undefined || options.env === null ? process.env : options.env;
    const env = [];
    for (const k of Object.keys(envSource)) env.push(k, String(envSource[k]));
    // workerData and the environment data (setEnvironmentData) as it is now.
    const [data, buffers] = serialize([options.workerData, [...environmentData]], options.transferList);
    const rl = options.resourceLimits || {};
    const limits = [rl.maxOldGenerationSizeMb, rl.maxYoungGenerationSizeMb, rl.codeRangeSizeMb,
      rl.stackSizeMb].map((x) => (typeof x === 'number' && x > 0 ? x : -1));
    const argv = Array.isArray(options.argv) ? options.argv.map(String) : [];
    // With `stdout: true` / `stderr: true` a worker's output comes through its parent, to the
    // streams here. Without, the worker writes to the process's own directly (Node routes it
    // through the parent then too): a worker's sends wait while its parent's queue is full,
    // and a parent asleep in Atomics.wait would never empty it.
    const stdio = [Boolean(options.stdin), Boolean(options.stdout), Boolean(options.stderr)];
    const id = natives.spawn({
      kind, main, argv, env, data, buffers, limits, stdio, name: options.name === undefined ? '' : String(options.name),
    });
    this[kId] = id;
    this[kRefed] = true;
    this[kCounted] = false;
    this[kExited] = false;
    Object.defineProperty(this, 'threadId', { value: id, enumerable: true, configurable: true });
    this[kLimits] = limitsObject(limits);
    this.stdin = stdio[0] ? stdinOf(id) : null;
    this.stdout = new Readable({ read() {} });
    this.stderr = new Readable({ read() {} });
    workers.set(id, this);
    countRef(this, true);
  }

  postMessage(value, transferList) {
    const [json, buffers] = serialize(value, transferListOf(transferList));
    if (!this[kExited]) natives.post(this[kId], json, buffers);
  }

  terminate(callback) {
    return new Promise((resolve) => {
      if (this[kExited]) {
        resolve(undefined);
        return;
      }
      this.once('exit', (code) => {
        if (typeof callback === 'function') callback(null, code);
        resolve(code);
      });
      natives.terminate(this[kId]);
    });
  }

  // The limits the worker runs under; none once it has exited, as in Node.
  get resourceLimits() {
    return this[kExited] ? {} : { ...this[kLimits] };
  }

  ref() {
    this[kRefed] = true;
    if (!this[kExited]) countRef(this, true);
  }

  unref() {
    this[kRefed] = false;
    countRef(this, false);
  }
}

// The limits as Node reports them. One heap holds everything here: its cap is
// maxOldGenerationSizeMb (512 when not set: worker_binding.rs's DEFAULT_WORKER_HEAP); the
// young generation and code range are reported as given (0 when not), and not enforced.
function limitsObject(limits) {
  const [old, young, code, stack] = limits;
  return {
    maxYoungGenerationSizeMb: young > 0 ? young : 0,
    maxOldGenerationSizeMb: old > 0 ? old : 512,
    codeRangeSizeMb: code > 0 ? code : 0,
    stackSizeMb: stack > 0 ? stack : 4,
  };
}

// worker.stdin: what is written reaches the worker's process.stdin; end() ends it.
function stdinOf(id) {
  return new Writable({
    write(chunk, encoding, callback) {
      natives.stdio(id, 0, typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
      callback();
    },
    final(callback) {
      natives.stdio(id, 0, undefined);
      callback();
    },
  });
}

function onWorkerEvent(type, [a, b]) {
  switch (type) {
    case EV_ONLINE:
      this.emit('online');
      break;
    case EV_MESSAGE:
      emitMessage.call(this, a, b);
      break;
    case EV_ERROR:
      this.emit('error', deserialize(a, b));
      break;
    case EV_OOM:
      this.emit('error', makeError(Error, 'ERR_WORKER_OUT_OF_MEMORY',
        'Worker terminated due to reaching memory limit: JS heap out of memory'));
      break;
    case EV_STDIO: {
      if (b !== undefined) (a === 1 ? this.stdout : this.stderr).push(Buffer.from(b));
      break;
    }
    case EV_EXIT:
      this.stdout.push(null);
      this.stderr.push(null);
      this[kExited] = true;
      countRef(this, false);
      workers.delete(this[kId]);
      natives.reap(this[kId]);
      this.emit('exit', a);
      break;
  }
}

// A port: one end of a MessageChannel (a port id of the process-wide table of
// worker_binding.rs, whose messages wait there until this port is started), or, with id 0,
// parentPort: the parent's end of a worker's channel, whose messages come as EV_MESSAGE. A
// 'message' listener starts the port and keeps the loop alive (unless unref()ed), as Node's
// ports do.
const kPort = Symbol('kPort');
const kStarted = Symbol('kStarted');
const kClosed = Symbol('kClosed');
const kOnmessage = Symbol('kOnmessage');
const kConstruct = Symbol('kConstruct');
const ports = new Map(); // port id -> MessagePort on this thread

class MessagePort extends EventEmitter {
  constructor(token, id) {
    if (token !== kConstruct) {
      throw makeError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');
    }
    super();
    this[kPort] = id;
    this[kRefed] = true;
    this[kCounted] = false;
    this[kStarted] = false;
    this[kClosed] = false;
    this[kOnmessage] = null;
    if (id !== 0) ports.set(id, this);
    this.on('newListener', (event) => {
      if (event !== 'message') return;
      this[kSync](true);
      this.start();
    });
    this.on('removeListener', (event) => {
      if (event === 'message') this[kSync](this.listenerCount('message') > 0);
    });
  }
  [kSync](listening) {
    countRef(this, listening && this[kRefed] && !this[kClosed]);
  }
  postMessage(value, transferList) {
    const list = transferListOf(transferList);
    if (list !== undefined && list !== null && Array.from(list).includes(this)) {
      throw serdes.dataCloneError('Transfer list contains source port');
    }
    const [json, buffers] = serialize(value, list);
    if (this[kPort] === 0) natives.post(0, json, buffers);
    else if (!this[kClosed]) natives.portPost(this[kPort], json, buffers);
  }
  ref() {
    this[kRefed] = true;
    this[kSync](this.listenerCount('message') > 0);
  }
  unref() {
    this[kRefed] = false;
    this[kSync](false);
  }
  start() {
    if (this[kStarted] || this[kClosed]) return;
    this[kStarted] = true;
    // Announces the messages already waiting, if any.
    if (this[kPort] !== 0) natives.portAttach(this[kPort]);
  }
  close() {
    if (this[kClosed]) return;
    if (this[kPort] === 0) {
      this[kRefed] = false;
      this[kSync](false);
      return;
    }
    // Both ends see 'close' from the loop, after the messages already sent.
    natives.portClose(this[kPort]);
  }
  get onmessage() {
    return this[kOnmessage] === null ? null : this[kOnmessage].handler;
  }
  set onmessage(handler) {
    if (this[kOnmessage] !== null) this.off('message', this[kOnmessage]);
    this[kOnmessage] = null;
    if (typeof handler !== 'function') return;
    const listener = (data) => handler.call(this, new MessageEvent('message', { data, target: this }));
    listener.handler = handler;
    this[kOnmessage] = listener;
    this.on('message', listener);
  }
}

// What onmessage handlers receive.
class MessageEvent {
  constructor(type, init = {}) {
    this.type = String(type);
    this.data = init.data;
    this.target = init.target === undefined ? null : init.target;
    this.ports = [];
  }
}

// The port's local life ends (closed, or sent to another thread).
function retire(port) {
  port[kClosed] = true;
  port[kSync](false);
  ports.delete(port[kPort]);
}

serdes.ports.isPort = (v) => (v instanceof MessagePort && v[kPort] !== 0 ? v[kPort] : undefined);
serdes.ports.detach = (port) => {
  retire(port);
  natives.portDetach(port[kPort]);
};
serdes.ports.adopt = (id) => {
  const port = new MessagePort(kConstruct, id);
  natives.portAttach(id);
  return port;
};

class MessageChannel {
  constructor() {
    const [a, b] = natives.channel();
    this.port1 = new MessagePort(kConstruct, a);
    this.port2 = new MessagePort(kConstruct, b);
  }
}

// A named channel: every BroadcastChannel of that name, on any thread, gets what one posts
// (not the poster). Its messages come like a started port's; an open channel keeps the loop
// alive unless unref()ed, as in Node. (Node's is an EventTarget; this one is an EventEmitter
// with onmessage, whose handler gets a MessageEvent.)
const kName = Symbol('kName');

class BroadcastChannel extends EventEmitter {
  constructor(name) {
    if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('name');
    super();
    this[kName] = String(name);
    this[kPort] = natives.broadcastJoin(this[kName]);
    this[kStarted] = true;
    this[kClosed] = false;
    this[kOnmessage] = null;
    this[kCounted] = false;
    ports.set(this[kPort], this);
    countRef(this, true);
  }
  get name() {
    return this[kName];
  }
  postMessage(message) {
    if (this[kClosed]) {
      const err = new Error('BroadcastChannel is closed.');
      err.name = 'InvalidStateError';
      err.code = 11;
      throw err;
    }
    const [json, buffers] = serialize(message);
    natives.broadcastPost(this[kPort], this[kName], json, buffers);
  }
  close() {
    if (this[kClosed]) return;
    this[kClosed] = true;
    countRef(this, false);
    ports.delete(this[kPort]);
    natives.broadcastLeave(this[kPort], this[kName]);
  }
  ref() {
    if (!this[kClosed]) countRef(this, true);
  }
  unref() {
    countRef(this, false);
  }
}
Object.defineProperty(BroadcastChannel.prototype, 'onmessage',
  Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage'));

// The next message waiting on `port`, as { message }, or undefined.
function receiveMessageOnPort(port) {
  if (!(port instanceof MessagePort)) {
    throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "port" argument must be a MessagePort instance');
  }
  if (port[kPort] === 0 || port[kClosed]) return undefined;
  const taken = natives.portTake(port[kPort], 1);
  if (taken.length === 0) return undefined;
  return { message: deserialize(taken[0], taken[1]) };
}

// Messages wait on a port: each is a message event of its own, once the port is started.
// One message per notice: the port's next one gets a notice behind those other ports already
// have, so messages to several ports are handled in the order they arrived (two
// BroadcastChannels of one name get a message in the order they were made).
function drainPort(port) {
  if (!port[kStarted] || port[kClosed]) return;
  const taken = natives.portTake(port[kPort], 1);
  for (let i = 0; i < taken.length; i += 2) io.callback(emitMessage, port, taken[i], taken[i + 1]);
}

// The channel was closed: what was sent before still arrives (if the port is started), then
// 'close'.
function onPortClosed() {
  const port = this;
  if (port[kStarted]) {
    for (;;) {
      const taken = natives.portTake(port[kPort], TAKE_PER_PORT);
      if (taken.length === 0) break;
      for (let i = 0; i < taken.length; i += 2) io.callback(emitMessage, port, taken[i], taken[i + 1]);
    }
  }
  retire(port);
  natives.portForget(port[kPort]);
  port.emit('close');
}

// Values every worker started from now on gets (a copy of), by key.
const environmentData = new Map();

function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}

function getEnvironmentData(key) {
  return environmentData.get(key);
}

// Node 20: a marked ArrayBuffer in a transfer list is copied, not moved.
function markAsUntransferable(object) {
  if ((typeof object === 'object' && object !== null) || typeof object === 'function') {
    serdes.untransferable.add(object);
  }
}

let parentPort = null;
let workerData = null;
let resourceLimits = {};
if (!isMainThread) {
  parentPort = new MessagePort(kConstruct, 0);
  let entries;
  [workerData, entries] = deserialize(info.data[0], info.data[1]);
  for (const [k, v] of entries) environmentData.set(k, v);
  resourceLimits = limitsObject(info.limits);
}

// One slice of the queue per poll (the native wakes the next poll when more wait), so a
// flood of messages cannot hold the loop.
function dispatch() {
  const events = natives.take();
  for (let i = 0; i < events.length; i += 4) {
    const type = events[i];
    const id = events[i + 1];
    if (type === EV_PORT_READY || type === EV_PORT_CLOSED) {
      const port = ports.get(id);
      if (port === undefined) continue;
      if (type === EV_PORT_READY) drainPort(port);
      else io.callback(onPortClosed, port);
      continue;
    }
    if (id === 0) {
      if (type === EV_MESSAGE && parentPort !== null) {
        io.callback(emitMessage, parentPort, events[i + 2], events[i + 3]);
      } else if (type === EV_STDIO) {
        const chunk = events[i + 3];
        io.callback(() => process.stdin.push(chunk === undefined ? null : Buffer.from(chunk)));
      }
      continue;
    }
    const worker = workers.get(id);
    if (worker !== undefined) {
      io.callback(onWorkerEvent, worker, type, events.slice(i + 2, i + 4));
    }
  }
}

// A message that cannot be read back here is a 'messageerror' (the heap's limit is not: it
// ends the worker, as in Node).
function emitMessage(json, buffers) {
  let value;
  try {
    value = deserialize(json, buffers);
  } catch (err) {
    if (binding.heapExhausted()) throw err;
    this.emit('messageerror', err);
    return;
  }
  this.emit('message', value);
}

io.messages = dispatch;

// A worker's uncaught error goes to its parent (bootstrap.js calls this before exiting).
function reportError(err) {
  let message;
  try {
    message = serialize(err);
  } catch {
    // Not cloneable: its inspection, as Node sends it. String() would run the value's code
    // (a proxy's traps, a toString) with no limit, and the worker would never end.
    message = serialize(require('util').inspect(err, { customInspect: false }));
  }
  natives.reportError(message[0], message[1]);
}

module.exports = {
  isMainThread,
  parentPort,
  workerData,
  threadId: isMainThread ? 0 : info.threadId,
  resourceLimits,
  Worker,
  MessageChannel,
  MessagePort,
  BroadcastChannel,
  receiveMessageOnPort,
  markAsUntransferable,
  setEnvironmentData,
  getEnvironmentData,
};
Object.defineProperty(module.exports, '_reportError', { value: reportError });
