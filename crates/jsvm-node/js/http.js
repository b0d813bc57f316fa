// `http`: HTTP/1.1 servers and clients, as Node's (_http_server, _http_client, _http_agent,
// _http_incoming, _http_outgoing), on net sockets whose reads the host parses
// (src/http_parser.rs, attached to a socket with socket._setParser).
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setTimeout } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const EventEmitter = require('events');
const net = require('net');
const stream = require('stream');
const { Buffer } = require('buffer');
const { makeError, invalidArgTypeMessage } = require('internal/errors');

const { Readable, Stream } = stream;
const nop = () => {};

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information',
  204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
  208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy',
  307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request',
  401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required',
  408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required',
  412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long',
  415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required',
  428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates', 507: 'Insufficient Storage', 508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required',
};

const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK',
  'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS',
  'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH',
  'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

// ---- errors and validation ----------------------------------------------------------------------

const E = {
  ERR_INVALID_ARG_TYPE: (n, e, a) => makeError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgTypeMessage(n, e, a)),
  ERR_INVALID_HTTP_TOKEN: (name, field) => makeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `${name} must be a valid HTTP token ["${field}"]`),
  ERR_HTTP_INVALID_HEADER_VALUE: (value, name) => makeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`),
  ERR_INVALID_CHAR: (name, field) => makeError(TypeError, 'ERR_INVALID_CHAR', field === undefined ? `Invalid character in ${name}` : `Invalid character in ${name} ["${field}"]`),
  ERR_HTTP_HEADERS_SENT: (arg) => makeError(Error, 'ERR_HTTP_HEADERS_SENT', `Cannot ${arg} headers after they are sent to the client`),
  ERR_HTTP_INVALID_STATUS_CODE: (code) => makeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${code}`),
  ERR_STREAM_WRITE_AFTER_END: () => makeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end'),
  ERR_STREAM_DESTROYED: (m) => makeError(Error, 'ERR_STREAM_DESTROYED', `Cannot call ${m} after a stream was destroyed`),
  ERR_STREAM_NULL_VALUES: () => makeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream'),
  ERR_STREAM_ALREADY_FINISHED: (m) => makeError(Error, 'ERR_STREAM_ALREADY_FINISHED', `Cannot call ${m} after a stream was finished`),
  ERR_STREAM_CANNOT_PIPE: () => makeError(Error, 'ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable'),
  ERR_METHOD_NOT_IMPLEMENTED: (m) => makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${m} method is not implemented`),
  ERR_INVALID_PROTOCOL: (p, e) => makeError(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${p}" not supported. Expected "${e}"`),
  ERR_UNESCAPED_CHARACTERS: (n) => makeError(TypeError, 'ERR_UNESCAPED_CHARACTERS', `${n} contains unescaped characters`),
  ERR_HTTP_TRAILER_INVALID: () => makeError(Error, 'ERR_HTTP_TRAILER_INVALID', 'Trailers are invalid with this transfer encoding'),
  ERR_HTTP_SOCKET_ENCODING: () => makeError(Error, 'ERR_HTTP_SOCKET_ENCODING', 'Changing the socket encoding is not allowed per RFC7230 Section 3.'),
  ERR_INVALID_ARG_VALUE: (n, v) => makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument '${n}' is invalid. Received ${require('util').inspect(v)}`),
};

// The error of a message the HTTP parser refused (Node's llhttp errors).
function parseError(code, reason) {
  const err = new Error(`Parse Error: ${reason}`);
  err.code = code;
  err.bytesParsed = 0;
  err.reason = reason;
  return err;
}

function connResetException(msg) {
  const ex = new Error(msg);
  ex.code = 'ECONNRESET';
  return ex;
}

const tokenRegExp = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
function checkIsHttpToken(val) { return tokenRegExp.test(val); }
const headerCharRegex = /[^\t\x20-\x7e\x80-\xff]/;
function checkInvalidHeaderChar(val) { return headerCharRegex.test(val); }

function validateHeaderName(name, label) {
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) {
    throw E.ERR_INVALID_HTTP_TOKEN(label || 'Header name', name);
  }
}
function validateHeaderValue(name, value) {
  if (value === undefined) throw E.ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  if (checkInvalidHeaderChar(value)) throw E.ERR_INVALID_CHAR('header content', name);
}

let dateCache;
function utcDate() {
  if (!dateCache) {
    dateCache = new Date().toUTCString();
    setTimeout(() => { dateCache = undefined; }, 1000 - new Date().getMilliseconds()).unref();
  }
  return dateCache;
}

function byteLength(chunk, encoding) {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
}

function isUint8Array(v) { return v instanceof Uint8Array; }

// ---- IncomingMessage --------------------------------------------------------------------------

const kHeaders = Symbol('kHeaders');
const kHeadersDistinct = Symbol('kHeadersDistinct');
const kTrailers = Symbol('kTrailers');
const kTrailersDistinct = Symbol('kTrailersDistinct');

// A socket of net's reads for its parser; any other stream given as the message's socket (a
// mock's, as nock's) is resumed and paused, as Node does with every socket.
function readStart(socket) {
  if (socket && !socket._paused && socket.readable) {
    if (typeof socket._readStart === 'function') socket._readStart();
    else if (typeof socket.resume === 'function') socket.resume();
  }
}
function readStop(socket) {
  if (!socket) return;
  if (typeof socket._readStop === 'function') socket._readStop();
  else if (typeof socket.pause === 'function') socket.pause();
}

function IncomingMessage(socket) {
  let streamOptions;
  if (socket) streamOptions = { highWaterMark: socket.readableHighWaterMark };
  Readable.call(this, streamOptions);
  this._readableState.readingMore = true;
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this[kHeaders] = null;
  this[kHeadersDistinct] = null;
  this.rawHeaders = [];
  this[kTrailers] = null;
  this[kTrailersDistinct] = null;
  this.rawTrailers = [];
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = '';
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this.client = socket;
  this._consuming = false;
  this._dumped = false;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

Object.defineProperty(IncomingMessage.prototype, 'connection', {
  get() { return this.socket; },
  set(val) { this.socket = val; },
  configurable: true,
});

// Header views are built from the raw name/value list on first read; assigning replaces them.
function defineHeaderView(name, key, rawName, add) {
  Object.defineProperty(IncomingMessage.prototype, name, {
    get() {
      if (!this[key]) {
        const view = {};
        const src = this[rawName];
        for (let n = 0; n < src.length; n += 2) add.call(this, src[n], src[n + 1], view);
        this[key] = view;
      }
      return this[key];
    },
    set(val) { this[key] = val; },
    configurable: true,
  });
}

function addDistinct(name, value, dst) {
  const field = name.toLowerCase();
  if (!dst[field]) dst[field] = [value];
  else dst[field].push(value);
}

function addLine(name, value, dst) {
  this._addHeaderLine(name, value, dst);
}

defineHeaderView('headers', kHeaders, 'rawHeaders', addLine);
defineHeaderView('headersDistinct', kHeadersDistinct, 'rawHeaders', addDistinct);
defineHeaderView('trailers', kTrailers, 'rawTrailers', addLine);
defineHeaderView('trailersDistinct', kTrailersDistinct, 'rawTrailers', addDistinct);

IncomingMessage.prototype.setTimeout = function (msecs, callback) {
  if (callback) this.on('timeout', callback);
  this.socket.setTimeout(msecs);
  return this;
};

IncomingMessage.prototype._read = function () {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  if (this.socket && this.socket.readable) readStart(this.socket);
};

IncomingMessage.prototype._destroy = function (err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  if (this.socket && !this.socket.destroyed && this.aborted) {
    this.socket.destroy(err);
    const cleanup = stream.finished(this.socket, (e) => {
      if (e && e.code === 'ERR_STREAM_PREMATURE_CLOSE') e = null;
      cleanup();
      process.nextTick(onIncomingError, this, e || err, cb);
    });
  } else {
    process.nextTick(onIncomingError, this, err, cb);
  }
};

function onIncomingError(self, error, cb) {
  if (self.listenerCount('error') === 0) cb();
  else cb(error);
}

const knownFields = new Map();
for (const f of ['age', 'host', 'from', 'etag', 'server', 'referer', 'expires', 'location',
  'user-agent', 'retry-after', 'content-type', 'max-forwards', 'authorization', 'last-modified',
  'content-length', 'if-modified-since', 'proxy-authorization', 'if-unmodified-since']) {
  knownFields.set(f, 0); // first value wins
}
knownFields.set('set-cookie', 1);
knownFields.set('cookie', 2);

IncomingMessage.prototype._addHeaderLine = function (field, value, dest) {
  field = field.toLowerCase();
  const kind = knownFields.get(field);
  if (kind === undefined) {
    if (typeof dest[field] === 'string') dest[field] += ', ' + value;
    else dest[field] = value;
  } else if (kind === 2) {
    if (typeof dest[field] === 'string') dest[field] += '; ' + value;
    else dest[field] = value;
  } else if (kind === 1) {
    if (dest['set-cookie'] !== undefined) dest['set-cookie'].push(value);
    else dest['set-cookie'] = [value];
  } else if (this.joinDuplicateHeaders) {
    if (dest[field] === undefined) dest[field] = value;
    else dest[field] += ', ' + value;
  } else if (dest[field] === undefined) {
    dest[field] = value;
  }
};

IncomingMessage.prototype._addHeaderLines = function (headers, n) {
  if (headers && headers.length) {
    let dest;
    if (this.complete) {
      this.rawTrailers = headers;
      dest = this[kTrailers];
    } else {
      this.rawHeaders = headers;
      dest = this[kHeaders];
    }
    if (dest) {
      for (let i = 0; i < n; i += 2) this._addHeaderLine(headers[i], headers[i + 1], dest);
    }
  }
};

IncomingMessage.prototype._dump = function () {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  }
};

// Fills a message from a parsed head: [method, url, status, reason, minor, rawHeaders, keepAlive, upgrade].
function fillIncoming(msg, head) {
  msg.httpVersionMajor = 1;
  msg.httpVersionMinor = head[4];
  msg.httpVersion = head[4] === 1 ? '1.1' : '1.0';
  msg.rawHeaders = head[5];
  msg.upgrade = head[7];
  if (head[0] !== '') {
    msg.method = head[0];
    msg.url = head[1];
  } else {
    msg.statusCode = head[2];
    msg.statusMessage = head[3];
  }
}

// ---- OutgoingMessage ----------------------------------------------------------------------------

const kOutHeaders = Symbol('kOutHeaders');
const kNeedDrain = Symbol('kNeedDrain');
const kCorked = Symbol('corked');
const kHighWaterMark = Symbol('kHighWaterMark');
const kBytesWritten = Symbol('kBytesWritten');
const kErrored = Symbol('errored');
const kRejectNonStandardBodyWrites = Symbol('kRejectNonStandardBodyWrites');
const crlf = '\r\n';

function OutgoingMessage(options) {
  Stream.call(this);
  this.outputData = [];
  this.outputSize = 0;
  this.writable = true;
  this.destroyed = false;
  this._last = false;
  this.chunkedEncoding = false;
  this.shouldKeepAlive = true;
  this.maxRequestsOnConnectionReached = false;
  this._defaultKeepAlive = true;
  this.useChunkedEncodingByDefault = true;
  this.sendDate = false;
  this._removedConnection = false;
  this._removedContLen = false;
  this._removedTE = false;
  this.strictContentLength = false;
  this[kBytesWritten] = 0;
  this._contentLength = null;
  this._hasBody = true;
  this._trailer = '';
  this[kNeedDrain] = false;
  this.finished = false;
  this._headerSent = false;
  this[kCorked] = 0;
  this._closed = false;
  this.socket = null;
  this._header = null;
  this[kOutHeaders] = null;
  this._keepAliveTimeout = 0;
  this._onPendingData = nop;
  this[kErrored] = null;
  this[kHighWaterMark] = (options && options.highWaterMark) || stream.getDefaultHighWaterMark();
  this[kRejectNonStandardBodyWrites] = (options && options.rejectNonStandardBodyWrites) || false;
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);

Object.defineProperties(OutgoingMessage.prototype, {
  errored: { get() { return this[kErrored]; }, configurable: true },
  closed: { get() { return this._closed; }, configurable: true },
  writableFinished: {
    get() {
      return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0);
    },
    configurable: true,
  },
  writableObjectMode: { get() { return false; }, configurable: true },
  writableLength: { get() { return this.outputSize + (this.socket ? this.socket.writableLength : 0); }, configurable: true },
  writableHighWaterMark: { get() { return this.socket ? this.socket.writableHighWaterMark : this[kHighWaterMark]; }, configurable: true },
  writableCorked: { get() { return this.socket ? this.socket.writableCorked : this[kCorked]; }, configurable: true },
  writableEnded: { get() { return this.finished; }, configurable: true },
  writableNeedDrain: { get() { return !this.destroyed && !this.finished && this[kNeedDrain]; }, configurable: true },
  connection: {
    get() { return this.socket; },
    set(val) { this.socket = val; },
    configurable: true,
  },
  headersSent: { get() { return !!this._header; }, configurable: true, enumerable: true },
});

OutgoingMessage.prototype.cork = function () {
  if (this.socket) this.socket.cork();
  else this[kCorked]++;
};
OutgoingMessage.prototype.uncork = function () {
  if (this.socket) this.socket.uncork();
  else if (this[kCorked]) this[kCorked]--;
};

OutgoingMessage.prototype.setTimeout = function (msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (!this.socket) {
    this.once('socket', (socket) => socket.setTimeout(msecs));
  } else {
    this.socket.setTimeout(msecs);
  }
  return this;
};

OutgoingMessage.prototype.destroy = function (error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  this[kErrored] = error;
  if (this.socket) this.socket.destroy(error);
  else this.once('socket', (socket) => socket.destroy(error));
  return this;
};

OutgoingMessage.prototype._send = function (data, encoding, callback) {
  if (!this._headerSent && this._header !== null) {
    if (typeof data === 'string' && (encoding === 'utf8' || encoding === 'latin1' || !encoding)) {
      data = this._header + data;
    } else {
      const header = this._header;
      this.outputData.unshift({ data: header, encoding: 'latin1', callback: null });
      this.outputSize += header.length;
      this._onPendingData(header.length);
    }
    this._headerSent = true;
  }
  return this._writeRaw(data, encoding, callback);
};

OutgoingMessage.prototype._writeRaw = function (data, encoding, callback) {
  const conn = this.socket;
  if (conn && conn.destroyed) return false;
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (conn && conn._httpMessage === this && conn.writable) {
    if (this.outputData.length) this._flushOutput(conn);
    return conn.write(data, encoding, callback);
  }
  this.outputData.push({ data, encoding, callback });
  this.outputSize += data.length;
  this._onPendingData(data.length);
  return this.outputSize < this[kHighWaterMark];
};

function matchHeader(self, state, field, value) {
  if (field.length < 4 || field.length > 17) return;
  field = field.toLowerCase();
  switch (field) {
    case 'connection':
      state.connection = true;
      self._removedConnection = false;
      if (/(?:^|\W)close(?:$|\W)/i.test(value)) self._last = true;
      else self.shouldKeepAlive = true;
      break;
    case 'transfer-encoding':
      state.te = true;
      self._removedTE = false;
      if (/(?:^|\W)chunked(?:$|\W)/i.test(value)) self.chunkedEncoding = true;
      break;
    case 'content-length':
      state.contLen = true;
      self._contentLength = +value;
      self._removedContLen = false;
      break;
    case 'date':
    case 'expect':
    case 'trailer':
      state[field] = true;
      break;
    case 'keep-alive':
      self._defaultKeepAlive = false;
      break;
  }
}

function processHeader(self, state, key, value, validate) {
  if (validate) validateHeaderName(key);
  if (Array.isArray(value)) {
    if ((value.length < 2 || !isCookieField(key)) && !(self._uniqueHeaders && self._uniqueHeaders.has(key.toLowerCase()))) {
      for (let i = 0; i < value.length; i++) storeHeader(self, state, key, value[i], validate);
      return;
    }
    value = value.join('; ');
  }
  storeHeader(self, state, key, value, validate);
}
function isCookieField(s) { return s.length === 6 && s.toLowerCase() === 'cookie'; }

function storeHeader(self, state, key, value, validate) {
  if (validate) validateHeaderValue(key, value);
  state.header += key + ': ' + value + crlf;
  matchHeader(self, state, key, value);
}

OutgoingMessage.prototype._storeHeader = function (firstLine, headers) {
  const state = { connection: false, contLen: false, te: false, date: false, expect: false, trailer: false, header: firstLine };
  if (headers) {
    if (headers === this[kOutHeaders]) {
      for (const key in headers) {
        const entry = headers[key];
        processHeader(this, state, entry[0], entry[1], false);
      }
    } else if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) {
        for (let i = 0; i < headers.length; i++) processHeader(this, state, headers[i][0], headers[i][1], true);
      } else {
        if (headers.length % 2 !== 0) throw E.ERR_INVALID_ARG_VALUE('headers', headers);
        for (let n = 0; n < headers.length; n += 2) processHeader(this, state, headers[n], headers[n + 1], true);
      }
    } else {
      for (const key in headers) {
        if (Object.prototype.hasOwnProperty.call(headers, key)) processHeader(this, state, key, headers[key], true);
      }
    }
  }
  let { header } = state;
  if (this.sendDate && !state.date) header += 'Date: ' + utcDate() + crlf;
  if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
    this.chunkedEncoding = false;
    this.shouldKeepAlive = false;
  }
  if (this._removedConnection) {
    this._last = !this.shouldKeepAlive;
  } else if (!state.connection) {
    const shouldSendKeepAlive = this.shouldKeepAlive &&
      (state.contLen || this.useChunkedEncodingByDefault || this.agent);
    if (shouldSendKeepAlive && this.maxRequestsOnConnectionReached) {
      header += 'Connection: close\r\n';
    } else if (shouldSendKeepAlive) {
      header += 'Connection: keep-alive\r\n';
      if (this._keepAliveTimeout && this._defaultKeepAlive) {
        const timeoutSeconds = Math.floor(this._keepAliveTimeout / 1000);
        let max = '';
        if (~~this._maxRequestsPerSocket > 0) max = `, max=${this._maxRequestsPerSocket}`;
        header += `Keep-Alive: timeout=${timeoutSeconds}${max}\r\n`;
      }
    } else {
      this._last = true;
      header += 'Connection: close\r\n';
    }
  }
  if (!state.contLen && !state.te) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault) {
      this._last = true;
    } else if (!state.trailer && !this._removedContLen && typeof this._contentLength === 'number') {
      header += 'Content-Length: ' + this._contentLength + crlf;
    } else if (!this._removedTE) {
      header += 'Transfer-Encoding: chunked\r\n';
      this.chunkedEncoding = true;
    } else {
      this._last = true;
    }
  }
  if (this.chunkedEncoding !== true && state.trailer) throw E.ERR_HTTP_TRAILER_INVALID();
  this._header = header + crlf;
  this._headerSent = false;
  if (state.expect) this._send('');
};

OutgoingMessage.prototype.setHeader = function (name, value) {
  if (this._header) throw E.ERR_HTTP_HEADERS_SENT('set');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  let headers = this[kOutHeaders];
  if (headers === null) this[kOutHeaders] = headers = Object.create(null);
  headers[name.toLowerCase()] = [name, value];
  return this;
};

OutgoingMessage.prototype.setHeaders = function (headers) {
  if (this._header) throw E.ERR_HTTP_HEADERS_SENT('set');
  if (!headers || Array.isArray(headers) || typeof headers.keys !== 'function' || typeof headers.get !== 'function') {
    throw E.ERR_INVALID_ARG_TYPE('headers', ['Headers', 'Map'], headers);
  }
  for (const key of headers.keys()) this.setHeader(key, headers.get(key));
  return this;
};

OutgoingMessage.prototype.appendHeader = function (name, value) {
  if (this._header) throw E.ERR_HTTP_HEADERS_SENT('append');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  const field = name.toLowerCase();
  const headers = this[kOutHeaders];
  if (headers === null || !headers[field]) return this.setHeader(name, value);
  if (!Array.isArray(headers[field][1])) headers[field][1] = [headers[field][1]];
  const existingValues = headers[field][1];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) existingValues.push(value[i]);
  } else {
    existingValues.push(value);
  }
  return this;
};

OutgoingMessage.prototype.getHeader = function (name) {
  if (typeof name !== 'string') throw E.ERR_INVALID_ARG_TYPE('name', 'string', name);
  const headers = this[kOutHeaders];
  if (headers === null) return;
  const entry = headers[name.toLowerCase()];
  return entry && entry[1];
};

OutgoingMessage.prototype.getHeaderNames = function () {
  return this[kOutHeaders] !== null ? Object.keys(this[kOutHeaders]) : [];
};

OutgoingMessage.prototype.getRawHeaderNames = function () {
  const headersMap = this[kOutHeaders];
  if (headersMap === null) return [];
  return Object.values(headersMap).map((e) => e[0]);
};

OutgoingMessage.prototype.getHeaders = function () {
  const headers = this[kOutHeaders];
  const ret = Object.create(null);
  if (headers) {
    for (const key of Object.keys(headers)) ret[key] = headers[key][1];
  }
  return ret;
};

// The deprecated views of the headers (DEP0066), which older middleware still reads and sets:
// `_headers` is getHeaders() (set: replaces them all), `_headerNames` maps each lower-cased
// name to the name as set (set: renames the headers it names).
{
  const warn = (fn) => require('util').deprecate(fn, 'OutgoingMessage.prototype._headers is deprecated', 'DEP0066');
  const warnNames = (fn) => require('util').deprecate(fn, 'OutgoingMessage.prototype._headerNames is deprecated', 'DEP0066');
  let headersGet, headersSet, namesGet, namesSet;
  Object.defineProperty(OutgoingMessage.prototype, '_headers', {
    get() {
      headersGet ??= warn(function () { return this.getHeaders(); });
      return headersGet.call(this);
    },
    set(val) {
      headersSet ??= warn(function (v) {
        if (v === null || v === undefined) {
          this[kOutHeaders] = null;
        } else if (typeof v === 'object') {
          const headers = this[kOutHeaders] = Object.create(null);
          for (const name of Object.keys(v)) headers[name.toLowerCase()] = [name, v[name]];
        }
      });
      headersSet.call(this, val);
    },
    configurable: true,
  });
  Object.defineProperty(OutgoingMessage.prototype, '_headerNames', {
    get() {
      namesGet ??= warnNames(function () {
        const headers = this[kOutHeaders];
        if (headers === null) return null;
        const out = Object.create(null);
        for (const key of Object.keys(headers)) out[key] = headers[key][0];
        return out;
      });
      return namesGet.call(this);
    },
    set(val) {
      namesSet ??= warnNames(function (v) {
        const headers = this[kOutHeaders];
        if (typeof v !== 'object' || v === null || !headers) return;
        for (const key of Object.keys(v)) {
          const header = headers[key];
          if (header) header[0] = v[key];
        }
      });
      namesSet.call(this, val);
    },
    configurable: true,
  });
}

OutgoingMessage.prototype.hasHeader = function (name) {
  if (typeof name !== 'string') throw E.ERR_INVALID_ARG_TYPE('name', 'string', name);
  return this[kOutHeaders] !== null && !!this[kOutHeaders][name.toLowerCase()];
};

OutgoingMessage.prototype.removeHeader = function (name) {
  if (typeof name !== 'string') throw E.ERR_INVALID_ARG_TYPE('name', 'string', name);
  if (this._header) throw E.ERR_HTTP_HEADERS_SENT('remove');
  const key = name.toLowerCase();
  switch (key) {
    case 'connection': this._removedConnection = true; break;
    case 'content-length': this._removedContLen = true; break;
    case 'transfer-encoding': this._removedTE = true; break;
    case 'date': this.sendDate = false; break;
  }
  if (this[kOutHeaders] !== null) delete this[kOutHeaders][key];
};

OutgoingMessage.prototype._implicitHeader = function () {
  throw E.ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()');
};

OutgoingMessage.prototype.write = function (chunk, encoding, callback) {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  const ret = write_(this, chunk, encoding, callback, false);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

function onOutgoingError(msg, err, callback) {
  if (msg.destroyed) return;
  process.nextTick(() => {
    if (msg.socket && msg.socket._hadError) return;
    callback(err);
  });
  process.nextTick(() => { if (msg.listenerCount('error') > 0 || !msg.socket || !msg.socket._hadError) msg.emit('error', err); });
}

function write_(msg, chunk, encoding, callback, fromEnd) {
  if (typeof callback !== 'function') callback = nop;
  if (chunk === null) throw E.ERR_STREAM_NULL_VALUES();
  else if (typeof chunk !== 'string' && !isUint8Array(chunk)) {
    throw E.ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  }
  let err;
  if (msg.finished) err = E.ERR_STREAM_WRITE_AFTER_END();
  else if (msg.destroyed) err = E.ERR_STREAM_DESTROYED('write');
  if (err) {
    if (!msg.destroyed) onOutgoingError(msg, err, callback);
    else process.nextTick(callback, err);
    return false;
  }
  let len;
  if (!msg._header) {
    if (fromEnd) {
      len = byteLength(chunk, encoding);
      msg._contentLength = len;
    }
    msg._implicitHeader();
  }
  if (!msg._hasBody) {
    process.nextTick(callback);
    return true;
  }
  if (!fromEnd && msg.socket && !msg.socket.writableCorked) {
    msg.socket.cork();
    process.nextTick(connectionCorkNT, msg.socket);
  }
  let ret;
  if (msg.chunkedEncoding && chunk.length !== 0) {
    if (len === undefined) len = byteLength(chunk, encoding);
    if (typeof chunk === 'string' && (!encoding || encoding === 'utf8' || encoding === 'latin1')) {
      // One string: size line, data and CRLF (Node sends them as four writes of one cork).
      ret = msg._send(len.toString(16) + crlf + chunk + crlf, encoding, callback);
    } else {
      msg._send(len.toString(16) + crlf, 'latin1', null);
      msg._send(chunk, encoding, null);
      ret = msg._send(crlf, 'latin1', callback);
    }
  } else {
    ret = msg._send(chunk, encoding, callback);
  }
  return ret;
}

function connectionCorkNT(conn) { conn.uncork(); }

OutgoingMessage.prototype.addTrailers = function (headers) {
  this._trailer = '';
  const keys = Object.keys(headers);
  const isArray = Array.isArray(headers);
  for (let i = 0; i < keys.length; i++) {
    let field;
    let value;
    if (isArray) {
      field = headers[keys[i]][0];
      value = headers[keys[i]][1];
    } else {
      field = keys[i];
      value = headers[field];
    }
    validateHeaderName(field, 'Trailer name');
    if (Array.isArray(value) && value.length > 1 && (!this._uniqueHeaders || !this._uniqueHeaders.has(field.toLowerCase()))) {
      for (let j = 0; j < value.length; j++) {
        if (checkInvalidHeaderChar(value[j])) throw E.ERR_INVALID_CHAR('trailer content', field);
        this._trailer += field + ': ' + value[j] + crlf;
      }
    } else {
      if (Array.isArray(value)) value = value.join('; ');
      if (checkInvalidHeaderChar(value)) throw E.ERR_INVALID_CHAR('trailer content', field);
      this._trailer += field + ': ' + value + crlf;
    }
  }
};

function onFinish(outmsg) {
  if (outmsg && outmsg.socket && outmsg.socket._hadError) return;
  outmsg.emit('finish');
}

OutgoingMessage.prototype.end = function (chunk, encoding, callback) {
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (chunk) {
    if (this.finished) {
      onOutgoingError(this, E.ERR_STREAM_WRITE_AFTER_END(), typeof callback !== 'function' ? nop : callback);
      return this;
    }
    if (this.socket) this.socket.cork();
    write_(this, chunk, encoding, null, true);
  } else if (this.finished) {
    if (typeof callback === 'function') {
      if (!this.writableFinished) this.on('finish', callback);
      else callback(E.ERR_STREAM_ALREADY_FINISHED('end'));
    }
    return this;
  } else if (!this._header) {
    if (this.socket) this.socket.cork();
    this._contentLength = 0;
    this._implicitHeader();
  }
  if (typeof callback === 'function') this.once('finish', callback);
  const finish = onFinish.bind(undefined, this);
  if (this._hasBody && this.chunkedEncoding) {
    this._send('0\r\n' + this._trailer + '\r\n', 'latin1', finish);
  } else if (!this._headerSent || this.writableLength || chunk) {
    this._send('', 'latin1', finish);
  } else {
    process.nextTick(finish);
  }
  if (this.socket) {
    this.socket._writableState.corked = 1;
    this.socket.uncork();
  }
  this[kCorked] = 0;
  this.finished = true;
  if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) this._finish();
  return this;
};

OutgoingMessage.prototype._finish = function () {
  this.emit('prefinish');
};

OutgoingMessage.prototype._flush = function () {
  const socket = this.socket;
  if (socket && socket.writable) {
    const ret = this._flushOutput(socket);
    if (this.finished) {
      this._finish();
    } else if (ret && this[kNeedDrain]) {
      this[kNeedDrain] = false;
      this.emit('drain');
    }
  }
};

OutgoingMessage.prototype._flushOutput = function (socket) {
  while (this[kCorked]) {
    this[kCorked]--;
    socket.cork();
  }
  const outputLength = this.outputData.length;
  if (outputLength <= 0) return undefined;
  const outputData = this.outputData;
  socket.cork();
  let ret;
  for (let i = 0; i < outputLength; i++) {
    const { data, encoding, callback } = outputData[i];
    outputData[i].data = null;
    ret = socket.write(data, encoding, callback);
  }
  socket.uncork();
  this.outputData = [];
  this._onPendingData(-this.outputSize);
  this.outputSize = 0;
  return ret;
};

OutgoingMessage.prototype.flushHeaders = function () {
  if (!this._header) this._implicitHeader();
  this._send('');
};

OutgoingMessage.prototype.pipe = function () {
  this.emit('error', E.ERR_STREAM_CANNOT_PIPE());
};

// ---- ServerResponse ---------------------------------------------------------------------------

function ServerResponse(req, options) {
  OutgoingMessage.call(this, options);
  if (req.method === 'HEAD') this._hasBody = false;
  this.req = req;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = /(?:^|\W)chunked(?:$|\W)/i.test(req.headers.te);
    this.shouldKeepAlive = false;
  }
  this.statusCode = 200;
  this.statusMessage = undefined;
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype._finish = function () {
  OutgoingMessage.prototype._finish.call(this);
};

function onServerResponseClose() {
  if (this._httpMessage) emitCloseNT(this._httpMessage);
}

ServerResponse.prototype.assignSocket = function (socket) {
  socket._httpMessage = this;
  socket.on('close', onServerResponseClose);
  this.socket = socket;
  this.emit('socket', socket);
  this._flush();
};

ServerResponse.prototype.detachSocket = function (socket) {
  socket.removeListener('close', onServerResponseClose);
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype.writeContinue = function (cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
  this._sent100 = true;
};

ServerResponse.prototype.writeProcessing = function (cb) {
  this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb);
};

ServerResponse.prototype.writeEarlyHints = function (hints, cb) {
  let head = 'HTTP/1.1 103 Early Hints\r\n';
  for (const key of Object.keys(hints)) {
    const v = hints[key];
    if (Array.isArray(v)) for (const x of v) head += `${key}: ${x}\r\n`;
    else head += `${key}: ${v}\r\n`;
  }
  this._writeRaw(head + '\r\n', 'ascii', cb);
};

ServerResponse.prototype._implicitHeader = function () {
  this.writeHead(this.statusCode);
};

ServerResponse.prototype.writeHead = function (statusCode, reason, obj) {
  if (this._header) throw E.ERR_HTTP_HEADERS_SENT('write');
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) throw E.ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode);
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    if (!this.statusMessage) this.statusMessage = STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;
  let headers;
  if (this[kOutHeaders]) {
    let k;
    if (Array.isArray(obj)) {
      if (obj.length % 2 !== 0) throw E.ERR_INVALID_ARG_VALUE('headers', obj);
      for (let n = 0; n < obj.length; n += 2) {
        k = obj[n];
        if (k) this.setHeader(k, obj[n + 1]);
      }
    } else if (obj) {
      const keys = Object.keys(obj);
      for (let i = 0; i < keys.length; i++) {
        k = keys[i];
        if (k) this.setHeader(k, obj[k]);
      }
    }
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }
  if (checkInvalidHeaderChar(this.statusMessage)) throw E.ERR_INVALID_CHAR('statusMessage');
  const statusLine = `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
    this._hasBody = false;
  }
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(statusLine, headers);
  return this;
};
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

