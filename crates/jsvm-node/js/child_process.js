// `child_process`: real processes, as Node's. spawnSync runs a child to its end in the native
// (binding.spawnSync, src/child_binding.rs); spawn starts one on the event loop (the socket
// natives of js/net.js: a child is a handle whose EV_EXIT reports its end, its stdio pipes are
// net.Sockets, as Node's are). fork adds an IPC channel on descriptor 3 carrying JSON lines
// (Node's default 'json' serialization); a child started that way sets up its end of the
// channel at startup (exports._forkChild, called by the bootstrap).
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setTimeout, clearTimeout } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const EventEmitter = require('events');
const net = require('net');
const { Buffer } = require('buffer');
const {
  codes, makeError, validateString, validateObject, validateFunction, validateArray,
  validateBoolean, isArrayBufferView,
} = require('internal/errors');

const io = binding.io;
const { nb, attach, detach, setRef } = net._internal;
const signals = binding.signals;

const EV_EXIT = 20; // net_binding.rs
const MAX_BUFFER = 1024 * 1024;
const UV_ENOENT = -2;
const UV_EACCES = -13;
const UV_EAGAIN = -11;
const UV_EMFILE = -24;
const UV_ENFILE = -23;
const UV_ESRCH = -3;
const UV_EINVAL = -22;
const UV_ENOSYS = -38;

