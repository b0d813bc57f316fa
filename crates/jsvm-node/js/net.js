// `net`: TCP servers and sockets, as Node's, on the host's socket natives
// (src/net_binding.rs, reached through binding.netBinding()).
//
// The natives report I/O as events from the loop's poll phase; io.poll (installed here when a
// program first loads net) dispatches each to its handle's _onIo as an I/O callback: nextTicks
// and promise jobs run after each, and an exception is an uncaught exception.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setTimeout, clearTimeout } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const EventEmitter = require('events');
const stream = require('stream');
const { Buffer } = require('buffer');
const { makeError, invalidArgTypeMessage, validateString } = require('internal/errors');

const io = binding.io;
const nb = binding.netBinding();

// Event types of net_binding.rs.
const EV_CONNECTION = 1;
const EV_CONNECT = 2;
const EV_DATA = 3;
const EV_EOF = 4;
const EV_READ_ERROR = 5;
const EV_WRITE_DONE = 6;
const EV_HEAD = 10;
const EV_BODY = 11;
const EV_COMPLETE = 12;
const EV_PARSE_ERROR = 13;
const ASYNC_WRITE = 10000; // nb.write: -(ASYNC_WRITE + n) when queued

const handles = new Map(); // id -> Socket | Server
const bufferProto = Buffer.prototype;

io.poll = function poll(ms) {
  const evs = nb.poll(ms);
  const callback = io.callback;
  for (let i = 0; i < evs.length; i += 3) {
    const h = handles.get(evs[i]);
    if (h !== undefined) callback(h._onIo, h, evs[i + 1], evs[i + 2]);
  }
};

// ---- errors --------------------------------------------------------------------------------

function errname(err) { return nb.errname(err); }

// `read ECONNRESET` (Node's errnoException).
function errnoException(err, syscall, original) {
  const [code] = errname(err);
  const message = original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`;
  const ex = new Error(message);
  ex.errno = err;
  ex.code = code;
  ex.syscall = syscall;
  return ex;
}

// `connect ECONNREFUSED 127.0.0.1:1` (Node's exceptionWithHostPort).
function exceptionWithHostPort(err, syscall, address, port) {
  const [code] = errname(err);
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  const ex = new Error(`${syscall} ${code}${details}`);
  ex.errno = err;
  ex.code = code;
  ex.syscall = syscall;
  ex.address = address;
  if (port) ex.port = port;
  return ex;
}

// `listen EADDRINUSE: address already in use 127.0.0.1:8124` (Node's uvExceptionWithHostPort).
function uvExceptionWithHostPort(err, syscall, address, port) {
  const [code, uvmsg] = errname(err);
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  const ex = new Error(`${syscall} ${code}: ${uvmsg}${details}`);
  ex.code = code;
  ex.errno = err;
  ex.syscall = syscall;
  ex.address = address;
  if (port) ex.port = port;
  return ex;
}

function dnsException(host) {
  const ex = new Error(`getaddrinfo ENOTFOUND ${host}`);
  ex.errno = -3008;
  ex.code = 'ENOTFOUND';
  ex.syscall = 'getaddrinfo';
  ex.hostname = host;
  return ex;
}

const E = {
  ERR_SOCKET_CLOSED: () => makeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'),
  ERR_SERVER_NOT_RUNNING: () => makeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.'),
  ERR_SERVER_ALREADY_LISTEN: () => makeError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.'),
  ERR_SOCKET_BAD_PORT: (name, port, allowZero = true) => makeError(RangeError, 'ERR_SOCKET_BAD_PORT',
    `${name} should be ${allowZero ? '>= 0' : '> 0'} and < 65536. Received ${typeof port === 'string' ? `type string ('${port}')` : typeof port === 'number' ? `type number (${port})` : require('util').inspect(port)}.`),
  ERR_INVALID_ARG_TYPE: (n, e, a) => makeError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgTypeMessage(n, e, a)),
  ERR_MISSING_ARGS: (n) => makeError(TypeError, 'ERR_MISSING_ARGS', `The "${n}" argument must be specified`),
  ERR_INVALID_ARG_VALUE: (n, v) => makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument '${n}' is invalid. Received ${require('util').inspect(v)}`),
  ERR_SOCKET_CLOSED_BEFORE_CONNECTION: () => makeError(Error, 'ERR_SOCKET_CLOSED_BEFORE_CONNECTION', 'Socket closed before the connection was established'),
};

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) return stream.Duplex.prototype.write.call(this, chunk, encoding, cb);
  if (typeof encoding === 'function') { cb = encoding; encoding = null; }
  const er = makeError(Error, 'EPIPE', 'This socket has been ended by the other party');
  er.code = 'EPIPE';
  if (typeof cb === 'function') process.nextTick(cb, er);
  this.destroy(er);
  return false;
}