function emitCloseNT(self) {
  if (!self._closed) {
    self.destroyed = true;
    self._closed = true;
    self.emit('close');
  }
}

// ---- Server -----------------------------------------------------------------------------------

const kConnections = Symbol('http.server.connections');
const kIncomingMessage = Symbol('IncomingMessage');
const kServerResponse = Symbol('ServerResponse');

const badRequestResponse = `HTTP/1.1 400 ${STATUS_CODES[400]}\r\nConnection: close\r\n\r\n`;
const requestTimeoutResponse = `HTTP/1.1 408 ${STATUS_CODES[408]}\r\nConnection: close\r\n\r\n`;
const requestHeaderFieldsTooLargeResponse = `HTTP/1.1 431 ${STATUS_CODES[431]}\r\nConnection: close\r\n\r\n`;

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else if (typeof options !== 'object') {
    throw E.ERR_INVALID_ARG_TYPE('options', 'object', options);
  }
  storeHTTPOptions.call(this, options);
  net.Server.call(this, {
    allowHalfOpen: true,
    noDelay: options.noDelay ?? true,
    keepAlive: options.keepAlive,
    keepAliveInitialDelay: options.keepAliveInitialDelay,
    highWaterMark: options.highWaterMark,
  });
  if (requestListener) this.on('request', requestListener);
  this.httpAllowHalfOpen = false;
  this.on('connection', connectionListener);
  initServerState(this);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);

