// tls.TLSSocket, tls.Server and tls.connect (Node's _tls_wrap), over a TLS session of the
// natives (src/tls_binding.rs) that does no I/O itself: a TLSSocket is a net.Socket (as in
// Node) without a native handle of its own, wrapped around another stream, its "raw" socket
// (a net.Socket it connects, one a tls.Server accepted, or any Duplex given as `socket`).
// The ciphertext the raw socket reads is fed to the session; what the session gives back is
// written to the raw socket; the plaintext goes out as the TLSSocket's data, or through an
// HTTP parser fed from here (https), which reports what a net socket's native parser does.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setTimeout, clearTimeout } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const net = require('net');
const { Buffer } = require('buffer');
const { codes, makeError } = require('internal/errors');
const {
  createSecureContext, SecureContext, peerCertificate, alpnList, convertALPNProtocols,
} = require('internal/tls/secure_context');

// The event types of net's I/O dispatch (net.Socket.prototype._onIo).
const EV_DATA = 3;
const EV_EOF = 4;

const bufferProto = Buffer.prototype;
const onIo = net.Socket.prototype._onIo;
const kConnectOptions = Symbol('connect-options');
const kErrorEmitted = Symbol('error-emitted');
const kPendingWrites = Symbol('pending-writes');
const kStreamHandle = Symbol('stream-handle');

// A session's natives go when its socket is collected without being destroyed.
const sessions = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((id) => binding.tlsSessionFree(id)) : null;

// Node's ConnResetException: a plain Error with the code.
function connReset(message) {
  const err = new Error(message);
  err.code = 'ECONNRESET';
  return err;
}

function tlsError(e) {
  const err = new Error(e[1]);
  err.library = e[2];
  err.reason = e[3];
  err.code = e[0];
  return err;
}

function TLSSocket(socket, opts) {
  if (!(this instanceof TLSSocket)) return new TLSSocket(socket, opts);
  const tlsOptions = { ...opts };
  let raw = socket;
  if (raw === undefined || raw === null) raw = new net.Socket();
  this._tlsOptions = tlsOptions;
  this._secureEstablished = false;
  this._controlReleased = false;
  this.secureConnecting = true;
  this._SNICallback = null;
  this.servername = null;
  this.alpnProtocol = null;
  this.authorized = false;
  this.authorizationError = null;
  this.encrypted = true;
  this[kErrorEmitted] = false;
  this[kPendingWrites] = [];
  this._tlsId = 0;
  this._parserId = 0;
  this._eof = false;
  net.Socket.call(this, {
    allowHalfOpen: socket ? !!socket.allowHalfOpen : !!tlsOptions.allowHalfOpen,
    readableHighWaterMark: tlsOptions.highWaterMark,
    writableHighWaterMark: tlsOptions.highWaterMark,
  });
  this._raw = raw;
  this.connecting = !!raw.connecting;
  this.ssl = null;
  if (tlsOptions.isServer) {
    this._server = null;
    this.server = tlsOptions.server || null;
  }
  const context = tlsOptions.secureContext || createSecureContext(tlsOptions);
  if (!(context instanceof SecureContext) && !(context && context.context)) {
    throw codes.ERR_INVALID_ARG_TYPE('options.secureContext', 'SecureContext', context);
  }
  this._context = context;
  wrapRaw(this, raw, !socket || !!tlsOptions.isServer);
  if (tlsOptions.isServer) this._newSession('');
}
Object.setPrototypeOf(TLSSocket.prototype, net.Socket.prototype);
Object.setPrototypeOf(TLSSocket, net.Socket);