// ---- ports and addresses --------------------------------------------------------------------

function isLegalPort(port) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim().length === 0)) return false;
  return +port === (+port >>> 0) && port <= 0xFFFF;
}
function validatePort(port, name = 'Port', allowZero = true) {
  if (!isLegalPort(port) || (!allowZero && +port === 0)) throw E.ERR_SOCKET_BAD_PORT(name, port, allowZero);
  return +port | 0;
}

const v4Seg = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const v4Str = `(?:${v4Seg}\\.){3}${v4Seg}`;
const IPv4Reg = new RegExp(`^${v4Str}$`);
const v6Seg = '(?:[0-9a-fA-F]{1,4})';
const IPv6Reg = new RegExp('^(?:' +
  `(?:${v6Seg}:){7}(?:${v6Seg}|:)|` +
  `(?:${v6Seg}:){6}(?:${v4Str}|:${v6Seg}|:)|` +
  `(?:${v6Seg}:){5}(?::${v4Str}|(?::${v6Seg}){1,2}|:)|` +
  `(?:${v6Seg}:){4}(?:(?::${v6Seg}){0,1}:${v4Str}|(?::${v6Seg}){1,3}|:)|` +
  `(?:${v6Seg}:){3}(?:(?::${v6Seg}){0,2}:${v4Str}|(?::${v6Seg}){1,4}|:)|` +
  `(?:${v6Seg}:){2}(?:(?::${v6Seg}){0,3}:${v4Str}|(?::${v6Seg}){1,5}|:)|` +
  `(?:${v6Seg}:){1}(?:(?::${v6Seg}){0,4}:${v4Str}|(?::${v6Seg}){1,6}|:)|` +
  `(?::(?:(?::${v6Seg}){0,5}:${v4Str}|(?::${v6Seg}){1,7}|:))` +
')(?:%[0-9a-zA-Z-.:]{1,})?$');
function isIPv4(s) { return IPv4Reg.test(`${s}`); }
function isIPv6(s) { return IPv6Reg.test(`${s}`); }
function isIP(s) { if (isIPv4(s)) return 4; if (isIPv6(s)) return 6; return 0; }

// ---- handles -------------------------------------------------------------------------------

function attach(owner, id) {
  owner._id = id;
  handles.set(id, owner);
  if (owner._refed) io.refs++;
}
function detach(owner) {
  const id = owner._id;
  if (!id) return;
  owner._id = 0;
  handles.delete(id);
  nb.close(id);
  if (owner._refed) io.refs--;
}
function setRef(owner, on) {
  if (owner._refed === on) return;
  owner._refed = on;
  if (owner._id) io.refs += on ? 1 : -1;
}

// ---- Socket --------------------------------------------------------------------------------