// The options an HTTP server keeps (https.Server keeps them too).
function storeHTTPOptions(options) {
  this[kIncomingMessage] = options.IncomingMessage || IncomingMessage;
  this[kServerResponse] = options.ServerResponse || ServerResponse;
  this.maxHeaderSize = options.maxHeaderSize;
  this.requestTimeout = options.requestTimeout !== undefined ? options.requestTimeout : 300000;
  this.headersTimeout = options.headersTimeout !== undefined ? options.headersTimeout : 60000;
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;
  this.rejectNonStandardBodyWrites = options.rejectNonStandardBodyWrites || false;
  this.requireHostHeader = options.requireHostHeader !== undefined ? !!options.requireHostHeader : true;
}

function initServerState(server) {
  server.timeout = 0;
  server.maxHeadersCount = null;
  server.maxRequestsPerSocket = 0;
  server.keepAliveTimeout = 5000;
  server[kConnections] = new Set();
}
Object.setPrototypeOf(Server, net.Server);

Server.prototype.close = function () {
  this.closeIdleConnections();
  return net.Server.prototype.close.apply(this, arguments);
};

Server.prototype.closeAllConnections = function () {
  for (const socket of Array.from(this[kConnections])) socket.destroy();
};

Server.prototype.closeIdleConnections = function () {
  for (const socket of Array.from(this[kConnections])) {
    const state = socket._httpState;
    if (state && state.incoming.length === 0 && !socket._httpMessage) socket.destroy();
  }
};

