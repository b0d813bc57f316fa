// The jsvm host's bootstrap: process, the globals, builtin and CommonJS module loading, the
// event loop (nextTick, promise jobs, timers, immediates) and uncaught error reporting.
// Body of a function (exports, require, module, binding), called once by the Rust host
// (crates/jsvm-node/src/host.rs); its exports are the entry points the host calls.
'use strict';

// The global object, for the host and the builtins (binding.globalObject): a program may
// delete or replace `globalThis` (sandboxes that strip the global scope do).
const globalObject = globalThis;
binding.globalObject = globalObject;
// The engine's %ThrowTypeError%, Function.prototype's `caller` getter, before a program can
// replace it: QuickJS's returns undefined for a sloppy-mode ordinary function (one with a
// prototype) and throws for any other, the functions V8 gives own `arguments` and `caller`
// (util.inspect's showHidden shows them).
binding.callerGetter = Object.getOwnPropertyDescriptor(Function.prototype, 'caller').get;
const opts = binding.options;
// Set in a worker thread's host: { threadId, name, limits, data } (see js/worker_threads.js).
const workerInfo = binding.worker.info();
binding.workerInfo = workerInfo;
// The async context (js/async_hooks.js): `frame` is an immutable Map of AsyncLocalStorage ->
// store, or undefined. A callback given to nextTick, a timer, setImmediate or queueMicrotask
// runs in the frame that was current when it was scheduled; promise reactions carry it too
// (the frame is kept in the library's async context slot, see jsvm::engine::set_async_context).
const { asyncContextFrame, setAsyncContextFrame, enterAsyncContextFrame } = binding;
// `frame = f` sets the frame for good (`enterWith`): the async functions running now see it
// after their next `await`; `enter(f)` for a scope set back before any of them can suspend
// (`run`), which costs less. `sets` counts the former, for a scope to know whether one
// happened inside it (its outer frame must then be set back for good).
const asyncContext = {
  sets: 0,
  get frame() { return asyncContextFrame(); },
  set frame(frame) {
    asyncContext.sets++;
    setAsyncContextFrame(frame);
  },
  enter(frame) { enterAsyncContextFrame(frame); },
};
binding.asyncContext = asyncContext;
const kArrow = Symbol.for('jsvm.arrowMessage');
const kDecorated = Symbol.for('jsvm.decorated');
const kEnhanceStack = Symbol.for('jsvm.enhanceStackBeforeInspector');

// ---- builtin modules ---------------------------------------------------------------------

const builtinCache = Object.create(null);
const builtinFiles = new Set(binding.builtinNames());
// Builtins without a file of their own (a file js/a/b.js is the builtin 'a/b').
const specialBuiltins = new Set(['process', 'module', 'timers/promises']);

// Builtins that only `node:NAME` reaches (not listed in builtinModules), as in Node.
const schemeOnlyBuiltins = new Set(['test']);
// Node builtins jsvm cannot provide, and why: `require` fails saying so (when no package of
// that name is found), and they are not listed in builtinModules.
const unavailableBuiltins = {
  wasi: 'jsvm has no WebAssembly, which WASI programs are',
};

function canBeRequiredByUsers(name) {
  return !name.startsWith('internal/') && !name.startsWith('dev/') && !schemeOnlyBuiltins.has(name) &&
    (builtinFiles.has(name) || specialBuiltins.has(name));
}
function canBeRequiredWithScheme(name) {
  return schemeOnlyBuiltins.has(name) || canBeRequiredByUsers(name);
}

function unknownBuiltin(name) {
  const why = Object.prototype.hasOwnProperty.call(unavailableBuiltins, name) ? ` (${unavailableBuiltins[name]})` : '';
  const err = new Error(`No such built-in module: node:${name}${why}`);
  err.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
  return err;
}

function requireBuiltin(name) {
  name = String(name);
  if (name.startsWith('node:')) name = name.slice(5);
  const cached = builtinCache[name];
  if (cached !== undefined) return cached.exports;
  if (!builtinFiles.has(name)) {
    if (name === 'process') return process;
    if (name === 'module') return Module;
    if (name === 'timers/promises') return requireBuiltin('timers').promises;
    throw unknownBuiltin(name);
  }
  const fn = binding.compileBuiltin(name);
  const m = { exports: {}, id: name, loaded: false };
  builtinCache[name] = m;
  try {
    fn.call(m.exports, m.exports, requireBuiltin, m, binding);
  } catch (e) {
    delete builtinCache[name];
    throw e;
  }
  m.loaded = true;
  return m.exports;
}
// Whether a builtin has been loaded (a module can put off loading another until needed).
requireBuiltin.isLoaded = function isLoaded(name) {
  return builtinCache[name] !== undefined;
};

const EventEmitter = requireBuiltin('events');
const path = requireBuiltin('path');

let utilModule = null;
function util() {
  if (utilModule === null) utilModule = requireBuiltin('util');
  return utilModule;
}
function inspect(v, o) {
  try {
    return util().inspect(v, o);
  } catch {
    try { return String(v && v.stack || v); } catch { return '[value]'; }
  }
}

// ---- errors with Node's codes ------------------------------------------------------------

function describeReceived(v) {
  if (v == null) return ` Received ${v}`;
  if (typeof v === 'function') return ` Received function ${v.name}`;
  if (typeof v === 'object') {
    const name = v.constructor && v.constructor.name;
    if (name) return ` Received an instance of ${name}`;
    return ` Received ${inspect(v, { depth: -1 })}`;
  }
  let shown = inspect(v, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof v} (${shown})`;
}

function codedError(Ctor, code, message) {
  const err = new Ctor(message);
  err.code = code;
  fixStackHeader(err, `${err.name} [${code}]`);
  return err;
}

// Node shows `TypeError [CODE]: message` on the stack's first line.
function fixStackHeader(err, header) {
  try {
    const stack = err.stack;
    if (typeof stack === 'string' && stack.startsWith(err.name)) {
      Object.defineProperty(err, 'stack', {
        value: header + stack.slice(err.name.length),
        writable: true, configurable: true, enumerable: false,
      });
    } else if (typeof stack === 'string') {
      Object.defineProperty(err, 'stack', {
        value: `${header}: ${err.message}\n${stack}`,
        writable: true, configurable: true, enumerable: false,
      });
    }
  } catch {}
}

function invalidArgType(name, expected, value) {
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be ${expected}.${describeReceived(value)}`);
}

function validateFunction(fn, name) {
  if (typeof fn !== 'function') throw invalidArgType(name, 'of type function', fn);
}

// ---- process -----------------------------------------------------------------------------

const processProto = Object.create(EventEmitter.prototype, {
  constructor: { value: function process() {}, writable: true, configurable: true },
  [Symbol.toStringTag]: { value: 'process', configurable: true },
});
const process = Object.create(processProto);
EventEmitter.call(process);

const pid = opts.pid;
const versionNumber = opts.version.slice(1);

function defineValue(obj, key, value, enumerable = true) {
  Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable });
}

defineValue(process, 'title', 'jsvm');
defineValue(process, 'version', opts.nodeVersion);
defineValue(process, 'versions', {
  node: opts.nodeVersion.slice(1), jsvm: versionNumber, quickjs: opts.engineVersion,
});
defineValue(process, 'arch', opts.arch);
defineValue(process, 'platform', opts.platform);
defineValue(process, 'release', { name: 'jsvm' });
defineValue(process, 'argv0', 'jsvm');
defineValue(process, 'execPath', opts.execPath);
defineValue(process, 'execArgv', opts.execArgv.slice());
defineValue(process, 'argv', [opts.execPath]);
defineValue(process, 'env', binding.env());
defineValue(process, 'pid', pid);
defineValue(process, 'ppid', opts.ppid);
defineValue(process, 'exitCode', undefined);
defineValue(process, 'config', { variables: {} });
defineValue(process, 'features', { inspector: false, ipv6: true, tls: false });
defineValue(process, 'moduleLoadList', []);
// Made when first read (v8flags reads it to list the flags it may pass on), then a value.
Object.defineProperty(process, 'allowedNodeEnvironmentFlags', {
  get() {
    const flags = requireBuiltin('internal/node_env_flags').allowedNodeEnvironmentFlags();
    defineValue(this, 'allowedNodeEnvironmentFlags', flags);
    return flags;
  },
  set(value) { defineValue(this, 'allowedNodeEnvironmentFlags', value); },
  enumerable: true, configurable: true,
});
defineValue(process, '_exiting', false);
if (opts.execArgv.includes('--no-deprecation')) process.noDeprecation = true;

process.cwd = function cwd() { return binding.cwd(); };
process.chdir = function chdir(dir) {
  if (typeof dir !== 'string') throw invalidArgType('directory', 'of type string', dir);
  binding.chdir(dir);
};
process.uptime = function uptime() { return binding.now() / 1000; };
process.hrtime = function hrtime(prev) {
  const [s, ns] = binding.hrtime();
  if (prev !== undefined) {
    if (!Array.isArray(prev)) throw invalidArgType('time', 'an instance of Array', prev);
    let ds = s - prev[0];
    let dns = ns - prev[1];
    if (dns < 0) { ds -= 1; dns += 1e9; }
    return [ds, dns];
  }
  return [s, ns];
};
process.hrtime.bigint = function bigint() {
  const [s, ns] = binding.hrtime();
  return BigInt(s) * 1000000000n + BigInt(ns);
};
process.memoryUsage = function memoryUsage() { return binding.memoryUsage(); };
process.memoryUsage.rss = function rss() { return binding.memoryUsage().rss; };
const usageFields = ['userCPUTime', 'systemCPUTime', 'maxRSS', 'sharedMemorySize',
  'unsharedDataSize', 'unsharedStackSize', 'minorPageFault', 'majorPageFault', 'swappedOut',
  'fsRead', 'fsWrite', 'ipcSent', 'ipcReceived', 'signalsCount', 'voluntaryContextSwitches',
  'involuntaryContextSwitches'];
process.resourceUsage = function resourceUsage() {
  const values = binding.rusage();
  const usage = {};
  usageFields.forEach((name, i) => { usage[name] = values[i]; });
  return usage;
};
process.cpuUsage = function cpuUsage(prevValue) {
  const [user, system] = binding.rusage();
  if (!prevValue) return { user, system };
  const errors = requireBuiltin('internal/errors');
  const valid = (n) => typeof n === 'number' && n >= 0 && n <= Number.MAX_SAFE_INTEGER;
  for (const key of ['user', 'system']) {
    if (valid(prevValue[key])) continue;
    if (key === 'user') errors.validateObject(prevValue, 'prevValue');
    errors.validateNumber(prevValue[key], `prevValue.${key}`);
    const err = errors.codes.ERR_INVALID_ARG_VALUE(`prevValue.${key}`, prevValue[key]);
    throw errors.makeError(RangeError, err.code, err.message);
  }
  return { user: user - prevValue.user, system: system - prevValue.system };
};
// A builtin module by name (`node:` names too), or undefined: nothing of the file system.
process.getBuiltinModule = function getBuiltinModule(id) {
  if (typeof id !== 'string') throw invalidArgType('id', 'of type string', id);
  const name = id.startsWith('node:') ? id.slice(5) : id;
  const known = id.startsWith('node:') ? canBeRequiredByUsers(name) : Module.isBuiltin(id);
  return known ? requireBuiltin(name) : undefined;
};

// Node's older process API, still there in Node 20.
defineValue(process, 'debugPort', 9229);
process.openStdin = function openStdin() {
  process.stdin.resume();
  return process.stdin;
};
let processAssertWarned = false;
process.assert = function assert(value, message) {
  if (!processAssertWarned) {
    processAssertWarned = true;
    process.emitWarning('process.assert() is deprecated. Please use the `assert` module instead.',
      'DeprecationWarning', 'DEP0100');
  }
  if (!value) throw codedError(Error, 'ERR_ASSERTION', message || 'assertion error');
};

