// `https`: HTTP over TLS, as Node's: the http module's client and server code on TLS sockets
// (js/internal/tls/socket.js) instead of net's.
'use strict';

const tls = require('tls');
const http = require('http');
const { codes } = require('internal/errors');

const { storeHTTPOptions, initServerState, urlToHttpOptions } = http._internal;
const HttpServer = http.Server;
const HttpAgent = http.Agent;

// ---- Server -------------------------------------------------------------------------------

function Server(opts, requestListener) {
  if (!(this instanceof Server)) return new Server(opts, requestListener);
  if (typeof opts === 'function') {
    requestListener = opts;
    opts = {};
  } else if (opts == null) {
    opts = {};
  } else if (typeof opts !== 'object') {
    throw codes.ERR_INVALID_ARG_TYPE('options', 'object', opts);
  }
  storeHTTPOptions.call(this, opts);
  tls.Server.call(this, { noDelay: true, ALPNProtocols: ['http/1.1'], ...opts }, http._connectionListener);
  this.httpAllowHalfOpen = false;
  if (requestListener) this.addListener('request', requestListener);
  this.addListener('tlsClientError', function addListener(err, conn) {
    if (!this.emit('clientError', err, conn)) conn.destroy(err);
  });
  initServerState(this);
}
Object.setPrototypeOf(Server.prototype, tls.Server.prototype);
Object.setPrototypeOf(Server, tls.Server);

for (const name of ['closeAllConnections', 'closeIdleConnections', 'setTimeout', 'close']) {
  Server.prototype[name] = HttpServer.prototype[name];
}
Server.prototype[require('events').captureRejectionSymbol] =
  HttpServer.prototype[require('events').captureRejectionSymbol];

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

// ---- Agent --------------------------------------------------------------------------------

function createConnection(port, host, options) {
  if (port !== null && typeof port === 'object') {
    options = port;
  } else if (host !== null && typeof host === 'object') {
    options = { ...host };
  } else if (options === null || typeof options !== 'object') {
    options = {};
  } else {
    options = { ...options };
  }
  if (typeof port === 'number') options.port = port;
  if (typeof host === 'string') options.host = host;
  return tls.connect(options);
}

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  HttpAgent.call(this, options);
  this.defaultPort = 443;
  this.protocol = 'https:';
  this.maxCachedSessions = this.options.maxCachedSessions;
  if (this.maxCachedSessions === undefined) this.maxCachedSessions = 100;
  this._sessionCache = { map: {}, list: [] };
}
Object.setPrototypeOf(Agent.prototype, HttpAgent.prototype);
Object.setPrototypeOf(Agent, HttpAgent);
Agent.prototype.createConnection = createConnection;

// Connections that differ in their TLS options are not shared.
Agent.prototype.getName = function getName(options = {}) {
  let name = HttpAgent.prototype.getName.call(this, options);
  for (const key of ['ca', 'cert', 'clientCertEngine', 'ciphers', 'key', 'pfx']) {
    name += ':';
    if (options[key]) name += options[key];
  }
  name += ':';
  if (options.rejectUnauthorized !== undefined) name += options.rejectUnauthorized;
  name += ':';
  if (options.servername && options.servername !== options.host) name += options.servername;
  for (const key of ['minVersion', 'maxVersion', 'secureProtocol', 'crl', 'honorCipherOrder',
    'ecdhCurve', 'dhparam', 'secureOptions', 'sessionIdContext', 'sigalgs',
    'privateKeyIdentifier', 'privateKeyEngine']) {
    name += ':';
    if (options[key] !== undefined) name += options[key];
  }
  return name;
};

// TLS sessions are not resumed (see docs/builtin-modules.md): nothing is cached.
Agent.prototype._getSession = function () { return undefined; };
Agent.prototype._cacheSession = function () {};
Agent.prototype._evictSession = function () {};

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---- request, get ---------------------------------------------------------------------------

function isURL(v) {
  return v != null && typeof v === 'object' && typeof v.href === 'string' && typeof v.searchParams === 'object';
}

function request(...args) {
  let options = {};
  if (typeof args[0] === 'string') {
    options = urlToHttpOptions(new URL(args.shift()));
  } else if (isURL(args[0])) {
    options = urlToHttpOptions(args.shift());
  }
  if (args[0] && typeof args[0] !== 'function') Object.assign(options, args.shift());
  options._defaultAgent = module.exports.globalAgent;
  args.unshift(options);
  return new http.ClientRequest(...args);
}

function get(input, options, cb) {
  const req = request(input, options, cb);
  req.end();
  return req;
}

module.exports = { Agent, globalAgent, Server, createServer, get, request };