Server.prototype.setTimeout = function (msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};

Server.prototype[EventEmitter.captureRejectionSymbol] = function (err, event, ...args) {
  switch (event) {
    case 'request': {
      const { 1: res } = args;
      if (!res.headersSent && !res.writableEnded) {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        res.statusCode = 500;
        res.end(STATUS_CODES[500]);
      } else {
        res.destroy();
      }
      break;
    }
    default:
      net.Server.prototype[Symbol.for('nodejs.rejection')].apply(this, arguments);
  }
};

function connectionListener(socket) {
  const server = this;
  socket.server = server;
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);
  const state = {
    outgoing: [],
    incoming: [],
    outgoingData: 0,
    requestsCount: 0,
    keepAliveTimeoutSet: false,
    current: null,
  };
  socket._httpState = state;
  server[kConnections].add(socket);
  socket.on('error', socketOnError);
  socket.on('end', () => socketOnEnd(server, socket, state));
  socket.on('close', () => socketOnClose(server, socket, state));
  socket.on('drain', () => socketOnDrain(socket, state));
  socket.setEncoding = socketSetEncoding;
  socket._setParser(1, {
    onHead(head) { parserOnHead(server, socket, state, head); },
    onBody(buf) {
      const req = state.current;
      if (req === null || req._dumped) return;
      if (!req.push(buf)) readStop(socket);
    },
    onComplete(trailers) {
      const req = state.current;
      state.current = null;
      if (req !== null) {
        req.complete = true;
        // Its trailer fields, once complete (so they go to trailers, as in Node).
        if (Array.isArray(trailers)) req._addHeaderLines(trailers, trailers.length);
        req.push(null);
      }
      readStart(socket);
    },
    onError(code, reason) {
      const err = parseError(code, reason);
      socketOnError.call(socket, err);
    },
  });
  socket._paused = false;
  socket._readStart();
}