process.loadEnvFile = function loadEnvFile(path) {
  requireBuiltin('internal/dotenv').loadEnvFile(path);
};
process.getuid = function getuid() { return binding.ids()[0]; };
process.geteuid = function geteuid() { return binding.ids()[1]; };
process.getgid = function getgid() { return binding.ids()[2]; };
process.getegid = function getegid() { return binding.ids()[3]; };
process.getgroups = function getgroups() { return binding.groups(); };
process.umask = function umask(mask) {
  if (mask === undefined) return binding.umask(-1);
  const errors = requireBuiltin('internal/errors');
  let value = mask;
  if (typeof mask === 'string') {
    if (!/^[0-7]+$/.test(mask)) {
      throw errors.codes.ERR_INVALID_ARG_VALUE('mask', mask,
        'must be a 32-bit unsigned integer or an octal string');
    }
    value = parseInt(mask, 8);
  }
  errors.validateUint32(value, 'mask');
  return binding.umask(value & 0o777);
};
process.abort = function abort() {
  if (workerInfo !== undefined) {
    throw codedError(TypeError, 'ERR_WORKER_UNSUPPORTED_OPERATION',
      'process.abort() is not supported in workers');
  }
  binding.abortProcess(6 /* SIGABRT */);
};
// As Node's: a pid equal to its int32 (so '123' too), a signal an int32 (0 too) or a name
// (a falsy one: SIGTERM).
process.kill = function kill(pid, sig) {
  // eslint-disable-next-line eqeqeq
  if (pid != (pid | 0)) throw invalidArgType('pid', 'of type number', pid);
  let n;
  if (sig === (sig | 0)) {
    n = sig;
  } else {
    sig = sig || 'SIGTERM';
    n = signalTable()[sig];
    if (!n) {
      const shown = requireBuiltin('util').format('%s', sig);
      throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${shown}`);
    }
  }
  const err = binding.kill(pid | 0, n);
  if (err !== 0) throw errnoException(err, 'kill');
  return true;
};

// Node's ErrnoException: `${syscall} ${code}`, with errno (negative), code and syscall; its
// stack starts at the caller.
const captureStackTrace = Error.captureStackTrace;
function errnoException(err, syscall) {
  let code = 'UNKNOWN';
  try {
    code = binding.os.uvErrname(err)[0];
  } catch {}
  const e = new Error(`${syscall} ${code}`);
  Object.assign(e, { errno: err, code, syscall });
  if (typeof captureStackTrace === 'function') captureStackTrace(e, errnoException);
  return e;
}

function exitCodeOf(code) {
  if (code === undefined || code === null) return 0;
  const n = Number(code);
  return Number.isInteger(n) ? n | 0 : 0;
}

// The 'exit' event, once: listeners see the exit code; one that throws is an uncaught error.
function emitExit() {
  if (process._exiting) return;
  process._exiting = true;
  try {
    process.emit('exit', exitCodeOf(process.exitCode));
  } catch (e) {
    uncaught(e);
  }
}

process.exit = function exit(code) {
  if (code !== undefined) process.exitCode = code;
  emitExit();
  // Through the property, as Node: tools replace it to run their own exit work (signal-exit,
  // which nyc writes its coverage with, when process.exit is called inside an 'exit' listener).
  process.reallyExit(exitCodeOf(process.exitCode));
  binding.reallyExit(exitCodeOf(process.exitCode));
};
process.reallyExit = function reallyExit(code) { binding.reallyExit(exitCodeOf(code)); };

// nextTick queue
let tickQueue = [];
let tickHead = 0;
process.nextTick = function nextTick(callback, ...args) {
  validateFunction(callback, 'callback');
  if (process._exiting) return;
  tickQueue.push({ callback, args, frame: asyncContext.frame });
};

function isatty(fd) {
  const info = binding.ttyInfo(fd);
  return info !== undefined && info[0];
}

// A terminal is a tty.WriteStream / tty.ReadStream (loaded only then); a pipe or file is a
// plain stream without isTTY or color methods, as in Node.
const ttyStdio = [];
function makeWritable(fd, write, notTty) {
  if (!notTty && isatty(fd)) {
    const tty = new (requireBuiltin('tty').WriteStream)(fd);
    tty._isStdio = true;
    ttyStdio.push(tty);
    return tty;
  }
  return new SyncWriteStream(fd, write);
}

// A pipe's or file's stdout or stderr: written at once, as Node's SyncWriteStream (a file) and
// blocking pipe socket write. Its methods are its class's, as Node's are its stream class's
// (loggers tell a stream a program replaced `write` of from one they may write to by fd
// themselves: pino), without loading the stream module at start.
const kWriteOut = Symbol('kWriteOut');
const kEnded = Symbol('kEnded');
class SyncWriteStream extends EventEmitter {
  constructor(fd, write) {
    super();
    this.fd = fd;
    this.writable = true;
    this.readable = false;
    this._isStdio = true;
    this[kWriteOut] = write;
    this[kEnded] = false;
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw invalidArgType('chunk', 'of type string or an instance of Buffer or Uint8Array', chunk);
    }
    if (typeof chunk === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8') {
      chunk = requireBuiltin('buffer').Buffer.from(chunk, encoding);
    }
    if (this[kEnded]) {
      // Written between end() and its finish: refused (console's writes are lost there, as
      // Node's), told to a callback and to 'error' listeners.
      const err = codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
      process.nextTick(() => {
        if (typeof cb === 'function') cb(err);
        if (this.listenerCount('error') > 0) this.emit('error', err);
      });
      return false;
    }
    this[kWriteOut](chunk);
    if (typeof cb === 'function') process.nextTick(cb, null);
    return true;
  }

  // Node's stdio streams finish, then come back: their destroy is a dummy that undoes itself,
  // so writing works again after the 'finish' (stdout is never closed).
  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    if (this[kEnded]) {
      if (typeof cb === 'function') process.nextTick(cb, null);
      return this;
    }
    this[kEnded] = true;
    process.nextTick(() => {
      this.emit('finish');
      if (typeof cb === 'function') cb(null);
      this[kEnded] = false;
      process.nextTick(() => this.emit('close'));
    });
    return this;
  }

  cork() {}
  uncork() {}
  setDefaultEncoding() { return this; }
  // Node's stdio streams are never closed: destroying one tells its listeners and leaves it
  // writable.
  destroy(err) {
    process.nextTick(() => {
      if (err) this.emit('error', err);
      this.emit('close');
    });
    return this;
  }
  destroySoon(err) { return this.destroy(err); }
  _destroy(err, cb) { cb(err); }
  // What Node's Writable shows of a stream that writes at once: nothing is ever buffered.
  get writableLength() { return 0; }
  get writableHighWaterMark() { return 16384; }
  get writableNeedDrain() { return false; }
  get writableObjectMode() { return false; }
  get writableCorked() { return 0; }
  get writableEnded() { return this[kEnded]; }
  get writableFinished() { return this[kEnded]; }
  get destroyed() { return false; }
}
// A worker whose parent asked for its stdout/stderr as streams (`new Worker(f, { stdout:
// true })`) sends what it writes there; with `stdin: true`, its process.stdin is what the
// parent writes to `worker.stdin` (fed by worker_threads.js).
const workerStdio = workerInfo === undefined ? [false, false, false] : workerInfo.stdio;
function toParent(fd) {
  return (chunk) => {
    const bytes = typeof chunk === 'string' ? requireBuiltin('buffer').Buffer.from(chunk) : chunk;
    binding.worker.stdio(0, fd, bytes);
  };
}
defineValue(process, 'stdout', workerStdio[1] ? makeWritable(1, toParent(1), true)
  : makeWritable(1, (s) => binding.writeStdout(s)));
defineValue(process, 'stderr', workerStdio[2] ? makeWritable(2, toParent(2), true)
  : makeWritable(2, (s) => binding.writeStderr(s)));
// process.stdin, made on first use as in Node: a terminal is a tty.ReadStream, anything else a
// net.Socket; both read through internal/fd_reader.js.
function makeStdin() {
  if (workerInfo) return Object.assign(new EventEmitter(), { fd: 0 });
  if (isatty(0)) return new (requireBuiltin('tty').ReadStream)(0);
  const net = requireBuiltin('net');
  const reader = requireBuiltin('internal/fd_reader');
  const { id, ours } = reader.openFdReader(0);
  if (id < 0) return Object.assign(new EventEmitter(), { fd: 0 });
  const stdin = new net.Socket({ handle: id, readable: true, writable: false, pauseOnCreate: true });
  stdin.fd = 0;
  reader.readLazily(stdin, ours);
  return stdin;
}
let stdinStream;
if (workerStdio[0]) {
  const { Readable } = requireBuiltin('stream');
  const stdin = Object.assign(new Readable({ read() {} }), { fd: 0 });
  // Read from, it keeps the worker alive until the parent ends it.
  let held = false;
  stdin.on('newListener', (event) => {
    if (!held && (event === 'data' || event === 'readable')) {
      held = true;
      binding.io.refs++;
    }
  });
  stdin.once('end', () => {
    if (held) binding.io.refs--;
  });
  defineValue(process, 'stdin', stdin);
} else {
  Object.defineProperty(process, 'stdin', {
    get() {
      if (stdinStream === undefined) stdinStream = makeStdin();
      return stdinStream;
    },
    configurable: true,
    enumerable: true,
  });
}
process._rawDebug = function (...args) { binding.writeStderr(util().format(...args) + '\n'); };

// Warnings
let warningHintShown = false;
process.emitWarning = function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor; code = type.code; detail = type.detail; type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type; code = undefined; type = 'Warning';
  }
  if (type === undefined) type = 'Warning';
  if (typeof code === 'function') { ctor = code; code = undefined; }
  if (typeof warning === 'string') {
    const w = new Error(warning);
    w.name = String(type);
    if (code !== undefined) w.code = code;
    if (detail !== undefined) w.detail = detail;
    warning = w;
  } else if (!(warning instanceof Error)) {
    throw invalidArgType('warning', 'of type string or an instance of Error', warning);
  }
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  process.nextTick(() => process.emit('warning', warning));
};
process.on('warning', (warning) => {
  if (opts.noWarnings) return;
  if (opts.disabledWarnings.includes(warning.code) || opts.disabledWarnings.includes(warning.name)) return;
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  let msg = `(node:${pid}) `;
  if (warning.code) msg += `[${warning.code}] `;
  msg += `${warning.name}: ${warning.message}`;
  if (typeof warning.detail === 'string') msg += `\n${warning.detail}`;
  if (!warningHintShown) {
    warningHintShown = true;
    const flag = warning.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
    msg += `\n(Use \`jsvm ${flag} ...\` to show where the warning was created)`;
  }
  binding.writeStderr(msg + '\n');
});

// Signals (as Node's internal/process/signal): the first listener for a signal's name starts
// watching it (SIGKILL and SIGSTOP cannot be: `uv_signal_start EINVAL`), and the process no
// longer dies of it; the loop emits it as process.emit(name, name, number). When its last
// listener goes, the signal's default action comes back. A watched signal does not keep the
// loop alive. A real SIGINT without listeners kills the process (or reaches the REPL).
let signalNumbers = null; // os.constants.signals, a copy without a prototype
const watchedSignals = new Map(); // name -> number
function signalTable() {
  if (signalNumbers === null) signalNumbers = Object.assign({ __proto__: null }, binding.signals);
  return signalNumbers;
}
function signalNumber(type) {
  return typeof type === 'string' ? signalTable()[type] : undefined;
}
function stopWatching(type) {
  const n = watchedSignals.get(type);
  if (n !== undefined && process.listenerCount(type) === 0) {
    watchedSignals.delete(type);
    // Another name of the same signal (SIGIOT is SIGABRT's) may still be listened to.
    for (const m of watchedSignals.values()) if (m === n) return;
    binding.watchSignal(n, false);
  }
}
function syncSignals() {
  for (const type of watchedSignals.keys()) stopWatching(type);
}
process.on('newListener', function startListeningIfSignal(type) {
  const n = signalNumber(type);
  if (n === undefined || watchedSignals.has(type)) return;
  const err = binding.watchSignal(n, true);
  if (err !== 0) throw errnoException(err, 'uv_signal_start');
  watchedSignals.set(type, n);
});
process.on('removeListener', function stopListeningIfSignal(type) {
  stopWatching(type);
});
// As Node's: stdout and stderr on a terminal re-read its size on SIGWINCH and emit 'resize'
// (readline redraws its line on it).
for (const stream of ttyStdio) process.on('SIGWINCH', () => stream._refreshSize());

function checkSignals() {
  const came = binding.takeSignals();
  if (came === undefined) return;
  for (let i = 0; i < came.length; i++) {
    const n = came[i];
    // Each name of the signal listened to (in the order they started) emits it.
    const types = [];
    for (const [type, m] of watchedSignals) {
      if (m === n && process.listenerCount(type) > 0) types.push(type);
    }
    // A SIGINT whose listeners went meanwhile ends the process as it would have.
    if (types.length === 0 && n === 2) binding.reallyExit(130);
    for (const type of types) {
      try {
        process.emit(type, type, n);
      } catch (e) {
        uncaught(e);
      }
      processTicksAndRejections();
    }
  }
}

// ---- uncaught errors -----------------------------------------------------------------------

const sources = new Map(); // filename -> source text, for code that is not in a file
function sourceLines(file) {
  if (sources.has(file)) return sources.get(file).split('\n');
  let p = file;
  if (p.startsWith('file://')) p = decodeURIComponent(p.slice(7));
  if (!p.startsWith('/')) return null;
  try {
    return binding.readFile(p, true).split('\n');
  } catch {
    return null;
  }
}

// The engine's own SyntaxError (a compile or link error), told apart without running code of
// what a program threw (`instanceof` runs a proxy's getPrototypeOf trap, with no limit).
function isCompileError(e) {
  return e !== null && typeof e === 'object' && binding.getProxyDetails(e) === undefined &&
    Object.getPrototypeOf(e) === SyntaxError.prototype;
}

function isErrorLike(e) {
  if (e === null || typeof e !== 'object') return false;
  // A proxy (a context's rejection or throw) is shown as its target, by inspect: asking it
  // anything here would run its traps, with no limit, in the host's error path.
  if (binding.getProxyDetails(e) !== undefined) return false;
  if (e instanceof Error) return true;
  return Object.prototype.toString.call(e) === '[object Error]' || typeof e.stack === 'string';
}

const frameRe = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

// Node's "arrow": where the error was thrown, the source line, a caret under the spot.
// A stack in code's own format (`Error.prepareStackTrace`) may have no frames, or mapped
// ones: the library keeps where such an error was made ("line:col:file").
const kMadeAt = Symbol.for('jsvm.madeAt');
// Where an error caught was thrown again (`try { f() } catch (e) { throw e }`): Node's arrow
// marks the last throw (a rejection's, where the error was made).
const kThrownAt = Symbol.for('jsvm.thrownAt');
function positionsOf(err, fromPromise) {
  const out = [];
  let thrownAt;
  if (!fromPromise) {
    try { thrownAt = Object.getOwnPropertyDescriptor(err, kThrownAt)?.value; } catch {}
  }
  const thrown = typeof thrownAt === 'string' && /^(\d+):(\d+):([^]*)$/.exec(thrownAt);
  if (thrown) out.push([thrown[3], thrown[1], thrown[2]]);
  let madeAt;
  try { madeAt = err[kMadeAt]; } catch {}
  const made = typeof madeAt === 'string' && /^(\d+):(\d+):([^]*)$/.exec(madeAt);
  if (made) out.push([made[3], made[1], made[2]]);
  let stack;
  try { stack = err.stack; } catch { return out; }
  if (typeof stack !== 'string') return out;
  for (const line of stack.split('\n')) {
    const m = frameRe.exec(line);
    if (m) out.push([m[1], m[2], m[3]]);
  }
  return out;
}

// Line `lineNo` of `file`: code run from a string (-e, a module compiled from text, a vm
// script) as it was compiled, else the file on disk.
function sourceLineOf(file, rawFile, lineNo) {
  const lines = sourceLines(file);
  if (lines) return lines[lineNo - 1];
  return binding.sourceLine(rawFile, lineNo);
}

// `thrown`: where a value that is no error was thrown (nothing of it is read: a proxy's traps
// would run, with no limit).
function arrowOf(err, fromPromise, thrown) {
  for (const [rawFile, lineText, colText] of thrown ? [thrown] : positionsOf(err, fromPromise)) {
    const file = binding.displayFilename(rawFile);
    if (file.startsWith('node:')) return '';
    const lineNo = Number(lineText);
    let text = sourceLineOf(file, rawFile, lineNo);
    if (text === undefined || text === null) return '';
    text = text.replace(/\r$/, '');
    let col = Number(colText) - 1;
    // QuickJS places `new X()` at X; Node at `new`.
    const before = /\bnew\s+$/.exec(text.slice(0, col));
    if (before) col = before.index;
    // QuickJS places a failed property read or call at the start of the expression; Node at
    // the property (`null.foo`: under foo; `a.b()` not a function: under b).
    let message = '';
    if (!thrown) try { message = String(err.message); } catch {}
    let m2 = /\(reading '([^']+)'\)$/.exec(message) || /^cannot read property '([^']+)' of/.exec(message);
    let prop = m2 ? m2[1] : null;
    if (!prop) {
      m2 = /^([\w$.]+) is not a function$/.exec(message);
      if (m2) prop = m2[1].split('.').pop();
    }
    if (prop) {
      const at = text.indexOf(`.${prop}`, col);
      if (at >= 0) col = at + 1;
    }
    if (!fromPromise && !file.startsWith('file://')) {
      // The statement throwing it, where the error was made in it (the library's rule).
      col = binding.throwArrowColumn(text, Math.max(col, 0));
    }
    if (col < 0) col = 0;
    let pad = '';
    for (let i = 0; i < col && i < text.length; i++) pad += text[i] === '\t' ? '\t' : ' ';
    return `${file}:${lineNo}\n${text}\n${pad}^\n`;
  }
  return '';
}

// Node shows an uncaught value as it is, not as its own [util.inspect.custom] would (a
// compiler's error class may print only part of itself there), and deeper than by default.
function uncaughtInspectOptions() {
  const depth = util().inspect.defaultOptions.depth;
  return { customInspect: false, depth: Math.max(typeof depth === 'number' ? depth : 2, 5) };
}

const kPromiseThrowArrow =
  'node:internal/process/promises:391\n    triggerUncaughtException(err, true /* fromPromise */);\n    ^\n';

function formatUncaught(err, fromPromise) {
  if (isErrorLike(err)) {
    let arrow = '';
    let decorated = false;
    try { decorated = !!err[kDecorated]; } catch {}
    if (!decorated) {
      try { arrow = err[kArrow] || ''; } catch {}
      if (!arrow) arrow = arrowOf(err, fromPromise);
      // A rejection with an error that says where it was made nowhere (no frame: Promise.any's
      // AggregateError, a stack code replaced): Node's arrow is its own throw of it.
      if (!arrow && fromPromise && util().types.isNativeError(err) &&
          positionsOf(err, fromPromise).length === 0) {
        arrow = kPromiseThrowArrow;
      }
    }
    try {
      const enhance = err[kEnhanceStack];
      if (typeof enhance === 'function') {
        delete err[kEnhanceStack];
        err.stack = enhance();
      }
    } catch {}
    return `${arrow ? `${arrow}\n` : ''}${inspect(err, uncaughtInspectOptions())}\n`;
  }
  // Any other value: where code threw it, when the library knows (its last such throw).
  const thrown = fromPromise ? undefined : binding.thrownAt(err);
  const arrow = thrown ? arrowOf(err, false, thrown) : '';
  if (err !== null && (typeof err === 'object' || typeof err === 'function')) {
    return `\n${arrow}${inspect(err, uncaughtInspectOptions())}\n`;
  }
  let text;
  try { text = String(err); } catch { text = '<toString() threw exception>'; }
  return `\n${arrow}${text}\n(Use \`jsvm --trace-uncaught ...\` to show where the exception was thrown)\n`;
}

function fatal(err, fromPromise) {
  if (!process._exiting) {
    process._exiting = true;
    process.exitCode = 1;
    try {
      process.emit('exit', 1);
    } catch {}
  }
  // A worker's uncaught error is its parent's 'error' event (its heap's limit: Node's
  // ERR_WORKER_OUT_OF_MEMORY, whatever the engine threw).
  if (workerInfo !== undefined) {
    if (binding.heapExhausted()) binding.worker.reportOom();
    else requireBuiltin('worker_threads')._reportError(err);
  } else {
    binding.writeStderr(formatUncaught(err, fromPromise));
    if (abortOnUncaught) binding.abortProcess(6 /* SIGABRT */);
  }
  binding.reallyExit(exitEmitted ? exitCodeOf(process.exitCode) : 1);
}

// process.setUncaughtExceptionCaptureCallback's function: called instead of 'uncaughtException'.
let exceptionCapture = null;
binding.domainCapture = null;
process.domain = null;
process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback(fn) {
  if (fn === null) {
    exceptionCapture = null;
    return;
  }
  if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function or null', fn);
  if (exceptionCapture !== null) {
    throw codedError(Error, 'ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET',
      '`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active');
  }
  exceptionCapture = fn;
};
// Node's internal bindings, the few of its allowlist that programs read: spawn_sync
// (js/child_process.js), which tools that watch child processes replace a method of (nyc);
// `tty_wrap` (the TTY handle readline-sync switches raw mode with, js/tty.js);
// `util`, Node's legacy wrapper of its type checks; and of `fs` the two functions module loaders
// read (the `esm` loader: a path's kind, the real path). Each call makes a new object, as Node's
// legacy wrappers do.
const kLegacyUtilChecks = [
  'isExternal', 'isDate', 'isNativeError', 'isRegExp', 'isAsyncFunction', 'isPromise', 'isMap',
  'isSet', 'isMapIterator', 'isSetIterator', 'isArrayBuffer', 'isDataView', 'isAnyArrayBuffer',
  'isArrayBufferView', 'isTypedArray', 'isUint8Array',
];
process.binding = function binding(name) {
  name = `${name}`;
  if (name === 'spawn_sync') return requireBuiltin('child_process')._spawnSyncBinding;
  if (name === 'util') {
    const types = util().types;
    const checks = {};
    for (const check of kLegacyUtilChecks) checks[check] = types[check];
    return checks;
  }
  if (name === 'fs') {
    return {
      // 0 for a file, 1 for a folder, a negative errno otherwise.
      internalModuleStat(filename) {
        return Module._stat(filename);
      },
      realpath(filename, encoding) {
        return requireBuiltin('fs').realpathSync.native(filename, encoding);
      },
    };
  }
  if (name === 'tty_wrap') return requireBuiltin('tty')._ttyWrap();
  throw new Error(`No such module: ${name}`);
};
process.hasUncaughtExceptionCaptureCallback = function hasUncaughtExceptionCaptureCallback() {
  return exceptionCapture !== null;
};
// Node then keeps the source maps of the files it loads, for its stack traces and
// module.findSourceMap; jsvm keeps none (as with --enable-source-maps, accepted and ignored).
process.setSourceMapsEnabled = function setSourceMapsEnabled(val) {
  if (typeof val !== 'boolean') throw invalidArgType('val', 'of type boolean', val);
};

// --abort-on-uncaught-exception: V8 aborts at a throw nothing catches (before any
// 'uncaughtException' listener; not when a capture callback is set), Node's report of an
// unhandled rejection ends in an abort too.
const abortOnUncaught = opts.execArgv.some(
  (a) => a === '--abort-on-uncaught-exception' || a === '--abort_on_uncaught_exception');

// A data property of `o` or its prototypes, read without running code (no getter, no proxy
// trap: a context's value may be thrown here, in the host's error path).
function plainData(o, key) {
  for (let p = o, n = 0; p !== null && n < 64; p = Object.getPrototypeOf(p), n++) {
    if (binding.getProxyDetails(p) !== undefined) return undefined;
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d !== undefined) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}

// V8's words for the thrown value in its abort report: an error's `Name: message`, an object's
// `#<Constructor>`, a primitive's string.
function abortHeader(err) {
  if (err === null || (typeof err !== 'object' && typeof err !== 'function')) {
    return typeof err === 'symbol' ? err.toString() : String(err);
  }
  if (binding.getProxyDetails(err) !== undefined) return '#<Object>';
  if (util().types.isNativeError(err)) {
    const name = plainData(err, 'name');
    const message = plainData(err, 'message');
    const n = typeof name === 'string' ? name : 'Error';
    const m = typeof message === 'string' ? message : '';
    return n && m ? `${n}: ${m}` : n || m;
  }
  const ctor = plainData(err, 'constructor');
  const cname = typeof ctor === 'function' ? plainData(ctor, 'name') : undefined;
  return `#<${(typeof cname === 'string' && cname) || 'Object'}>`;
}

// The frames of V8's report (`FROM`, the stack where the value was thrown): the error's, without
// their `at `, the first one at the `throw` when the library knows where that was.
function abortFrames(err) {
  if (err === null || typeof err !== 'object' || !util().types.isNativeError(err) ||
      binding.getProxyDetails(err) !== undefined) return '';
  const stack = plainData(err, 'stack');
  if (typeof stack !== 'string') return '';
  const frames = stack.split('\n').filter((l) => /^ {4}at /.test(l)).map((l) => l.slice(7));
  const thrown = binding.thrownAt(err);
  if (thrown && frames.length > 0) {
    const [file, line, col] = thrown;
    const at = `${file}:${line}:${col}`;
    frames[0] = /\)$/.test(frames[0])
      ? frames[0].replace(/\([^()]*\)$/, `(${at})`)
      : at;
  }
  return frames.join('\n');
}

let inUncaughtHandler = false;
function uncaught(err, fromPromise) {
  // The engine's refusal of an allocation for the memory limit (its "out of memory" error, or
  // `null`): fatal in Node, which never hands its heap limit to JavaScript.
  if (binding.isHeapLimitError(err)) {
    if (workerInfo !== undefined) {
      binding.worker.reportOom();
      binding.reallyExit(1);
    }
    binding.writeStderr('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n');
    binding.reallyExit(134);
  }
  if (abortOnUncaught && !fromPromise && workerInfo === undefined && exceptionCapture === null) {
    binding.writeStderr(`Uncaught ${abortHeader(err)}\n\nFROM\n${abortFrames(err)}`);
    binding.abortProcess(5 /* SIGTRAP */);
  }
  // Through `process._fatalException`, as Node goes: programs wrap it (the `esm` loader).
  let handled;
  const handler = process._fatalException;
  try {
    handled = typeof handler === 'function'
      ? handler.call(process, err, !!fromPromise)
      : onGlobalUncaughtException(err, fromPromise);
  } catch (e2) {
    binding.writeStderr(formatUncaught(e2, false));
    binding.reallyExit(7);
  }
  if (!handled) fatal(err, fromPromise);
}

// Node's handler of an uncaught error: true when something took it.
function onGlobalUncaughtException(err, fromPromise) {
  const original = err;
  const origin = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  try {
    process.emit('uncaughtExceptionMonitor', err, origin);
  } catch {}
  // The active domain's 'error' listeners come first (js/domain.js); an error its handler
  // throws is the one that goes on.
  if (binding.domainCapture !== null) {
    try {
      if (binding.domainCapture(err)) return true;
    } catch (e2) {
      err = e2;
    }
  }
  // The capture callback (domain's) or the 'uncaughtException' listeners take the error; one
  // that throws ends the process (Node's exit code 7). The event is emitted even with no
  // listener, as Node does (a wrapper of process.emit may take it: source-map-support's).
  if (!inUncaughtHandler) {
    inUncaughtHandler = true;
    let taken;
    try {
      taken = exceptionCapture !== null
        ? (exceptionCapture(err), true)
        : process.emit('uncaughtException', err, origin);
    } catch (e2) {
      binding.writeStderr(formatUncaught(e2, false));
      binding.reallyExit(7);
    } finally {
      inUncaughtHandler = false;
    }
    if (taken) return true;
  }
  // Nothing took it: the error that goes on is the one printed.
  if (err !== original) fatal(err, fromPromise);
  return false;
}
Object.defineProperty(process, '_fatalException', {
  value: (er, fromPromise) => onGlobalUncaughtException(er, fromPromise),
  writable: true, enumerable: true, configurable: true,
});

// ---- promise rejections ---------------------------------------------------------------------

const pendingRejections = new Map(); // promise -> { reason, uid }, not (yet) handled
const reportedRejections = new WeakMap(); // promise -> uid
let lastPromiseId = 0;

exports.onRejection = function onRejection(promise, reason, handled) {
  if (!handled) {
    // A module graph's link error (an `import()` of a graph missing an export) and
    // `Promise.any`'s AggregateError are made from a job, with no frame: their words and stack
    // are settled before anything sees them.
    binding.settleJobError(reason);
    pendingRejections.set(promise, { reason, uid: ++lastPromiseId });
  } else if (pendingRejections.has(promise)) {
    pendingRejections.delete(promise);
  } else if (reportedRejections.has(promise)) {
    const uid = reportedRejections.get(promise);
    reportedRejections.delete(promise);
    process.nextTick(() => {
      process.emit('rejectionHandled', promise);
      process.emitWarning(`Promise rejection was handled asynchronously (rejection id: ${uid})`,
        'PromiseRejectionHandledWarning');
    });
  }
};

class UnhandledPromiseRejection extends Error {
  constructor(reason) {
    super('This error originated either by throwing inside of an async function without a ' +
      'catch block, or by rejecting a promise which was not handled with .catch(). The promise ' +
      `rejected with the reason "${inspect(reason)}".`);
    this.code = 'ERR_UNHANDLED_REJECTION';
  }
}
Object.defineProperty(UnhandledPromiseRejection.prototype, 'name', {
  value: 'UnhandledPromiseRejection', writable: true, configurable: true,
});

function processPromiseRejections() {
  if (pendingRejections.size === 0) return false;
  const list = Array.from(pendingRejections);
  pendingRejections.clear();
  const mode = opts.unhandledRejections || 'throw';
  for (const [promise, { reason, uid }] of list) {
    reportedRejections.set(promise, uid);
    const rejectionError = () => {
      if (isErrorLike(reason)) return reason;
      const err = new UnhandledPromiseRejection(reason);
      Object.defineProperty(err, kArrow, {
        value: 'node:internal/process/promises:389\n      new UnhandledPromiseRejection(reason);\n      ^\n',
        configurable: true,
      });
      return err;
    };
    // `--unhandled-rejections=strict`: an uncaught exception first, then the event.
    if (mode === 'strict') uncaught(rejectionError(), true);
    let handled = false;
    try {
      handled = process.emit('unhandledRejection', reason, promise);
    } catch (e) {
      uncaught(e);
      continue;
    }
    switch (mode) {
      case 'none':
        break;
      case 'warn':
        unhandledRejectionWarning(uid, reason);
        break;
      case 'strict':
      case 'warn-with-error-code':
        if (!handled) {
          unhandledRejectionWarning(uid, reason);
          if (mode === 'warn-with-error-code') process.exitCode = 1;
        }
        break;
      default:
        if (!handled) uncaught(rejectionError(), true);
    }
  }
  return true;
}

// The warnings of an unhandled rejection that does not end the process (Node's
// emitUnhandledRejectionWarning): the reason (its stack), then what happened.
function unhandledRejectionWarning(uid, reason) {
  const name = 'UnhandledPromiseRejectionWarning';
  const warning = new Error('Unhandled promise rejection. This error originated either by ' +
    'throwing inside of an async function without a catch block, or by rejecting a promise ' +
    'which was not handled with .catch(). To terminate the node process on unhandled promise ' +
    'rejection, use the CLI flag `--unhandled-rejections=strict` (see ' +
    'https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). ' +
    `(rejection id: ${uid})`);
  warning.name = name;
  const text = (value) => {
    try { return `${value}`; } catch { return '[object Object]'; }
  };
  try {
    if (reason instanceof Error || isErrorLike(reason)) {
      warning.stack = reason.stack;
      process.emitWarning(reason.stack, name);
    } else {
      process.emitWarning(text(reason), name);
    }
  } catch {
    try { process.emitWarning(text(reason), name); } catch {}
  }
  process.emitWarning(warning);
}

function runMicrotasks() {
  for (;;) {
    try {
      binding.runMicrotasks();
      return;
    } catch (e) {
      uncaught(e);
    }
  }
}

function processTicksAndRejections() {
  do {
    while (tickHead < tickQueue.length) {
      const tock = tickQueue[tickHead];
      tickQueue[tickHead++] = undefined;
      const outer = asyncContext.frame;
      asyncContext.frame = tock.frame;
      try {
        const { callback, args } = tock;
        if (args.length === 0) callback();
        else callback(...args);
      } catch (e) {
        uncaught(e);
      }
      asyncContext.frame = outer;
    }
    tickQueue = [];
    tickHead = 0;
    runMicrotasks();
  } while (tickHead < tickQueue.length || processPromiseRejections());
}
// After a callback of the loop's, as Node's `runNextTicks`: with no tick queued and no rejection
// to report, the microtasks run directly (natively in Node: no frame of the tick queue's under
// them); otherwise the tick queue's function runs both.
function runNextTicks() {
  if (tickHead >= tickQueue.length && pendingRejections.size === 0) runMicrotasks();
  if (tickHead >= tickQueue.length && pendingRejections.size === 0) return;
  processTicksAndRejections();
}
// Node's name for running the tick queue now (old code calls it after emitting).
process._tickCallback = function _tickCallback() { processTicksAndRejections(); };

// ---- timers and immediates -------------------------------------------------------------------

const TIMEOUT_MAX = 2 ** 31 - 1;
// The loop's clock is in whole milliseconds and cached per loop iteration, as libuv's; a new
// timer starts at the current time (Node reads the clock when it schedules one). Node does a
// millisecond or more of work between the end of the main module and its loop's first timers
// phase, so a 0 ms timer set by the main module is usually due by then (timeout before
// immediate): the first iteration's clock counts that millisecond.
let loopNow = Math.floor(binding.now());
let firstIteration = true;
function updateNow() {
  loopNow = Math.floor(binding.now());
  if (firstIteration) {
    firstIteration = false;
    loopNow += 1;
  }
  return loopNow;
}
function timerStart() { return Math.max(loopNow, Math.floor(binding.now())); }

const kRefed = Symbol('refed');
const kId = Symbol('timerId');
let timerSeq = 0;
let refedTimers = 0;
const timerList = []; // active timers sorted by (due, seq)
const timersById = new Map();

function dueOf(t) { return t._idleStart + t._idleTimeout; }

function insertTimer(t) {
  t._seq = ++timerSeq;
  const due = dueOf(t);
  let lo = 0;
  let hi = timerList.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const o = timerList[mid];
    const od = dueOf(o);
    if (od < due || (od === due && o._seq < t._seq)) lo = mid + 1;
    else hi = mid;
  }
  timerList.splice(lo, 0, t);
  t._active = true;
  if (t[kRefed]) refedTimers++;
}

function removeTimer(t) {
  if (!t._active) return;
  const i = timerList.indexOf(t);
  if (i >= 0) timerList.splice(i, 1);
  t._active = false;
  if (t[kRefed]) refedTimers--;
}

function normalizeDelay(after) {
  after = Number(after);
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      process.emitWarning(`${after} does not fit into a 32-bit signed integer.\n` +
        'Timeout duration was set to 1.', 'TimeoutOverflowWarning');
    }
    after = 1;
  }
  return after;
}

