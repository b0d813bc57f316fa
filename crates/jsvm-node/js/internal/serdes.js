// Messages between threads (worker_threads): the structured clone algorithm as a serializer.
// A value becomes JSON text plus the bytes of its ArrayBuffers, which the Rust side copies to
// the other thread's heap; there the text is read back into new objects.
//
// Encoding: strings, finite numbers (not -0), booleans and null are themselves; everything
// else is an array whose first element is a tag. Objects are numbered in the order first
// met, so that a later meeting is a reference (['r', n]): shared parts and cycles survive.
// A MessagePort (js/worker_threads.js) travels as its port id (['P', id]); the ports hook
// detaches it here and adopts it on the receiving thread.
'use strict';

// Set by js/worker_threads.js: { isPort(v) -> id or undefined, detach(port), adopt(id) -> port }.
const ports = { isPort: () => undefined, detach: null, adopt: null };

// What markAsUntransferable marked: left in place (copied) when in a transfer list, as in Node 20.
const untransferable = new WeakSet();

// What cannot be cloned: a DOMException named DataCloneError (code 25), as Node throws.
function dataCloneError(message) {
  return new DOMExceptionOf(message, 'DataCloneError');
}

const errorNames = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];
const viewTypes = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'DataView'];
const toStr = Object.prototype.toString;

// The constructors as they were when this module loaded: a program replacing a global (say
// `globalThis.RangeError`) does not change what messages turn into.
const ctors = {};
for (const name of [...errorNames, ...viewTypes]) ctors[name] = binding.globalObject[name];
const { Map, Set, Date, RegExp, BigInt, JSON } = binding.globalObject;
const ObjectOf = binding.globalObject.Object;
const DOMExceptionOf = binding.globalObject.DOMException;

// -> [json, buffers, moved]; `transferList`'s ArrayBuffers are detached afterwards (their bytes
// moved to the new buffers at the indexes in `moved`).
function serialize(value, transferList) {
  const seen = new Map(); // object -> number
  const buffers = [];
  const transfers = transferList === undefined || transferList === null ? [] : Array.from(transferList);
  function enc(v) {
    switch (typeof v) {
      case 'string': case 'boolean': return v;
      case 'number':
        if (Number.isFinite(v) && !Object.is(v, -0)) return v;
        return ['n', Object.is(v, -0) ? '-0' : String(v)];
      case 'undefined': return ['u'];
      case 'bigint': return ['b', String(v)];
      case 'symbol': throw dataCloneError(`${String(v)} could not be cloned.`);
      case 'function': throw dataCloneError(`${String(v)} could not be cloned.`);
    }
    if (v === null) return null;
    if (seen.has(v)) return ['r', seen.get(v)];
    seen.set(v, seen.size);
    if (binding.getProxyDetails(v) !== undefined) throw dataCloneError('#<Object> could not be cloned.');
    const portId = ports.isPort(v);
    if (portId !== undefined) {
      if (!transfers.includes(v)) {
        const err = new TypeError('Object that needs transfer was found in message but not listed in transferList');
        err.code = 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST';
        throw err;
      }
      return ['P', portId];
    }
    const tag = toStr.call(v);
    switch (tag) {
      case '[object Boolean]': return ['W', 'Boolean', Boolean.prototype.valueOf.call(v)];
      case '[object Number]': return ['W', 'Number', enc(Number.prototype.valueOf.call(v))];
      case '[object String]': return ['W', 'String', String.prototype.valueOf.call(v)];
      case '[object BigInt]': return ['W', 'BigInt', String(BigInt.prototype.valueOf.call(v))];
      case '[object Date]': return ['D', enc(v.getTime())];
      case '[object RegExp]': return ['R', v.source, v.flags];
      case '[object ArrayBuffer]':
        buffers.push(v);
        return ['B', buffers.length - 1];
      // Its memory is shared, not copied: the receiver's buffer is over the same bytes.
      case '[object SharedArrayBuffer]':
        buffers.push(v);
        return ['B', buffers.length - 1];
      case '[object Map]': {
        const out = ['M'];
        for (const [k, val] of v) out.push(enc(k), enc(val));
        return out;
      }
      case '[object Set]': {
        const out = ['S'];
        for (const k of v) out.push(enc(k));
        return out;
      }
      case '[object Error]': {
        const name = errorNames.includes(v.name) ? v.name : 'Error';
        const stack = v.stack;
        const out = ['E', name, String(v.message), typeof stack === 'string' ? stack : ['u']];
        if (Object.prototype.hasOwnProperty.call(v, 'cause')) out.push(enc(v.cause));
        return out;
      }
      case '[object Array]': {
        const out = ['a', v.length];
        for (const k of Object.keys(v)) out.push(k, enc(v[k]));
        return out;
      }
    }
    if (ArrayBuffer.isView(v)) {
      const type = tag.slice(8, -1);
      if (!viewTypes.includes(type)) throw dataCloneError(`#<${type}> could not be cloned.`);
      const length = type === 'DataView' ? v.byteLength : v.length;
      return ['V', type, enc(v.buffer), v.byteOffset, length];
    }
    if (tag !== '[object Object]') throw dataCloneError(`#<${tag.slice(8, -1)}> could not be cloned.`);
    const out = ['o'];
    for (const k of Object.keys(v)) out.push(k, enc(v[k]));
    return out;
  }
  const json = JSON.stringify(enc(value));
  const moved = new Set();
  for (const t of transfers) {
    if (t !== null && typeof t === 'object' && untransferable.has(t)) continue;
    if (ports.isPort(t) !== undefined) {
      ports.detach(t);
      continue;
    }
    if (toStr.call(t) !== '[object ArrayBuffer]') continue;
    // The bytes move to a new buffer (the one sent), leaving `t` detached.
    const i = buffers.indexOf(t);
    const fresh = binding.transferArrayBuffer(t);
    if (i >= 0) {
      buffers[i] = fresh;
      moved.add(i);
    }
  }
  return [json, buffers, moved];
}