function socketSetEncoding() {
  throw E.ERR_HTTP_SOCKET_ENCODING();
}

function updateOutgoingData(socket, state, delta) {
  state.outgoingData += delta;
  socketOnDrain(socket, state);
}

function socketOnDrain(socket, state) {
  const needPause = state.outgoingData > socket.writableHighWaterMark;
  if (socket._paused && !needPause) {
    socket._paused = false;
    socket._readStart();
  }
  const msg = socket._httpMessage;
  if (msg && !msg.finished && msg[kNeedDrain]) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketOnTimeout() {
  const req = this._httpState && this._httpState.incoming[0];
  const reqTimeout = req && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = this.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

function socketOnClose(server, socket, state) {
  server[kConnections].delete(socket);
  abortIncoming(state.incoming);
}

function abortIncoming(incoming) {
  while (incoming.length) {
    const req = incoming.shift();
    req.destroy(connResetException('aborted'));
  }
}

function socketOnEnd(server, socket, state) {
  if (!server.httpAllowHalfOpen) {
    abortIncoming(state.incoming);
    if (socket.writable) socket.end();
  } else if (state.outgoing.length) {
    state.outgoing[state.outgoing.length - 1]._last = true;
  } else if (socket._httpMessage) {
    socket._httpMessage._last = true;
  } else if (socket.writable) {
    socket.end();
  }
}

function socketOnError(e) {
  this.removeListener('error', socketOnError);
  if (this.listenerCount('error') === 0) this.on('error', nop);
  if (!this.server.emit('clientError', e, this)) {
    if (this.writable && (!this._httpMessage || !this._httpMessage._headerSent)) {
      let response;
      switch (e.code) {
        case 'HPE_HEADER_OVERFLOW': response = requestHeaderFieldsTooLargeResponse; break;
        case 'ERR_HTTP_REQUEST_TIMEOUT': response = requestTimeoutResponse; break;
        default: response = badRequestResponse; break;
      }
      this.write(response, 'latin1');
    }
    this.destroy(e);
  }
}

function resetSocketTimeout(server, socket, state) {
  if (!state.keepAliveTimeoutSet) return;
  socket.setTimeout(server.timeout || 0);
  state.keepAliveTimeoutSet = false;
}

function parserOnHead(server, socket, state, head) {
  const req = new server[kIncomingMessage](socket);
  fillIncoming(req, head);
  if (server.joinDuplicateHeaders) req.joinDuplicateHeaders = true;
  state.current = req;
  const keepAlive = head[6];
  resetSocketTimeout(server, socket, state);
  if (req.upgrade) {
    req.upgrade = req.method === 'CONNECT' || server.listenerCount('upgrade') > 0;
    if (req.upgrade) {
      state.current = null;
      const rest = socket._takeRest();
      socket._parser = null;
      socket.removeListener('error', socketOnError);
      socket._httpState = null;
      server[kConnections].delete(socket);
      const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
      if (server.listenerCount(eventName) > 0) server.emit(eventName, req, socket, rest);
      else socket.destroy();
      return;
    }
  }
  state.incoming.push(req);
  if (!socket._paused) {
    const ws = socket._writableState;
    if (ws.needDrain || state.outgoingData >= socket.writableHighWaterMark) {
      socket._paused = true;
      socket._readStop();
    }
  }
  const res = new server[kServerResponse](req, {
    highWaterMark: socket.writableHighWaterMark,
    rejectNonStandardBodyWrites: server.rejectNonStandardBodyWrites,
  });
  res._keepAliveTimeout = server.keepAliveTimeout;
  res._maxRequestsPerSocket = server.maxRequestsPerSocket;
  res._onPendingData = updateOutgoingData.bind(undefined, socket, state);
  res.shouldKeepAlive = keepAlive;
  if (server.maxRequestsPerSocket > 0) {
    state.requestsCount++;
    res.maxRequestsOnConnectionReached = server.maxRequestsPerSocket <= state.requestsCount;
  }
  if (socket._httpMessage) state.outgoing.push(res);
  else res.assignSocket(socket);
  res.on('finish', resOnFinish.bind(undefined, req, res, socket, state, server));
  let handled = false;
  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
    // RFC 7230 5.4: a 400 for an HTTP/1.1 request without a Host header.
    if (server.requireHostHeader && req.headers.host === undefined) {
      res.writeHead(400, ['Connection', 'close']);
      res.end();
      return;
    }
    if (server.maxRequestsPerSocket > 0 && server.maxRequestsPerSocket < state.requestsCount) {
      handled = true;
      server.emit('dropRequest', req, socket);
      res.writeHead(503);
      res.end();
    } else if (req.headers.expect !== undefined) {
      handled = true;
      if (/(?:^|\W)100-continue(?:$|\W)/i.test(req.headers.expect)) {
        res._expect_continue = true;
        if (server.listenerCount('checkContinue') > 0) {
          server.emit('checkContinue', req, res);
        } else {
          res.writeContinue();
          server.emit('request', req, res);
        }
      } else if (server.listenerCount('checkExpectation') > 0) {
        server.emit('checkExpectation', req, res);
      } else {
        res.writeHead(417);
        res.end();
      }
    }
  }
  if (!handled) server.emit('request', req, res);
}

function resOnFinish(req, res, socket, state, server) {
  const i = state.incoming.indexOf(req);
  if (i >= 0) state.incoming.splice(i, 1);
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  res.detachSocket(socket);
  process.nextTick(emitCloseNT, res);
  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon();
    else socket.end();
  } else if (state.outgoing.length === 0) {
    if (server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      socket.setTimeout(server.keepAliveTimeout);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    const m = state.outgoing.shift();
    if (m) m.assignSocket(socket);
  }
}

// ---- Agent ------------------------------------------------------------------------------------

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  EventEmitter.call(this);
  this.defaultPort = 80;
  this.protocol = 'http:';
  this.options = { __proto__: null, ...options };
  if (this.options.noDelay === undefined) this.options.noDelay = true;
  this.options.path = null;
  this.requests = Object.create(null);
  this.sockets = Object.create(null);
  this.freeSockets = Object.create(null);
  this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
  this.keepAlive = this.options.keepAlive || false;
  this.maxSockets = this.options.maxSockets || Agent.defaultMaxSockets;
  this.maxFreeSockets = this.options.maxFreeSockets || 256;
  this.scheduling = this.options.scheduling || 'lifo';
  this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
  this.totalSocketCount = 0;
  this.on('free', (socket, options) => {
    const name = this.getName(options);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const requests = this.requests[name];
    if (requests && requests.length) {
      const req = requests.shift();
      setRequestSocket(this, req, socket);
      if (requests.length === 0) delete this.requests[name];
      return;
    }
    const req = socket._httpMessage;
    if (!req || !req.shouldKeepAlive || !this.keepAlive) {
      socket.destroy();
      return;
    }
    const freeSockets = this.freeSockets[name] || [];
    const freeLen = freeSockets.length;
    let count = freeLen;
    if (this.sockets[name]) count += this.sockets[name].length;
    if (this.totalSocketCount > this.maxTotalSockets || count > this.maxSockets ||
        freeLen >= this.maxFreeSockets || !this.keepSocketAlive(socket)) {
      socket.destroy();
      return;
    }
    this.freeSockets[name] = freeSockets;
    socket._httpMessage = null;
    this.removeSocket(socket, options);
    socket.once('error', freeSocketErrorListener);
    freeSockets.push(socket);
  });
}
Object.setPrototypeOf(Agent.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Agent, EventEmitter);

