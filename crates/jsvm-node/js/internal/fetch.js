// fetch, Headers, Request, Response and FormData, as Node 20 has them (undici's), over the
// `http` and `https` modules: http:, https: and data: URLs (an https: fetch trusts Node's
// default CAs, as undici's does).
// Bodies are web streams; a response body is read from the http response as it arrives.
'use strict';
const { Buffer } = require('buffer'); // not the global, which a program may delete

const { Blob } = require('internal/blob');
const { ReadableStream } = require('internal/webstreams');

const kGuard = Symbol('guard');
const kList = Symbol('list');
const kBody = Symbol('body');
const kState = Symbol('state');

// ---- Headers ------------------------------------------------------------------------------------

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const trimValue = (v) => String(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');

class Headers {
  constructor(init = undefined) {
    this[kList] = []; // [lowercased name, value], in insertion order
    this[kGuard] = 'none';
    if (init === undefined || init === null) return;
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Headers constructor: Expected init to be an object or an iterable.");
    }
    if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const entry = [...pair];
        if (entry.length !== 2) {
          throw new TypeError(`Headers constructor: expected name/value pair to be length 2, found ${entry.length}.`);
        }
        appendHeader(this, entry[0], entry[1], 'Headers constructor');
      }
    } else {
      for (const name of Object.keys(init)) appendHeader(this, name, init[name], 'Headers constructor');
    }
  }

  append(name, value) { appendHeader(this, name, value, 'Headers.append'); }

  delete(name) {
    const key = checkName(name, 'Headers.delete');
    checkMutable(this);
    this[kList] = this[kList].filter(([n]) => n !== key);
  }

  get(name) {
    const key = checkName(name, 'Headers.get');
    const values = this[kList].filter(([n]) => n === key).map(([, v]) => v);
    return values.length === 0 ? null : values.join(', ');
  }

  getSetCookie() {
    return this[kList].filter(([n]) => n === 'set-cookie').map(([, v]) => v);
  }

  has(name) {
    const key = checkName(name, 'Headers.has');
    return this[kList].some(([n]) => n === key);
  }

  set(name, value) {
    const key = checkName(name, 'Headers.set');
    const v = checkValue(value, name, 'Headers.set');
    checkMutable(this);
    const at = this[kList].findIndex(([n]) => n === key);
    if (at < 0) {
      this[kList].push([key, v]);
      return;
    }
    this[kList][at] = [key, v];
    this[kList] = this[kList].filter(([n], i) => n !== key || i === at);
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') {
      throw new TypeError("Headers.forEach: Argument 1 could not be converted to: Function.");
    }
    for (const [name, value] of this) callback.call(thisArg, value, name, this);
  }

  * keys() { for (const [name] of this) yield name; }
  * values() { for (const [, value] of this) yield value; }
  * entries() { yield* this[Symbol.iterator](); }

  // Sorted by name, values of a name combined, set-cookie lines each on their own (Fetch's
  // "sort and combine").
  * [Symbol.iterator]() {
    const names = [...new Set(this[kList].map(([n]) => n))].sort();
    for (const name of names) {
      if (name === 'set-cookie') {
        for (const v of this.getSetCookie()) yield [name, v];
      } else {
        yield [name, this.get(name)];
      }
    }
  }

  get [Symbol.toStringTag]() { return 'Headers'; }
}

function checkName(name, where) {
  const s = String(name);
  if (!TOKEN.test(s)) throw new TypeError(`${where}: "${s}" is an invalid header name.`);
  return s.toLowerCase();
}

function checkValue(value, name, where) {
  const v = trimValue(value);
  if (/[\0\r\n]/.test(v)) throw new TypeError(`${where}: "${v}" is an invalid header value.`);
  return v;
}

// The headers of a fetched response, an error or a redirect are not to be changed (Fetch's
// "immutable" guard).
function checkMutable(headers) {
  if (headers[kGuard] === 'immutable') throw new TypeError('immutable');
}

function appendHeader(headers, name, value, where) {
  const entry = [checkName(name, where), checkValue(value, name, where)];
  checkMutable(headers);
  headers[kList].push(entry);
}

// ---- FormData ------------------------------------------------------------------------------------

class FormData {
  constructor(form = undefined) {
    if (form !== undefined) {
      throw new TypeError("FormData constructor: Argument 1 is not of type 'HTMLFormElement'.");
    }
    this[kList] = [];
  }

