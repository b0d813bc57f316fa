// `tls`: TLS sockets and servers as Node's, on rustls (src/tls_binding.rs; the sockets in
// js/internal/tls/socket.js, secure contexts in js/internal/tls/secure_context.js), with
// Node's host name check (checkServerIdentity), constants and Mozilla's root certificates.
'use strict';

const net = require('net');
const { Buffer } = require('buffer');
const { makeError } = require('internal/errors');
const {
  SecureContext, createSecureContext, convertALPNProtocols, DEFAULTS,
} = require('internal/tls/secure_context');
const { TLSSocket, Server, createServer, connect } = require('internal/tls/socket');

// OpenSSL's default list, as Node's (crypto.constants.defaultCoreCipherList).
const DEFAULT_CIPHERS = require('crypto').constants.defaultCoreCipherList;

// The cipher suites rustls has (ring provider), by OpenSSL's names, lower case as Node lists.
const CIPHERS = [
  'tls_aes_256_gcm_sha384', 'tls_aes_128_gcm_sha256', 'tls_chacha20_poly1305_sha256',
  'ecdhe-ecdsa-aes256-gcm-sha384', 'ecdhe-ecdsa-aes128-gcm-sha256', 'ecdhe-ecdsa-chacha20-poly1305',
  'ecdhe-rsa-aes256-gcm-sha384', 'ecdhe-rsa-aes128-gcm-sha256', 'ecdhe-rsa-chacha20-poly1305',
];

function getCiphers() {
  return CIPHERS.slice().sort();
}

let rootCerts = null;
function rootCertificates() {
  if (rootCerts === null) {
    rootCerts = Object.freeze(binding.tlsRootCertificates().map((der) => {
      const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
      return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----`;
    }));
  }
  return rootCerts;
}

// Node's wildcard rule: `*` only as the whole left-most label, matching one label, and not
// for names of fewer than three labels.
function hostMatches(host, pattern, wildcards) {
  if (pattern.endsWith('.')) pattern = pattern.slice(0, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  pattern = pattern.toLowerCase();
  host = host.toLowerCase();
  const hostParts = host.split('.');
  const patternParts = pattern.split('.');
  if (hostParts.length !== patternParts.length) return false;
  if (patternParts.includes('')) return false;
  const isBad = (s) => /[^\u0021-\u007F]/u.test(s);
  if (patternParts.some(isBad)) return false;
  for (let i = hostParts.length - 1; i > 0; i -= 1) {
    if (hostParts[i] !== patternParts[i]) return false;
  }
  const hostSubdomain = hostParts[0];
  const patternSubdomain = patternParts[0];
  const patternSubdomainParts = patternSubdomain.split('*');
  if (patternSubdomainParts.length === 1 || patternSubdomain.includes('xn--')) {
    return hostSubdomain === patternSubdomain;
  }
  if (!wildcards) return false;
  if (patternSubdomainParts.length > 2) return false;
  if (patternParts.length <= 2) return false;
  const [prefix, suffix] = patternSubdomainParts;
  if (prefix.length + suffix.length > hostSubdomain.length) return false;
  if (!hostSubdomain.startsWith(prefix)) return false;
  if (!hostSubdomain.endsWith(suffix)) return false;
  return true;
}

// The altnames string split at ', ' outside quoted parts.
function splitAltNames(altNames) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < altNames.length; i++) {
    const ch = altNames[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === ',' && altNames[i + 1] === ' ') {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function canonicalizeIP(ip) {
  const v = net.isIP(ip);
  if (v === 4) return ip.split('.').map((p) => String(Number(p))).join('.');
  if (v === 6) {
    // Expand and compare as eight groups.
    let [head, tail] = ip.includes('::') ? ip.split('::') : [ip, null];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const fill = tail === null ? [] : Array(8 - h.length - t.length).fill('0');
    return [...h, ...fill, ...t].map((g) => parseInt(g, 16).toString(16)).join(':');
  }
  return ip;
}

// tls.checkServerIdentity(hostname, cert): undefined, or the error Node gives.
function checkServerIdentity(hostname, cert) {
  const subject = cert.subject;
  const altNames = cert.subjectaltname;
  const dnsNames = [];
  const ips = [];
  hostname = `${hostname}`;
  if (altNames) {
    for (const name of splitAltNames(altNames)) {
      if (name.startsWith('DNS:')) dnsNames.push(name.slice(4));
      else if (name.startsWith('IP Address:')) ips.push(canonicalizeIP(name.slice(11)));
    }
  }
  let valid = false;
  let reason = 'Unknown reason';
  hostname = unfqdn(hostname);
  if (net.isIP(hostname)) {
    valid = ips.includes(canonicalizeIP(hostname));
    if (!valid) reason = `IP: ${hostname} is not in the cert's list: ${ips.join(', ')}`;
  } else if (dnsNames.length > 0 || (subject && subject.CN)) {
    const hostParts = splitHost(hostname);
    const wildcard = (pattern) => hostMatches(hostParts, pattern, true);
    if (dnsNames.length > 0) {
      valid = dnsNames.some(wildcard);
      if (!valid) reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames}`;
    } else {
      const cn = subject.CN;
      if (Array.isArray(cn)) valid = cn.some(wildcard);
      else if (cn) valid = wildcard(cn);
      if (!valid) reason = `Host: ${hostname}. is not cert's CN: ${cn}`;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (!valid) {
    const err = makeError(Error, 'ERR_TLS_CERT_ALTNAME_INVALID',
      `Hostname/IP does not match certificate's altnames: ${reason}`);
    err.reason = reason;
    err.host = hostname;
    err.cert = cert;
    return err;
  }
}
function unfqdn(host) { return host.replace(/[.]$/, ''); }
function splitHost(host) { return unfqdn(host); }

function createSecurePair() {
  throw makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The createSecurePair() method is not implemented');
}

module.exports = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS,
  DEFAULT_ECDH_CURVE: 'auto',
  getCiphers,
  convertALPNProtocols,
  checkServerIdentity,
  createSecureContext,
  SecureContext,
  TLSSocket,
  Server,
  createServer,
  connect,
  createSecurePair,
};
Object.defineProperty(module.exports, 'rootCertificates', {
  get: rootCertificates, configurable: false, enumerable: true,
});
Object.defineProperty(module.exports, 'DEFAULT_MIN_VERSION', {
  get() { return DEFAULTS.minVersion; },
  set(v) { DEFAULTS.minVersion = v; },
  configurable: true, enumerable: true,
});
Object.defineProperty(module.exports, 'DEFAULT_MAX_VERSION', {
  get() { return DEFAULTS.maxVersion; },
  set(v) { DEFAULTS.maxVersion = v; },
  configurable: true, enumerable: true,
});