Agent.defaultMaxSockets = Infinity;
Agent.prototype.createConnection = net.createConnection;

Agent.prototype.getName = function (options = {}) {
  let name = options.host || 'localhost';
  name += ':';
  if (options.port) name += options.port;
  name += ':';
  if (options.localAddress) name += options.localAddress;
  if (options.family === 4 || options.family === 6) name += `:${options.family}`;
  if (options.socketPath) name += `:${options.socketPath}`;
  return name;
};

function freeSocketErrorListener(err) {
  const socket = this;
  socket.destroy();
  socket.emit('agentRemove');
}

// The TLS server name of an agent's connection (https): the Host header's name, or the host;
// none for an IP address.
function normalizeServerName(options, req) {
  if (options.servername || options.servername === '') return;
  let servername = options.host;
  const hostHeader = req.getHeader('host');
  if (hostHeader) {
    if (typeof hostHeader !== 'string') throw E.ERR_INVALID_ARG_TYPE('options.headers.host', 'String', hostHeader);
    if (hostHeader.startsWith('[')) {
      const index = hostHeader.indexOf(']');
      servername = index === -1 ? hostHeader : hostHeader.slice(1, index);
    } else {
      servername = hostHeader.split(':', 1)[0];
    }
  }
  if (net.isIP(servername)) servername = '';
  options.servername = servername;
}

Agent.prototype.addRequest = function (req, options) {
  options = { __proto__: null, ...options, ...this.options };
  if (options.socketPath) options.path = options.socketPath;
  normalizeServerName(options, req);
  const name = this.getName(options);
  if (!this.sockets[name]) this.sockets[name] = [];
  const freeSockets = this.freeSockets[name];
  let socket;
  if (freeSockets) {
    while (freeSockets.length && freeSockets[0].destroyed) freeSockets.shift();
    socket = this.scheduling === 'fifo' ? freeSockets.shift() : freeSockets.pop();
    if (!freeSockets.length) delete this.freeSockets[name];
  }
  const freeLen = freeSockets ? freeSockets.length : 0;
  const sockLen = freeLen + this.sockets[name].length;
  if (socket) {
    this.reuseSocket(socket, req);
    setRequestSocket(this, req, socket);
    this.sockets[name].push(socket);
  } else if (sockLen < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
    this.createSocket(req, options, (err, s) => {
      if (err) req.onSocket(s, err);
      else setRequestSocket(this, req, s);
    });
  } else {
    if (!this.requests[name]) this.requests[name] = [];
    this.requests[name].push(req);
  }
};

Agent.prototype.createSocket = function (req, options, cb) {
  options = { __proto__: null, ...options, ...this.options };
  if (options.socketPath) options.path = options.socketPath;
  normalizeServerName(options, req);
  const name = this.getName(options);
  options._agentKey = name;
  options.encoding = null;
  let called = false;
  const oncreate = (err, s) => {
    if (called) return;
    called = true;
    if (err) return cb(err);
    if (!this.sockets[name]) this.sockets[name] = [];
    this.sockets[name].push(s);
    this.totalSocketCount++;
    installListeners(this, s, options);
    cb(null, s);
  };
  const newSocket = this.createConnection(options, oncreate);
  if (newSocket) oncreate(null, newSocket);
};

function installListeners(agent, s, options) {
  function onFree() { agent.emit('free', s, options); }
  s.on('free', onFree);
  function onClose() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
  }
  s.on('close', onClose);
  function onTimeout() {
    const sockets = agent.freeSockets;
    if (Object.keys(sockets).some((name) => sockets[name].includes(s))) s.destroy();
  }
  s.on('timeout', onTimeout);
  function onRemove() {
    agent.totalSocketCount--;
    agent.removeSocket(s, options);
    s.removeListener('close', onClose);
    s.removeListener('free', onFree);
    s.removeListener('timeout', onTimeout);
    s.removeListener('agentRemove', onRemove);
  }
  s.on('agentRemove', onRemove);
}

Agent.prototype.removeSocket = function (s, options) {
  const name = this.getName(options);
  const sets = [this.sockets];
  if (s.destroyed) sets.push(this.freeSockets);
  for (const sockets of sets) {
    if (sockets[name]) {
      const index = sockets[name].indexOf(s);
      if (index !== -1) {
        sockets[name].splice(index, 1);
        if (sockets[name].length === 0) delete sockets[name];
      }
    }
  }
  let req;
  if (this.requests[name] && this.requests[name].length) {
    req = this.requests[name][0];
  } else {
    const keys = Object.keys(this.requests);
    for (let i = 0; i < keys.length; i++) {
      const prop = keys[i];
      if (this.sockets[prop] && this.sockets[prop].length) break;
      req = this.requests[prop][0];
      options = req[kRequestOptions];
      break;
    }
  }
  if (req && options) {
    req[kRequestOptions] = undefined;
    this.createSocket(req, options, (err, socket) => {
      if (err) req.onSocket(socket, err);
      else socket.emit('free');
    });
  }
};