  append(name, value, filename = undefined) { this[kList].push(formEntry(name, value, filename)); }
  delete(name) { this[kList] = this[kList].filter(([n]) => n !== String(name)); }
  get(name) {
    const e = this[kList].find(([n]) => n === String(name));
    return e === undefined ? null : e[1];
  }
  getAll(name) { return this[kList].filter(([n]) => n === String(name)).map(([, v]) => v); }
  has(name) { return this[kList].some(([n]) => n === String(name)); }
  set(name, value, filename = undefined) {
    const entry = formEntry(name, value, filename);
    const at = this[kList].findIndex(([n]) => n === entry[0]);
    if (at < 0) {
      this[kList].push(entry);
      return;
    }
    this[kList] = this[kList].filter(([n], i) => n !== entry[0] || i === at);
    this[kList][at] = entry;
  }
  forEach(callback, thisArg = undefined) {
    for (const [name, value] of this) callback.call(thisArg, value, name, this);
  }
  * keys() { for (const [name] of this) yield name; }
  * values() { for (const [, value] of this) yield value; }
  * entries() { yield* this[Symbol.iterator](); }
  * [Symbol.iterator]() { for (const [name, value] of this[kList]) yield [name, value]; }
  get [Symbol.toStringTag]() { return 'FormData'; }
}

function formEntry(name, value, filename) {
  if (value instanceof Blob) {
    const { File } = require('internal/blob');
    const fileName = filename !== undefined ? String(filename) : value instanceof File ? value.name : 'blob';
    if (!(value instanceof File) || filename !== undefined) {
      value = new File([value], fileName, { type: value.type });
    }
    return [String(name), value];
  }
  return [String(name), String(value)];
}

