// Node's coded errors (ERR_*), with Node's messages, and the validators built on them.
// An error shows as `TypeError [ERR_X]: message` in its stack and String(), and has `.code`.
'use strict';

// The message wording and the error factory are util's (shared, one implementation).
function lazyInspect(v, opts) {
  return require('util').inspect(v, opts);
}
function utilErrors() {
  return require('util')._errors;
}
function makeError(Base, code, message, hideFrom) {
  return utilErrors().codedError(Base, code, message, hideFrom || makeError);
}
function invalidArgTypeMessage(name, expected, actual) {
  return utilErrors().invalidArgType(name, expected, actual);
}

// 1234567 -> '1_234_567', as node shows large numbers in ERR_OUT_OF_RANGE.
function addNumericalSeparator(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

const codes = {
  ERR_INVALID_ARG_TYPE(name, expected, actual) {
    return makeError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgTypeMessage(name, expected, actual));
  },
  ERR_INVALID_ARG_VALUE(name, value, reason = 'is invalid') {
    let inspected = lazyInspect(value);
    if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
    const type = name.includes('.') ? 'property' : 'argument';
    return makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${type} '${name}' ${reason}. Received ${inspected}`);
  },
  ERR_OUT_OF_RANGE(name, range, received) {
    let shown;
    if (Number.isInteger(received) && Math.abs(received) > 2 ** 32) {
      shown = addNumericalSeparator(String(received));
    } else if (typeof received === 'bigint') {
      shown = String(received);
      if (received > 2n ** 32n || received < -(2n ** 32n)) shown = addNumericalSeparator(shown);
      shown += 'n';
    } else {
      shown = lazyInspect(received);
    }
    return makeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
  },
  ERR_AMBIGUOUS_ARGUMENT(name, reason) {
    return makeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT', `The "${name}" argument is ambiguous. ${reason}`);
  },
  ERR_BUFFER_OUT_OF_BOUNDS(name = undefined) {
    return makeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS',
      name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
  },
  ERR_INVALID_BUFFER_SIZE(size) {
    return makeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', `Buffer size must be a multiple of ${size}`);
  },
  ERR_INVALID_RETURN_VALUE(input, name, value) {
    return makeError(TypeError, 'ERR_INVALID_RETURN_VALUE',
      `Expected ${input} to be returned from the "${name}" function but got ${utilErrors().determineSpecificType(value)}.`);
  },
  ERR_MISSING_ARGS(...args) {
    const wrap = (a) => `"${a}"`;
    const names = args.map((a) => (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)));
    let list = names[names.length - 1];
    if (names.length === 2) list = `${names[0]} and ${list}`;
    else if (names.length > 2) list = `${names.slice(0, -1).join(', ')}, and ${list}`;
    return makeError(TypeError, 'ERR_MISSING_ARGS', `The ${list} argument${names.length > 1 ? 's' : ''} must be specified`);
  },
  ERR_INVALID_THIS(type) {
    return makeError(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
  },
  ERR_EVENT_RECURSION(type) {
    return makeError(Error, 'ERR_EVENT_RECURSION', `The event "${type}" is already being dispatched`);
  },
  ERR_ILLEGAL_CONSTRUCTOR() {
    return makeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  },
  ERR_ENCODING_NOT_SUPPORTED(encoding) {
    return makeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${encoding}" encoding is not supported`);
  },
  ERR_ENCODING_INVALID_ENCODED_DATA(encoding) {
    return makeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', `The encoded data was not valid for encoding ${encoding}`);
  },
  ERR_UNHANDLED_ERROR(err = undefined) {
    return makeError(Error, 'ERR_UNHANDLED_ERROR', err === undefined ? 'Unhandled error.' : `Unhandled error. (${err})`);
  },
  ERR_UNKNOWN_ENCODING(enc) {
    return makeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${String(enc)}`);
  },
  ERR_SCRIPT_EXECUTION_TIMEOUT(ms) {
    return makeError(Error, 'ERR_SCRIPT_EXECUTION_TIMEOUT', `Script execution timed out after ${ms}ms`);
  },
  ERR_VM_MODULE_STATUS(msg) { return makeError(Error, 'ERR_VM_MODULE_STATUS', `Module status ${msg}`); },
  ERR_VM_MODULE_ALREADY_LINKED() { return makeError(Error, 'ERR_VM_MODULE_ALREADY_LINKED', 'Module has already been linked'); },
  ERR_VM_MODULE_DIFFERENT_CONTEXT() { return makeError(Error, 'ERR_VM_MODULE_DIFFERENT_CONTEXT', 'Linked modules must use the same context'); },
  ERR_VM_MODULE_LINK_FAILURE(msg, cause) {
    const e = makeError(Error, 'ERR_VM_MODULE_LINK_FAILURE', msg);
    if (cause !== undefined) e.cause = cause;
    return e;
  },
  ERR_VM_MODULE_NOT_MODULE() { return makeError(Error, 'ERR_VM_MODULE_NOT_MODULE', 'Provided module is not an instance of Module'); },
  ERR_VM_MODULE_LINKING_ERRORED() { return makeError(Error, 'ERR_VM_MODULE_LINKING_ERRORED', 'Linking has already failed for the provided module'); },
  ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA() { return makeError(Error, 'ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA', 'Cached data cannot be created for a module which has been evaluated'); },
  ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING() { return makeError(TypeError, 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING', 'A dynamic import callback was not specified.'); },
  ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG() { return makeError(TypeError, 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG', 'A dynamic import callback was invoked without --experimental-vm-modules'); },
  ERR_CONTEXT_NOT_INITIALIZED() { return makeError(Error, 'ERR_CONTEXT_NOT_INITIALIZED', 'context used is not initialized'); },
  ERR_METHOD_NOT_IMPLEMENTED(name) { return makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${name} method is not implemented`); },
};

