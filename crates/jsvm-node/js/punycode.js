// `punycode`: Punycode (RFC 3492) and the IDNA label mapping Node's deprecated module gives
// (DEP0040, a pending deprecation in Node 20: warned of only with --pending-deprecation or
// NODE_PENDING_DEPRECATION=1). Written from the RFC's algorithm.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

if (process.execArgv.includes('--pending-deprecation') || process.env.NODE_PENDING_DEPRECATION === '1') {
  process.emitWarning('The `punycode` module is deprecated. Please use a userland alternative instead.',
    'DeprecationWarning', 'DEP0040');
}

const maxInt = 2147483647;
const base = 36;
const tMin = 1;
const tMax = 26;
const skew = 38;
const damp = 700;
const initialBias = 72;
const initialN = 128;

const messages = {
  overflow: 'Overflow: input needs wider integers to process',
  'not-basic': 'Illegal input >= 0x80 (not a basic code point)',
  'invalid-input': 'Invalid input',
};
function fail(kind) {
  throw new RangeError(messages[kind]);
}

// The code points of a string; a lone surrogate stays one code unit, as UCS-2 sees it.
function ucs2decode(string) {
  const out = [];
  for (let i = 0; i < string.length; i++) {
    const c = string.charCodeAt(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < string.length) {
      const d = string.charCodeAt(i + 1);
      if ((d & 0xFC00) === 0xDC00) {
        out.push(((c - 0xD800) << 10) + (d - 0xDC00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}
function ucs2encode(codePoints) {
  return String.fromCodePoint(...codePoints);
}

// A digit's value from its basic code point ('a'-'z' and 'A'-'Z' are 0-25, '0'-'9' 26-35).
function basicToDigit(c) {
  if (c >= 0x30 && c < 0x3A) return c - 0x30 + 26;
  if (c >= 0x41 && c < 0x5B) return c - 0x41;
  if (c >= 0x61 && c < 0x7B) return c - 0x61;
  return base;
}
function digitToBasic(d) {
  return d < 26 ? 0x61 + d : 0x30 + d - 26;
}

function threshold(k, bias) {
  if (k <= bias) return tMin;
  if (k >= bias + tMax) return tMax;
  return k - bias;
}

function adapt(delta, numPoints, firstTime) {
  delta = firstTime ? Math.floor(delta / damp) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((base - tMin) * tMax) >> 1) {
    delta = Math.floor(delta / (base - tMin));
    k += base;
  }
  return k + Math.floor((base - tMin + 1) * delta / (delta + skew));
}

function decode(input) {
  input = String(input);
  const output = [];
  let basic = input.lastIndexOf('-');
  if (basic < 0) basic = 0;
  for (let j = 0; j < basic; j++) {
    if (input.charCodeAt(j) >= 0x80) fail('not-basic');
    output.push(input.charCodeAt(j));
  }
  let i = 0;
  let n = initialN;
  let bias = initialBias;
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
    const oldI = i;
    for (let w = 1, k = base; ; k += base) {
      if (index >= input.length) fail('invalid-input');
      const digit = basicToDigit(input.charCodeAt(index++));
      if (digit >= base) fail('invalid-input');
      if (digit > Math.floor((maxInt - i) / w)) fail('overflow');
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      if (w > Math.floor(maxInt / (base - t))) fail('overflow');
      w *= base - t;
    }
    const count = output.length + 1;
    bias = adapt(i - oldI, count, oldI === 0);
    if (Math.floor(i / count) > maxInt - n) fail('overflow');
    n += Math.floor(i / count);
    i %= count;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

function encode(input) {
  const codePoints = ucs2decode(String(input));
  const output = [];
  for (const c of codePoints) {
    if (c < 0x80) output.push(c);
  }
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength > 0) output.push(0x2D);
  let n = initialN;
  let delta = 0;
  let bias = initialBias;
  while (handled < codePoints.length) {
    let m = maxInt;
    for (const c of codePoints) {
      if (c >= n && c < m) m = c;
    }
    if (m - n > Math.floor((maxInt - delta) / (handled + 1))) fail('overflow');
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of codePoints) {
      if (c < n && ++delta > maxInt) fail('overflow');
      if (c === n) {
        let q = delta;
        for (let k = base; ; k += base) {
          const t = threshold(k, bias);
          if (q < t) break;
          output.push(digitToBasic(t + (q - t) % (base - t)));
          q = Math.floor((q - t) / (base - t));
        }
        output.push(digitToBasic(q));
        bias = adapt(delta, handled + 1, handled === basicLength);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return String.fromCharCode(...output);
}

// Applies `fn` to each label of a domain (or of an email address's domain part); the IDNA
// full stops (U+3002, U+FF0E, U+FF61) separate labels too and become '.'.
function mapDomain(domain, fn) {
  const parts = String(domain).split('@');
  let prefix = '';
  if (parts.length > 1) {
    prefix = `${parts[0]}@`;
    domain = parts[1];
  }
  const labels = String(domain).replace(/[\x2E\u3002\uFF0E\uFF61]/g, '.').split('.');
  return prefix + labels.map(fn).join('.');
}

function toASCII(domain) {
  return mapDomain(domain, (label) => (/[^\0-\x7F]/.test(label) ? `xn--${encode(label)}` : label));
}

function toUnicode(domain) {
  return mapDomain(domain, (label) => (/^xn--/.test(label) ? decode(label.slice(4).toLowerCase()) : label));
}

module.exports = {
  version: '2.1.0',
  ucs2: { decode: ucs2decode, encode: ucs2encode },
  decode,
  encode,
  toASCII,
  toUnicode,
};
