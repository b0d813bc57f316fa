// Secure contexts (tls.createSecureContext, Node's _tls_common): the key, certificate chain,
// CAs and protocol versions of a side of TLS connections, checked as Node checks them and held
// by the natives (src/tls_binding.rs) under a number. And the peer certificate as
// getPeerCertificate() shows it (translatePeerCertificate).
'use strict';

const { Buffer } = require('buffer');
const { codes, makeError, isArrayBufferView } = require('internal/errors');

// A context's natives go when the context is collected.
const contexts = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((id) => binding.tlsContextFree(id)) : null;

const VERSIONS = { __proto__: null, TLSv1: 0, 'TLSv1.1': 1, 'TLSv1.2': 2, 'TLSv1.3': 3 };

function protocolVersion(value, which, fallback) {
  if (value === undefined || value === null) return VERSIONS[fallback];
  if (typeof value !== 'string' || !(value in VERSIONS)) {
    throw makeError(TypeError, 'ERR_TLS_INVALID_PROTOCOL_VERSION',
      `${JSON.stringify(String(value))} is not a valid ${which} TLS protocol version`);
  }
  return VERSIONS[value];
}

function isBytes(v) {
  return typeof v === 'string' || isArrayBufferView(v);
}

// key/cert/ca: a string or bytes, or an array of them (a key may be {pem, passphrase}).
function pemList(name, value, allowObjects) {
  if (value === undefined || value === null || value === false) return null;
  const list = Array.isArray(value) ? value : [value];
  const out = [];
  for (const item of list) {
    let v = item;
    if (allowObjects && v !== null && typeof v === 'object' && !isArrayBufferView(v)) {
      if (v.passphrase !== undefined) {
        throw makeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
          'Encrypted private keys (passphrase) are not supported by jsvm\'s TLS');
      }
      v = v.pem;
    }
    if (!isBytes(v)) {
      throw codes.ERR_INVALID_ARG_TYPE(`options.${name}`, ['string', 'Buffer', 'TypedArray', 'DataView'], v);
    }
    out.push(typeof v === 'string' ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  return out;
}

// ALPN protocols as a list of byte strings: an array of strings or buffers, or one buffer in
// the wire format (each protocol after its length byte).
function alpnList(protocols) {
  if (protocols === undefined || protocols === null) return [];
  if (isArrayBufferView(protocols)) {
    const b = Buffer.from(protocols.buffer, protocols.byteOffset, protocols.byteLength);
    const out = [];
    for (let i = 0; i < b.length;) {
      const n = b[i];
      out.push(b.subarray(i + 1, i + 1 + n));
      i += 1 + n;
    }
    return out;
  }
  if (!Array.isArray(protocols)) {
    throw codes.ERR_INVALID_ARG_TYPE('options.ALPNProtocols', ['Array', 'Buffer', 'TypedArray', 'DataView'], protocols);
  }
  return protocols.map((p) => {
    const b = typeof p === 'string' ? Buffer.from(p) : Buffer.from(p);
    if (b.length > 255) throw codes.ERR_OUT_OF_RANGE('The byte length of the protocol', '<= 255', b.length);
    return b;
  });
}

// tls.convertALPNProtocols(protocols, out): out.ALPNProtocols becomes the wire format.
function convertALPNProtocols(protocols, out) {
  if (Array.isArray(protocols)) {
    const parts = [];
    for (const b of alpnList(protocols)) parts.push(Buffer.from([b.length]), b);
    out.ALPNProtocols = Buffer.concat(parts);
  } else if (isArrayBufferView(protocols)) {
    out.ALPNProtocols = Buffer.from(protocols);
  }
}

function SecureContext(options = {}) {
  if (!(this instanceof SecureContext)) return new SecureContext(options);
  if (options.pfx !== undefined && options.pfx !== null) {
    throw makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The pfx option is not implemented (use key and cert)');
  }
  const keys = pemList('key', options.key, true) || [];
  const certs = pemList('cert', options.cert, false) || [];
  const cas = pemList('ca', options.ca, false);
  const min = protocolVersion(options.minVersion, 'minimum', DEFAULTS.minVersion);
  const max = protocolVersion(options.maxVersion, 'maximum', DEFAULTS.maxVersion);
  const alpn = alpnList(options.ALPNProtocols);
  let id;
  try {
    id = binding.tlsContextNew(keys, certs, cas, min, max, alpn);
  } catch (e) {
    // OpenSSL's errors have these own properties only (the message is not one).
    const err = new Error(e.message);
    err.library = e.library;
    err.reason = e.reason;
    err.code = e.code;
    throw err;
  }
  this.context = { _id: id };
  if (contexts !== null) contexts.register(this, id);
}

function createSecureContext(options) {
  if (options === undefined) options = {};
  else if (options === null || typeof options !== 'object') throw codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
  return new SecureContext(options);
}

// The protocol versions a context takes when not told (tls.DEFAULT_MIN/MAX_VERSION).
const DEFAULTS = { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' };

// A name's flat [key, value, ...] list as Node's null-prototype object (repeated keys: arrays).
function nameObject(pairs) {
  const o = Object.create(null);
  for (let i = 0; i < pairs.length; i += 2) {
    const k = pairs[i];
    const v = pairs[i + 1];
    if (k in o) o[k] = Array.isArray(o[k]) ? [...o[k], v] : [o[k], v];
    else o[k] = v;
  }
  return o;
}

// A native certificate summary (src/tls_cert.rs) as Node's object, in Node's key order.
function certificateObject(s) {
  const c = {};
  c.subject = nameObject(s.subject);
  c.issuer = nameObject(s.issuer);
  if (s.subjectaltname !== undefined) c.subjectaltname = s.subjectaltname;
  c.ca = s.ca;
  if (s.modulus !== undefined) c.modulus = s.modulus;
  if (s.bits !== undefined) c.bits = s.bits;
  if (s.exponent !== undefined) c.exponent = s.exponent;
  c.pubkey = Buffer.from(s.pubkey);
  if (s.asn1Curve !== undefined) c.asn1Curve = s.asn1Curve;
  if (s.nistCurve !== undefined) c.nistCurve = s.nistCurve;
  c.valid_from = s.valid_from;
  c.valid_to = s.valid_to;
  c.fingerprint = s.fingerprint;
  c.fingerprint256 = s.fingerprint256;
  c.fingerprint512 = s.fingerprint512;
  if (s.ext_key_usage !== undefined) c.ext_key_usage = s.ext_key_usage;
  c.serialNumber = s.serialNumber;
  c.raw = Buffer.from(s.raw);
  return c;
}

// The peer's chain (leaf first) as getPeerCertificate(detailed) shows it: the leaf, and with
// `detailed` each certificate's issuerCertificate (a self-signed one is its own issuer).
function peerCertificate(chain, detailed) {
  const certs = chain.filter((s) => s !== undefined).map(certificateObject);
  if (certs.length === 0) return {};
  if (detailed) {
    for (let i = 0; i < certs.length; i++) {
      const c = certs[i];
      const selfIssued = JSON.stringify(c.subject) === JSON.stringify(c.issuer);
      if (i + 1 < certs.length) c.issuerCertificate = certs[i + 1];
      else if (selfIssued) c.issuerCertificate = c;
    }
  }
  return certs[0];
}

// Node's translatePeerCertificate: fix-ups of an object of that shape.
function translatePeerCertificate(c) {
  if (!c) return null;
  if (c.issuerCertificate != null && c.issuerCertificate !== c) {
    c.issuerCertificate = translatePeerCertificate(c.issuerCertificate);
  }
  return c;
}

module.exports = {
  SecureContext, createSecureContext, translatePeerCertificate, convertALPNProtocols,
  alpnList, peerCertificate, DEFAULTS,
};