Agent.prototype.keepSocketAlive = function (socket) {
  socket.setKeepAlive(true, this.keepAliveMsecs);
  socket.unref();
  let agentTimeout = this.options.timeout || 0;
  let canKeepSocketAlive = true;
  const res = socket._httpMessage && socket._httpMessage.res;
  if (res) {
    const keepAliveHint = res.headers['keep-alive'];
    if (keepAliveHint) {
      const m = /timeout=(\d+)/.exec(keepAliveHint);
      if (m) {
        const serverHintTimeout = Number.parseInt(m[1], 10) * 1000 - 1000;
        if (serverHintTimeout < 0) canKeepSocketAlive = false;
        else if (serverHintTimeout < agentTimeout) agentTimeout = serverHintTimeout;
      }
    }
  }
  if (socket.timeout !== agentTimeout) socket.setTimeout(agentTimeout);
  return canKeepSocketAlive;
};

Agent.prototype.reuseSocket = function (socket, req) {
  req.reusedSocket = true;
  socket.removeListener('error', freeSocketErrorListener);
  socket.ref();
};

Agent.prototype.destroy = function () {
  for (const set of [this.freeSockets, this.sockets]) {
    for (const key of Object.keys(set)) {
      for (const s of set[key].slice()) s.destroy();
    }
  }
};

const kRequestOptions = Symbol('requestOptions');

function setRequestSocket(agent, req, socket) {
  req.onSocket(socket);
  const agentTimeout = agent.options.timeout || 0;
  if (req.timeout === undefined || req.timeout === agentTimeout) return;
  socket.setTimeout(req.timeout);
}

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---- ClientRequest ----------------------------------------------------------------------------

const INVALID_PATH_REGEX = /[^\u0021-\u00ff]/;

function urlToHttpOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: typeof url.hostname === 'string' && url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) {
    options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return options;
}

function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);
  if (typeof input === 'string') {
    const urlStr = input;
    input = urlToHttpOptions(new URL(urlStr));
  } else if (input && typeof input === 'object' && typeof input.href === 'string' && typeof input.searchParams === 'object') {
    input = urlToHttpOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = input || {};
  } else {
    options = Object.assign(input || {}, options);
  }
  let agent = options.agent;
  const defaultAgent = options._defaultAgent || globalAgent;
  if (agent === false) {
    agent = new defaultAgent.constructor();
  } else if (agent === null || agent === undefined) {
    if (typeof options.createConnection !== 'function') agent = defaultAgent;
  } else if (typeof agent.addRequest !== 'function') {
    throw E.ERR_INVALID_ARG_TYPE('options.agent', ['Agent-like Object', 'undefined', 'false'], agent);
  }
  this.agent = agent;
  const protocol = options.protocol || defaultAgent.protocol;
  const expectedProtocol = defaultAgent.protocol;
  if (this.agent && this.agent.protocol) {
    // The agent's protocol wins.
  }
  if (options.path) {
    const path = String(options.path);
    if (INVALID_PATH_REGEX.test(path)) throw E.ERR_UNESCAPED_CHARACTERS('Request path');
  }
  if (protocol !== expectedProtocol) throw E.ERR_INVALID_PROTOCOL(protocol, expectedProtocol);
  const defaultPort = options.defaultPort || (this.agent && this.agent.defaultPort);
  const optsWithoutSignal = { __proto__: null, ...options };
  const port = optsWithoutSignal.port = options.port || defaultPort || 80;
  const host = optsWithoutSignal.host = options.host || options.hostname || 'localhost';
  const setHost = options.setHost === undefined || Boolean(options.setHost);
  this.socketPath = options.socketPath;
  if (options.timeout !== undefined) this.timeout = options.timeout;
  const method = options.method;
  const methodIsString = typeof method === 'string';
  if (method !== null && method !== undefined && !methodIsString) throw E.ERR_INVALID_ARG_TYPE('options.method', 'string', method);
  if (methodIsString && method) {
    if (!checkIsHttpToken(method)) throw E.ERR_INVALID_HTTP_TOKEN('Method', method);
    this.method = method.toUpperCase();
  } else {
    this.method = 'GET';
  }
  this.maxHeaderSize = options.maxHeaderSize;
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;
  this.path = options.path || '/';
  if (cb) this.once('response', cb);
  if (this.method === 'GET' || this.method === 'HEAD' || this.method === 'DELETE' ||
      this.method === 'OPTIONS' || this.method === 'TRACE' || this.method === 'CONNECT') {
    this.useChunkedEncodingByDefault = false;
  } else {
    this.useChunkedEncodingByDefault = true;
  }
  this._ended = false;
  this.res = null;
  this.aborted = false;
  this.timeoutCb = null;
  this.upgradeOrConnect = false;
  this.parser = null;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.host = host;
  this.protocol = protocol;
  if (this.agent) {
    if (!this.agent.keepAlive && !Number.isFinite(this.agent.maxSockets)) {
      this._last = true;
      this.shouldKeepAlive = false;
    } else {
      this._last = false;
      this.shouldKeepAlive = true;
    }
  }
  const headersArray = Array.isArray(options.headers);
  if (!headersArray) {
    if (options.headers) {
      const keys = Object.keys(options.headers);
      for (let i = 0; i < keys.length; i++) this.setHeader(keys[i], options.headers[keys[i]]);
    }
    if (host && !this.getHeader('host') && setHost) {
      let hostHeader = host;
      const posColon = hostHeader.indexOf(':');
      if (posColon !== -1 && hostHeader.includes(':', posColon + 1) && hostHeader.charCodeAt(0) !== 91) {
        hostHeader = `[${hostHeader}]`;
      }
      if (port && +port !== defaultPort) hostHeader += ':' + port;
      this.setHeader('Host', hostHeader);
    }
    if (options.auth && !this.getHeader('Authorization')) {
      this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
    }
    if (this.getHeader('expect')) {
      if (this._header) throw E.ERR_HTTP_HEADERS_SENT('render');
      this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', this[kOutHeaders]);
    }
  } else {
    this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', options.headers);
  }
  if (this.agent) {
    this.agent.addRequest(this, optsWithoutSignal);
  } else {
    this._last = true;
    this.shouldKeepAlive = false;
    const opts = { ...optsWithoutSignal };
    if (typeof opts.createConnection === 'function') {
      let called = false;
      const oncreate = (err, socket) => {
        if (called) return;
        called = true;
        if (err) process.nextTick(() => this.emit('error', err));
        this.onSocket(socket, err);
      };
      const newSocket = opts.createConnection(opts, oncreate);
      if (newSocket) oncreate(null, newSocket);
    } else {
      this.onSocket(net.createConnection(opts));
    }
  }
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

ClientRequest.prototype._finish = function () {
  OutgoingMessage.prototype._finish.call(this);
};

ClientRequest.prototype._implicitHeader = function () {
  if (this._header) throw E.ERR_HTTP_HEADERS_SENT('render');
  this._storeHeader(this.method + ' ' + this.path + ' HTTP/1.1\r\n', this[kOutHeaders]);
};

ClientRequest.prototype.abort = function () {
  if (this.aborted) return;
  this.aborted = true;
  process.nextTick(emitAbortNT, this);
  this.destroy();
};

function emitAbortNT(req) { req.emit('abort'); }

ClientRequest.prototype.destroy = function (err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kErrored] = err;
  if (this.socket) this.socket.destroy(err);
  return this;
};

function emitErrorEvent(request, error) {
  request.emit('error', error);
}

function socketCloseListener() {
  const socket = this;
  const req = socket._httpMessage;
  if (!req) return;
  const res = req.res;
  req.destroyed = true;
  if (res) {
    if (!res.complete) res.destroy(connResetException('aborted'));
    req._closed = true;
    req.emit('close');
    if (!res.aborted && res.readable) res.push(null);
  } else {
    if (!req.socket._hadError) {
      req.socket._hadError = true;
      emitErrorEvent(req, connResetException('socket hang up'));
    }
    req._closed = true;
    req.emit('close');
  }
  if (req.outputData) req.outputData.length = 0;
  socket._clearParser();
}

function socketErrorListener(err) {
  const socket = this;
  const req = socket._httpMessage;
  if (req) {
    req.socket._hadError = true;
    emitErrorEvent(req, err);
  }
  socket._clearParser();
  socket.removeListener('end', socketOnEndClient);
  socket.destroy();
}

function socketOnEndClient() {
  const socket = this;
  const req = this._httpMessage;
  if (req && !req.res && !req.socket._hadError) {
    req.socket._hadError = true;
    emitErrorEvent(req, connResetException('socket hang up'));
  }
  socket._clearParser();
  socket.destroy();
}