const kTimeout = Symbol('timeout');
const kLastActive = Symbol('lastActive');

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === 'number') options = { fd: options };
  else options = { ...options };
  options.allowHalfOpen = !!options.allowHalfOpen;
  options.emitClose = false;
  options.autoDestroy = true;
  options.decodeStrings = false;
  stream.Duplex.call(this, options);
  this.connecting = false;
  this._hadError = false;
  this._id = 0;
  this._refed = true;
  this._host = null;
  this._port = 0;
  this._pendingWriteCb = null;
  this._pendingWrite = null;
  this._parser = null; // http: { onHead, onBody, onComplete, onError }
  this._parserPaused = false;
  this._reading = false;
  this._sockname = null;
  this._peername = null;
  this.server = null;
  this._server = null;
  this._httpMessage = null;
  this[kTimeout] = null;
  this.timeout = 0;
  this.bytesRead = 0;
  this._bytesWritten = 0;
  this._closeQueued = false;
  if (options.handle !== undefined) {
    attach(this, options.handle);
    if (options.readable !== false) {
      if (options.pauseOnCreate) {
        this._readableState.flowing = false;
      } else {
        this.read(0);
      }
    }
  }
  this.on('end', onReadableStreamEnd);
  if (options.signal) stream.addAbortSignal(options.signal, this);
}
Object.setPrototypeOf(Socket.prototype, stream.Duplex.prototype);
Object.setPrototypeOf(Socket, stream.Duplex);

function onReadableStreamEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

Socket.prototype._onIo = function (type, payload) {
  switch (type) {
    case EV_DATA: {
      Object.setPrototypeOf(payload, bufferProto);
      this.bytesRead += payload.length;
      this._touch();
      if (!this.push(payload)) this._readStop();
      break;
    }
    case EV_HEAD: this._touch(); this._parser.onHead(payload); break;
    case EV_BODY:
      Object.setPrototypeOf(payload, bufferProto);
      this.bytesRead += payload.length;
      this._touch();
      this._parser.onBody(payload);
      break;
    case EV_COMPLETE: this._parser.onComplete(payload); break;
    case EV_PARSE_ERROR: this._parser.onError(payload[0], payload[1]); break;
    case EV_EOF:
      this._reading = false;
      if (this._parser !== null && this._parser.onEof) this._parser.onEof();
      if (this._readableState.endEmitted) {
        // Nothing to do: the readable side ended already.
      } else {
        this.push(null);
        this.read(0);
      }
      break;
    case EV_READ_ERROR:
      this._reading = false;
      this.destroy(errnoException(payload, 'read'));
      break;
    case EV_WRITE_DONE: {
      const cb = this._pendingWriteCb;
      this._pendingWriteCb = null;
      this._touch();
      if (cb !== null) {
        if (payload < 0) cb(errnoException(payload, 'write'));
        else cb();
      }
      break;
    }
    case EV_CONNECT: this._afterConnect(payload); break;
    default: break;
  }
};

// Activity pushes the idle timeout back; the timer is re-armed lazily when it fires early.
Socket.prototype._touch = function () {
  if (this[kTimeout] !== null) this[kLastActive] = binding.now();
};

Socket.prototype._readStart = function () {
  if (this._id && !this._reading && !this.connecting) {
    this._reading = true;
    nb.readStart(this._id);
  }
};
Socket.prototype._readStop = function () {
  if (this._id && this._reading) {
    this._reading = false;
    nb.readStop(this._id);
  }
};

Socket.prototype._read = function (n) {
  if (this.connecting || !this._id) {
    this.once('connect', () => this._read(n));
  } else if (this._parser === null) {
    this._readStart();
  }
};

Socket.prototype.pause = function () {
  return stream.Duplex.prototype.pause.call(this);
};
Socket.prototype.resume = function () {
  if (this._id && !this.connecting && this._parser === null && !this._reading) this._readStart();
  return stream.Duplex.prototype.resume.call(this);
};

function writeChunk(self, data, encoding, cb) {
  let latin1 = false;
  if (typeof data === 'string') {
    if (encoding === 'latin1' || encoding === 'binary' || encoding === 'ascii') latin1 = true;
    else if (encoding && encoding !== 'utf8' && encoding !== 'utf-8' && encoding !== 'buffer') data = Buffer.from(data, encoding);
  }
  const r = nb.write(self._id, data, latin1);
  if (r >= 0) {
    self._bytesWritten += r;
    self._touch();
    cb();
  } else if (r <= -ASYNC_WRITE) {
    self._bytesWritten += -r - ASYNC_WRITE;
    self._pendingWriteCb = cb;
  } else {
    cb(errnoException(r, 'write'));
  }
}

