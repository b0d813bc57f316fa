// The `url` module: WHATWG URL and URLSearchParams (the URL Standard's parser and setters are
// the `url` crate's, through binding.urlParse / urlSet / urlencoded*), file URL conversion,
// url.format(URL) and urlToHttpOptions; Node's legacy API (url.parse, url.format of an object,
// url.resolve, Url) is internal/url_legacy.js.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const { codes } = require('internal/errors');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
// Set by URLSearchParams's static block: a URL's params share its query.
let linkParams;
let setParamsList;

// Indices of binding.urlParse's parts.
const HREF = 0, ORIGIN = 1, PROTOCOL = 2, USERNAME = 3, PASSWORD = 4, HOST = 5, HOSTNAME = 6,
  PORT = 7, PATHNAME = 8, SEARCH = 9, HASH = 10;

function invalidUrl(input, base) {
  const err = new TypeError('Invalid URL');
  err.code = 'ERR_INVALID_URL';
  err.input = input;
  if (base !== undefined) err.base = base;
  return err;
}

function codedTypeError(code, message) {
  const err = new TypeError(message);
  err.code = code;
  return err;
}

function toUSVString(v) {
  return String(v).toWellFormed();
}

class URL {
  #parts;
  #params;

  constructor(input, base = undefined) {
    if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('url');
    input = toUSVString(input);
    if (base !== undefined) base = toUSVString(base);
    const parts = binding.urlParse(input, base);
    if (parts === undefined) throw invalidUrl(input, base);
    this.#parts = parts;
  }

  // A URL, or null where the constructor would throw (Node 20.18+).
  static parse(input, base = undefined) {
    if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('url');
    input = toUSVString(input);
    if (base !== undefined) base = toUSVString(base);
    if (binding.urlParse(input, base) === undefined) return null;
    return new URL(input, base);
  }

  static createObjectURL(obj) {
    return require('internal/blob').createObjectURL(obj);
  }

  static revokeObjectURL(url) {
    if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('url');
    require('internal/blob').revokeObjectURL(url);
  }

  static canParse(input, base = undefined) {
    if (arguments.length === 0) throw codes.ERR_MISSING_ARGS('url');
    return binding.urlParse(toUSVString(input), base === undefined ? undefined : toUSVString(base)) !== undefined;
  }