class Timeout {
  constructor(callback, after, args, isRepeat) {
    after = normalizeDelay(after);
    this._idleTimeout = after;
    this._idleStart = timerStart();
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    this._frame = asyncContext.frame;
    this[kRefed] = true;
    this[kId] = 0;
    insertTimer(this);
  }
  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (this._active) refedTimers++;
    }
    return this;
  }
  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (this._active) refedTimers--;
    }
    return this;
  }
  hasRef() { return this[kRefed]; }
  refresh() {
    if (this._active) {
      removeTimer(this);
      this._idleStart = timerStart();
      insertTimer(this);
    }
    return this;
  }
  close() {
    clearTimeout(this);
    return this;
  }
  [Symbol.toPrimitive]() {
    if (this[kId] === 0) {
      this[kId] = ++timerSeq;
      timersById.set(this[kId], this);
    }
    return this[kId];
  }
}
Object.defineProperty(Timeout.prototype, Symbol.dispose, {
  value() { clearTimeout(this); }, configurable: true, writable: true,
});

function setTimeout(callback, after, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, after, args, false);
}
function setInterval(callback, repeat, ...args) {
  validateFunction(callback, 'callback');
  return new Timeout(callback, repeat, args, true);
}
function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    timer._destroyed = true;
    removeTimer(timer);
    if (timer[kId]) timersById.delete(timer[kId]);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const t = timersById.get(Number(timer));
    if (t) clearTimeout(t);
  }
}
const clearInterval = clearTimeout;