function clientParserSink(socket) {
  let res = null;
  return {
    onHead(head) {
      const req = socket._httpMessage;
      if (!req) { socket.destroy(); return; }
      res = new IncomingMessage(socket);
      fillIncoming(res, head);
      if (req.joinDuplicateHeaders) res.joinDuplicateHeaders = true;
      const shouldKeepAlive = head[6];
      if (req.res) {
        socket.destroy();
        res = null;
        return;
      }
      if (res.statusCode >= 100 && res.statusCode < 200 && res.statusCode !== 101) {
        if (res.statusCode === 100) req.emit('continue');
        req.emit('information', {
          statusCode: res.statusCode, statusMessage: res.statusMessage,
          httpVersion: res.httpVersion, httpVersionMajor: res.httpVersionMajor,
          httpVersionMinor: res.httpVersionMinor, headers: res.headers, rawHeaders: res.rawHeaders,
        });
        res = null;
        return;
      }
      req.res = res;
      if (res.upgrade) {
        clientUpgrade(socket, req, res);
        res = null;
        return;
      }
      res.req = req;
      if (req.shouldKeepAlive && !shouldKeepAlive && !req.upgradeOrConnect) req.shouldKeepAlive = false;
      res.on('end', responseOnEnd);
      req.on('finish', requestOnFinish);
      socket.on('timeout', responseOnTimeout);
      if (req.aborted || !req.emit('response', res)) res._dump();
    },
    onBody(buf) {
      if (res === null || res._dumped) return;
      if (!res.push(buf)) readStop(socket);
    },
    onComplete(trailers) {
      const r = res;
      res = null;
      if (r !== null) {
        r.complete = true;
        if (Array.isArray(trailers)) r._addHeaderLines(trailers, trailers.length);
        r.push(null);
        // The response is whole: the socket leaves this request (it may go back to the agent).
        socket.removeListener('end', socketOnEndClient);
        socket.removeListener('drain', ondrain);
        socket._clearParser();
      }
      readStart(socket);
    },
    onError(code, reason) {
      const err = parseError(code, reason);
      const req = socket._httpMessage;
      socket._clearParser();
      if (req) {
        req.socket._hadError = true;
        emitErrorEvent(req, err);
      }
      socket.destroy();
    },
  };
}

// A 101 response: the socket leaves HTTP (the parser hands over the bytes after the head) and
// goes to the request's 'upgrade' listeners with them, as Node's socketOnData does (ws's
// client); without a listener it is destroyed.
function clientUpgrade(socket, req, res) {
  const bodyHead = socket._takeRest();
  socket._parser = null;
  socket.removeListener('end', socketOnEndClient);
  socket.removeListener('drain', ondrain);
  if (req.timeoutCb) socket.removeListener('timeout', emitRequestTimeout);
  socket.removeListener('timeout', responseOnTimeout);
  const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
  if (req.listenerCount(eventName) > 0) {
    req.upgradeOrConnect = true;
    socket.emit('agentRemove');
    socket.removeListener('close', socketCloseListener);
    socket.removeListener('error', socketErrorListener);
    socket._httpMessage = null;
    socket.readableFlowing = null;
    req.emit(eventName, res, socket, bodyHead);
    req.destroyed = true;
    req._closed = true;
    req.emit('close');
  } else {
    socket.destroy();
  }
}

function responseOnEnd() {
  const req = this.req;
  const socket = req.socket;
  if (socket) {
    if (req.timeoutCb) socket.removeListener('timeout', emitRequestTimeout);
    socket.removeListener('timeout', responseOnTimeout);
  }
  req._ended = true;
  if (!req.shouldKeepAlive) {
    if (socket && socket.writable) {
      if (typeof socket.destroySoon === 'function') socket.destroySoon();
      else socket.end();
    }
  } else if (req.writableFinished && !this.aborted) {
    responseKeepAlive(req);
  }
}

function responseOnTimeout() {
  const req = this._httpMessage;
  if (!req) return;
  const res = req.res;
  if (!res) return;
  res.emit('timeout');
}

function requestOnFinish() {
  if (this.shouldKeepAlive && this._ended) responseKeepAlive(this);
}

function responseKeepAlive(req) {
  const socket = req.socket;
  if (req.timeoutCb) {
    socket.setTimeout(0, req.timeoutCb);
    req.timeoutCb = null;
  }
  socket.removeListener('close', socketCloseListener);
  socket.removeListener('error', socketErrorListener);
  socket.removeListener('end', socketOnEndClient);
  process.nextTick(emitFreeNT, req);
  req.destroyed = true;
  if (req.res) req.res.socket = null;
}

function emitFreeNT(req) {
  req._closed = true;
  req.emit('close');
  if (req.socket) req.socket.emit('free');
}

function tickOnSocket(req, socket) {
  req.socket = socket;
  socket._httpMessage = req;
  socket._setParser(2, clientParserSink(socket));
  socket._parserNoBody(req.method === 'HEAD');
  socket.on('error', socketErrorListener);
  socket.on('end', socketOnEndClient);
  socket.on('close', socketCloseListener);
  socket.on('drain', ondrain);
  if (req.timeout !== undefined || (req.agent && req.agent.options && req.agent.options.timeout)) {
    listenSocketTimeout(req);
  }
  if (!socket.connecting) socket._readStart();
  req.emit('socket', socket);
}

function emitRequestTimeout() {
  const req = this._httpMessage;
  if (req) req.emit('timeout');
}

function listenSocketTimeout(req) {
  if (req.timeoutCb) return;
  req.timeoutCb = emitRequestTimeout;
  if (req.socket) {
    req.socket.once('timeout', emitRequestTimeout);
  } else {
    req.on('socket', (socket) => socket.once('timeout', emitRequestTimeout));
  }
}

function ondrain() {
  const msg = this._httpMessage;
  if (msg && !msg.finished && msg[kNeedDrain]) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

ClientRequest.prototype.onSocket = function (socket, err) {
  process.nextTick(onSocketNT, this, socket, err);
};

function onSocketNT(req, socket, err) {
  if (req.destroyed || err) {
    req.destroyed = true;
    if (!err && req.agent && !socket.destroyed) {
      socket.emit('free');
    } else {
      if (socket) socket.destroy(err);
      err = err || req[kErrored] || connResetException('socket hang up');
      if (!req._closed) {
        if (err) emitErrorEvent(req, err);
        req._closed = true;
        req.emit('close');
      }
    }
    return;
  }
  tickOnSocket(req, socket);
  req._flush();
}

ClientRequest.prototype._deferToConnect = function (method, args) {
  const callSocketMethod = () => {
    if (method) this.socket[method].apply(this.socket, args);
  };
  const onSocket = () => {
    if (this.socket.writable) callSocketMethod();
    else this.socket.once('connect', callSocketMethod);
  };
  if (!this.socket) this.once('socket', onSocket);
  else onSocket();
};

ClientRequest.prototype.setTimeout = function (msecs, callback) {
  if (callback) this.once('timeout', callback);
  if (this.socket) {
    this.socket.setTimeout(msecs);
    listenSocketTimeout(this);
  } else {
    this.once('socket', (sock) => {
      sock.setTimeout(msecs);
      listenSocketTimeout(this);
    });
  }
  return this;
};

ClientRequest.prototype.setNoDelay = function (noDelay) { this._deferToConnect('setNoDelay', [noDelay]); };
ClientRequest.prototype.setSocketKeepAlive = function (enable, initialDelay) {
  this._deferToConnect('setKeepAlive', [enable, initialDelay]);
};
ClientRequest.prototype.clearTimeout = function (cb) { this.setTimeout(0, cb); };

// ---- module functions -------------------------------------------------------------------------

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

let maxHeaderSize = 16384;

module.exports = {
  _connectionListener: connectionListener,
  METHODS: METHODS.slice().sort(),
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers() {},
};
Object.defineProperty(module.exports, 'maxHeaderSize', {
  get() { return maxHeaderSize; }, configurable: true, enumerable: true,
});
Object.defineProperty(module.exports, 'globalAgent', {
  get() { return globalAgent; }, configurable: true, enumerable: true,
});
// What Node's http internals (`_http_common`, `_http_incoming`, ...) export beyond http's own
// names; those modules take them from here.
Object.defineProperty(module.exports, '_internal', {
  value: {
    METHODS, checkIsHttpToken, checkInvalidHeaderChar, readStart, readStop,
    kIncomingMessage, kServerResponse, kHighWaterMark, storeHTTPOptions, initServerState,
    urlToHttpOptions,
  },
});