Socket.prototype._writeGeneric = function (writev, data, encoding, cb) {
  if (this.connecting) {
    this._pendingWrite = [writev, data, encoding, cb];
    const onClose = () => cb(E.ERR_SOCKET_CLOSED_BEFORE_CONNECTION());
    this.once('connect', function connect() {
      this.off('close', onClose);
      this._pendingWrite = null;
      this._writeGeneric(writev, data, encoding, cb);
    });
    this.once('close', onClose);
    return;
  }
  this._pendingWrite = null;
  if (!this._id) {
    cb(E.ERR_SOCKET_CLOSED());
    return;
  }
  if (writev) {
    // One native write of all the chunks: [data, latin1, data, latin1, ...].
    const list = [];
    for (let i = 0; i < data.length; i++) {
      let chunk = data[i].chunk;
      const e = data[i].encoding;
      let latin1 = false;
      if (typeof chunk === 'string') {
        if (e === 'latin1' || e === 'binary' || e === 'ascii') latin1 = true;
        else if (e && e !== 'utf8' && e !== 'utf-8' && e !== 'buffer') chunk = Buffer.from(chunk, e);
      }
      if (chunk.length === 0) continue;
      list.push(chunk, latin1);
    }
    writeChunk(this, list, 'buffer', cb);
  } else {
    writeChunk(this, data, encoding, cb);
  }
};