function processTimers() {
  const now = loopNow;
  let ran = false;
  while (timerList.length > 0) {
    const t = timerList[0];
    if (dueOf(t) > now) break;
    if (ran) runNextTicks();
    ran = true;
    removeTimer(t);
    if (t._destroyed) continue;
    const start = t._repeat !== null ? timerStart() : 0;
    const outer = asyncContext.frame;
    asyncContext.frame = t._frame;
    try {
      const args = t._timerArgs;
      if (args.length === 0) t._onTimeout();
      else t._onTimeout(...args);
    } catch (e) {
      if (t._repeat === null) t._destroyed = true;
      uncaught(e);
    }
    asyncContext.frame = outer;
    if (t._repeat !== null && !t._destroyed && !t._active) {
      t._idleTimeout = t._repeat;
      t._idleStart = start;
      insertTimer(t);
    } else if (!t._active) {
      t._destroyed = true;
      if (t[kId]) timersById.delete(t[kId]);
    }
  }
  if (ran) runNextTicks();
}

// ms until the first timer is due (-1: none)
function nextTimerDelay() {
  if (timerList.length === 0) return -1;
  return Math.max(0, dueOf(timerList[0]) - Math.floor(binding.now()));
}

let immediateQueue = [];
let refedImmediates = 0;

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._frame = asyncContext.frame;
    this[kRefed] = true;
    refedImmediates++;
    immediateQueue.push(this);
  }
  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (!this._destroyed) refedImmediates++;
    }
    return this;
  }
  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed) refedImmediates--;
    }
    return this;
  }
  hasRef() { return this[kRefed]; }
}