const E = {
  ERR_UNKNOWN_SIGNAL: (s) => makeError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${s}`),
  ERR_CHILD_PROCESS_STDIO_MAXBUFFER: (name) =>
    makeError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', `${name} maxBuffer length exceeded`),
  ERR_CHILD_PROCESS_IPC_REQUIRED: (name) => makeError(Error, 'ERR_CHILD_PROCESS_IPC_REQUIRED',
    `Forked processes must have an IPC channel, missing value 'ipc' in ${name}`),
  ERR_IPC_CHANNEL_CLOSED: () => makeError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed'),
  ERR_IPC_DISCONNECTED: () => makeError(Error, 'ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected'),
  ERR_IPC_ONE_PIPE: () => makeError(Error, 'ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe'),
  ERR_IPC_SYNC_FORK: () => makeError(Error, 'ERR_IPC_SYNC_FORK', 'IPC cannot be used with synchronous forks'),
};

// `spawn nosuchcmd ENOENT` (Node's ErrnoException).
function errnoException(errno, syscall) {
  const [code] = nb.errname(errno);
  const ex = new Error(`${syscall} ${code}`);
  ex.errno = errno;
  ex.code = code;
  ex.syscall = syscall;
  return ex;
}

function genericNodeError(message, props) {
  return Object.assign(new Error(message), props);
}

// A signal name or number -> its number (Node's convertToValidSignal).
function signalNumber(sig) {
  if (typeof sig === 'number') {
    for (const name in signals) if (signals[name] === sig) return sig;
  } else if (typeof sig === 'string') {
    const n = signals[sig.toUpperCase()];
    if (n !== undefined) return n;
  }
  throw E.ERR_UNKNOWN_SIGNAL(sig);
}

function sanitizeKillSignal(killSignal) {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') return signalNumber(killSignal);
  if (killSignal != null) {
    throw codes.ERR_INVALID_ARG_TYPE('options.killSignal', ['string', 'number'], killSignal);
  }
  return undefined;
}

function validateTimeout(timeout) {
  if (timeout != null && !(Number.isInteger(timeout) && timeout >= 0)) {
    throw codes.ERR_OUT_OF_RANGE('timeout', 'an unsigned integer', timeout);
  }
}

function validateMaxBuffer(maxBuffer) {
  if (maxBuffer != null && !(typeof maxBuffer === 'number' && maxBuffer >= 0)) {
    throw codes.ERR_OUT_OF_RANGE('options.maxBuffer', 'a positive number', maxBuffer);
  }
}

function validateNoNul(arg, name) {
  if (typeof arg === 'string' && arg.includes('\u0000')) {
    throw codes.ERR_INVALID_ARG_VALUE(name, arg, 'must be a string without null bytes');
  }
}

// ---- arguments -------------------------------------------------------------------------------

// file, args, options -> what the natives take: the file to run, its argv (argv[0] first),
// cwd, the environment as KEY=value pairs, and the options as given.
function normalizeSpawnArguments(file, args, options) {
  validateString(file, 'file');
  validateNoNul(file, 'file');
  if (file.length === 0) throw codes.ERR_INVALID_ARG_VALUE('file', file, 'cannot be empty');
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args == null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw codes.ERR_INVALID_ARG_TYPE('args', 'object', args);
  } else {
    options = args;
    args = [];
  }
  for (let i = 0; i < args.length; i++) validateNoNul(args[i], `args[${i}]`);
  if (options === undefined) options = {};
  else validateObject(options, 'options');
  options = { ...options };
  let cwd = options.cwd;
  if (cwd != null) {
    if (typeof URL === 'function' && cwd instanceof URL) cwd = decodeURIComponent(cwd.pathname);
    validateString(cwd, 'options.cwd');
  }
  if (options.detached != null) validateBoolean(options.detached, 'options.detached');
  for (const id of ['uid', 'gid']) {
    if (options[id] != null && !Number.isInteger(options[id])) {
      throw codes.ERR_INVALID_ARG_TYPE(`options.${id}`, 'int32', options[id]);
    }
  }
  if (options.shell != null && typeof options.shell !== 'boolean' && typeof options.shell !== 'string') {
    throw codes.ERR_INVALID_ARG_TYPE('options.shell', ['boolean', 'string'], options.shell);
  }
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    validateNoNul(options.argv0, 'options.argv0');
  }
  if (options.shell) {
    validateNoNul(options.shell, 'options.shell');
    const command = [file, ...args].join(' ');
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', command];
  }
  args.unshift(typeof options.argv0 === 'string' ? options.argv0 : file);
  const env = options.env || process.env;
  const envPairs = [];
  // Inherited keys count too, as in Node.
  for (const key in env) {
    const value = env[key];
    if (value !== undefined) {
      validateNoNul(key, `options.env['${key}']`);
      validateNoNul(value, `options.env['${key}']`);
      envPairs.push(`${key}=${value}`);
    }
  }
  return { ...options, args, cwd, detached: !!options.detached, envPairs, file };
}

// The stdio option -> [{ type: 'pipe' | 'ignore' | 'fd' | 'ipc', fd }], at least three.
function getValidStdio(stdio, sync) {
  if (typeof stdio === 'string') {
    if (stdio === 'overlapped') stdio = 'pipe';
    if (stdio !== 'pipe' && stdio !== 'ignore' && stdio !== 'inherit') {
      throw codes.ERR_INVALID_ARG_VALUE('stdio', stdio);
    }
    stdio = [stdio, stdio, stdio];
  } else if (!Array.isArray(stdio)) {
    throw codes.ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  const list = [];
  let ipc = -1;
  const n = Math.max(stdio.length, 3);
  for (let i = 0; i < n; i++) {
    let s = stdio[i];
    if (s == null) s = i < 3 ? 'pipe' : 'ignore';
    if (s === 'ignore') {
      list.push({ type: 'ignore' });
    } else if (s === 'pipe' || s === 'overlapped') {
      list.push({ type: 'pipe' });
    } else if (s === 'ipc') {
      if (sync) throw E.ERR_IPC_SYNC_FORK();
      if (ipc !== -1) throw E.ERR_IPC_ONE_PIPE();
      ipc = i;
      list.push({ type: 'ipc' });
    } else if (s === 'inherit') {
      list.push({ type: 'fd', fd: i });
    } else if (typeof s === 'number') {
      list.push({ type: 'fd', fd: s });
    } else if (s !== null && typeof s === 'object' && typeof s.fd === 'number') {
      list.push({ type: 'fd', fd: s.fd });
    } else if (s !== null && typeof s === 'object' && s._id && s instanceof net.Socket) {
      throw codes.ERR_INVALID_ARG_VALUE('stdio', s, 'is a socket, which jsvm cannot pass to a child');
    } else {
      throw codes.ERR_INVALID_ARG_VALUE('stdio', s);
    }
  }
  return { list, ipc };
}

function nativeStdio(list) {
  return list.map((s) => (s.type === 'fd' ? s.fd : s.type === 'ignore' ? 'ignore' : 'pipe'));
}

// ---- ChildProcess ------------------------------------------------------------------------------

function ChildProcess() {
  EventEmitter.call(this);
  this._closesNeeded = 1;
  this._closesGot = 0;
  this.connected = false;
  this.signalCode = null;
  this.exitCode = null;
  this.killed = false;
  this.spawnfile = null;
  this._handle = null;
  Object.defineProperty(this, '_id', { value: 0, writable: true });
  Object.defineProperty(this, '_refed', { value: true, writable: true });
}
Object.setPrototypeOf(ChildProcess.prototype, EventEmitter.prototype);
Object.setPrototypeOf(ChildProcess, EventEmitter);

function maybeClose(child) {
  child._closesGot++;
  if (child._closesGot === child._closesNeeded) {
    child.emit('close', child.exitCode, child.signalCode);
  }
}

ChildProcess.prototype.spawn = function spawn(options) {
  validateObject(options, 'options');
  const { list, ipc } = getValidStdio(options.stdio || 'pipe', false);
  const envPairs = (options.envPairs || []).slice();
  if (ipc !== -1) {
    envPairs.push(`NODE_CHANNEL_FD=${ipc}`, 'NODE_CHANNEL_SERIALIZATION_MODE=json');
  }
  validateString(options.file, 'options.file');
  this.spawnfile = options.file;
  if (options.args === undefined) this.spawnargs = [];
  else {
    validateArray(options.args, 'options.args');
    this.spawnargs = options.args;
  }
  const r = nb.spawn({
    file: options.file,
    args: this.spawnargs,
    cwd: options.cwd,
    envPairs,
    stdio: nativeStdio(list),
    detached: !!options.detached,
    uid: options.uid,
    gid: options.gid,
  });
  const err = r[0] < 0 ? r[0] : 0;
  if (err === UV_EACCES || err === UV_EAGAIN || err === UV_EMFILE || err === UV_ENFILE || err === UV_ENOENT) {
    // Failures of the child's start are events, not exceptions.
    process.nextTick(onErrorNT, this, err);
  } else if (err) {
    throw errnoException(err, 'spawn');
  } else {
    this._handle = { pid: r[0] };
    attach(this, r[1]);
    process.nextTick(onSpawnNT, this);
  }
  this.pid = err ? undefined : r[0];
  const stdio = [];
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    const handle = err ? 0 : r[2 + i];
    if (s.type === 'ipc') {
      stdio.push(null);
      if (!err) {
        this._closesNeeded++;
        setupChannel(this, handle);
      }
    } else if (s.type === 'pipe') {
      const socket = handle ? new net.Socket({ handle, readable: i > 0 }) : new net.Socket({ readable: i > 0 });
      if (i > 0 && !err) {
        this._closesNeeded++;
        socket.on('close', () => maybeClose(this));
      }
      stdio.push(socket);
    } else {
      stdio.push(null);
    }
  }
  this.stdin = stdio.length >= 1 && stdio[0] !== undefined ? stdio[0] : null;
  this.stdout = stdio.length >= 2 && stdio[1] !== undefined ? stdio[1] : null;
  this.stderr = stdio.length >= 3 && stdio[2] !== undefined ? stdio[2] : null;
  this.stdio = stdio;
  return err;
};

function onSpawnNT(child) {
  child.emit('spawn');
}

function onErrorNT(child, err) {
  child._onExit(err, null);
}

ChildProcess.prototype._onIo = function (type, payload) {
  if (type === EV_EXIT) this._onExit(payload[0], payload[1]);
};

ChildProcess.prototype._onExit = function (exitCode, signalCode) {
  if (signalCode) this.signalCode = signalCode;
  else this.exitCode = exitCode;
  if (this.stdin) this.stdin.destroy();
  detach(this);
  this._handle = null;
  if (exitCode < 0) {
    const syscall = this.spawnfile ? `spawn ${this.spawnfile}` : 'spawn';
    const err = errnoException(exitCode, syscall);
    if (this.spawnfile) err.path = this.spawnfile;
    err.spawnargs = this.spawnargs.slice(1);
    this.emit('error', err);
  } else {
    this.emit('exit', this.exitCode, this.signalCode);
  }
  // Output nobody reads is drained (on the next tick: listeners may still start reading),
  // so its streams reach their end and 'close' can follow.
  process.nextTick(flushStdio, this);
  maybeClose(this);
};

function flushStdio(child) {
  const stdio = child.stdio;
  if (stdio == null) return;
  for (const stream of stdio) {
    if (!stream || !stream.readable || stream.listenerCount('readable') > 0) continue;
    stream.resume();
  }
}

ChildProcess.prototype.kill = function kill(sig) {
  const signal = sig === 0 ? 0 : signalNumber(sig === undefined ? 'SIGTERM' : sig);
  if (this._id) {
    const err = nb.kill(this._id, signal);
    if (err === 0) {
      this.killed = true;
      return true;
    }
    if (err === UV_ESRCH) {
      // Gone already.
    } else if (err === UV_EINVAL || err === UV_ENOSYS) {
      throw errnoException(err, 'kill');
    } else {
      this.emit('error', errnoException(err, 'kill'));
    }
  }
  return false;
};

ChildProcess.prototype.ref = function ref() { setRef(this, true); };
ChildProcess.prototype.unref = function unref() { setRef(this, false); };

Object.defineProperty(ChildProcess.prototype, 'channel', {
  get() { return this._channel === undefined ? undefined : this._channel; },
  configurable: true,
});

// ---- the IPC channel ----------------------------------------------------------------------

// The `channel` of a ChildProcess and of `process` in a forked child, as Node's: ref() and
// unref() set the channel's state for good; refCounted() and unrefCounted() (what a forked
// child counts its 'message' and 'disconnect' listeners with, and packages such as execa call)
// ref it while the count is positive, unless ref() or unref() was called.
class Control extends EventEmitter {
  #sock;
  #refs = 0;
  #refExplicitlySet = false;

  constructor(sock) {
    super();
    this.#sock = sock;
  }

  refCounted() {
    if (++this.#refs === 1 && !this.#refExplicitlySet) this.#sock.ref();
  }

  unrefCounted() {
    if (--this.#refs === 0 && !this.#refExplicitlySet) {
      this.#sock.unref();
      this.emit('unref');
    }
  }

  ref() {
    this.#refExplicitlySet = true;
    this.#sock.ref();
  }

  unref() {
    this.#refExplicitlySet = true;
    this.#sock.unref();
  }
}

// Makes `target` (a ChildProcess, or `process` in a forked child) an end of the channel on the
// stream handle `id`: send(), 'message', disconnect(), 'disconnect', connected, channel.
function setupChannel(target, id) {
  const sock = new net.Socket({ handle: id });
  sock.setEncoding('utf8');
  let pending = '';
  const control = new Control(sock);
  Object.defineProperty(target, '_channel', { value: control, writable: true, configurable: true });
  target.connected = true;

  sock.on('data', (chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        continue;
      }
      if (!target._channel) return;
      const internal = message !== null && typeof message === 'object' &&
        typeof message.cmd === 'string' && message.cmd.startsWith('NODE_');
      process.nextTick(emitMessage, target, internal ? 'internalMessage' : 'message', message);
    }
  });
  // The other end closed: this end disconnects too. Only then does the channel count among
  // the things a child's 'close' waits for: after a disconnect() of the parent's own, Node
  // emits no 'close' at all.
  const onEnd = () => {
    if (!target.connected) return;
    target.disconnect();
    sock.destroy();
    if (target instanceof ChildProcess) maybeClose(target);
  };
  sock.on('end', onEnd);
  sock.on('error', onEnd);

  target.send = function send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
    } else if (typeof options === 'function') {
      callback = options;
    }
    if (message === undefined) throw codes.ERR_MISSING_ARGS('message');
    if (typeof message !== 'string' && typeof message !== 'object' &&
        typeof message !== 'number' && typeof message !== 'boolean') {
      throw codes.ERR_INVALID_ARG_TYPE('message', ['string', 'object', 'number', 'boolean'], message);
    }
    if (handle !== undefined && handle !== null) {
      throw codes.ERR_INVALID_ARG_VALUE('handle', handle, 'cannot be sent by jsvm');
    }
    if (callback !== undefined) validateFunction(callback, 'callback');
    if (!this.connected) {
      const ex = E.ERR_IPC_CHANNEL_CLOSED();
      if (callback) process.nextTick(callback, ex);
      else process.nextTick(() => this.emit('error', ex));
      return false;
    }
    sock.write(`${JSON.stringify(message)}\n`, 'utf8', (err) => {
      if (callback) callback(err || null);
    });
    return sock.writableLength < 65536 * 2;
  };

  target.disconnect = function disconnect() {
    if (!this.connected) {
      this.emit('error', E.ERR_IPC_DISCONNECTED());
      return;
    }
    this.connected = false;
    this._channel = null;
    // Queued messages go out first; then the channel closes and the other end sees its end.
    sock.end(() => sock.destroy());
    process.nextTick(() => target.emit('disconnect'));
  };
  return { sock, control };
}

function emitMessage(target, event, message) {
  target.emit(event, message, undefined);
}

// In a child started with an IPC channel on `fd`: `process` becomes its end. The channel keeps
// the process alive only while it has 'message' or 'disconnect' listeners, as in Node.
function _forkChild(fd) {
  const id = nb.openFd(fd);
  if (id < 0) return;
  const { sock, control } = setupChannel(process, id);
  sock.unref();
  process.on('newListener', (name) => {
    if (name === 'message' || name === 'disconnect') control.refCounted();
  });
  process.on('removeListener', (name) => {
    if (name === 'message' || name === 'disconnect') control.unrefCounted();
  });
  Object.defineProperty(process, 'channel', {
    get() { return process._channel === null ? undefined : process._channel; },
    configurable: true,
    enumerable: false,
  });
}

// ---- spawn, exec, execFile, fork -------------------------------------------------------------

function spawn(file, args, options) {
  options = normalizeSpawnArguments(file, args, options);
  validateTimeout(options.timeout);
  const killSignal = sanitizeKillSignal(options.killSignal);
  const child = new ChildProcess();
  child.spawn(options);
  if (options.timeout > 0) {
    let timer = setTimeout(() => {
      if (timer) {
        try {
          child.kill(killSignal);
        } catch (err) {
          child.emit('error', err);
        }
        timer = null;
      }
    }, options.timeout);
    child.once('exit', () => {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
    });
  }
  if (options.signal) {
    const signal = options.signal;
    const onAbort = () => {
      try {
        if (child.kill(killSignal)) {
          const e = new Error('The operation was aborted', { cause: signal.reason });
          e.name = 'AbortError';
          e.code = 'ABORT_ERR';
          child.emit('error', e);
        }
      } catch (err) {
        child.emit('error', err);
      }
    };
    if (signal.aborted) process.nextTick(onAbort);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return child;
}

function normalizeExecFileArgs(file, args, options, callback) {
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args != null && typeof args === 'object') {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  }
  if (args == null) args = [];
  if (typeof options === 'function') callback = options;
  else if (options != null) validateObject(options, 'options');
  if (options == null || typeof options === 'function') options = {};
  if (callback != null) validateFunction(callback, 'callback');
  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    validateNoNul(options.argv0, 'options.argv0');
  }
  return { file, args, options, callback };
}

function normalizeExecArgs(command, options, callback) {
  validateString(command, 'command');
  validateNoNul(command, 'command');
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = { ...options };
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options, callback };
}

function execFile(file, args, options, callback) {
  ({ file, args, options, callback } = normalizeExecFileArgs(file, args, options, callback));
  options = {
    encoding: 'utf8', timeout: 0, maxBuffer: MAX_BUFFER, killSignal: 'SIGTERM',
    cwd: null, env: null, shell: false, ...options,
  };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  const child = spawn(file, args, {
    cwd: options.cwd, env: options.env, gid: options.gid, uid: options.uid,
    shell: options.shell, signal: options.signal,
  });
  const encoding = options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding)
    ? options.encoding : null;
  const out = { stdout: [], stderr: [] };
  const lengths = { stdout: 0, stderr: 0 };
  let killed = false;
  let exited = false;
  let timer = null;
  let ex = null;
  let cmd = file;

  function joined(name) {
    const s = child[name];
    if (encoding || (s && s.readableEncoding)) return out[name].join('');
    return Buffer.concat(out[name]);
  }

  function exithandler(code, signal) {
    if (exited) return;
    exited = true;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!callback) return;
    const stdout = joined('stdout');
    const stderr = joined('stderr');
    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (args.length) cmd += ` ${args.join(' ')}`;
    if (!ex) {
      ex = genericNodeError(`Command failed: ${cmd}\n${stderr}`, {
        code: code < 0 ? nb.errname(code)[0] : code,
        killed: child.killed || killed,
        signal,
      });
    }
    ex.cmd = cmd;
    callback(ex, stdout, stderr);
  }

  function errorhandler(e) {
    ex = e;
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    exithandler();
  }

  function kill() {
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (e) {
      ex = e;
      exithandler();
    }
  }

  if (options.timeout > 0) {
    timer = setTimeout(() => {
      kill();
      timer = null;
    }, options.timeout);
  }

  for (const name of ['stdout', 'stderr']) {
    const s = child[name];
    if (!s) continue;
    if (encoding) s.setEncoding(encoding);
    s.on('data', (chunk) => {
      if (options.maxBuffer === Infinity) {
        out[name].push(chunk);
        return;
      }
      const enc = s.readableEncoding;
      const length = enc ? Buffer.byteLength(chunk, enc) : chunk.length;
      lengths[name] += length;
      if (lengths[name] > options.maxBuffer) {
        const keep = options.maxBuffer - (lengths[name] - length);
        out[name].push(chunk.slice(0, keep));
        ex = E.ERR_CHILD_PROCESS_STDIO_MAXBUFFER(name);
        kill();
      } else {
        out[name].push(chunk);
      }
    });
  }

  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);
  return child;
}

function exec(command, options, callback) {
  const opts = normalizeExecArgs(command, options, callback);
  return module.exports.execFile(opts.file, opts.options, opts.callback);
}

// util.promisify(exec) / promisify(execFile) resolve { stdout, stderr }.
function promisified(orig) {
  return (...args) => {
    let child;
    const promise = new Promise((resolve, reject) => {
      child = orig(...args, (err, stdout, stderr) => {
        if (err !== null) {
          err.stdout = stdout;
          err.stderr = stderr;
          reject(err);
        } else {
          resolve({ stdout, stderr });
        }
      });
    });
    promise.child = child;
    return promise;
  };
}
const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
Object.defineProperty(exec, promisifyCustom, { value: promisified(exec) });
Object.defineProperty(execFile, promisifyCustom, { value: promisified(execFile) });

function fork(modulePath, args = [], options) {
  if (typeof URL === 'function' && modulePath instanceof URL) modulePath = decodeURIComponent(modulePath.pathname);
  validateString(modulePath, 'modulePath');
  validateNoNul(modulePath, 'modulePath');
  if (args == null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else {
    validateArray(args, 'args');
  }
  if (options != null) validateObject(options, 'options');
  options = { ...options, shell: false };
  options.execPath = options.execPath || process.execPath;
  let execArgv = options.execArgv || process.execArgv;
  if (execArgv === process.execArgv) {
    // A program run with -e does not hand its code to the child (which would fork again).
    const i = execArgv.findIndex((a) => a === '-e' || a === '--eval' || a === '-p' || a === '--print');
    if (i !== -1) {
      execArgv = execArgv.slice();
      execArgv.splice(i, 2);
    }
  }
  args = [...execArgv, modulePath, ...args];
  if (typeof options.stdio === 'string') {
    options.stdio = [options.stdio, options.stdio, options.stdio, 'ipc'];
  } else if (!Array.isArray(options.stdio)) {
    const s = options.silent ? 'pipe' : 'inherit';
    options.stdio = [s, s, s, 'ipc'];
  } else if (!options.stdio.includes('ipc')) {
    throw E.ERR_CHILD_PROCESS_IPC_REQUIRED('options.stdio');
  }
  return spawn(options.execPath, args, options);
}

// ---- synchronous ---------------------------------------------------------------------------

// What `process.binding('spawn_sync')` gives, as Node's: spawnSync calls its `spawn` when it
// runs, so a program that replaces it (nyc's process-on-spawn, spawn-wrap) sees every
// synchronous child and may change its file, arguments and environment.
const spawnSyncBinding = {
  spawn(options) {
    return binding.spawnSync(options);
  },
};

function spawnSync(file, args, options) {
  options = { maxBuffer: MAX_BUFFER, ...normalizeSpawnArguments(file, args, options) };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  const killSignal = sanitizeKillSignal(options.killSignal);
  const { list } = getValidStdio(options.stdio || 'pipe', true);
  let input = options.input;
  if (input != null) {
    if (typeof input === 'string') {
      input = Buffer.from(input, options.encoding);
    } else if (!isArrayBufferView(input)) {
      throw codes.ERR_INVALID_ARG_TYPE('options.stdio[0]', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
    }
    input = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  const result = spawnSyncBinding.spawn({
    file: options.file,
    args: options.args,
    cwd: options.cwd,
    envPairs: options.envPairs,
    stdio: nativeStdio(list),
    detached: options.detached,
    uid: options.uid,
    gid: options.gid,
    input: input == null ? undefined : input,
    timeout: options.timeout || 0,
    killSignal,
    maxBuffer: options.maxBuffer,
  });
  const output = result.output;
  if (output) {
    for (let i = 0; i < output.length; i++) {
      if (!output[i]) continue;
      const b = output[i];
      output[i] = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      if (options.encoding && options.encoding !== 'buffer') output[i] = output[i].toString(options.encoding);
    }
  }
  result.stdout = output && output[1];
  result.stderr = output && output[2];
  if (result.error) {
    result.error = errnoException(result.error, `spawnSync ${options.file}`);
    result.error.path = options.file;
    result.error.spawnargs = options.args.slice(1);
  }
  return result;
}

function checkExecSyncError(ret, args, cmd) {
  if (ret.error) return Object.assign(ret.error, ret);
  if (ret.status !== 0) {
    let msg = `Command failed: ${cmd || args.join(' ')}`;
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    return genericNodeError(msg, ret);
  }
  return undefined;
}

function execFileSync(file, args, options) {
  ({ file, args, options } = normalizeExecFileArgs(file, args, options));
  const inheritStderr = !options.stdio;
  const ret = spawnSync(file, args, options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, [options.argv0 || file, ...args]);
  if (err) throw err;
  return ret.stdout;
}

function execSync(command, options) {
  const opts = normalizeExecArgs(command, options, null);
  const inheritStderr = !opts.options.stdio;
  const ret = spawnSync(opts.file, opts.options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, undefined, command);
  if (err) throw err;
  return ret.stdout;
}

module.exports = {
  _forkChild,
  ChildProcess,
  exec,
  execFile,
  execFileSync,
  execSync,
  fork,
  spawn,
  spawnSync,
};
// For process.binding('spawn_sync') (not one of Node's exports: not enumerable).
Object.defineProperty(module.exports, '_spawnSyncBinding', { value: spawnSyncBinding });
