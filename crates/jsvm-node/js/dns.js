// `dns`: `lookup` (callback and `dns.promises.lookup`) on the system resolver. The lookup
// itself blocks the thread (it is one getaddrinfo call), then the callback runs from the loop.
// No `resolve*`, `reverse`, `Resolver` or `lookupService`.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setImmediate } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const { codes, validateFunction, validateString } = require('internal/errors');

const errnos = { ENOTFOUND: -3008, EAI_AGAIN: -3001 };

function isIP(s) {
  const net = require('net');
  return net.isIP(s);
}

function lookupError(code, hostname) {
  const err = new Error(`getaddrinfo ${code} ${hostname}`);
  err.errno = errnos[code];
  err.code = code;
  err.syscall = 'getaddrinfo';
  err.hostname = hostname;
  return err;
}

function familyOf(options) {
  let family = 0;
  if (typeof options === 'number') family = options;
  else if (options && options.family !== undefined) family = options.family;
  if (family === 'IPv4') family = 4;
  else if (family === 'IPv6') family = 6;
  if (family !== 0 && family !== 4 && family !== 6) {
    const name = typeof options === 'number' ? 'family' : 'options.family';
    throw codes.ERR_INVALID_ARG_VALUE(name, family, 'must be one of: 0, 4, 6');
  }
  return family;
}

// [[address, family], ...] or an Error.
function resolve(hostname, family) {
  const literal = isIP(hostname);
  if (literal) return [[hostname, literal]];
  if (!hostname) return [[family === 6 ? '::1' : '127.0.0.1', family === 6 ? 6 : 4]];
  const answer = binding.dnsLookup(hostname);
  if (typeof answer === 'string') return lookupError(answer, hostname);
  const found = family === 0 ? answer : answer.filter((a) => a[1] === family);
  return found.length ? found : lookupError('ENOTFOUND', hostname);
}

function checkHostname(hostname) {
  if (hostname !== undefined && hostname !== null && hostname !== false) validateString(hostname, 'hostname');
}

function lookup(hostname, options, callback) {
  if (typeof options === 'function') { callback = options; options = 0; }
  checkHostname(hostname);
  validateFunction(callback, 'callback');
  const family = familyOf(options);
  const all = !!(options && options.all);
  const answer = resolve(hostname || '', family);
  // An address literal is answered on the next tick, a name from the loop, as Node does.
  const later = isIP(hostname) ? process.nextTick : setImmediate;
  if (answer instanceof Error) later(callback, answer);
  else if (all) later(callback, null, answer.map(([address, f]) => ({ address, family: f })));
  else later(callback, null, answer[0][0], answer[0][1]);
  return {};
}

const promises = {
  lookup(hostname, options) {
    checkHostname(hostname);
    const family = familyOf(options);
    const all = !!(options && options.all);
    return new Promise((resolvePromise, reject) => {
      const answer = resolve(hostname || '', family);
      setImmediate(() => {
        if (answer instanceof Error) reject(answer);
        else if (all) resolvePromise(answer.map(([address, f]) => ({ address, family: f })));
        else resolvePromise({ address: answer[0][0], family: answer[0][1] });
      });
    });
  },
};

// util.promisify(lookup) resolves to { address, family }, as Node's does.
Object.defineProperty(lookup, Symbol.for('nodejs.util.promisify.custom'), {
  value: function lookup(hostname, options) { return promises.lookup(hostname, options); },
  configurable: true,
});

module.exports = {
  lookup, promises,
  ADDRCONFIG: 1024, V4MAPPED: 2048, ALL: 256,
  NOTFOUND: 'ENOTFOUND',
};