function setImmediate(callback, ...args) {
  validateFunction(callback, 'callback');
  return new Immediate(callback, args);
}
function clearImmediate(immediate) {
  if (!immediate || immediate._destroyed || !(immediate instanceof Immediate)) return;
  immediate._destroyed = true;
  if (immediate[kRefed]) refedImmediates--;
  immediate._onImmediate = null;
}

function processImmediate() {
  if (immediateQueue.length === 0) return;
  const queue = immediateQueue;
  immediateQueue = [];
  let ran = false;
  for (const im of queue) {
    if (im._destroyed) continue;
    if (ran) runNextTicks();
    ran = true;
    im._destroyed = true;
    if (im[kRefed]) refedImmediates--;
    const outer = asyncContext.frame;
    asyncContext.frame = im._frame;
    try {
      // As a method of the immediate, as Node calls it (its `this`, and V8's frame
      // `Immediate.cb [as _onImmediate]`).
      const args = im._argv;
      if (args.length === 0) im._onImmediate();
      else im._onImmediate(...args);
    } catch (e) {
      uncaught(e);
    }
    asyncContext.frame = outer;
  }
  if (ran) runNextTicks();
}

// ---- I/O: sockets (js/net.js sets io.poll when a program first uses one) ---------------------
// io.refs counts the open, ref'd handles; io.poll(ms) waits up to ms (-1: no limit) for I/O, a
// signal or the next timer and runs the I/O callbacks through io.callback; io.closing holds
// handles' close callbacks, run after the check phase as libuv's closing phase.
// io.messages (set by js/worker_threads.js) runs the events other threads sent, after the poll.
const io = { refs: 0, poll: null, closing: [], messages: null };
io.callback = function ioCallback(fn, self, a, b) {
  try {
    fn.call(self, a, b);
  } catch (e) {
    uncaught(e);
  }
  runNextTicks();
};
binding.io = io;

function runClosing() {
  while (io.closing.length > 0) {
    const queue = io.closing;
    io.closing = [];
    for (let i = 0; i < queue.length; i += 2) io.callback(queue[i], queue[i + 1]);
  }
}

function loopAlive() {
  return refedTimers > 0 || refedImmediates > 0 || io.refs > 0 || io.closing.length > 0;
}

function checkTimeout() {
  // Past --timeout: spin until the engine's interrupt stops the program.
  if (binding.timedOut()) for (;;) {}
}

// Atomics.waitAsync: the waits a notify woke (from any thread, which wakes the poll) or that
// are due are settled after the poll, as Node runs V8's tasks for them; a pending wait does not
// keep the loop alive, but the next one due bounds the poll's wait.
function settleAtomicsWaits() {
  if (binding.settleAtomicsWaits() === 0) return false;
  runNextTicks();
  return true;
}

function pollDelay() {
  const timer = nextTimerDelay();
  const due = binding.atomicsWaitDelay();
  if (due < 0) return timer;
  return timer < 0 ? Math.ceil(due) : Math.min(timer, Math.ceil(due));
}

// One loop iteration: timers, poll (wait for the next timer or a signal), check (immediates).
function loopIteration(mayBlock) {
  updateNow();
  processTimers();
  const pendingImmediates = immediateQueue.some((im) => !im._destroyed);
  if (mayBlock && !pendingImmediates && io.closing.length === 0 && loopAlive()) {
    syncSignals();
    // The time waiting is the loop's idle time (perf_hooks' eventLoopUtilization).
    const idleFrom = binding.now();
    const delay = pollDelay();
    if (io.poll !== null) io.poll(delay);
    else binding.wait(delay);
    loopTiming.idleTime += binding.now() - idleFrom;
    checkTimeout();
  } else if (io.poll !== null) {
    io.poll(0);
  }
  if (io.messages !== null) io.messages();
  settleAtomicsWaits();
  checkSignals();
  processImmediate();
  if (io.closing.length > 0) runClosing();
}

// When the loop started (ms of performance.now(), -1 before) and how long it waited for
// events: performance.nodeTiming.loopStart and idleTime, read by perf_hooks.
const loopTiming = { loopStart: -1, idleTime: 0, bootstrapComplete: -1 };
binding.loopTiming = loopTiming;

function runLoop() {
  if (loopTiming.loopStart < 0) loopTiming.loopStart = binding.now();
  for (;;) {
    while (loopAlive()) loopIteration(true);
    // Before it leaves, Node runs the tasks V8 posted (a waitAsync notified or due).
    let settled = false;
    while (settleAtomicsWaits()) settled = true;
    if (settled && loopAlive()) continue;
    if (process._exiting) return;
    try {
      process.emit('beforeExit', exitCodeOf(process.exitCode));
    } catch (e) {
      uncaught(e);
    }
    processTicksAndRejections();
    if (!loopAlive()) return;
  }
}

// Node's loop and microtask runner are native code, which stacks do not show: this loop's own
// frames are left out of printed stacks (the tick queue's and the phases' stay, as Node's).
binding.hideFrames(runMicrotasks, 0);
binding.hideFrames(runNextTicks, 2);
binding.hideFrames(processTicksAndRejections, 1);
binding.hideFrames(loopIteration, 2);
binding.hideFrames(runLoop, 2);
binding.hideFrames(emitExit, 0);
binding.hideFrames(exitNormally, 2);
// Node calls its phases as `process`'s methods (`at process.processTimers`).
binding.vm.nameFramesBy({ processTicksAndRejections, processTimers, processImmediate }, 'process');

const timers = {
  setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate,
  Timeout, Immediate,
};
binding.timers = timers;

// ---- globals -----------------------------------------------------------------------------------

function defineGlobal(name, value, enumerable = false) {
  Object.defineProperty(globalObject, name, { value, writable: true, configurable: true, enumerable });
}
function defineLazyGlobal(name, get, enumerable = false) {
  Object.defineProperty(globalObject, name, {
    get() {
      const value = get();
      defineGlobal(name, value, enumerable);
      return value;
    },
    set(value) { defineGlobal(name, value, enumerable); },
    configurable: true,
    enumerable,
  });
}

// Node's enumerable globals, in Node's key order (the engine's own come first otherwise).
const engineQueueMicrotask = globalObject.queueMicrotask;
for (const name of ['queueMicrotask', 'performance', 'atob', 'btoa', 'structuredClone']) {
  delete globalObject[name];
}
defineGlobal('global', globalObject, true);
defineGlobal('process', process);
for (const name of ['clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout',
  'setInterval', 'setTimeout']) {
  defineGlobal(name, timers[name], true);
}
// callback, run in the current async context frame (itself when there is none).
function inFrame(callback) {
  const frame = asyncContext.frame;
  if (frame === undefined) return callback;
  return () => {
    const outer = asyncContext.frame;
    asyncContext.frame = frame;
    try {
      callback();
    } finally {
      asyncContext.frame = outer;
    }
  };
}
if (typeof engineQueueMicrotask !== 'function') {
  binding.queueMicrotask = function queueMicrotask(callback) {
    validateFunction(callback, 'callback');
    Promise.resolve().then(inFrame(callback));
  };
} else {
  const qm = engineQueueMicrotask;
  binding.queueMicrotask = function queueMicrotask(callback) {
    validateFunction(callback, 'callback');
    qm(inFrame(callback));
  };
}
// The builtins call binding.queueMicrotask: a program may replace the global (fake timers).
defineGlobal('queueMicrotask', binding.queueMicrotask, true);
defineLazyGlobal('structuredClone', () => requireBuiltin('internal/structured_clone'), true);
// buffer's, as Node's globals are (the engine's words its errors otherwise).
defineLazyGlobal('atob', () => requireBuiltin('buffer').atob, true);
defineLazyGlobal('btoa', () => requireBuiltin('buffer').btoa, true);
defineLazyGlobal('performance', () => requireBuiltin('perf_hooks').performance, true);
for (const name of ['Performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure',
  'PerformanceObserver', 'PerformanceObserverEntryList', 'PerformanceResourceTiming']) {
  defineLazyGlobal(name, () => requireBuiltin('perf_hooks')[name]);
}
defineLazyGlobal('console', () => requireBuiltin('console'));
defineLazyGlobal('URL', () => requireBuiltin('url').URL);
defineLazyGlobal('URLSearchParams', () => requireBuiltin('url').URLSearchParams);
defineLazyGlobal('Buffer', () => requireBuiltin('buffer').Buffer);
defineLazyGlobal('MessageChannel', () => requireBuiltin('worker_threads').MessageChannel);
defineLazyGlobal('MessagePort', () => requireBuiltin('worker_threads').MessagePort);
defineLazyGlobal('BroadcastChannel', () => requireBuiltin('worker_threads').BroadcastChannel);
defineLazyGlobal('crypto', () => requireBuiltin('crypto').webcrypto, true);
for (const name of ['Crypto', 'CryptoKey', 'SubtleCrypto']) {
  defineLazyGlobal(name, () => requireBuiltin('crypto')[name]);
}
for (const name of ['Event', 'EventTarget', 'CustomEvent', 'MessageEvent']) {
  defineLazyGlobal(name, () => requireBuiltin('internal/event_target')[name]);
}
defineLazyGlobal('AbortController', () => requireBuiltin('internal/abort_controller').AbortController);
defineLazyGlobal('AbortSignal', () => requireBuiltin('internal/abort_controller').AbortSignal);
defineLazyGlobal('TextEncoder', () => requireBuiltin('internal/encoding').TextEncoder);
defineLazyGlobal('TextDecoder', () => requireBuiltin('internal/encoding').TextDecoder);
defineLazyGlobal('Blob', () => requireBuiltin('internal/blob').Blob);
for (const name of ['fetch', 'Headers', 'Request', 'Response', 'FormData']) {
  defineLazyGlobal(name, () => requireBuiltin('internal/fetch')[name], name === 'fetch');
}
defineLazyGlobal('File', () => requireBuiltin('internal/blob').File);
for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest', 'ReadableByteStreamController', 'ReadableStreamDefaultController',
  'TransformStream', 'TransformStreamDefaultController', 'WritableStream',
  'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'ByteLengthQueuingStrategy',
  'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream', 'CompressionStream',
  'DecompressionStream']) {
  defineLazyGlobal(name, () => requireBuiltin('internal/webstreams')[name]);
}
if (opts.exposeGc) defineGlobal('gc', function gc() { binding.gc(); });

// ---- CommonJS modules ----------------------------------------------------------------------------

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  this.exports = {};
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  Object.defineProperty(this, 'parent', { value: parent, writable: true, configurable: true, enumerable: false });
  if (parent && parent.children) parent.children.push(this);
}
Module._cache = Object.create(null);
Module._extensions = Object.create(null);
// Frozen, as Node's (loaders tell a real list from a stand-in by that).
Module.builtinModules = Object.freeze(Array.from(builtinFiles).filter(canBeRequiredByUsers)
  .concat(Array.from(specialBuiltins)).sort());
