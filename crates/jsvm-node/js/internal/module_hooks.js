'use strict';
// `module.register(specifier[, parentURL][, options])`, as Node 20: the hooks modules run on a
// thread of their own (a worker running internal/module_hooks_worker.js), and the ES module
// loader asks their `resolve` and `load` chain synchronously: it posts the request on a port and
// waits on a shared lock until the answer is there, as Node's HooksProxy does.

const { Worker, MessageChannel, receiveMessageOnPort } = require('worker_threads');
const { codes, makeError } = require('internal/errors');

let thread = null; // { worker, port, lock }
// The format each resolved URL was given (the load's `context.format`).
const formats = new Map();

function start() {
  // [answered, the hooks thread's exit code + 1 once it exits]
  const lock = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker('', {
    eval: true,
    [binding.kModuleHooksWorker]: true,
    workerData: { lock, port: port2 },
    transferList: [port2],
  });
  // The hooks thread keeps nothing alive: the program ends when its own work does.
  worker.unref();
  port1.unref();
  thread = { worker, port: port1, lock };
  binding.setModuleHooks(true);
  binding.moduleHooksActive = true;
}

// Sends a request to the hooks thread and waits for its answer.
function request(message, transferList) {
  const { port, lock, worker } = thread;
  Atomics.store(lock, 0, 0);
  port.postMessage(message, transferList);
  let got = receiveMessageOnPort(port);
  while (got === undefined) {
    // In slices: a hooks thread that ended (its code called process.exit, or it ran out of
    // memory) never answers, and its 'exit' event cannot run while this thread waits.
    const ended = Atomics.wait(lock, 0, 0, 100) === 'timed-out' && binding.worker.finished(worker.threadId);
    Atomics.store(lock, 0, 0);
    got = receiveMessageOnPort(port);
    // The hooks thread exited (process.exit in a hook): the process does, with its code, as
    // Node's does; ended without a code (out of memory), the request fails.
    const exited = Atomics.load(lock, 1);
    if (got === undefined && exited !== 0) process.exit(exited - 1);
    if (got === undefined && ended) {
      throw makeError(Error, 'ERR_INTERNAL_ASSERTION', 'The module hooks thread ended without answering');
    }
  }
  const answer = got.message;
  if (answer.error !== undefined) throw rebuildError(answer.error);
  return answer.result;
}

// An error of the hooks thread, made again here with its name, message, code and stack.
function rebuildError(e) {
  if (e === null || typeof e !== 'object' || !e.isError) return e.value;
  const Ctor = { TypeError, RangeError, SyntaxError, ReferenceError }[e.name] || Error;
  const err = new Ctor(e.message);
  if (e.name !== Ctor.name) {
    Object.defineProperty(err, 'name', { value: e.name, configurable: true, writable: true });
  }
  if (e.code !== undefined) err.code = e.code;
  if (typeof e.stack === 'string') {
    Object.defineProperty(err, 'stack', { value: e.stack, configurable: true, writable: true });
  }
  return err;
}

function toURLString(value, name) {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && typeof value.href === 'string') return value.href;
  throw codes.ERR_INVALID_ARG_TYPE(name, ['string', 'URL'], value);
}

function register(specifier, parentURL = undefined, options) {
  if (parentURL != null && typeof parentURL === 'object' && typeof parentURL.href !== 'string') {
    options = parentURL;
    parentURL = options.parentURL;
  }
  specifier = toURLString(specifier, 'specifier');
  parentURL = parentURL === undefined ? 'data:' : toURLString(parentURL, 'parentURL');
  const { data, transferList } = options ?? {};
  if (thread === null) start();
  return request({ type: 'register', specifier, parentURL, data }, transferList);
}

// The loader's resolve, through the hooks: the URL (the format kept for its load).
function resolve(specifier, parentURL) {
  // The importer: a module's URL, or a CommonJS file's path (its import() calls).
  let parent;
  if (typeof parentURL === 'string' && /^[a-z][a-z\d+.-]*:/i.test(parentURL)) parent = parentURL;
  else if (typeof parentURL === 'string' && parentURL.startsWith('/')) {
    parent = 'file://' + parentURL.replace(/%/g, '%25');
  }
  const { url, format } = request({ type: 'resolve', specifier, parentURL: parent });
  if (format != null) formats.set(url, format);
  return url;
}

// The loader's load, through the hooks: `{ format, source }` (source a string, or null).
function load(url) {
  const result = request({ type: 'load', url, format: formats.get(url) });
  if (typeof result.format !== 'string') {
    throw makeError(TypeError, 'ERR_UNKNOWN_MODULE_FORMAT', `Unknown module format: ${result.format} for URL ${url}`);
  }
  return result;
}

module.exports = { register, resolve, load };