// multipart/form-data, as undici writes it.
function encodeForm(form) {
  const boundary = `----formdata-undici-0${String(Math.random()).slice(2, 13).padStart(11, '0')}`;
  const escape = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  const parts = [];
  for (const [name, value] of form) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"`;
    if (typeof value === 'string') {
      parts.push(`${head}\r\n\r\n${value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n')}\r\n`);
    } else {
      head += `; filename="${escape(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
      parts.push(head, value, '\r\n');
    }
  }
  parts.push(`--${boundary}--\r\n`);
  return { blob: new Blob(parts), type: `multipart/form-data; boundary=${boundary}` };
}

// ---- bodies --------------------------------------------------------------------------------------

// { stream, source, type, length } of a body init (Fetch's "extract a body").
function extractBody(init) {
  let bytes = null;
  let type = null;
  if (typeof init === 'string') {
    bytes = new TextEncoder().encode(init);
    type = 'text/plain;charset=UTF-8';
  } else if (init instanceof URLSearchParams) {
    bytes = new TextEncoder().encode(init.toString());
    type = 'application/x-www-form-urlencoded;charset=UTF-8';
  } else if (init instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && init instanceof SharedArrayBuffer)) {
    bytes = new Uint8Array(init.slice(0));
  } else if (ArrayBuffer.isView(init)) {
    bytes = new Uint8Array(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength));
  } else if (init instanceof Blob) {
    const blob = init;
    const stream = blob.stream();
    return { stream, source: blob, type: blob.type || null, length: blob.size };
  } else if (init instanceof FormData) {
    const { blob, type: t } = encodeForm(init);
    return { stream: blob.stream(), source: blob, type: t, length: blob.size };
  } else if (init instanceof ReadableStream) {
    return { stream: init, source: null, type: null, length: null };
  } else if (init !== null && typeof init === 'object' && typeof init[Symbol.asyncIterator] === 'function') {
    const it = init[Symbol.asyncIterator]();
    const stream = new ReadableStream({
      async pull(controller) {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value));
      },
    });
    return { stream, source: null, type: null, length: null };
  } else {
    bytes = new TextEncoder().encode(String(init));
    type = 'text/plain;charset=UTF-8';
  }
  const stream = new ReadableStream({
    type: 'bytes',
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes.slice());
      controller.close();
    },
  });
  return { stream, source: bytes, type, length: bytes.byteLength };
}

async function consume(owner, kind) {
  const body = owner[kBody];
  if (body !== null && (body.stream.locked || owner[kState].used)) {
    throw new TypeError('Body is unusable: Body has already been read');
  }
  owner[kState].used = true;
  const chunks = [];
  let total = 0;
  if (body !== null) {
    const reader = body.stream.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const chunk = value instanceof Uint8Array ? value : new Uint8Array(value);
      chunks.push(chunk);
      total += chunk.byteLength;
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  switch (kind) {
    case 'arrayBuffer': return bytes.buffer;
    case 'bytes': return bytes;
    case 'text': return new TextDecoder().decode(bytes);
    case 'json': return JSON.parse(new TextDecoder().decode(bytes));
    case 'blob': return new Blob([bytes], { type: owner.headers.get('content-type') || '' });
    case 'formData': {
      const type = owner.headers.get('content-type') || '';
      if (/^application\/x-www-form-urlencoded/i.test(type)) {
        const form = new FormData();
        for (const [k, v] of new URLSearchParams(new TextDecoder().decode(bytes))) form.append(k, v);
        return form;
      }
      throw new TypeError('Response.formData: Could not parse content as FormData.');
    }
    default: throw new TypeError(kind);
  }
}

const bodyMethods = {
  get body() { return this[kBody] === null ? null : this[kBody].stream; },
  get bodyUsed() { return this[kState].used; },
  get headers() { return this[kState].headers; },
  arrayBuffer() { return consume(this, 'arrayBuffer'); },
  blob() { return consume(this, 'blob'); },
  formData() { return consume(this, 'formData'); },
  json() { return consume(this, 'json'); },
  text() { return consume(this, 'text'); },
};

function addBodyMethods(cls) {
  for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(bodyMethods))) {
    Object.defineProperty(cls.prototype, name, { ...desc, enumerable: true });
  }
}

function teeBody(owner) {
  if (owner[kBody] === null) return null;
  if (owner[kState].used || owner[kBody].stream.locked) {
    throw new TypeError(`${owner.constructor.name}.clone: Body has already been consumed.`);
  }
  const [a, b] = owner[kBody].stream.tee();
  owner[kBody] = { ...owner[kBody], stream: a };
  return { ...owner[kBody], stream: b };
}

// ---- Request -------------------------------------------------------------------------------------

const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

function parseUrl(input, where) {
  try {
    return new URL(String(input));
  } catch (cause) {
    throw new TypeError(`Failed to parse URL from ${input}`, { cause });
  }
}

class Request {
  constructor(input, init = {}) {
    if (arguments.length === 0) {
      throw new TypeError("Request constructor: 1 argument required, but only 0 present.");
    }
    init = init === null || init === undefined ? {} : init;
    const from = input instanceof Request ? input : null;
    this[kState] = {
      url: from ? from.url : parseUrl(input).href,
      method: from ? from.method : 'GET',
      redirect: from ? from.redirect : 'follow',
      signal: from ? from.signal : null,
      used: false,
    };
    if (init.method !== undefined) {
      const m = String(init.method);
      if (!TOKEN.test(m)) throw new TypeError(`'${m}' is not a valid HTTP method.`);
      const upper = m.toUpperCase();
      if (['CONNECT', 'TRACE', 'TRACK'].includes(upper)) throw new TypeError(`'${m}' HTTP method is unsupported.`);
      this[kState].method = METHODS.includes(upper) ? upper : m;
    }
    if (init.redirect !== undefined) {
      if (!['follow', 'error', 'manual'].includes(init.redirect)) {
        throw new TypeError(`Request constructor: ${init.redirect} is not an accepted type. Expected one of follow, error, manual.`);
      }
      this[kState].redirect = init.redirect;
    }
    if (init.signal !== undefined) this[kState].signal = init.signal;
    if (this[kState].signal === null) this[kState].signal = new AbortController().signal;
    this[kState].headers = new Headers(init.headers !== undefined ? init.headers : from ? from.headers : undefined);
    const bodyInit = init.body !== undefined ? init.body : null;
    if (bodyInit !== null && (this[kState].method === 'GET' || this[kState].method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    this[kBody] = null;
    if (bodyInit !== null) {
      this[kBody] = extractBody(bodyInit);
      if (this[kBody].type !== null && !this.headers.has('content-type')) {
        this.headers.append('content-type', this[kBody].type);
      }
    } else if (from !== null && from[kBody] !== null) {
      this[kBody] = teeBody(from);
    }
  }

  get url() { return this[kState].url; }
  get method() { return this[kState].method; }
  get redirect() { return this[kState].redirect; }
  get signal() { return this[kState].signal; }
  get mode() { return 'cors'; }
  get credentials() { return 'same-origin'; }
  get cache() { return 'default'; }
  get destination() { return ''; }
  get referrer() { return 'about:client'; }
  get referrerPolicy() { return ''; }
  get integrity() { return ''; }
  get keepalive() { return false; }
  get duplex() { return 'half'; }

  clone() {
    const copy = new Request(this.url, { method: this.method, headers: this.headers, redirect: this.redirect, signal: this.signal });
    copy[kBody] = teeBody(this);
    return copy;
  }

  get [Symbol.toStringTag]() { return 'Request'; }
}
addBodyMethods(Request);

// ---- Response ------------------------------------------------------------------------------------

const NULL_BODY_STATUS = [101, 204, 205, 304];
const REDIRECT_STATUS = [301, 302, 303, 307, 308];

class Response {
  constructor(body = null, init = {}) {
    init = init === null || init === undefined ? {} : init;
    const status = init.status !== undefined ? Number(init.status) : 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
    }
    const statusText = init.statusText !== undefined ? String(init.statusText) : '';
    if (/[^\t\x20-\x7e\x80-\xff]/.test(statusText)) throw new TypeError('Invalid statusText');
    this[kState] = { status, statusText, type: 'default', urls: [], used: false, headers: new Headers(init.headers) };
    this[kBody] = null;
    if (body !== null && body !== undefined) {
      if (NULL_BODY_STATUS.includes(status)) {
        throw new TypeError('Response constructor: Invalid response status code ' + status);
      }
      this[kBody] = extractBody(body);
      if (this[kBody].type !== null && !this.headers.has('content-type')) {
        this.headers.append('content-type', this[kBody].type);
      }
    }
  }

  static error() {
    const r = new Response(null, { status: 200 });
    r[kState].status = 0;
    r[kState].type = 'error';
    r.headers[kGuard] = 'immutable';
    return r;
  }

  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const r = new Response(text, init);
    r.headers.set('content-type', 'application/json');
    return r;
  }

  static redirect(url, status = 302) {
    const href = parseUrl(url).href;
    if (!REDIRECT_STATUS.includes(status)) throw new RangeError(`Invalid status code ${status}`);
    const r = new Response(null, { status });
    r.headers.set('location', href);
    r.headers[kGuard] = 'immutable';
    return r;
  }

  get type() { return this[kState].type; }
  get url() { const u = this[kState].urls; return u.length ? u[u.length - 1] : ''; }
  get redirected() { return this[kState].urls.length > 1; }
  get status() { return this[kState].status; }
  get ok() { return this[kState].status >= 200 && this[kState].status <= 299; }
  get statusText() { return this[kState].statusText; }

  clone() {
    const copy = new Response(null, { status: this.status === 0 ? 200 : this.status, statusText: this.statusText, headers: this.headers });
    copy[kState] = { ...this[kState], used: false, headers: copy.headers };
    copy.headers[kGuard] = this.headers[kGuard];
    copy[kBody] = teeBody(this);
    return copy;
  }

  get [Symbol.toStringTag]() { return 'Response'; }
}
addBodyMethods(Response);

// ---- fetch ---------------------------------------------------------------------------------------

function fetchFailed(cause) {
  return new TypeError('fetch failed', { cause });
}

function abortError(signal) {
  if (signal.reason !== undefined) return signal.reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

function fetch(input, init = undefined) {
  return new Promise((resolve, reject) => {
    let request;
    try {
      request = new Request(input, init);
    } catch (e) {
      reject(e);
      return;
    }
    const signal = request.signal;
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const urls = [];
    let body = request[kBody];
    let retried = false;
    const go = (url, method, redirects) => {
      urls.push(url.href);
      if (url.protocol === 'data:') {
        dataUrl(url).then((res) => { res[kState].urls = urls.slice(); resolve(res); }, (e) => reject(fetchFailed(e)));
        return;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        reject(fetchFailed(new Error('unknown scheme')));
        return;
      }
      const headers = {};
      for (const [name, value] of request.headers) {
        headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
      }
      const defaults = { accept: '*/*', 'accept-language': '*', 'sec-fetch-mode': 'cors', 'user-agent': 'node', 'accept-encoding': 'gzip, deflate' };
      for (const [k, v] of Object.entries(defaults)) if (!(k in headers)) headers[k] = v;
      if (body !== null && body.length !== null && !('content-length' in headers)) headers['content-length'] = String(body.length);
      const http = require(url.protocol === 'https:' ? 'https' : 'http');
      const req = http.request(url, { method, headers }, (res) => {
        const status = res.statusCode;
        if (REDIRECT_STATUS.includes(status) && res.headers.location !== undefined && request.redirect !== 'manual') {
          res.resume();
          if (request.redirect === 'error') {
            reject(fetchFailed(new Error('unexpected redirect')));
            return;
          }
          if (redirects >= 20) {
            reject(fetchFailed(new Error('redirect count exceeded')));
            return;
          }
          let next;
          try {
            next = new URL(res.headers.location, url);
          } catch (e) {
            reject(fetchFailed(e));
            return;
          }
          let nextMethod = method;
          if (status === 303 && method !== 'GET' && method !== 'HEAD') nextMethod = 'GET';
          if ((status === 301 || status === 302) && method === 'POST') nextMethod = 'GET';
          if (nextMethod !== method) body = null;
          go(next, nextMethod, redirects + 1);
          return;
        }
        const response = new Response(null, { status: status < 200 ? 200 : status, statusText: res.statusMessage });
        response[kState].status = status;
        response[kState].type = 'basic';
        response[kState].urls = urls.slice();
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          try { response.headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]); } catch {}
        }
        response.headers[kGuard] = 'immutable';
        let source = res;
        const encoding = (res.headers['content-encoding'] || '').toLowerCase().trim();
        if (method !== 'HEAD' && !NULL_BODY_STATUS.includes(status)) {
          const zlib = require('zlib');
          if (encoding === 'gzip' || encoding === 'x-gzip') source = res.pipe(zlib.createGunzip());
          else if (encoding === 'deflate') source = res.pipe(zlib.createInflate());
          else if (encoding === 'br') source = res.pipe(zlib.createBrotliDecompress());
          response[kBody] = { stream: streamOf(source, signal), source: null, type: null, length: null };
        } else {
          res.resume();
        }
        resolve(response);
      });
      const onAbort = () => {
        req.destroy();
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) return; // rejected by onAbort already
        // A kept-alive connection the server closed meanwhile: once more on a new one, as
        // undici does, when the request had nothing to resend.
        if (req.reusedSocket && e.code === 'ECONNRESET' && request[kBody] === null && !retried) {
          retried = true;
          urls.pop();
          go(url, method, redirects);
          return;
        }
        reject(fetchFailed(e));
      });
      req.on('close', () => signal.removeEventListener('abort', onAbort));
      if (body === null) {
        req.end();
        return;
      }
      const reader = body.stream.getReader();
      const pump = () => reader.read().then(({ value, done }) => {
        if (done) {
          req.end();
          return;
        }
        req.write(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
        pump();
      }, (e) => {
        req.destroy();
        reject(fetchFailed(e));
      });
      pump();
    };
    go(new URL(request.url), request.method, 0);
  });
}

// A web stream of a Node readable's chunks (the response body).
function streamOf(readable, signal) {
  return new ReadableStream({
    start(controller) {
      readable.on('data', (chunk) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (controller.desiredSize <= 0) readable.pause();
      });
      readable.on('end', () => controller.close());
      readable.on('error', (e) => controller.error(fetchFailed(e)));
      readable.pause();
      signal.addEventListener('abort', () => {
        try { controller.error(abortError(signal)); } catch {}
        readable.destroy();
      }, { once: true });
    },
    pull() { readable.resume(); },
    cancel() { readable.destroy(); },
  });
}

// data: URLs (RFC 2397): the media type and the bytes, percent-decoded or base64.
async function dataUrl(url) {
  const href = url.href.slice(5);
  const comma = href.indexOf(',');
  if (comma < 0) throw new TypeError('invalid data: URL');
  let type = href.slice(0, comma).trim();
  let data = href.slice(comma + 1);
  const base64 = /;\s*base64$/i.test(type);
  if (base64) type = type.replace(/;\s*base64$/i, '');
  const bytes = base64
    ? Buffer.from(decodeURIComponent(data).replace(/\s/g, ''), 'base64')
    : Buffer.from(data.replace(/%([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  if (type === '' || type.startsWith(';')) type = `text/plain${type || ';charset=US-ASCII'}`;
  const response = new Response(new Uint8Array(bytes), { status: 200, statusText: 'OK', headers: { 'content-type': type } });
  response[kState].type = 'basic';
  response.headers[kGuard] = 'immutable';
  return response;
}

module.exports = { fetch, Headers, Request, Response, FormData };
