// Node's coded errors (ERR_*), with Node's messages, and the validators built on them.
// An error shows as `TypeError [ERR_X]: message` in its stack and String(), and has `.code`.
'use strict';

function lazyInspect(v, opts) {
  return require('util').inspect(v, opts);
}

function makeError(Base, code, message, hideFrom) {
  const err = new Base(message);
  // The stack is formatted when the error is captured: show the code in its first line, as
  // Node does, without leaving an own `name` behind.
  Object.defineProperty(err, 'name', { value: `${Base.name} [${code}]`, configurable: true, writable: true });
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(err, hideFrom || makeError);
  delete err.name;
  err.code = code;
  Object.defineProperty(err, 'toString', {
    value() { return `${this.name} [${code}]: ${this.message}`; },
    configurable: true, writable: true,
  });
  return err;
}

const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const classRe = /^([A-Z][a-z0-9]*)+$/;

function describeReceived(actual) {
  if (actual == null) return ` Received ${actual}`;
  if (typeof actual === 'function' && actual.name) return ` Received function ${actual.name}`;
  if (typeof actual === 'object') {
    if (actual.constructor && actual.constructor.name) {
      return ` Received an instance of ${actual.constructor.name}`;
    }
    return ` Received ${lazyInspect(actual, { depth: -1 })}`;
  }
  let inspected = lazyInspect(actual, { colors: false });
  if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
  return ` Received type ${typeof actual} (${inspected})`;
}

function formatList(list, joiner = 'or') {
  if (list.length <= 2) return list.join(` ${joiner} `);
  return `${list.slice(0, -1).join(', ')}, ${joiner} ${list[list.length - 1]}`;
}

function invalidArgTypeMessage(name, expected, actual) {
  if (!Array.isArray(expected)) expected = [expected];
  let msg = 'The ';
  if (name.endsWith(' argument')) msg += `${name} `;
  else msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  msg += 'must be ';
  const types = [], instances = [], other = [];
  for (const value of expected) {
    if (kTypes.includes(value)) types.push(value.toLowerCase());
    else if (classRe.test(value)) instances.push(value);
    else other.push(value);
  }
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) { types.splice(pos, 1); instances.push('Object'); }
  }
  if (types.length > 0) {
    msg += `${types.length > 1 ? 'one of type' : 'of type'} ${formatList(types)}`;
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    msg += `an instance of ${formatList(instances)}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length > 1) msg += `one of ${formatList(other)}`;
    else {
      if (other[0].toLowerCase() !== other[0]) msg += 'an ';
      msg += `${other[0]}`;
    }
  }
  return msg + '.' + describeReceived(actual);
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
    let shown = typeof received === 'number' || typeof received === 'bigint' ? String(received) : lazyInspect(received);
    if (typeof received === 'bigint') shown += 'n';
    return makeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
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
function validateInt32(value, name, min = -2147483648, max = 2147483647) {
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}
function validateUint32(value, name, positive = false) {
  if (typeof value !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  const min = positive ? 1 : 0;
  const max = 4294967295;
  if (value < min || value > max) throw codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}
function validateOneOf(value, name, oneOf) {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    throw codes.ERR_INVALID_ARG_VALUE(name, value, 'must be one of: ' + allowed);
  }
}
function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}
function validateBuffer(value, name) {
  if (!isArrayBufferView(value)) throw codes.ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], value);
}

module.exports = {
  codes, makeError, invalidArgTypeMessage,
  validateObject, validateString, validateBoolean, validateFunction, validateArray,
  validateInt32, validateUint32, validateOneOf, validateBuffer, isArrayBufferView,
};
