// structuredClone: the same structured clone as messages between threads (internal/serdes),
// within one thread: the value is serialized and read back here. ArrayBuffers are copied
// unless transferred (then moved), SharedArrayBuffers share their memory, MessagePorts in the
// transfer list move to the clone.
'use strict';

const serdes = require('internal/serdes');
const { codes, makeError } = require('internal/errors');

const toStr = Object.prototype.toString;

function structuredClone(value, options) {
  if (arguments.length === 0) {
    throw makeError(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified');
  }
  let transfer;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object') {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The options argument must be either an object or undefined');
    }
    transfer = options.transfer;
    if (transfer !== undefined && transfer !== null &&
        (typeof transfer !== 'object' || typeof transfer[Symbol.iterator] !== 'function')) {
      throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
    }
  }
  const [json, buffers, moved] = serdes.serialize(value, transfer);
  const own = buffers.map((b, i) => {
    if (moved.has(i)) return b;
    if (toStr.call(b) === '[object SharedArrayBuffer]') return binding.worker.shareAgain(b);
    return b.slice(0);
  });
  return serdes.deserialize(json, own);
}

module.exports = structuredClone;