// Validators, as Node's internal/validators.
function validateObject(value, name, { nullable = false, allowArray = false, allowFunction = false } = {}) {
  if ((!nullable && value === null) || (!allowArray && Array.isArray(value)) ||
      (typeof value !== 'object' && (!allowFunction || typeof value !== 'function'))) {
    throw codes.ERR_INVALID_ARG_TYPE(name, 'Object', value);
  }
}
function validateString(value, name) {
  if (typeof value !== 'string') throw codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
}
function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value);
}
function validateFunction(value, name) {
  if (typeof value !== 'function') throw codes.ERR_INVALID_ARG_TYPE(name, 'Function', value);
}
function validateArray(value, name) {
  if (!Array.isArray(value)) throw codes.ERR_INVALID_ARG_TYPE(name, 'Array', value);
}
function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) ||
      ((min != null || max != null) && Number.isNaN(value))) {
    throw codes.ERR_OUT_OF_RANGE(name,
      `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`,
      value);
  }
}
function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}
function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  validateInteger(value, name, min, max);
}
function validateUint32(value, name, positive = false) {
  validateInteger(value, name, positive ? 1 : 0, 4294967295);
}
function validateOneOf(value, name, oneOf) {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    throw codes.ERR_INVALID_ARG_VALUE(name, value, 'must be one of: ' + allowed);
  }
}
function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw codes.ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}
function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}
function validateBuffer(value, name) {
  if (!isArrayBufferView(value)) throw codes.ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], value);
}
// Node's AbortError (`ABORT_ERR`), the signal's reason (when it has one) as its cause.
function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal != null && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

module.exports = {
  codes, makeError, invalidArgTypeMessage, abortError,
  validateObject, validateString, validateBoolean, validateFunction, validateArray,
  validateNumber, validateInteger, validateInt32, validateUint32, validateOneOf, validateBuffer,
  validateAbortSignal, isArrayBufferView,
};