function deserialize(json, buffers) {
  const objects = [];
  function dec(e) {
    if (!Array.isArray(e)) return e;
    switch (e[0]) {
      case 'u': return undefined;
      case 'n': return e[1] === '-0' ? -0 : Number(e[1]);
      case 'b': return BigInt(e[1]);
      case 'r': return objects[e[1]];
      case 'P': {
        const port = ports.adopt(e[1]);
        objects.push(port);
        return port;
      }
    }
    const at = objects.length;
    objects.push(undefined);
    let out;
    switch (e[0]) {
      case 'W':
        out = ObjectOf(e[1] === 'BigInt' ? BigInt(e[2]) : e[1] === 'Number' ? dec(e[2]) : e[2]);
        break;
      case 'D': out = new Date(dec(e[1])); break;
      case 'R': out = new RegExp(e[1], e[2]); break;
      case 'B': out = buffers[e[1]]; break;
      case 'M':
        out = objects[at] = new Map();
        for (let i = 1; i < e.length; i += 2) out.set(dec(e[i]), dec(e[i + 1]));
        return out;
      case 'S':
        out = objects[at] = new Set();
        for (let i = 1; i < e.length; i++) out.add(dec(e[i]));
        return out;
      case 'E': {
        out = objects[at] = new ctors[e[1]](e[2]);
        Object.defineProperty(out, 'stack', {
          value: dec(e[3]), writable: true, configurable: true, enumerable: false,
        });
        if (e.length > 4) {
          Object.defineProperty(out, 'cause', {
            value: dec(e[4]), writable: true, configurable: true, enumerable: false,
          });
        }
        return out;
      }
      case 'a':
        out = objects[at] = new Array(e[1]);
        for (let i = 2; i < e.length; i += 2) out[e[i]] = dec(e[i + 1]);
        return out;
      case 'V': {
        const buf = dec(e[2]);
        out = e[1] === 'DataView' ? new ctors.DataView(buf, e[3], e[4]) : new ctors[e[1]](buf, e[3], e[4]);
        break;
      }
      case 'o':
        out = objects[at] = {};
        for (let i = 1; i < e.length; i += 2) out[e[i]] = dec(e[i + 1]);
        return out;
    }
    objects[at] = out;
    return out;
  }
  return dec(JSON.parse(json));
}

module.exports = { serialize, deserialize, dataCloneError, ports, untransferable };
