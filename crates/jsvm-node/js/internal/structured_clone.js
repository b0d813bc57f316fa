// structuredClone: the HTML structured clone algorithm for the types QuickJS has.
'use strict';

function dataCloneError(message) {
  const err = new Error(message);
  err.name = 'DataCloneError';
  err.code = 25;
  return err;
}

function structuredClone(value, options) {
  if (arguments.length === 0) {
    const err = new TypeError('The "value" argument must be specified');
    err.code = 'ERR_MISSING_ARGS';
    throw err;
  }
  const memory = new Map();
  function clone(v) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
      if (typeof v === 'symbol') throw dataCloneError(`${String(v)} could not be cloned.`);
      return v;
    }
    if (typeof v === 'function') throw dataCloneError(`${String(v)} could not be cloned.`);
    if (memory.has(v)) return memory.get(v);
    const tag = Object.prototype.toString.call(v);
    let out;
    switch (tag) {
      case '[object Boolean]': out = Object(Boolean.prototype.valueOf.call(v)); break;
      case '[object Number]': out = Object(Number.prototype.valueOf.call(v)); break;
      case '[object String]': out = Object(String.prototype.valueOf.call(v)); break;
      case '[object BigInt]': out = Object(BigInt.prototype.valueOf.call(v)); break;
      case '[object Date]': out = new Date(v.getTime()); break;
      case '[object RegExp]': out = new RegExp(v.source, v.flags); break;
      case '[object ArrayBuffer]': out = v.slice(0); break;
      case '[object Map]':
        out = new Map();
        memory.set(v, out);
        for (const [k, val] of v) out.set(clone(k), clone(val));
        return out;
      case '[object Set]':
        out = new Set();
        memory.set(v, out);
        for (const k of v) out.add(clone(k));
        return out;
      case '[object Error]': {
        const names = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];
        const name = names.includes(v.name) ? v.name : 'Error';
        out = new globalThis[name](v.message);
        if (v.stack !== undefined) out.stack = String(v.stack);
        if ('cause' in v) out.cause = clone(v.cause);
        break;
      }
      case '[object Array]':
        out = new Array(v.length);
        memory.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      case '[object Object]':
        out = {};
        memory.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      default:
        if (ArrayBuffer.isView(v)) {
          const buf = clone(v.buffer);
          out = v instanceof DataView ? new DataView(buf, v.byteOffset, v.byteLength)
            : new v.constructor(buf, v.byteOffset, v.length);
          break;
        }
        throw dataCloneError(`${tag.slice(8, -1)} object could not be cloned.`);
    }
    memory.set(v, out);
    return out;
  }
  return clone(value);
}

module.exports = structuredClone;
