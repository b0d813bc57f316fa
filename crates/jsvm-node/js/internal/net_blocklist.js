// net.SocketAddress and net.BlockList, as Node's: addresses parsed as inet_pton does (no
// leading zeros in IPv4 octets; an IPv6 zone is ignored), IPv6 shown as inet_ntop shows it, and
// rules kept as 128-bit numbers in which an IPv4 address is its IPv4-mapped IPv6 address (so an
// IPv4 rule matches `::ffff:a.b.c.d`, as in Node).
'use strict';

const {
  codes, validateObject, validateString, validateUint32, validateInt32,
} = require('internal/errors');
const { makeError } = require('internal/errors');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const MAPPED = 0xffffn << 32n;

function invalidAddress() {
  return makeError(Error, 'ERR_INVALID_ADDRESS', 'Invalid socket address');
}

function parseIPv4(s) {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseIPv6(s) {
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (text) => {
    if (text === '') return [];
    const out = [];
    const parts = text.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) {
        out.push(parseInt(p, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  let words;
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return undefined;
    words = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    words = head;
  }
  let n = 0n;
  for (const w of words) n = (n << 16n) | BigInt(w);
  return n;
}

function formatIPv4(n) {
  return [24n, 16n, 8n, 0n].map((shift) => String((n >> shift) & 0xffn)).join('.');
}

// inet_ntop's form: the longest run (the first of equal ones) of two or more zero words as
// '::', and the last 32 bits dotted for an IPv4-compatible or IPv4-mapped address.
function formatIPv6(n) {
  const words = [];
  for (let i = 7; i >= 0; i--) words.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  let bestBase = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestBase = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestBase = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      out += formatIPv4(n & 0xffffffffn);
      break;
    }
    out += words[i].toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ':';
  return out;
}

function validateFamily(family) {
  validateString(family, 'options.family');
  const lower = family.toLowerCase();
  if (lower !== 'ipv4' && lower !== 'ipv6') throw codes.ERR_INVALID_ARG_VALUE('options.family', family);
  return lower;
}

class SocketAddress {
  #address;
  #port;
  #family;
  #flowlabel;
  #value; // the 128-bit form (an IPv4 address mapped)

  static isSocketAddress(value) {
    return value !== null && typeof value === 'object' && #address in value;
  }

  constructor(options = {}) {
    validateObject(options, 'options');
    let { family = 'ipv4' } = options;
    family = validateFamily(family);
    const {
      address = family === 'ipv4' ? '127.0.0.1' : '::',
      port = 0,
      flowlabel = 0,
    } = options;
    validateString(address, 'options.address');
    const p = require('net')._internal.validatePort(port, 'options.port');
    validateUint32(flowlabel, 'options.flowlabel');
    const value = family === 'ipv4' ? parseIPv4(address) : parseIPv6(address);
    if (value === undefined) throw invalidAddress();
    this.#family = family;
    this.#value = family === 'ipv4' ? MAPPED | value : value;
    this.#address = family === 'ipv4' ? formatIPv4(value) : formatIPv6(value);
    this.#port = p;
    this.#flowlabel = family === 'ipv6' ? flowlabel : 0;
  }

  get address() { return this.#address; }
  get port() { return this.#port; }
  get family() { return this.#family; }
  get flowlabel() { return this.#flowlabel; }

  toJSON() {
    return { address: this.#address, port: this.#port, family: this.#family, flowlabel: this.#flowlabel };
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `SocketAddress ${inspect(this.toJSON(), opts)}`;
  }

  static valueOf(sa) {
    return sa.#value;
  }
}
const addressValue = SocketAddress.valueOf;
delete SocketAddress.valueOf;

function toSocketAddress(address, family, name) {
  if (SocketAddress.isSocketAddress(address)) return address;
  validateString(address, name);
  validateString(family, 'family');
  return new SocketAddress({ address, family });
}

const familyName = (sa) => (sa.family === 'ipv4' ? 'IPv4' : 'IPv6');

class BlockList {
  #rules = []; // newest first: { text, match(value) }

  addAddress(address, family = 'ipv4') {
    const sa = toSocketAddress(address, family, 'address');
    const value = addressValue(sa);
    this.#rules.unshift({ text: `Address: ${familyName(sa)} ${sa.address}`, match: (v) => v === value });
  }

  addRange(start, end, family = 'ipv4') {
    const from = toSocketAddress(start, family, 'start');
    const to = toSocketAddress(end, family, 'end');
    const low = addressValue(from);
    const high = addressValue(to);
    if (low > high) throw codes.ERR_INVALID_ARG_VALUE('start', from, 'must come before end');
    this.#rules.unshift({
      text: `Range: ${familyName(from)} ${from.address}-${to.address}`,
      match: (v) => v >= low && v <= high,
    });
  }

  addSubnet(network, prefix, family = 'ipv4') {
    const sa = toSocketAddress(network, family, 'network');
    const bits = sa.family === 'ipv4' ? 32 : 128;
    validateInt32(prefix, 'prefix', 0, bits);
    // The prefix counts from the address's own first bit: 96 more for a mapped IPv4 address.
    const total = BigInt(128 - bits + prefix);
    const mask = total === 0n ? 0n : ((1n << 128n) - 1n) ^ ((1n << (128n - total)) - 1n);
    const base = addressValue(sa) & mask;
    this.#rules.unshift({
      text: `Subnet: ${familyName(sa)} ${sa.address}/${prefix}`,
      match: (v) => (v & mask) === base,
    });
  }

  check(address, family = 'ipv4') {
    let sa = address;
    if (!SocketAddress.isSocketAddress(address)) {
      validateString(address, 'address');
      validateString(family, 'family');
      try {
        sa = new SocketAddress({ address, family });
      } catch {
        return false;
      }
    }
    const value = addressValue(sa);
    return this.#rules.some((rule) => rule.match(value));
  }

  get rules() {
    return this.#rules.map((rule) => rule.text);
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `BlockList ${inspect({ rules: this.rules }, opts)}`;
  }
}

module.exports = { BlockList, SocketAddress };