Module.isBuiltin = (name) => {
  name = String(name);
  return name.startsWith('node:') ? canBeRequiredWithScheme(name.slice(5)) : canBeRequiredByUsers(name);
};
Module.Module = Module;
// Loaded on first use; writable data properties once read or set, as Node's are (jest copies
// every key of Module onto a subclass of it by assignment).
for (const name of ['SourceMap', 'findSourceMap']) {
  const settle = (target, value) => {
    Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(Module, name, {
    get() {
      const value = requireBuiltin('internal/source_map')[name];
      settle(Module, value);
      return value;
    },
    set(value) { settle(this, value); },
    enumerable: true, configurable: true,
  });
}
// As Node's: a file URL (object or string) or an absolute path, else ERR_INVALID_ARG_VALUE
// (loaders such as jiti tell a virtual module's name from a real one by that error); a
// directory's trailing slash stands for a file in it; the paths are the file's own.
Module.createRequire = function createRequire(filename) {
  const invalid = () => requireBuiltin('internal/errors').codes.ERR_INVALID_ARG_VALUE('filename', filename,
    'must be a file URL object, file URL string, or absolute path string');
  let filepath;
  // Node's test for a WHATWG URL (a legacy `url.parse` result has `auth` and `path`).
  const isURL = typeof filename === 'object' && filename !== null && Boolean(filename.href) &&
    Boolean(filename.protocol) && filename.auth === undefined && filename.path === undefined;
  if (isURL || (typeof filename === 'string' && !path.isAbsolute(filename))) {
    try {
      filepath = requireBuiltin('url').fileURLToPath(filename);
    } catch {
      throw invalid();
    }
  } else if (typeof filename !== 'string') {
    throw invalid();
  } else {
    filepath = filename;
  }
  const proxyPath = filepath.endsWith('/') ? path.join(filepath, 'noop.js') : filepath;
  const m = new Module(proxyPath, null);
  m.filename = proxyPath;
  m.paths = nodeModulePaths(m.path);
  return makeRequire(m);
};

let mainModule;

// Package resolution, loaded on the first file a program loads (not for -e code that loads none).
const packages = {
  get(name) { return requireBuiltin('internal/package_resolve')[name]; },
  get requireConditions() { return this.get('requireConditions'); },
  formatOf: (f) => packages.get('formatOf')(f),
  importFormatOf: (f) => packages.get('importFormatOf')(f),
  mainIsModule: (f) => packages.get('mainIsModule')(f),
  isTypeless: (f) => packages.get('isTypeless')(f),
  resolvePackageExports: (...a) => packages.get('resolvePackageExports')(...a),
  resolveExportsIn: (...a) => packages.get('resolveExportsIn')(...a),
  resolvePackageImports: (...a) => packages.get('resolvePackageImports')(...a),
  esmResolve: (...a) => packages.get('esmResolve')(...a),
};
const nodeModulePaths = (from) => packages.get('nodeModulePaths')(from);
Module._nodeModulePaths = nodeModulePaths;
// The folders Node searches after node_modules: NODE_PATH's, then $HOME/.node_modules,
// $HOME/.node_libraries and <prefix>/lib/node (read by tools that look for global modules).
Module._initPaths = function () {
  const home = process.env.HOME;
  const prefix = path.resolve(process.execPath, '..', '..');
  const paths = [path.resolve(prefix, 'lib', 'node')];
  if (home) paths.unshift(path.resolve(home, '.node_modules'), path.resolve(home, '.node_libraries'));
  const nodePath = process.env.NODE_PATH;
  if (nodePath) paths.unshift(...nodePath.split(path.delimiter).filter(Boolean).map((p) => path.resolve(p)));
  Module.globalPaths = paths;
};
Module._initPaths();
// Runs `main` (the program's path by default) as the main module: an ES module (a .mjs file,
// any but a .cjs one under "type": "module", or a file that compiles only as one) through the ES loader,
// else through `Module._load`. The program starts here, so a `--require` module that replaces
// Module.runMain (the `esm` loader) runs it, as in Node.
Module.runMain = function executeUserEntryPoint(main = process.argv[1]) {
  const filename = path.resolve(main);
  let resolved = filename;
  if (filename.endsWith('.mjs')) {
    resolved = toRealPath(filename, true);
  } else {
    try {
      resolved = Module._resolveFilename(filename, null, true);
    } catch (e) {
      if (e && e.code === 'MODULE_NOT_FOUND') throw moduleNotFound(filename, null);
      throw e;
    }
  }
  const url = 'file://' + resolved.replace(/%/g, '%25');
  // With `module.register` hooks (from `--import`), the program is loaded through them, as
  // Node 20 runs its main program through the ES module loader then.
  if (packages.mainIsModule(resolved) || binding.moduleHooksActive) {
    mainThroughHooks = resolved;
    runMainModule(() => import(url), url);
    return;
  }
  try {
    Module._load(resolved, null, true);
  } catch (e) {
    if (e !== kMainIsModule) throw e;
    delete Module._cache[resolved];
    runMainModule(() => import(url), url);
  }
};

// As Node's internalModuleStat: 1 for a folder, 0 for anything else that exists (a device such
// as /dev/null is a file to the loader), -1 otherwise.
function statKind(p) {
  const st = binding.stat(p);
  return st === undefined ? -1 : st[0] === 1 ? 1 : 0;
}

function tryFile(p) {
  return statKind(p) === 0 ? p : undefined;
}

function tryExtensions(p) {
  for (const ext of ['.js', '.json', '.node', '.cjs']) {
    const f = tryFile(p + ext);
    if (f) return f;
  }
  return undefined;
}

function tryPackage(dir) {
  const pj = path.join(dir, 'package.json');
  if (statKind(pj) === 0) {
    let main;
    try {
      main = JSON.parse(binding.readFile(pj, true)).main;
    } catch {}
    if (typeof main === 'string' && main) {
      const m = path.resolve(dir, main);
      const f = tryFile(m) || tryExtensions(m) || tryExtensions(path.join(m, 'index'));
      if (f) return f;
    }
  }
  return tryExtensions(path.join(dir, 'index'));
}

function resolveAt(base) {
  const trailingSlash = base.endsWith('/');
  if (!trailingSlash) {
    const f = tryFile(base) || tryExtensions(base);
    if (f) return f;
  }
  if (statKind(base) === 1) return tryPackage(base);
  return undefined;
}

function moduleNotFound(request, parent) {
  const stack = [];
  for (let m = parent; m; m = m.parent) {
    if (m.filename || m.id) stack.push(m.filename || m.id);
  }
  let message = `Cannot find module '${request}'`;
  if (stack.length > 0) message += `\nRequire stack:\n- ${stack.join('\n- ')}`;
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = stack;
  Object.defineProperty(err, kArrow, {
    value: 'node:internal/modules/cjs/loader:1210\n  throw err;\n  ^\n',
    configurable: true,
  });
  return err;
}

const isRelative = (request) => request.startsWith('./') || request.startsWith('../') ||
  request === '.' || request === '..';
const parentDir = (parent) => (parent && parent.filename ? path.dirname(parent.filename) : binding.cwd());

// A module is known by its real path, links resolved (an npm bin in node_modules/.bin is a
// link to its package's file, whose own requires are relative to that), unless
// --preserve-symlinks (--preserve-symlinks-main for the main module) says otherwise.
const preserveSymlinks = opts.execArgv.includes('--preserve-symlinks') ||
  process.env.NODE_PRESERVE_SYMLINKS === '1';
const preserveSymlinksMain = opts.execArgv.includes('--preserve-symlinks-main');
const realpathCache = new Map();
function toRealPath(file, isMain) {
  if (isMain ? preserveSymlinksMain : preserveSymlinks) return file;
  let real = realpathCache.get(file);
  if (real === undefined) {
    try {
      real = binding.realpath(file);
    } catch {
      real = file;
    }
    realpathCache.set(file, real);
  }
  return real;
}

Module._resolveFilename = function (request, parent, isMain, options) {
  if (Module.isBuiltin(request)) return request;
  return toRealPath(resolveFilename(request, parent, options), isMain);
};

function resolveFilename(request, parent, options) {
  const fromDir = parentDir(parent);
  // `require.resolve(request, { paths })`: looked up from each of those folders instead.
  let starts = [fromDir];
  const givenPaths = options !== null && typeof options === 'object' && options.paths !== undefined;
  if (givenPaths) {
    if (!Array.isArray(options.paths)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The property 'options.paths' is invalid. Received ${inspect(options.paths)}`);
    }
    starts = options.paths.map((p) => path.resolve(fromDir, p));
  }
  let found;
  if (isRelative(request) || request.startsWith('/')) {
    const slash = request.endsWith('/') ? '/' : '';
    for (const start of starts) {
      found = resolveAt(path.resolve(start, request) + slash);
      if (found) break;
    }
  } else if (request.startsWith('#')) {
    const target = packages.resolvePackageImports(request, fromDir, packages.requireConditions,
      parent && parent.filename);
    if (target.bare !== undefined) return resolveFilename(target.bare, parent);
    found = tryFile(target.file) || resolveAt(target.file);
    if (!found) throw moduleNotFound(target.file, parent);
  } else {
    // The parent's own `paths` (Node's lookup folders, which code may change: requizzle puts
    // folders before them) for a lookup from the parent's folder.
    const ownPaths = starts.length === 1 && starts[0] === fromDir && !givenPaths && parent && Array.isArray(parent.paths) &&
      parent.paths.length > 0 ? parent.paths.map(String) : null;
    for (const start of starts) {
      const dirs = ownPaths || nodeModulePaths(start);
      const exported = packages.resolvePackageExports(request, start, packages.requireConditions,
        undefined, dirs);
      if (exported !== undefined) {
        if (!tryFile(exported)) throw moduleNotFound(exported, parent);
        return exported;
      }
      for (const dir of dirs) {
        found = resolveAt(path.resolve(dir, request));
        if (found) break;
      }
      if (found) break;
    }
    // Then Node's global folders (NODE_PATH, ~/.node_modules, ...).
    for (const dir of found ? [] : Module.globalPaths) {
      found = resolveAt(path.join(dir, request));
      if (found) break;
    }
  }
  if (!found) throw moduleNotFound(request, parent);
  return found;
}

// The folders `request` is looked up in from `parent` (null for a builtin), as Node's.
Module._resolveLookupPaths = function (request, parent) {
  if (Module.isBuiltin(request)) return null;
  if (isRelative(request)) return [parentDir(parent)];
  const own = parent && Array.isArray(parent.paths) && parent.paths.length > 0
    ? parent.paths : nodeModulePaths(binding.cwd());
  return [...own, ...Module.globalPaths];
};

// The file `request` names in the first of `paths` that has it, or false (Node's lookup step).
Module._findPath = function (request, paths, isMain) {
  const absolute = request.startsWith('/');
  for (const dir of absolute ? [''] : paths) {
    if (!absolute && !isRelative(request)) {
      const exported = packages.resolveExportsIn(dir, request, packages.requireConditions);
      if (exported !== undefined && tryFile(exported)) return toRealPath(exported, isMain);
    }
    const found = resolveAt(path.resolve(dir, request) + (request.endsWith('/') ? '/' : ''));
    if (found) return toRealPath(found, isMain);
  }
  return false;
};

// Node caches lookups here; jsvm does not cache them, so there is nothing to clear.
Module._pathCache = Object.create(null);

// 0 for a file, 1 for a folder, a negative errno otherwise.
Module._stat = function _stat(filename) {
  const kind = statKind(path.toNamespacedPath(String(filename)));
  return kind < 0 ? -2 : kind === 1 ? 1 : 0;
};

// `--require` modules: loaded from the working directory, before the main module.
Module._preloadModules = function (requests) {
  if (!Array.isArray(requests) || requests.length === 0) return;
  const parent = new Module('internal/preload', null);
  parent.paths = nodeModulePaths(binding.cwd());
  for (const request of requests) parent.require(request);
};

function stripShebang(source) {
  if (source.startsWith('#!')) {
    const nl = source.indexOf('\n');
    return '//' + (nl < 0 ? source.slice(2) : source.slice(2, nl) + source.slice(nl));
  }
  return source;
}

// Node 20's module syntax detection: a .js or extensionless file under no "type" whose text
// does not compile as CommonJS but does as an ES module (import/export, import.meta, top-level
// await) is an ES module. Known per file once asked.
const detectedModules = new Map();
function detectModule(filename, source) {
  let known = detectedModules.get(filename);
  if (known === undefined) {
    known = packages.isTypeless(filename) &&
      binding.looksLikeModule(stripShebang(source === undefined ? binding.readFile(filename, true) : source));
    detectedModules.set(filename, known);
  }
  return known;
}
// Thrown through Module._load when the main module is detected an ES module: it runs as one,
// where top-level await works (nothing of it ran).
const kMainIsModule = Symbol('kMainIsModule');
// Modules whose compiled function was called: a SyntaxError after that is the code's own.
const compiledModules = new WeakSet();

Module._extensions['.js'] = function (module, filename) {
  if (packages.formatOf(filename) === 'module') {
    module.exports = requireEsm(filename, module.parent);
    return;
  }
  const source = binding.readFile(filename, true);
  // As Node's: a .cjs file, or a .js one under "type": "commonjs", is compiled as CommonJS; any
  // other is detected by _compile.
  const format = filename.endsWith('.cjs') || (filename.endsWith('.js') && !packages.isTypeless(filename))
    ? 'commonjs' : undefined;
  try {
    module._compile(source, filename, format);
  } catch (e) {
    if (compiledModules.has(module) || !isCompileError(e)) throw e;
    if (!detectModule(filename, source)) {
      // ES module syntax where a package.json says CommonJS: Node's hint.
      if (/^(Cannot use import statement outside a module|Unexpected token 'export'|Cannot use 'import\.meta' outside a module)$/.test(e.message)) {
        process.emitWarning('To load an ES module, set "type": "module" in the package.json or use the .mjs extension.');
      }
      throw e;
    }
    if (module.id === '.') throw kMainIsModule;
    module.exports = requireEsm(filename, module.parent);
  }
};

// require() of an ES module (Node 20.19+): its namespace, if the graph has no top-level await.
// `source`: the module's text when given (module._compile), else the file's.
function requireEsm(filename, parent, source) {
  const [ns, promise] = source === undefined
    ? binding.importSync(filename)
    : binding.importSourceSync(filename, source);
  const [state, result] = binding.getPromiseState(promise);
  if (state === 1 && ns !== undefined) {
    // A module exporting the name 'module.exports' gives require() that value (Node 20.19+).
    return Object.prototype.hasOwnProperty.call(ns, 'module.exports') ? ns['module.exports'] : ns;
  }
  promise.catch(() => {}); // the error is thrown here; it is no unhandled rejection
  if (state === 2) throw result;
  const from = parent && parent.filename ? parent.filename : path.join(binding.cwd(), '[eval]');
  throw codedError(Error, 'ERR_REQUIRE_ASYNC_MODULE', 'require() cannot be used on an ESM ' +
    'graph with top-level await. Use import() instead. To see where the top-level await comes ' +
    `from, use --experimental-print-required-tla.\n  From ${from} \n  Requiring ${filename} `);
}
Module._extensions['.json'] = function (module, filename) {
  const source = binding.readFile(filename, true);
  try {
    module.exports = JSON.parse(source);
  } catch (err) {
    err.message = `${filename}: ${err.message}`;
    throw err;
  }
};
// A native addon cannot be loaded (no V8/N-API here): the error node gives for an addon it
// cannot open, which packages with a JavaScript fallback catch.
Module._extensions['.node'] = function (module, filename) {
  throw codedError(Error, 'ERR_DLOPEN_FAILED', `${filename}: jsvm cannot load native addons`);
};
// process.dlopen: what `.node` files go through in Node; jsvm loads no native addon.
process.dlopen = function dlopen(module, filename) {
  if (arguments.length < 2) {
    throw codedError(TypeError, 'ERR_MISSING_ARGS', 'process.dlopen needs at least 2 arguments');
  }
  Module._extensions['.node'](module, String(filename));
};
// (`.cjs`, `.mjs` and other endings are loaded by the `.js` loader, as in Node.)

// Node's module wrapper, as text: programs read it (`Module.wrap(code)` for their own loaders)
// and some replace it; once replaced, modules are compiled through it, as in Node.
// As in Node, the array is watched: `Module.wrapper[0] = ...` (rewire) patches it too.
let wrapperPatched = false;
const watchWrapper = (array) => new Proxy(array, {
  set(target, key, value, receiver) {
    wrapperPatched = true;
    return Reflect.set(target, key, value, receiver);
  },
  defineProperty(target, key, descriptor) {
    wrapperPatched = true;
    return Reflect.defineProperty(target, key, descriptor);
  },
});
let wrapper = watchWrapper(['(function (exports, require, module, __filename, __dirname) { ', '\n});']);
let wrap = (script) => `${wrapper[0]}${script}${wrapper[1]}`;
Object.defineProperty(Module, 'wrap', {
  get() { return wrap; },
  set(value) { wrapperPatched = true; wrap = value; },
});
Object.defineProperty(Module, 'wrapper', {
  get() { return wrapper; },
  set(value) { wrapperPatched = true; wrapper = value; },
});

Module.prototype._compile = function (content, filename, format) {
  // An ES module (a .mjs file, or a format given as 'module'): Node 20.19+ compiles the
  // content as one, so require hooks that read and change a file (nyc) load ES modules too.
  if (format === 'module' || (format === undefined && String(filename).endsWith('.mjs'))) {
    this.exports = requireEsm(filename, this.parent, String(content));
    return undefined;
  }
  let fn;
  if (wrapperPatched) {
    fn = requireBuiltin('vm').runInThisContext(Module.wrap(stripShebang(content)), { filename });
  } else {
    try {
      fn = binding.compileCjs(stripShebang(content), filename);
    } catch (e) {
      // Node 20.19+: with no format given (a program's own `_compile(code, name)`, a file no
      // package.json types), code that compiles only as an ES module is required as one.
      if (format !== undefined || !isCompileError(e) || !binding.looksLikeModule(stripShebang(String(content)))) throw e;
      if (this.id === '.') throw kMainIsModule;
      this.exports = requireEsm(filename, this.parent, String(content));
      return undefined;
    }
  }
  const dirname = path.dirname(filename);
  const require = makeRequire(this);
  // Stack frames name the module function as Node's do; a bound call adds no frame.
  Object.defineProperty(fn, 'name', { value: 'Object.<anonymous>', configurable: true });
  compiledModules.add(this);
  return fn.bind(this.exports)(this.exports, require, this, filename, dirname);
};

Module.prototype.load = function (filename) {
  this.filename = filename;
  this.paths = nodeModulePaths(path.dirname(filename));
  let ext = path.extname(filename);
  if (!Module._extensions[ext]) ext = '.js';
  // Called as a method of the table, as Node calls it: a loader's frame is named by it
  // (`require.extensions.<computed> [as .ts]`).
  Module._extensions[ext](this, filename);
  this.loaded = true;
};

Module.prototype.require = function (id) {
  if (typeof id !== 'string') throw invalidArgType('id', 'of type string', id);
  if (id === '') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      "The argument 'id' must be a non-empty string. Received ''");
  }
  return Module._load(id, this, false);
};

Module._load = function (request, parent, isMain) {
  if (request.startsWith('node:')) {
    const name = request.slice(5);
    if (!canBeRequiredWithScheme(name)) throw unknownBuiltin(name);
    return requireBuiltin(name);
  }
  if (canBeRequiredByUsers(request)) return requireBuiltin(request);
  let filename;
  try {
    filename = Module._resolveFilename(request, parent, isMain);
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && Object.prototype.hasOwnProperty.call(unavailableBuiltins, request)) {
      e.message = e.message.replace(`Cannot find module '${request}'`,
        `Cannot find module '${request}': Node's builtin '${request}' is not available in jsvm (${unavailableBuiltins[request]})`);
    }
    throw e;
  }
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.exports;
  }
  const module = new Module(filename, parent);
  if (isMain) {
    module.id = '.';
    mainModule = module;
    defineValue(process, 'mainModule', module, false);
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) delete Module._cache[filename];
  }
  return module.exports;
};