function wrapRaw(self, raw, owned) {
  // The TLS socket decides when the connection ends (close_notify first).
  if (owned) raw.allowHalfOpen = true;
  raw.on('data', (chunk) => self._onCipher(chunk));
  // A net socket of its own hands its reads to the session straight from the loop's I/O
  // events, not through its readable stream (half the JavaScript work of a record).
  if (owned && raw instanceof net.Socket) {
    const netOnIo = raw._onIo;
    raw._onIo = function (type, payload) {
      if (type !== EV_DATA || this.destroyed) return netOnIo.call(this, type, payload);
      this.bytesRead += payload.length;
      self._onCipher(payload);
    };
  }
  raw.on('end', () => self._onRawEnd());
  raw.on('error', (err) => self._onRawError(err));
  raw.on('close', () => self._onRawClose());
  raw.on('connect', () => {
    self.connecting = false;
    self._peername = null;
    self.emit('connect');
    if (!self._tlsOptions.isServer) self._start();
  });
}

TLSSocket.prototype._newSession = function (servername) {
  const alpn = alpnList(this._tlsOptions.ALPNProtocols);
  const o = this._tlsOptions;
  const flags = o.isServer && o.requestCert ? 1 | (o.rejectUnauthorized !== false ? 2 : 0) : 0;
  const id = binding.tlsSessionNew(this._context.context._id, !!o.isServer, servername, alpn, flags);
  this._tlsId = id;
  this.ssl = { _id: id };
  if (sessions !== null) sessions.register(this, id, this);
};

// A client's hello goes out once the raw socket is connected.
TLSSocket.prototype._start = function () {
  if (this.destroyed || this._tlsId !== 0) return;
  const options = this[kConnectOptions] || {};
  const servername = typeof options.servername === 'string' ? options.servername : '';
  try {
    this._newSession(servername);
  } catch (err) {
    this.destroy(err);
    return;
  }
  this._rawWrite(binding.tlsStart(this._tlsId));
};

TLSSocket.prototype._rawWrite = function (bytes, cb) {
  const raw = this._raw;
  if (bytes.length === 0 || raw.destroyed || raw.writableEnded) {
    if (cb) cb();
    return;
  }
  Object.setPrototypeOf(bytes, bufferProto);
  raw.write(bytes, cb);
};

TLSSocket.prototype._onCipher = function (chunk) {
  if (this._tlsId === 0 || this.destroyed) return;
  this._touch();
  const r = binding.tlsFeed(this._tlsId, chunk);
  if (r[3] !== null) {
    this._rawWrite(r[0]);
    this._tlsError(tlsError(r[3]));
    return;
  }
  if (!this._secureEstablished && (r[2] & 1)) {
    // A client that rejects the server's certificate closes without its last handshake
    // message, as Node's does (the server then sees the connection end before it is secure).
    if (!this._tlsOptions.isServer && !this._verifyPeer()) return;
    this._rawWrite(r[0]);
    this._onHandshakeDone();
    if (this.destroyed) return;
  } else {
    this._rawWrite(r[0]);
  }
  const plain = r[1];
  for (let i = 0; i < plain.length && !this.destroyed; i++) this._onPlain(plain[i]);
  if (r[2] & 2) this._onEof();
};

TLSSocket.prototype._onPlain = function (buf) {
  Object.setPrototypeOf(buf, bufferProto);
  if (this._parser !== null && this._parserId !== 0) {
    this._dispatch(binding.httpParserExecute(this._parserId, buf));
    return;
  }
  this.bytesRead += buf.length;
  if (!this.push(buf)) this._readStop();
};

// Parser events, as a net socket's native parser reports them.
TLSSocket.prototype._dispatch = function (evs) {
  for (let i = 0; i < evs.length && this._parser !== null; i += 2) {
    onIo.call(this, evs[i], evs[i + 1]);
  }
};

// The peer ended the plaintext (close_notify, or the connection ended after the handshake).
TLSSocket.prototype._onEof = function () {
  if (this._eof) return;
  this._eof = true;
  if (this._parser !== null && this._parserId !== 0) this._dispatch(binding.httpParserFinish(this._parserId));
  onIo.call(this, EV_EOF, 0);
};

