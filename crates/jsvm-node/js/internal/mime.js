// util.MIMEType and util.MIMEParams: the WHATWG MIME Sniffing standard's parser and serializer,
// with Node's errors (ERR_INVALID_MIME_SYNTAX, naming the production and the first bad index)
// and Node's choices where it leaves the standard (params.set keeps the name's case; get, has
// and delete look the name up as given).
'use strict';

const { makeError } = require('internal/errors');

function mimeSyntaxError(production, str, invalidIndex) {
  const at = invalidIndex !== -1 ? ` at ${invalidIndex}` : '';
  return makeError(TypeError, 'ERR_INVALID_MIME_SYNTAX',
    `The MIME syntax for a ${production} in "${str}" is invalid${at}`);
}

const TOKEN = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const QUOTED_TOKEN = /[^\t\u0020-\u007e\u0080-\u00ff]/;
const isWhitespace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

// The index of the first character of `s` that `bad` matches, or -1.
function firstInvalid(s, bad) {
  const m = bad.exec(s);
  return m === null ? -1 : m.index;
}

function trimEnd(s) {
  let end = s.length;
  while (end > 0 && isWhitespace(s[end - 1])) end--;
  return s.slice(0, end);
}

function serializeValue(value) {
  if (value.length > 0 && firstInvalid(value, TOKEN) === -1) return value;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

class MIMEParams {
  #data = new Map();

  delete(name) {
    this.#data.delete(name);
  }

  get(name) {
    const value = this.#data.get(name);
    return value === undefined ? null : value;
  }

  has(name) {
    return this.#data.has(name);
  }

  set(name, value) {
    name = `${name}`;
    value = `${value}`;
    const badName = firstInvalid(name, TOKEN);
    if (name.length === 0 || badName !== -1) throw mimeSyntaxError('parameter name', name, badName);
    const badValue = firstInvalid(value, QUOTED_TOKEN);
    if (badValue !== -1) throw mimeSyntaxError('parameter value', value, badValue);
    this.#data.set(name, value);
  }

  * entries() {
    yield* this.#data.entries();
  }

  * keys() {
    yield* this.#data.keys();
  }

  * values() {
    yield* this.#data.values();
  }

  toString() {
    let out = '';
    for (const [name, value] of this.#data) {
      if (out !== '') out += ';';
      out += `${name}=${serializeValue(value)}`;
    }
    return out;
  }

  toJSON() {
    return this.toString();
  }

  // The parameters after the subtype (`str` from `position`, at a ';' or the end).
  static parseInto(params, str, position) {
    const data = params.#data;
    const length = str.length;
    while (position < length) {
      position++; // the ';'
      while (position < length && isWhitespace(str[position])) position++;
      let end = position;
      while (end < length && str[end] !== ';' && str[end] !== '=') end++;
      const name = str.slice(position, end).toLowerCase();
      position = end;
      if (position < length) {
        if (str[position] === ';') continue;
        position++; // the '='
      }
      if (position >= length) break;
      let value;
      if (str[position] === '"') {
        value = '';
        position++;
        for (;;) {
          let run = position;
          while (run < length && str[run] !== '"' && str[run] !== '\\') run++;
          value += str.slice(position, run);
          position = run;
          if (position >= length) break;
          const quoteOrBackslash = str[position];
          position++;
          if (quoteOrBackslash === '\\') {
            if (position >= length) {
              value += '\\';
              break;
            }
            value += str[position];
            position++;
          } else {
            break;
          }
        }
        while (position < length && str[position] !== ';') position++;
      } else {
        end = position;
        while (end < length && str[end] !== ';') end++;
        value = trimEnd(str.slice(position, end));
        position = end;
        if (value === '') continue;
      }
      if (name.length > 0 && firstInvalid(name, TOKEN) === -1 &&
          firstInvalid(value, QUOTED_TOKEN) === -1 && !data.has(name)) {
        data.set(name, value);
      }
    }
  }
}
const parseParams = MIMEParams.parseInto;
delete MIMEParams.parseInto;
Object.defineProperty(MIMEParams.prototype, Symbol.iterator, {
  value: MIMEParams.prototype.entries, writable: true, configurable: true,
});

class MIMEType {
  #type;
  #subtype;
  #params = new MIMEParams();

  constructor(string) {
    const str = `${string}`;
    let start = 0;
    while (start < str.length && isWhitespace(str[start])) start++;
    const trimmed = trimEnd(str.slice(start));
    // Node takes the type up to the '/'; with none, up to the last character but one.
    const slash = trimmed.indexOf('/');
    const type = trimmed.slice(0, slash);
    const badType = firstInvalid(type, TOKEN);
    if (type === '' || badType !== -1 || slash === -1) throw mimeSyntaxError('type', str, badType);
    let end = slash + 1;
    while (end < trimmed.length && trimmed[end] !== ';') end++;
    const subtype = trimEnd(trimmed.slice(slash + 1, end));
    const badSubtype = firstInvalid(subtype, TOKEN);
    if (subtype === '' || badSubtype !== -1) throw mimeSyntaxError('subtype', str, badSubtype);
    this.#type = type.toLowerCase();
    this.#subtype = subtype.toLowerCase();
    parseParams(this.#params, trimmed, end);
  }

  get type() {
    return this.#type;
  }

  set type(v) {
    v = `${v}`;
    const bad = firstInvalid(v, TOKEN);
    if (v.length === 0 || bad !== -1) throw mimeSyntaxError('type', v, bad);
    this.#type = v.toLowerCase();
  }

  get subtype() {
    return this.#subtype;
  }

  set subtype(v) {
    v = `${v}`;
    const bad = firstInvalid(v, TOKEN);
    if (v.length === 0 || bad !== -1) throw mimeSyntaxError('subtype', v, bad);
    this.#subtype = v.toLowerCase();
  }

  get essence() {
    return `${this.#type}/${this.#subtype}`;
  }

  get params() {
    return this.#params;
  }

  toString() {
    const params = this.#params.toString();
    return params === '' ? this.essence : `${this.essence};${params}`;
  }

  toJSON() {
    return this.toString();
  }
}

module.exports = { MIMEType, MIMEParams };