function makeRequire(mod) {
  const require = function require(id) { return mod.require(id); };
  require.resolve = function resolve(request, options) {
    if (typeof request !== 'string') throw invalidArgType('request', 'of type string', request);
    return Module._resolveFilename(request, mod, false, options);
  };
  require.resolve.paths = function paths(request) {
    if (typeof request !== 'string') throw invalidArgType('request', 'of type string', request);
    return Module._resolveLookupPaths(request, mod);
  };
  require.main = mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

// ---- entry points (called by the Rust host) ---------------------------------------------------------

exports.requireBuiltin = requireBuiltin;
// The ES module faces of builtins register how to set their named exports again.
const builtinSyncs = [];
exports.onBuiltinSync = function onBuiltinSync(sync) { builtinSyncs.push(sync); };
Module.syncBuiltinESMExports = function syncBuiltinESMExports() {
  for (const sync of builtinSyncs) sync();
};
exports.esmResolve = packages.esmResolve;
// How the module loader takes a file that `import` names (syntax detection included).
exports.formatOf = function formatOf(filename) {
  const format = packages.importFormatOf(filename);
  return format === 'commonjs' && detectModule(filename) ? 'module' : format;
};
// The program's file when it runs through the ES loader's hooks: it is the main module then.
let mainThroughHooks = null;
exports.requireFile = function requireFile(filename) {
  const isMain = filename === mainThroughHooks;
  if (isMain) mainThroughHooks = null;
  return Module._load(filename, null, isMain);
};
// An ES module's import of a CommonJS file: the value of a name the file's text exports, read
// from what it exported, as Node reads it (own properties only; a throwing getter gives
// undefined).
const objectHasOwn = Object.hasOwn;
// `module.register` hooks (internal/module_hooks.js): the loader asks them once registered.
binding.kModuleHooksWorker = Symbol('jsvm.moduleHooksWorker');
Module.register = function register(specifier, parentURL, options) {
  return requireBuiltin('internal/module_hooks').register(specifier, parentURL, options);
};
exports.hookedResolve = function hookedResolve(specifier, parentURL) {
  return requireBuiltin('internal/module_hooks').resolve(specifier, parentURL);
};
exports.hookedLoad = function hookedLoad(url) {
  return requireBuiltin('internal/module_hooks').load(url);
};
// A CommonJS file whose text a load hook gave: compiled from that text once, then cached.
const cjsSources = new Map();
exports.setCjsSource = function setCjsSource(filename, source) {
  cjsSources.set(filename, source);
};
exports.requireFileSource = function requireFileSource(filename) {
  const cached = Module._cache[filename];
  const source = cjsSources.get(filename);
  cjsSources.delete(filename);
  if (cached !== undefined || source === undefined) return Module._load(filename, null, false);
  const m = new Module(filename, null);
  m.filename = filename;
  m.paths = nodeModulePaths(path.dirname(filename));
  if (filename === mainThroughHooks) {
    mainThroughHooks = null;
    m.id = '.';
    mainModule = m;
    defineValue(process, 'mainModule', m, false);
  }
  Module._cache[filename] = m;
  try {
    m._compile(source, filename);
  } catch (e) {
    delete Module._cache[filename];
    throw e;
  }
  m.loaded = true;
  return m.exports;
};
exports.cjsExport = function cjsExport(exported, name) {
  try {
    return objectHasOwn(exported, name) ? exported[name] : undefined;
  } catch {
    return undefined;
  }
};
// A module a CommonJS file re-exports (`module.exports = require(x)`): its path, where Node
// reads its names too (a .js, .cjs or unknown-extension file), else undefined.
exports.cjsReexportPath = function cjsReexportPath(request, filename) {
  try {
    const m = new Module(filename, null);
    m.filename = filename;
    m.paths = nodeModulePaths(path.dirname(filename));
    const resolved = Module._resolveFilename(request, m);
    const ext = path.extname(resolved);
    const read = ext === '.js' || ext === '.cjs' || !Module._extensions[ext];
    return read && path.isAbsolute(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
};


function setScriptGlobals(name, dir) {
  const module = new Module(name, undefined);
  module.filename = path.join(binding.cwd(), name);
  module.paths = nodeModulePaths(binding.cwd());
  defineGlobal('module', module, true);
  defineGlobal('exports', module.exports, true);
  defineGlobal('require', makeRequire(module), true);
  defineGlobal('__filename', name, true);
  defineGlobal('__dirname', dir, true);
  return module;
}

// Node's `-e` and `-p` see the builtin modules as globals (`fs`, `vm`, ...), each loaded on first
// read; assigning one replaces it with a plain property.
function addBuiltinLibsToGlobal(module) {
  for (const name of Module.builtinModules) {
    // (Not underscored or nested ones, nor names already defined: `console`, `crypto`, `module`.)
    if (name.startsWith('_') || name.includes('/') || Object.prototype.hasOwnProperty.call(globalObject, name)) continue;
    const setReal = (value) => {
      delete globalObject[name];
      globalObject[name] = value;
    };
    Object.defineProperty(globalObject, name, {
      get() {
        const lib = module.require(name);
        Object.defineProperty(globalObject, name, { get: () => lib, set: setReal, configurable: true, enumerable: false });
        return lib;
      },
      set: setReal,
      configurable: true,
      enumerable: false,
    });
  }
}

// process.argv past the executable, set before `--require` modules load (they read it, as the
// `esm` loader does to tell it is preloaded for a program).
function setMainArgv() {
  const kind = exports.mainKind;
  if (opts.testRunner) process.argv.push(...opts.args);
  else if (kind === 'file') process.argv.push(path.resolve(exports.mainArg), ...opts.args);
  else if (kind === 'worker-eval') process.argv.push('[worker eval]', ...opts.args);
  else process.argv.push(...opts.args);
}

function runMain() {
  loopTiming.bootstrapComplete = binding.now();
  const kind = exports.mainKind;
  const arg = exports.mainArg;
  if (opts.testRunner) {
    requireBuiltin('internal/test_files').run(opts.args);
    return;
  }
  if (kind === 'file') {
    Module.runMain(path.resolve(arg));
    return;
  }
  if (workerInfo !== undefined && workerInfo.moduleHooks) {
    requireBuiltin('internal/module_hooks_worker').run();
    return;
  }
  if (kind === 'check' || kind === 'check-stdin') {
    checkSyntax(kind, arg);
    return;
  }
  const name = kind === 'stdin' ? '[stdin]' : kind === 'worker-eval' ? '[worker eval]' : '[eval]';
  // `--input-type`, or Node 20's detection: code that compiles only as an ES module is one.
  const inputType = kind === 'worker-eval' ? undefined : opts.inputType;
  const asModule = () => {
    if (kind === 'print') {
      throw codedError(Error, 'ERR_EVAL_ESM_CANNOT_PRINT', '--print cannot be used with ESM input');
    }
    // `-e` code sees the builtin modules as globals, `module` among them, as in Node.
    if (kind === 'eval') addBuiltinLibsToGlobal(new Module('[eval]', undefined));
    const url = 'file://' + path.join(binding.cwd(), '[eval1]').replace(/%/g, '%25');
    runMainModule(() => binding.evalModule(arg, url), url);
  };
  if (inputType === 'module') return asModule();
  const module = setScriptGlobals(name, '.');
  if (kind === 'eval' || kind === 'print') addBuiltinLibsToGlobal(module);
  sources.set(name, arg);
  let result;
  try {
    result = binding.runScript(arg, name);
  } catch (e) {
    if (!isCompileError(e) || inputType === 'commonjs' || !binding.looksLikeModule(arg)) throw e;
    // Nothing ran: the script did not compile. Its globals are not an ES module's.
    for (const g of ['module', 'exports', 'require', '__filename', '__dirname']) delete globalObject[g];
    return asModule();
  }
  if (kind === 'print') globalObject.console.log(result);
}

// `--check`: the program compiled, not run, as Node's check_syntax: a CommonJS file in the
// module wrapper, an ES module (by its extension or package, or `--input-type`) as one; a
// syntax error is uncaught, as a missing file's MODULE_NOT_FOUND.
function checkSyntax(kind, arg) {
  const vm = requireBuiltin('vm');
  let file = '[stdin]';
  let src = arg;
  let esm = opts.inputType === 'module';
  if (kind === 'check') {
    file = Module._resolveFilename(path.resolve(arg), null, true);
    src = requireBuiltin('fs').readFileSync(file, 'utf8');
    esm = packages.formatOf(file) === 'module' || file.endsWith('.mjs');
  }
  if (esm) {
    new vm.SourceTextModule(src, { identifier: file });
    return;
  }
  if (src.startsWith('#!')) src = '//' + src.slice(2);
  vm.compileFunction(src, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
}

// `--import` modules, in order, each resolved as an import from the working directory.
async function importPreloads(specifiers) {
  const cwd = binding.cwd();
  // `--loader` hooks first, registered from the working directory (Node warns it may go).
  if (opts.loaders.length > 0) {
    const calls = opts.loaders.map((l) => `register(${JSON.stringify(l)}, pathToFileURL("./"));`);
    process.emitWarning('`--experimental-loader` may be removed in the future; instead use `register()`:\n' +
      `--import 'data:text/javascript,import { register } from "node:module"; import { pathToFileURL } from "node:url"; ${calls.join(' ')}'`,
    'ExperimentalWarning');
    const base = 'file://' + path.join(cwd, '/').replace(/%/g, '%25');
    for (const loader of opts.loaders) Module.register(loader, base);
  }
  for (const specifier of specifiers) {
    let url;
    if (specifier.startsWith('./') || specifier.startsWith('../') || path.isAbsolute(specifier)) {
      const file = path.resolve(cwd, specifier);
      if (statKind(file) !== 0) {
        throw codedError(Error, 'ERR_MODULE_NOT_FOUND',
          `Cannot find module '${file}' imported from ${path.join(cwd, '/')}`);
      }
      url = 'file://' + file.replace(/%/g, '%25');
    } else if (/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(specifier) || Module.isBuiltin(specifier)) {
      url = specifier;
    } else {
      url = 'file://' + packages.esmResolve(specifier, path.join(cwd, '[import]')).replace(/%/g, '%25');
    }
    await import(url);
  }
}

// The main program as an ES module: `start` gives its evaluation promise.
function runMainModule(start, url) {
  const settle = watchMainModule();
  start().then(settle, (e) => {
    settle();
    // A link error of the graph (a missing export) is made from a job, with no frame: its
    // words and stack are settled here.
    binding.settleJobError(e);
    // Node reports what the main module threw as its evaluation promise's rejection (origin
    // 'unhandledRejection', the arrow at an error's creation, not at its throw).
    uncaught(e, isErrorLike(e));
  });
}

// A child forked with an IPC channel (child_process.fork) finds its descriptor here, as Node's do.
function startIpcChannel() {
  // A test file run by `jsvm --test` marks its report lines (js/test.js); its own children are
  // not told so.
  // ('spec': its report in the spec format, for a runner reporting so.)
  const child = process.env.JSVM_TEST_CHILD;
  binding.testChild = child === '1' || child === 'spec';
  binding.testChildReporter = child === 'spec' ? 'spec' : 'tap';
  delete process.env.JSVM_TEST_CHILD;
  const fd = process.env.NODE_CHANNEL_FD;
  if (fd === undefined) return;
  delete process.env.NODE_CHANNEL_FD;
  delete process.env.NODE_CHANNEL_SERIALIZATION_MODE;
  requireBuiltin('child_process')._forkChild(Number(fd));
  // A cluster worker tells its primary it is up, as Node's does at startup.
  if (process.env.NODE_UNIQUE_ID !== undefined) requireBuiltin('cluster');
}

// The main module (or the `--import` modules) evaluating: until it settles, the first 'exit'
// listener makes the exit code 13 when no other was set, as Node 20's handleProcessExit (so
// the 'exit' event itself carries the code the process had, and a listener that sets
// process.exitCode, as signal-exit does, keeps its own). Returns the function that settles it.
function watchMainModule() {
  const unsettled = () => { process.exitCode ??= 13; };
  process.on('exit', unsettled);
  return () => process.off('exit', unsettled);
}

// Set once the 'exit' event was emitted: an error reported after it leaves the exit code.
let exitEmitted = false;

function exitNormally() {
  emitExit();
  exitEmitted = true;
  // As node, whose callback scope around the 'exit' event closes after it: the ticks and
  // promise jobs its listeners queued run, and what they leave unhandled is reported.
  try {
    runNextTicks();
  } catch (e) {
    uncaught(e);
  }
  return exitCodeOf(process.exitCode);
}

// `--env-file`s, before anything runs; one that cannot be read ends the process as node's.
function loadEnvFiles() {
  if (opts.envFiles.length === 0) return;
  const failure = requireBuiltin('internal/dotenv').loadEnvFiles(opts.envFiles);
  if (failure !== undefined) {
    binding.writeStderr(`jsvm: ${failure}\n`);
    binding.reallyExit(9);
  }
}

exports.start = function start() {
  try {
    setMainArgv();
    if (workerInfo !== undefined) requireBuiltin('worker_threads');
    else {
      loadEnvFiles();
      startIpcChannel();
      Module._preloadModules(opts.preload);
    }
    if (workerInfo === undefined && (opts.imports.length > 0 || opts.loaders.length > 0)) {
      // The program runs once the `--import` modules are evaluated (an unsettled one leaves
      // the process as an unsettled main module does).
      const settle = watchMainModule();
      importPreloads(opts.imports).then(() => {
        settle();
        try {
          runMain();
        } catch (e) {
          uncaught(e);
        }
      }, (e) => {
        settle();
        uncaught(e);
      });
    } else {
      runMain();
    }
  } catch (e) {
    uncaught(e);
  }
  runNextTicks();
  runLoop();
  return exitNormally();
};

exports.finish = function finish() {
  runNextTicks();
  runLoop();
  return exitNormally();
};

// ---- REPL ---------------------------------------------------------------------------------------------

// `_` and `_error`: the last value and the last error shown, until the program assigns the
// name (then a plain variable, and the REPL stops setting it).
const replKept = { _: { value: undefined, on: true }, _error: { value: undefined, on: true } };
function defineReplVariable(name) {
  const kept = replKept[name];
  Object.defineProperty(globalObject, name, {
    get() { return kept.value; },
    set(v) {
      if (kept.on) {
        kept.on = false;
        binding.writeStdout(`Expression assignment to ${name} now disabled.\n`);
      }
      Object.defineProperty(globalObject, name, { value: v, writable: true, configurable: true, enumerable: false });
    },
    configurable: true,
    enumerable: false,
  });
}
exports.replStart = function replStart() {
  process.argv.push(...opts.args);
  loadEnvFiles();
  Module._preloadModules(opts.preload);
  setScriptGlobals('<repl>', '.');
  defineReplVariable('_');
  defineReplVariable('_error');
};

exports.replShow = function replShow(value, colors) {
  if (replKept._.on) replKept._.value = value;
  return inspect(value, { colors: !!colors, showProxy: true });
};

exports.replError = function replError(err, colors) {
  if (replKept._error.on) replKept._error.value = err;
  if (isErrorLike(err)) {
    let text = inspect(err, { colors: !!colors });
    // The entry's own top-level frame and the host's frames are noise at the prompt.
    text = text.split('\n').filter((l) => !/^\s+at (?:<eval> \(|<anonymous> \()?(REPL\d*|node:internal)/.test(l)).join('\n');
    // An error with no frame left (a declaration refused before the entry ran) inspects as
    // `[SyntaxError: ...]`: Node's REPL takes the braces off.
    if (text[0] === '[' && text[text.length - 1] === ']') text = text.slice(1, -1);
    return `Uncaught ${text}`;
  }
  return `Uncaught ${inspect(err, { colors: !!colors })}`;
};

exports.replDrain = function replDrain() {
  processTicksAndRejections();
  loopIteration(false);
};

exports.replAwait = function replAwait() {
  const p = globalObject.__jsvmReplPromise;
  const state = { done: false, failed: false, value: undefined };
  Promise.resolve(p).then((v) => { state.done = true; state.value = v; },
    (e) => { state.done = true; state.failed = true; state.value = e; });
  processTicksAndRejections();
  while (!state.done && loopAlive()) {
    loopIteration(true);
  }
  if (!state.done) return 'V' + inspect(p);
  if (state.failed) return 'E' + exports.replError(state.value);
  return 'V' + exports.replShow(state.value);
};