TLSSocket.prototype._onRawEnd = function () {
  if (this.destroyed) return;
  if (!this._secureEstablished && this._tlsOptions.isServer) {
    // The server's 'close' reports it ('socket hang up').
    this.destroy();
    return;
  }
  if (!this._secureEstablished) {
    const options = this[kConnectOptions] || {};
    const err = connReset('Client network socket disconnected before secure TLS connection was established');
    err.path = options.path;
    err.host = options.host;
    err.port = options.port;
    err.localAddress = options.localAddress;
    this._tlsError(err);
    return;
  }
  this._onEof();
};

TLSSocket.prototype._onRawError = function (err) {
  if (this.destroyed) return;
  if (!this._secureEstablished && this._tlsOptions.isServer) this._tlsError(err);
  else this.destroy(err);
};

TLSSocket.prototype._onRawClose = function () {
  if (!this.destroyed) this.destroy();
};

// An error of the TLS layer: a server's socket not yet handed to the program reports it as
// the server's 'tlsClientError'; otherwise it is the socket's error.
TLSSocket.prototype._tlsError = function (err) {
  if (this._tlsOptions.isServer && !this._controlReleased) {
    // Destroyed first: a listener's conn.destroy(err) then does nothing more.
    this.destroy();
    if (!this[kErrorEmitted]) {
      this[kErrorEmitted] = true;
      const server = this._tlsOptions.server;
      if (server) server.emit('tlsClientError', err, this);
    }
    return;
  }
  this.destroy(err);
};

TLSSocket.prototype._onHandshakeDone = function () {
  const info = binding.tlsInfo(this._tlsId);
  this.alpnProtocol = info[3];
  this.servername = this._tlsOptions.isServer ? info[4] : (this[kConnectOptions] && this[kConnectOptions].servername) || false;
  if (this._tlsOptions.isServer) {
    this._secureEstablished = true;
    this.secureConnecting = false;
    // A client certificate asked for is judged after the handshake, as Node's server does.
    if (this._tlsOptions.requestCert) {
      const verify = binding.tlsVerifyError(this._tlsId);
      const presented = binding.tlsPeerCertificates(this._tlsId, false).length > 0;
      const code = !presented ? 'UNABLE_TO_GET_ISSUER_CERT' : verify !== null ? verify[0] : null;
      if (code !== null) {
        this.authorizationError = code;
        if (this._tlsOptions.rejectUnauthorized !== false) {
          this.destroy();
          return;
        }
      } else {
        this.authorized = true;
      }
    }
    this.emit('secure');
    this._flushPending();
    if (!this.destroyed) {
      this._controlReleased = true;
      const server = this._tlsOptions.server;
      if (server) server.emit('secureConnection', this);
    }
    return;
  }
  this.emit('secure');
  this._flushPending();
  if (!this.destroyed) this.emit('secureConnect');
};

// The client's checks come after the handshake, as Node's (the chain, then the host name);
// false when they failed and the socket is destroyed.
TLSSocket.prototype._verifyPeer = function () {
  const options = this[kConnectOptions] || {};
  const verify = binding.tlsVerifyError(this._tlsId);
  let verifyError = null;
  if (verify !== null) {
    verifyError = new Error(verify[1]);
    verifyError.code = verify[0];
  } else {
    const hostname = options.servername || options.host || (options.socket && options.socket._host) || 'localhost';
    const tls = require('tls');
    const check = options.checkServerIdentity || tls.checkServerIdentity;
    // The whole chain (its trusted issuer looked up) only for a check of the program's own.
    verifyError = check(hostname, this.getPeerCertificate(check !== tls.checkServerIdentity)) || null;
  }
  this._secureEstablished = true;
  this.secureConnecting = false;
  this._controlReleased = true;
  const info = binding.tlsInfo(this._tlsId);
  this.alpnProtocol = info[3];
  this.servername = options.servername || false;
  if (verifyError) {
    this.authorized = false;
    this.authorizationError = verifyError.code || verifyError.message;
    if (options.rejectUnauthorized !== false) {
      this.destroy(verifyError);
      return false;
    }
  } else {
    this.authorized = true;
  }
  return true;
};