  #set(part, value) {
    const parts = binding.urlSet(this.#parts[HREF], part, toUSVString(value));
    if (parts === undefined) {
      if (part === 'href') throw invalidUrl(toUSVString(value));
      return;
    }
    this.#parts = parts;
    if (this.#params !== undefined && (part === 'href' || part === 'search')) {
      setParamsList(this.#params, parseParams(parts[SEARCH]));
    }
  }

  get href() { return this.#parts[HREF]; }
  set href(v) { this.#set('href', v); }
  get origin() { return this.#parts[ORIGIN]; }
  get protocol() { return this.#parts[PROTOCOL]; }
  set protocol(v) { this.#set('protocol', v); }
  get username() { return this.#parts[USERNAME]; }
  set username(v) { this.#set('username', v); }
  get password() { return this.#parts[PASSWORD]; }
  set password(v) { this.#set('password', v); }
  get host() { return this.#parts[HOST]; }
  set host(v) { this.#set('host', v); }
  get hostname() { return this.#parts[HOSTNAME]; }
  set hostname(v) { this.#set('hostname', v); }
  get port() { return this.#parts[PORT]; }
  set port(v) { this.#set('port', v); }
  get pathname() { return this.#parts[PATHNAME]; }
  set pathname(v) { this.#set('pathname', v); }
  get search() { return this.#parts[SEARCH]; }
  set search(v) { this.#set('search', v); }
  get hash() { return this.#parts[HASH]; }
  set hash(v) { this.#set('hash', v); }

  get searchParams() {
    if (this.#params === undefined) {
      this.#params = new URLSearchParams();
      linkParams(this.#params, parseParams(this.#parts[SEARCH]), (query) => {
        const parts = binding.urlSet(this.#parts[HREF], 'search', query);
        if (parts !== undefined) this.#parts = parts;
      });
    }
    return this.#params;
  }

  toString() { return this.#parts[HREF]; }
  toJSON() { return this.#parts[HREF]; }

  [customInspect](depth, opts) {
    if (typeof depth === 'number' && depth < 0) return this;
    const ctor = this.constructor || URL;
    const obj = { __proto__: { constructor: ctor } };
    for (const key of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname',
      'port', 'pathname', 'search', 'searchParams', 'hash']) {
      obj[key] = this[key];
    }
    return `${ctor.name} ${require('util').inspect(obj, opts)}`;
  }
}
for (const key of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
  'pathname', 'search', 'searchParams', 'hash', 'toString', 'toJSON']) {
  Object.defineProperty(URL.prototype, key, { enumerable: true });
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });

// [name, value, name, value, ...] of a query ('?' dropped).
function parseParams(search) {
  if (search.startsWith('?')) search = search.slice(1);
  return binding.urlencodedParse(search);
}

class URLSearchParams {
  #list = [];
  #onUpdate = null;

  static {
    linkParams = (params, list, onUpdate) => {
      params.#list = list;
      params.#onUpdate = onUpdate;
    };
    setParamsList = (params, list) => {
      params.#list = list;
    };
  }

  constructor(init = undefined) {
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && #list in init) {
        this.#list = init.#list.slice();
      } else if (method != null) {
        if (typeof method !== 'function') throw codes.ERR_INVALID_ARG_TYPE('query', 'Iterable', init);
        for (const pair of init) {
          if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null ||
              typeof pair[Symbol.iterator] !== 'function') {
            throw codedTypeError('ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          const kv = Array.from(pair);
          if (kv.length !== 2) {
            throw codedTypeError('ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          this.#list.push(toUSVString(kv[0]), toUSVString(kv[1]));
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          if (typeof key !== 'string') continue;
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc !== undefined && desc.enumerable) {
            this.#list.push(toUSVString(key), toUSVString(init[key]));
          }
        }
      }
    } else {
      this.#list = parseParams(toUSVString(init));
    }
  }

  #update() {
    if (this.#onUpdate !== null) this.#onUpdate(this.toString());
  }

  get size() { return this.#list.length / 2; }

  append(name, value) {
    if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('name', 'value');
    this.#list.push(toUSVString(name), toUSVString(value));
    this.#update();
  }

  delete(name, value = undefined) {
    if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    const list = this.#list;
    const byValue = value !== undefined;
    if (byValue) value = toUSVString(value);
    for (let i = 0; i < list.length;) {
      if (list[i] === name && (!byValue || list[i + 1] === value)) list.splice(i, 2);
      else i += 2;
    }
    this.#update();
  }

  get(name) {
    if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
    return null;
  }

  getAll(name) {
    if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    const list = this.#list;
    const out = [];
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) out.push(list[i + 1]);
    return out;
  }

  has(name, value = undefined) {
    if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    const byValue = value !== undefined;
    if (byValue) value = toUSVString(value);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (!byValue || list[i + 1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    if (arguments.length < 2) throw codes.ERR_MISSING_ARGS('name', 'value');
    name = toUSVString(name);
    value = toUSVString(value);
    const list = this.#list;
    let found = false;
    for (let i = 0; i < list.length;) {
      if (list[i] !== name) {
        i += 2;
      } else if (!found) {
        list[i + 1] = value;
        found = true;
        i += 2;
      } else {
        list.splice(i, 2);
      }
    }
    if (!found) list.push(name, value);
    this.#update();
  }

  // Stable, by the names' UTF-16 code units.
  sort() {
    const list = this.#list;
    const pairs = [];
    for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#list = pairs.flat();
    this.#update();
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') throw codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    let list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      callback.call(thisArg, list[i + 1], list[i], this);
      list = this.#list;
    }
  }

  *entries() {
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) yield [list[i], list[i + 1]];
  }

  *keys() {
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) yield list[i];
  }

  *values() {
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) yield list[i + 1];
  }

  toString() { return binding.urlencodedSerialize(this.#list); }

  [customInspect](recurseTimes, ctx) {
    const util = require('util');
    if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
    const innerOpts = { ...ctx };
    if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
    const list = this.#list;
    const output = [];
    for (let i = 0; i < list.length; i += 2) {
      output.push(`${util.inspect(list[i], innerOpts)} => ${util.inspect(list[i + 1], innerOpts)}`);
    }
    const sep = ', ';
    const length = output.reduce((n, s) => n + util.stripVTControlCharacters(s).length + sep.length, -sep.length);
    const name = this.constructor.name;
    if (length > ctx.breakLength) return `${name} {\n  ${output.join(',\n  ')} }`;
    if (output.length) return `${name} { ${output.join(sep)} }`;
    return `${name} {}`;
  }
}
URLSearchParams.prototype[Symbol.iterator] = URLSearchParams.prototype.entries;
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, {
  value: 'URLSearchParams', configurable: true,
});

function isURL(v) {
  return v != null && typeof v === 'object' && typeof v.href === 'string' &&
    typeof v.protocol === 'string' && v.auth === undefined && v.path === undefined;
}

function fileURLToPath(path) {
  if (typeof path === 'string') path = new URL(path);
  else if (!isURL(path)) throw codes.ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
  if (path.protocol !== 'file:') throw codedTypeError('ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  if (path.hostname !== '') {
    throw codedTypeError('ERR_INVALID_FILE_URL_HOST', `File URL host must be "localhost" or empty on ${process.platform}`);
  }
  const pathname = path.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2) | 0x20;
      if (pathname[n + 1] === '2' && third === 102) {
        throw codedTypeError('ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
      }
    }
  }
  return decodeURIComponent(pathname);
}

// Characters a file path keeps but a URL path would read otherwise (Node 20's list).
function encodePathChars(filepath) {
  return filepath.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A')
    .replace(/\r/g, '%0D').replace(/\t/g, '%09');
}

function pathToFileURL(filepath) {
  const path = require('path');
  let resolved = path.resolve(filepath);
  // path.resolve drops a trailing slash; a directory URL keeps it.
  if (filepath.endsWith('/') && resolved[resolved.length - 1] !== '/') resolved += '/';
  const url = new URL('file://');
  url.pathname = encodePathChars(resolved).replace(/\?/g, '%3F').replace(/#/g, '%23');
  return url;
}

function urlToHttpOptions(url) {
  const options = {
    __proto__: null,
    ...url,
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

// url.format(URL, options): the WHATWG URL's serialization with parts left out.
function format(urlObject, options) {
  if (typeof urlObject === 'string') {
    return legacy().urlParse(urlObject).format();
  }
  if (urlObject === null || typeof urlObject !== 'object') {
    throw codes.ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], urlObject);
  }
  if (!isURL(urlObject)) return legacy().Url.prototype.format.call(urlObject);
  let fragment = true;
  let unicode = false;
  let search = true;
  let auth = true;
  if (options !== undefined) {
    if (options === null || typeof options !== 'object') throw codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    if ('fragment' in options) fragment = !!options.fragment;
    if ('unicode' in options) unicode = !!options.unicode;
    if ('search' in options) search = !!options.search;
    if ('auth' in options) auth = !!options.auth;
  }
  const u = urlObject;
  let out = u.protocol;
  if (u.host !== '' || u.protocol === 'file:') {
    out += '//';
    if (auth && (u.username || u.password)) {
      out += u.username;
      if (u.password) out += `:${u.password}`;
      out += '@';
    }
    out += unicode ? domainToUnicode(u.hostname) + (u.port ? `:${u.port}` : '') : u.host;
  }
  out += u.pathname;
  if (search) out += u.search;
  if (fragment) out += u.hash;
  return out;
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('domain');
  return binding.domainToASCII(String(domain));
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw codes.ERR_MISSING_ARGS('domain');
  return binding.domainToUnicode(String(domain));
}

const legacyModule = require('internal/url_legacy');
function legacy() {
  return legacyModule;
}

module.exports = {
  Url: legacyModule.Url,
  parse: legacyModule.urlParse,
  resolve: legacyModule.urlResolve,
  resolveObject: legacyModule.urlResolveObject,
  format,
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};