Socket.prototype._writev = function (chunks, cb) {
  this._writeGeneric(true, chunks, '', cb);
};
Socket.prototype._write = function (data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

Socket.prototype._final = function (cb) {
  if (this.pending || this.connecting) {
    return this.once('connect', () => this._final(cb));
  }
  if (!this._id) return cb();
  const r = nb.shutdown(this._id);
  if (r < 0 && errname(r)[0] !== 'ENOTCONN') return cb(errnoException(r, 'shutdown'));
  cb();
};

Socket.prototype.end = function (data, encoding, callback) {
  stream.Duplex.prototype.end.call(this, data, encoding, callback);
  return this;
};

Socket.prototype.destroySoon = function () {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

Socket.prototype._destroy = function (exception, cb) {
  if (this[kTimeout] !== null) {
    clearTimeout(this[kTimeout]);
    this[kTimeout] = null;
  }
  this.connecting = false;
  const isException = !!exception;
  if (this._id) {
    this._sockname = this._sockname || null;
    detach(this);
    this._reading = false;
    cb(exception);
    io.closing.push(function () { this.emit('close', isException); }, this);
  } else {
    cb(exception);
    process.nextTick(() => this.emit('close', isException));
  }
  if (this._server) {
    this._server._connections--;
    if (this._server._emitCloseIfDrained) this._server._emitCloseIfDrained();
  }
};

Socket.prototype.setTimeout = function (msecs, callback) {
  if (this.destroyed) return this;
  this.timeout = msecs;
  msecs = Number(msecs);
  if (this[kTimeout] !== null) {
    clearTimeout(this[kTimeout]);
    this[kTimeout] = null;
  }
  if (msecs === 0) {
    if (callback !== undefined) this.removeListener('timeout', callback);
  } else {
    this[kLastActive] = binding.now();
    const fire = () => {
      const idle = binding.now() - this[kLastActive];
      if (idle + 1 < msecs) {
        this[kTimeout] = setTimeout(fire, msecs - idle);
        this[kTimeout].unref();
        return;
      }
      this[kTimeout] = null;
      this.emit('timeout');
    };
    this[kTimeout] = setTimeout(fire, msecs);
    this[kTimeout].unref();
    if (callback !== undefined) this.once('timeout', callback);
  }
  return this;
};

Socket.prototype.setNoDelay = function (enable) {
  if (this._id) nb.setNoDelay(this._id, enable === undefined ? true : !!enable);
  return this;
};
Socket.prototype.setKeepAlive = function () { return this; };

Socket.prototype.address = function () {
  if (!this._id) return {};
  const a = nb.address(this._id, false);
  if (a === undefined) return {};
  return { address: a[0], family: a[1], port: a[2] };
};

Socket.prototype._getpeername = function () {
  if (this._peername === null) {
    if (!this._id) return {};
    const a = nb.address(this._id, true);
    if (a === undefined) return {};
    this._peername = { address: a[0], family: a[1], port: a[2] };
  }
  return this._peername;
};

Object.defineProperties(Socket.prototype, {
  remoteAddress: { get() { return this._getpeername().address; }, configurable: true },
  remoteFamily: { get() { return this._getpeername().family; }, configurable: true },
  remotePort: { get() { return this._getpeername().port; }, configurable: true },
  localAddress: { get() { return this.address().address; }, configurable: true },
  localPort: { get() { return this.address().port; }, configurable: true },
  localFamily: { get() { return this.address().family; }, configurable: true },
  pending: { get() { return !this._id || this.connecting; }, configurable: true },
  readyState: {
    get() {
      if (this.connecting) return 'opening';
      if (this.readable && this.writable) return 'open';
      if (this.readable && !this.writable) return 'readOnly';
      if (!this.readable && this.writable) return 'writeOnly';
      return 'closed';
    },
    configurable: true,
  },
  bufferSize: { get() { return this._id ? this.writableLength : undefined; }, configurable: true },
  bytesWritten: { get() { return this._bytesWritten; }, configurable: true },
  _handle: { get() { return this._id ? { id: this._id } : null; }, configurable: true },
});

// ref()/unref() of sockets and servers: whether they keep the event loop alive.
function ref() {
  setRef(this, true);
  return this;
}
function unref() {
  setRef(this, false);
  return this;
}
Socket.prototype.ref = ref;
Socket.prototype.unref = unref;

function normalizeConnectArgs(args) {
  if (args.length === 0) return [{}, null];
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (typeof arg0 === 'string' && !/^\d+$/.test(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

Socket.prototype.connect = function (...args) {
  let normalized;
  if (Array.isArray(args[0]) && args[0].length === 2 && typeof args[0][0] === 'object') normalized = args[0];
  else normalized = normalizeConnectArgs(args);
  const [options, cb] = normalized;
  if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
  if (this.destroyed) {
    this._handleReset();
  }
  if (options.path) {
    // A Unix domain socket.
    validateString(options.path, 'options.path');
    if (cb !== null) this.once('connect', cb);
    if (options.timeout) this.setTimeout(options.timeout);
    this.connecting = true;
    const path = options.path;
    const id = nb.connectPath(path);
    if (id < 0) {
      process.nextTick(() => {
        this.connecting = false;
        this.destroy(exceptionWithHostPort(id, 'connect', path));
      });
      return this;
    }
    attach(this, id);
    return this;
  }
  const host = options.host || options.hostname || 'localhost';
  let port = options.port;
  if (typeof port !== 'undefined') {
    if (typeof port !== 'number' && typeof port !== 'string') throw E.ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'], port);
    port = validatePort(port);
  } else {
    throw E.ERR_MISSING_ARGS('options.port');
  }
  if (cb !== null) this.once('connect', cb);
  if (options.timeout) this.setTimeout(options.timeout);
  this.connecting = true;
  this._host = host;
  this._port = port;
  const id = nb.connect(host, port);
  if (id < 0) {
    const err = id === -3008 ? dnsException(host) : exceptionWithHostPort(id, 'connect', host, port);
    process.nextTick(() => {
      this.connecting = false;
      this.destroy(err);
    });
    return this;
  }
  attach(this, id);
  if (options.noDelay) nb.setNoDelay(id, true);
  return this;
};

Socket.prototype._handleReset = function () {
  const r = this._readableState;
  const w = this._writableState;
  this._undestroy();
  r.ended = false; r.endEmitted = false;
  w.ended = false; w.ending = false; w.finished = false;
};

Socket.prototype._afterConnect = function (status) {
  if (this.destroyed) return;
  this.connecting = false;
  if (status === 0) {
    this._peername = null;
    this._touch();
    this.emit('connect');
    this.emit('ready');
    if (this.readable && !this.isPaused() && this._parser === null) this.read(0);
    else if (this._parser !== null) this._readStart();
  } else {
    const address = this._host;
    const ex = exceptionWithHostPort(status, 'connect', address === 'localhost' ? '127.0.0.1' : address, this._port);
    this.destroy(ex);
  }
};

// http: reads go through the native parser of this socket (1: requests, 2: responses).
Socket.prototype._setParser = function (kind, sink) {
  this._parser = sink;
  if (this._id) nb.setParser(this._id, kind);
};
Socket.prototype._parserNoBody = function (on) {
  if (this._id) nb.parserNoBody(this._id, on);
};
Socket.prototype._parserIdle = function () {
  return this._id ? nb.parserIdle(this._id) : true;
};
// The bytes after an upgrade's head; the socket reads raw data again.
Socket.prototype._takeRest = function () {
  if (!this._id) return Buffer.alloc(0);
  const rest = nb.takeRest(this._id);
  Object.setPrototypeOf(rest, bufferProto);
  return rest;
};
Socket.prototype._clearParser = function () {
  this._parser = null;
  if (this._id) nb.setParser(this._id, 0);
};

// ---- Server --------------------------------------------------------------------------------

function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
  } else if (options == null || typeof options === 'object') {
    options = { ...options };
    if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  } else {
    throw E.ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  if (typeof connectionListener === 'function' && typeof options === 'object' && !this.listenerCount('connection')) {
    this.on('connection', connectionListener);
  }
  this._connections = 0;
  this._id = 0;
  this._refed = true;
  this._listenAddress = null;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = !!options.pauseOnConnect;
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
  this.highWaterMark = options.highWaterMark;
  this.maxConnections = undefined;
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

Object.defineProperty(Server.prototype, 'listening', {
  get() { return !!this._id; }, configurable: true, enumerable: true,
});
Object.defineProperty(Server.prototype, '_handle', {
  get() { return this._id ? { id: this._id } : null; }, configurable: true,
});

function emitErrorNT(self, err) { self.emit('error', err); }
function emitListeningNT(self) { if (self._id) self.emit('listening'); }

Server.prototype.listen = function (...args) {
  let options = {};
  let cb = typeof args[args.length - 1] === 'function' ? args.pop() : null;
  const arg0 = args[0];
  if (arg0 !== null && typeof arg0 === 'object') {
    options = arg0;
    if (options._handle || options.handle || options.fd !== undefined) {
      throw makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The listen(handle) method is not implemented');
    }
  } else if (typeof arg0 === 'string' && !/^\d+$/.test(arg0)) {
    options = { path: arg0 };
  } else {
    options = { port: arg0 };
    if (typeof args[1] === 'string') {
      options.host = args[1];
      if (typeof args[2] === 'number') options.backlog = args[2];
    } else if (typeof args[1] === 'number') {
      options.backlog = args[1];
    }
  }
  if (cb !== null) this.once('listening', cb);
  if (this._id) throw E.ERR_SERVER_ALREADY_LISTEN();
  if (typeof options.path === 'string') {
    // A Unix domain socket at a path (libuv's pipe): the file is removed when it closes.
    const path = options.path;
    const id = nb.listenPath(path);
    if (id < 0) {
      process.nextTick(emitErrorNT, this, uvExceptionWithHostPort(id, 'listen', path, -1));
      return this;
    }
    attach(this, id);
    this._listenAddress = path;
    process.nextTick(emitListeningNT, this);
    return this;
  }
  let port = options.port;
  if (port === undefined || port === null) port = 0;
  port = validatePort(port, 'options.port');
  const host = options.host || options.hostname || '';
  // With a host, Node looks the name up first: the server listens a little later.
  if (host !== '') process.nextTick(listenNow, this, host, port);
  else listenNow(this, host, port);
  return this;
};

function listenNow(server, host, port) {
  if (server._id) return;
  const id = nb.listen(host, port);
  if (id < 0) {
    const address = host === '' ? '::' : host;
    const err = id === -3008 ? dnsException(host) : uvExceptionWithHostPort(id, 'listen', address, port);
    process.nextTick(emitErrorNT, server, err);
    return;
  }
  attach(server, id);
  server._listenAddress = host;
  process.nextTick(emitListeningNT, server);
}

Server.prototype._onIo = function (type, payload) {
  if (type !== EV_CONNECTION) return;
  if (payload < 0) {
    this.emit('error', errnoException(payload, 'accept'));
    return;
  }
  if (this.maxConnections && this._connections >= this.maxConnections) {
    nb.close(payload);
    return;
  }
  const socket = new Socket({
    handle: payload,
    allowHalfOpen: this.allowHalfOpen,
    pauseOnCreate: this.pauseOnConnect,
    readable: true,
    writable: true,
    readableHighWaterMark: this.highWaterMark,
    writableHighWaterMark: this.highWaterMark,
  });
  if (this.noDelay) nb.setNoDelay(payload, true);
  this._connections++;
  socket.server = this;
  socket._server = this;
  this.emit('connection', socket);
};

Server.prototype.address = function () {
  if (!this._id) return null;
  const a = nb.address(this._id, false);
  if (a === undefined) return null;
  if (typeof a === 'string') return a;
  return { address: a[0], family: a[1], port: a[2] };
};

Server.prototype.getConnections = function (cb) {
  const n = this._connections;
  if (typeof cb === 'function') process.nextTick(cb, null, n);
  return this;
};

Server.prototype.close = function (cb) {
  if (typeof cb === 'function') {
    if (!this._id) {
      this.once('close', function close() { cb(E.ERR_SERVER_NOT_RUNNING()); });
    } else {
      this.once('close', cb);
    }
  }
  if (this._id) detach(this);
  this._emitCloseIfDrained();
  return this;
};

Server.prototype._emitCloseIfDrained = function () {
  if (this._id || this._connections) return;
  process.nextTick(emitCloseNT, this);
};
function emitCloseNT(self) { self.emit('close'); }

Server.prototype.ref = ref;
Server.prototype.unref = unref;

if (Symbol.asyncDispose) {
  Server.prototype[Symbol.asyncDispose] = function () {
    return new Promise((resolve, reject) => {
      if (!this._id) { resolve(); return; }
      this.close((err) => (err ? reject(err) : resolve()));
    });
  };
}

// ---- module functions ------------------------------------------------------------------------

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

function connect(...args) {
  const normalized = normalizeConnectArgs(args);
  const [options] = normalized;
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(normalized);
}

let autoSelectFamilyDefault = true;
let autoSelectFamilyAttemptTimeoutDefault = 250;

let warnedSimultaneousAccepts = false;
module.exports = {
  _createServerHandle: undefined,
  _normalizeArgs: normalizeConnectArgs,
  connect,
  createConnection: connect,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  Server,
  Socket,
  Stream: Socket,
  // Windows-only in Node; elsewhere it only warns (DEP0121).
  _setSimultaneousAccepts() {
    if (!warnedSimultaneousAccepts) {
      warnedSimultaneousAccepts = true;
      process.emitWarning('net._setSimultaneousAccepts() is deprecated and will be removed.', 'DeprecationWarning', 'DEP0121');
    }
  },
  getDefaultAutoSelectFamily() { return autoSelectFamilyDefault; },
  setDefaultAutoSelectFamily(v) { autoSelectFamilyDefault = !!v; },
  getDefaultAutoSelectFamilyAttemptTimeout() { return autoSelectFamilyAttemptTimeoutDefault; },
  setDefaultAutoSelectFamilyAttemptTimeout(v) { autoSelectFamilyAttemptTimeoutDefault = v; },
};
// BlockList and SocketAddress, loaded on first use (internal/net_blocklist.js).
for (const name of ['BlockList', 'SocketAddress']) {
  Object.defineProperty(module.exports, name, {
    get() { return require('internal/net_blocklist')[name]; },
    enumerable: true, configurable: true,
  });
}
Object.defineProperty(module.exports, '_internal', {
  // child_process builds its pipes, IPC channels and process handles on the same natives.
  value: { errnoException, exceptionWithHostPort, validatePort, nb, attach, detach, setRef },
});