// ---- the net.Socket side ----------------------------------------------------------------------

TLSSocket.prototype.connect = function (...args) {
  this.connecting = true;
  const raw = this._raw;
  const normalized = net._normalizeArgs(args);
  const cb = normalized[1];
  if (cb !== null) this.once('connect', cb);
  raw.connect(normalized[0]);
  return this;
};

TLSSocket.prototype._read = function () {
  this._readStart();
};
TLSSocket.prototype._readStart = function () {
  const raw = this._raw;
  if (raw.destroyed) return;
  raw.resume();
  if (raw instanceof net.Socket) raw._readStart();
};
TLSSocket.prototype._readStop = function () {
  const raw = this._raw;
  raw.pause();
  if (raw instanceof net.Socket) raw._readStop();
};
TLSSocket.prototype.resume = function () {
  return require('stream').Duplex.prototype.resume.call(this);
};

TLSSocket.prototype._flushPending = function () {
  const pending = this[kPendingWrites];
  this[kPendingWrites] = [];
  for (const fn of pending) fn();
};

TLSSocket.prototype._writeGeneric = function (writev, data, encoding, cb) {
  if (!this._secureEstablished) {
    this[kPendingWrites].push(() => this._writeGeneric(writev, data, encoding, cb));
    return;
  }
  if (this._tlsId === 0) {
    cb(makeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
    return;
  }
  let bytes;
  if (writev) {
    bytes = Buffer.concat(data.map((c) => (typeof c.chunk === 'string' ? Buffer.from(c.chunk, c.encoding) : c.chunk)));
  } else {
    bytes = typeof data === 'string' ? Buffer.from(data, encoding) : data;
  }
  let out;
  try {
    out = binding.tlsWrite(this._tlsId, bytes);
  } catch (err) {
    cb(err.library ? err : tlsError([err.code, err.message, '', '']));
    return;
  }
  this._bytesWritten += bytes.length;
  this._touch();
  this._rawWrite(out, (err) => cb(err || undefined));
};

TLSSocket.prototype._final = function (cb) {
  if (!this._secureEstablished) {
    if (this.destroyed) { cb(); return; }
    this[kPendingWrites].push(() => this._final(cb));
    return;
  }
  const raw = this._raw;
  const out = this._tlsId !== 0 ? binding.tlsEnd(this._tlsId) : null;
  if (raw.destroyed || raw.writableEnded) { cb(); return; }
  if (out !== null && out.length !== 0) Object.setPrototypeOf(out, bufferProto);
  raw.end(out !== null && out.length !== 0 ? out : undefined, () => cb());
};

TLSSocket.prototype._destroy = function (exception, cb) {
  if (this._tlsId !== 0) {
    binding.tlsSessionFree(this._tlsId);
    if (sessions !== null) sessions.unregister(this);
    this._tlsId = 0;
  }
  if (this._parserId !== 0) {
    binding.httpParserFree(this._parserId);
    this._parserId = 0;
  }
  this[kPendingWrites] = [];
  if (!this._raw.destroyed) this._raw.destroy();
  net.Socket.prototype._destroy.call(this, exception, cb);
};

TLSSocket.prototype.address = function () {
  return typeof this._raw.address === 'function' ? this._raw.address() : {};
};
TLSSocket.prototype._getpeername = function () {
  return typeof this._raw._getpeername === 'function' ? this._raw._getpeername() : {};
};
TLSSocket.prototype.setNoDelay = function (enable) {
  if (typeof this._raw.setNoDelay === 'function') this._raw.setNoDelay(enable);
  return this;
};
TLSSocket.prototype.setKeepAlive = function (enable, delay) {
  if (typeof this._raw.setKeepAlive === 'function') this._raw.setKeepAlive(enable, delay);
  return this;
};
TLSSocket.prototype.ref = function () {
  if (typeof this._raw.ref === 'function') this._raw.ref();
  return this;
};
TLSSocket.prototype.unref = function () {
  if (typeof this._raw.unref === 'function') this._raw.unref();
  return this;
};
Object.defineProperties(TLSSocket.prototype, {
  pending: { get() { return !!this._raw.pending; }, configurable: true },
  _handle: {
    get() {
      if (this._tlsId !== 0) return this._raw._handle || this.ssl;
      // Over a stream that is not a socket, Node's TLS handle wraps it in a JSStreamSocket, its
      // `_parentWrap`, which code reaches for to get that class (http2-wrapper, under got).
      if (this._raw instanceof net.Socket) return null;
      if (this[kStreamHandle] === undefined) {
        const JSStreamSocket = require('internal/js_stream_socket');
        const parent = Object.create(JSStreamSocket.prototype);
        Object.defineProperty(parent, 'stream', { value: this._raw });
        this[kStreamHandle] = { _parentWrap: parent };
      }
      return this[kStreamHandle];
    },
    configurable: true,
  },
  bufferSize: { get() { return this.writableLength; }, configurable: true },
});

// http: a parser fed with the plaintext here (1: requests, 2: responses).
TLSSocket.prototype._setParser = function (kind, sink) {
  if (this._parserId !== 0) binding.httpParserFree(this._parserId);
  this._parser = sink;
  this._parserId = binding.httpParserNew(kind);
};
TLSSocket.prototype._parserNoBody = function (on) {
  if (this._parserId !== 0) binding.httpParserNoBody(this._parserId, on);
};
TLSSocket.prototype._parserIdle = function () {
  return this._parserId === 0 || binding.httpParserIdle(this._parserId);
};
TLSSocket.prototype._takeRest = function () {
  const rest = this._parserId !== 0 ? binding.httpParserTakeRest(this._parserId) : new Uint8Array(0);
  this._parserId = 0;
  Object.setPrototypeOf(rest, bufferProto);
  return rest;
};
TLSSocket.prototype._clearParser = function () {
  this._parser = null;
  if (this._parserId !== 0) {
    binding.httpParserFree(this._parserId);
    this._parserId = 0;
  }
};

// ---- TLS facts ------------------------------------------------------------------------------

TLSSocket.prototype.getPeerCertificate = function (detailed) {
  if (this._tlsId === 0) return null;
  return peerCertificate(binding.tlsPeerCertificates(this._tlsId, !!detailed), !!detailed);
};
TLSSocket.prototype.getCertificate = function () {
  return this._tlsId === 0 ? null : {};
};
TLSSocket.prototype.getProtocol = function () {
  if (this._tlsId === 0) return null;
  const info = binding.tlsInfo(this._tlsId);
  return info && info[0] !== undefined ? info[0] : 'unknown';
};
TLSSocket.prototype.getCipher = function () {
  if (this._tlsId === 0) return null;
  const info = binding.tlsInfo(this._tlsId);
  if (!info || info[1] === undefined) return {};
  const version = info[0] === 'TLSv1.3' ? 'TLSv1.3' : 'TLSv1.2';
  return { name: info[1], standardName: info[2], version };
};
TLSSocket.prototype.getSession = function () { return undefined; };
TLSSocket.prototype.getTLSTicket = function () { return undefined; };
TLSSocket.prototype.isSessionReused = function () { return false; };
TLSSocket.prototype.setServername = function (name) {
  if (typeof name !== 'string') throw codes.ERR_INVALID_ARG_TYPE('name', 'string', name);
  if (this._tlsOptions.isServer) {
    throw makeError(Error, 'ERR_TLS_SNI_FROM_SERVER', 'Cannot issue SNI from a TLS server-side socket');
  }
  this[kConnectOptions] = { ...this[kConnectOptions], servername: name };
};
TLSSocket.prototype.setMaxSendFragment = function (size) {
  return size >= 512 && size <= 16384;
};
TLSSocket.prototype.disableRenegotiation = function () {};
TLSSocket.prototype.renegotiate = function (options, callback) {
  if (typeof callback === 'function') {
    process.nextTick(callback, makeError(Error, 'ERR_TLS_RENEGOTIATION_DISABLED', 'TLS session renegotiation disabled for this socket'));
  }
  return false;
};
TLSSocket.prototype.exportKeyingMaterial = function () {
  throw makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The exportKeyingMaterial() method is not implemented');
};
TLSSocket.prototype.getEphemeralKeyInfo = function () { return this._tlsOptions.isServer ? null : {}; };
TLSSocket.prototype.getSharedSigalgs = function () { return []; };
TLSSocket.prototype.getFinished = function () { return undefined; };
TLSSocket.prototype.getPeerFinished = function () { return undefined; };
TLSSocket.prototype.enableTrace = function () {};
TLSSocket.prototype.getPeerX509Certificate = function () {
  const c = this.getPeerCertificate();
  if (!c || !c.raw) return undefined;
  const { X509Certificate } = require('crypto');
  return typeof X509Certificate === 'function' ? new X509Certificate(c.raw) : undefined;
};
TLSSocket.prototype.getX509Certificate = function () { return undefined; };

// ---- tls.Server ---------------------------------------------------------------------------

function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  if (typeof options === 'function') {
    listener = options;
    options = {};
  } else if (options == null || typeof options === 'object') {
    options = options || {};
  } else {
    throw codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  this._contexts = [];
  this.setSecureContext(options);
  this[kHandshakeTimeout] = options.handshakeTimeout || (120 * 1000);
  if (typeof this[kHandshakeTimeout] !== 'number') {
    throw codes.ERR_INVALID_ARG_TYPE('options.handshakeTimeout', 'number', options.handshakeTimeout);
  }
  if (options.SNICallback !== undefined && typeof options.SNICallback !== 'function') {
    throw codes.ERR_INVALID_ARG_TYPE('options.SNICallback', 'Function', options.SNICallback);
  }
  if (options.SNICallback !== undefined) {
    throw makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The SNICallback() method is not implemented (use server.addContext)');
  }
  this._SNICallback = undefined;
  this.ALPNProtocols = options.ALPNProtocols;
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  net.Server.call(this, options, tlsConnectionListener);
  if (listener) this.on('secureConnection', listener);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

const kHandshakeTimeout = Symbol('handshake-timeout');

Server.prototype.setSecureContext = function (options) {
  if (options === null || typeof options !== 'object') throw codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
  this.key = options.key;
  this.cert = options.cert;
  this.ca = options.ca;
  this._sharedCreds = createSecureContext({
    key: options.key, cert: options.cert, ca: options.ca, minVersion: options.minVersion,
    maxVersion: options.maxVersion, ALPNProtocols: options.ALPNProtocols,
  });
  for (const [name, context] of this._contexts) {
    binding.tlsContextAddName(this._sharedCreds.context._id, String(name), context.context._id);
  }
};
// A certificate for the clients that ask for `servername` (SNI; `*` stands for a part of one
// label); the last added that matches wins, else the server's own.
Server.prototype.addContext = function (servername, context) {
  if (!servername) {
    throw makeError(Error, 'ERR_TLS_REQUIRED_SERVER_NAME', '"servername" is required parameter for Server.addContext');
  }
  const secureContext = context instanceof SecureContext ? context : createSecureContext(context);
  this._contexts.push([servername, secureContext]);
  binding.tlsContextAddName(this._sharedCreds.context._id, String(servername), secureContext.context._id);
};
Server.prototype.setTicketKeys = function () {};
Server.prototype.getTicketKeys = function () { return Buffer.alloc(48); };
Server.prototype.setOptions = function () {};

function tlsConnectionListener(rawSocket) {
  const socket = new TLSSocket(rawSocket, {
    secureContext: this._sharedCreds,
    isServer: true,
    server: this,
    requestCert: this.requestCert,
    rejectUnauthorized: this.rejectUnauthorized,
    ALPNProtocols: this.ALPNProtocols,
  });
  const timeout = this[kHandshakeTimeout];
  if (timeout > 0) {
    const timer = setTimeout(() => {
      if (!socket._secureEstablished && !socket.destroyed) {
        socket._tlsError(makeError(Error, 'ERR_TLS_HANDSHAKE_TIMEOUT', 'TLS handshake timeout'));
      }
    }, timeout);
    if (timer.unref) timer.unref();
    socket.once('secure', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  }
  socket.on('close', onServerSocketClose);
}

// A connection that closed before it was handed to the program, without an error of its own:
// the server's 'tlsClientError' says so, as Node's does.
function onServerSocketClose(hadError) {
  if (hadError || this._controlReleased || this[kErrorEmitted]) return;
  this[kErrorEmitted] = true;
  const err = connReset('socket hang up');
  this._tlsOptions.server.emit('tlsClientError', err, this);
}

function createServer(options, listener) {
  return new Server(options, listener);
}

// ---- tls.connect --------------------------------------------------------------------------

// tls.connect(options[, cb]), (port[, host][, options][, cb]), (path[, options][, cb]).
function normalizeConnectArgs(args) {
  let options = {};
  let cb = null;
  if (typeof args[args.length - 1] === 'function') cb = args[args.length - 1];
  const [a0, a1, a2] = args;
  if (a0 !== null && typeof a0 === 'object') {
    options = { ...a0 };
  } else if (typeof a0 === 'string' && !/^\d+$/.test(a0)) {
    options = { ...(a1 && typeof a1 === 'object' ? a1 : {}), path: a0 };
  } else {
    options.port = a0;
    if (typeof a1 === 'string') {
      options.host = a1;
      if (a2 && typeof a2 === 'object') options = { ...a2, ...options };
    } else if (a1 && typeof a1 === 'object') {
      options = { ...a1, ...options };
    }
  }
  return [options, cb];
}

let warnedUnauthorized = false;

function connect(...args) {
  let [options, cb] = normalizeConnectArgs(args);
  const allowUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
  if (allowUnauthorized && !warnedUnauthorized) {
    warnedUnauthorized = true;
    process.emitWarning('Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to \'0\' ' +
      'makes TLS connections and HTTPS requests insecure by disabling certificate verification.');
  }
  options = {
    rejectUnauthorized: !allowUnauthorized,
    ciphers: require('tls').DEFAULT_CIPHERS,
    checkServerIdentity: require('tls').checkServerIdentity,
    minDHSize: 1024,
    ...options,
  };
  if (!options.keepAlive) options.singleUse = true;
  if (typeof options.checkServerIdentity !== 'function') {
    throw codes.ERR_INVALID_ARG_TYPE('options.checkServerIdentity', 'Function', options.checkServerIdentity);
  }
  if (options.path) {
    throw makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The connect(path) method is not implemented');
  }
  const context = options.secureContext || createSecureContext(options);
  const tlssock = new TLSSocket(options.socket, {
    allowHalfOpen: options.allowHalfOpen,
    secureContext: context,
    isServer: false,
    ALPNProtocols: options.ALPNProtocols,
    highWaterMark: options.highWaterMark,
  });
  tlssock[kConnectOptions] = options;
  if (cb) tlssock.once('secureConnect', cb);
  if (options.timeout) tlssock.setTimeout(options.timeout);
  if (!options.socket) {
    const connectOpt = {
      port: options.port, host: options.host, family: options.family,
      localAddress: options.localAddress, localPort: options.localPort, lookup: options.lookup,
      noDelay: options.noDelay,
    };
    tlssock.connect(connectOpt);
  } else if (!tlssock._raw.connecting) {
    process.nextTick(() => tlssock._start());
  }
  return tlssock;
}

module.exports = { TLSSocket, Server, createServer, connect, convertALPNProtocols };
