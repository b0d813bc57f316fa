'use strict';
const process = require('process'); // Node's, even where a program deleted the global
// Node's `util` module, written for jsvm on plain ECMAScript (QuickJS-ng).
//
// Loaded as the body of `function (exports, require, module, binding)` (see
// docs/builtin-modules.md). Output of inspect()/format() is meant to be
// byte-identical to node v20; tests/check-inspect.js compares it against
// golden output recorded from node.
//
// Built-in types are recognised by brand checks (calling an intrinsic method or
// getter that only works on objects with the right internal slots), never by
// `instanceof`, so values coming from another realm (vm context) are still
// recognised.

// ---------------------------------------------------------------------------
// Captured intrinsics: user code may later patch the globals, inspect must not
// be affected by that.
// ---------------------------------------------------------------------------
const uncurry = (fn) => Function.prototype.call.bind(fn);
const hasOwn = uncurry(Object.prototype.hasOwnProperty);
const isEnumerable = uncurry(Object.prototype.propertyIsEnumerable);
const objectToString = uncurry(Object.prototype.toString);
const functionToString = uncurry(Function.prototype.toString);
const errorToString = uncurry(Error.prototype.toString);
const getProto = Object.getPrototypeOf;
const setProto = Object.setPrototypeOf;
const getOwnDesc = Object.getOwnPropertyDescriptor;
const getOwnNames = Object.getOwnPropertyNames;
const getOwnSymbols = Object.getOwnPropertySymbols;
const objectKeys = Object.keys;
const objectIs = Object.is;
const ownKeys = Reflect.ownKeys;
const isArray = Array.isArray;
const getterOf = (proto, key) => uncurry(getOwnDesc(proto, key).get);

const TypedArrayPrototype = getProto(Uint8Array.prototype);
const typedArrayTag = getterOf(TypedArrayPrototype, Symbol.toStringTag);
const typedArrayLength = getterOf(TypedArrayPrototype, 'length');
const mapSize = getterOf(Map.prototype, 'size');
const setSize = getterOf(Set.prototype, 'size');
const mapEntries = uncurry(Map.prototype.entries);
const setValues = uncurry(Set.prototype.values);
const weakMapHas = uncurry(WeakMap.prototype.has);
const weakSetHas = uncurry(WeakSet.prototype.has);
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function' ?
  getterOf(SharedArrayBuffer.prototype, 'byteLength') : null;
const dataViewBuffer = getterOf(DataView.prototype, 'buffer');
const regExpSource = getterOf(RegExp.prototype, 'source');
const regExpFlags = getterOf(RegExp.prototype, 'flags');
const regExpToString = uncurry(RegExp.prototype.toString);
const dateGetTime = uncurry(Date.prototype.getTime);
const dateToISOString = uncurry(Date.prototype.toISOString);
const dateToString = uncurry(Date.prototype.toString);
const numberValueOf = uncurry(Number.prototype.valueOf);
const stringValueOf = uncurry(String.prototype.valueOf);
const booleanValueOf = uncurry(Boolean.prototype.valueOf);
const symbolValueOf = uncurry(Symbol.prototype.valueOf);
const symbolToString = uncurry(Symbol.prototype.toString);
const bigIntValueOf = typeof BigInt === 'function' ? uncurry(BigInt.prototype.valueOf) : null;

// True when `check(value)` does not throw: the basis of all brand checks.
// Failing checks are the common case, so stack capture is switched off
// meanwhile (building a backtrace dominates the cost of a throw).
const ErrorCtor = Error;
function passes(check, value) {
  const limit = ErrorCtor.stackTraceLimit;
  const quiet = typeof limit === 'number' && limit !== 0;
  if (quiet) {
    try {
      ErrorCtor.stackTraceLimit = 0;
    } catch {}
  }
  try {
    check(value);
    return true;
  } catch {
    return false;
  } finally {
    if (quiet) {
      try {
        ErrorCtor.stackTraceLimit = limit;
      } catch {}
    }
  }
}
const isObjectLike = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
const isObject = (v) => typeof v === 'object' && v !== null;

// A brand check: the engine's class of the value (binding.classOf) against that of an object
// of the kind (`sample()`), which throws nothing and runs no code of the value; `passes(check)`
// where the host has no classOf. Both answer alike: only objects of the kind have its class.
const classOf = typeof binding.classOf === 'function' ? binding.classOf : null;
function brandCheck(sample, check) {
  let id = -1;
  if (classOf !== null) {
    try {
      id = classOf(sample());
    } catch {}
  }
  if (typeof id === 'number' && id >= 0) return (v) => isObject(v) && classOf(v) === id;
  return (v) => isObject(v) && passes(check, v);
}

// Object.prototype.toString's tag without a user-visible Symbol.toStringTag:
// when the object has no string @@toStringTag the tag comes from internal slots
// (Arguments, Error, ...), which makes it a brand check.
function builtinTag(value) {
  let tag;
  try {
    tag = value[Symbol.toStringTag];
  } catch {
    return undefined;
  }
  if (typeof tag === 'string') return undefined;
  return objectToString(value).slice(8, -1);
}
function tagOf(value) {
  try {
    return objectToString(value).slice(8, -1);
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------
// util.types
// ---------------------------------------------------------------------------
const isMap = brandCheck(() => new Map(), mapSize);
const isSet = brandCheck(() => new Set(), setSize);
const isWeakMap = brandCheck(() => new WeakMap(), (x) => weakMapHas(x, {}));
const isWeakSet = brandCheck(() => new WeakSet(), (x) => weakSetHas(x, {}));
const isArrayBuffer = brandCheck(() => new ArrayBuffer(0), arrayBufferByteLength);
const isSharedArrayBuffer = sharedArrayBufferByteLength === null ? () => false :
  brandCheck(() => new SharedArrayBuffer(0), sharedArrayBufferByteLength);
const isAnyArrayBuffer = (v) => isArrayBuffer(v) || isSharedArrayBuffer(v);
const isDataView = brandCheck(() => new DataView(new ArrayBuffer(0)), dataViewBuffer);
const typedArrayName = (v) => (isObject(v) ? typedArrayTag(v) : undefined);
const isTypedArray = (v) => typedArrayName(v) !== undefined;
const isArrayBufferView = (v) => isTypedArray(v) || isDataView(v);
// RegExp.prototype.source only throws for objects without [[OriginalSource]],
// except for this realm's RegExp.prototype itself.
const regExpBrand = brandCheck(() => /a/, regExpSource);
const isRegExp = (v) => v !== RegExp.prototype && regExpBrand(v);
const isDate = brandCheck(() => new Date(0), dateGetTime);
const isNumberObject = brandCheck(() => new Number(0), numberValueOf);
const isStringObject = brandCheck(() => new String(''), stringValueOf);
const isBooleanObject = brandCheck(() => new Boolean(false), booleanValueOf);
const isSymbolObject = brandCheck(() => Object(Symbol('')), symbolValueOf);
const isBigIntObject = bigIntValueOf === null ? () => false :
  brandCheck(() => Object(BigInt(0)), bigIntValueOf);
const isBoxedPrimitive = (v) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) ||
  isBigIntObject(v) || isSymbolObject(v);
const isArgumentsObject = (v) => isObject(v) && builtinTag(v) === 'Arguments';
function isNativeError(v) {
  if (!isObject(v)) return false;
  const tag = builtinTag(v);
  if (tag !== undefined) return tag === 'Error';
  // A custom @@toStringTag hides the brand; fall back to this realm's chain.
  return Error.prototype.isPrototypeOf(v);
}
// There is no side-effect-free brand check for these in ECMAScript; they use
// the @@toStringTag of the intrinsic prototypes (correct unless spoofed).
const isMapIterator = (v) => isObject(v) && tagOf(v) === 'Map Iterator';
const isSetIterator = (v) => isObject(v) && tagOf(v) === 'Set Iterator';
const isGeneratorObject = (v) => isObject(v) &&
  (tagOf(v) === 'Generator' || tagOf(v) === 'AsyncGenerator');
const isGeneratorFunction = (v) => typeof v === 'function' &&
  (tagOf(v) === 'GeneratorFunction' || tagOf(v) === 'AsyncGeneratorFunction');
const isAsyncFunction = (v) => typeof v === 'function' &&
  (tagOf(v) === 'AsyncFunction' || tagOf(v) === 'AsyncGeneratorFunction');
const isModuleNamespaceObject = (v) => isObject(v) && getProto(v) === null &&
  tagOf(v) === 'Module' && !Object.isExtensible(v);
// Promise state is only reachable through the host; the tag is a cheap filter.
function isPromise(v) {
  if (!isObject(v) || tagOf(v) !== 'Promise') return false;
  try {
    return isArray(binding.getPromiseState(v));
  } catch {
    return false;
  }
}
function proxyDetails(v) {
  try {
    return binding.getProxyDetails(v);
  } catch {
    return undefined;
  }
}
const isProxy = (v) => isObjectLike(v) && proxyDetails(v) !== undefined;

const types = {
  isExternal: () => false,
  isDate,
  isArgumentsObject,
  isBigIntObject,
  isBooleanObject,
  isNumberObject,
  isStringObject,
  isSymbolObject,
  isNativeError,
  isRegExp,
  isAsyncFunction,
  isGeneratorFunction,
  isGeneratorObject,
  isPromise,
  isMap,
  isSet,
  isMapIterator,
  isSetIterator,
  isWeakMap,
  isWeakSet,
  isArrayBuffer,
  isDataView,
  isSharedArrayBuffer,
  isProxy,
  isModuleNamespaceObject,
  isAnyArrayBuffer,
  isBoxedPrimitive,
  isArrayBufferView,
  isTypedArray,
};
for (const name of ['Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'Int8Array',
  'Int16Array', 'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
  types[`is${name}`] = (v) => typedArrayName(v) === name;
}
types.isKeyObject = () => false;
types.isCryptoKey = () => false;

// inspect's notion of an error also accepts objects that merely inherit from
// this realm's Error.prototype (e.g. Object.create(Error.prototype)).
function isError(v) {
  return isObject(v) && (tagOf(v) === 'Error' || Error.prototype.isPrototypeOf(v));
}

// ---------------------------------------------------------------------------
// Node-style errors (shared with other builtin modules as util._errors)
// ---------------------------------------------------------------------------

// Makes `new Ctor(message)` with `.code`, printing as `Name [CODE]: message`
// both from toString() and at the head of its stack, as node's errors do.
// `hideFrom` (optional) is the outermost function whose frames are dropped,
// where the engine has Error.captureStackTrace.
function codedError(Ctor, code, message, hideFrom) {
  const err = new Ctor(message);
  const header = `${err.name} [${code}]: ${message}`;
  Object.defineProperty(err, 'toString', {
    value() { return `${this.name} [${code}]: ${this.message}`; },
    enumerable: false, writable: true, configurable: true,
  });
  if (typeof Error.captureStackTrace === 'function') {
    try {
      Error.captureStackTrace(err, hideFrom || codedError);
    } catch {}
  }
  let stack;
  try {
    stack = err.stack;
  } catch {}
  if (typeof stack === 'string') {
    // V8-style stacks start with "Name: message"; QuickJS's hold only frames.
    const at = stack.indexOf('\n    at ');
    let frames = '';
    if (stack.startsWith('    at ')) frames = '\n' + stack.replace(/\n+$/, '');
    else if (at !== -1) frames = stack.slice(at).replace(/\n+$/, '');
    // Without captureStackTrace, drop this module's helper frames by name.
    frames = frames.replace(/\n {4}at (?:Object\.)?(?:codedError|invalidArgTypeError|invalidArgValueError|validate[A-Z]\w*) [^\n]*/g, '');
    try {
      Object.defineProperty(err, 'stack', {
        value: header + frames, enumerable: false, writable: true, configurable: true,
      });
    } catch {}
  }
  err.code = code;
  return err;
}

const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean',
  'bigint', 'symbol'];
const classNameRegExp = /^([A-Z][a-z0-9]*)+$/;

// How node describes a received value in argument errors.
function determineSpecificType(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  const type = typeof value;
  switch (type) {
    case 'bigint':
      return `type bigint (${value}n)`;
    case 'number':
      return `type number (${objectIs(value, -0) ? '-0' : value})`;
    case 'boolean':
    case 'symbol':
      return `type ${type} (${String(value)})`;
    case 'function':
      return `function ${value.name}`;
    case 'object':
      if (value.constructor && 'name' in value.constructor) {
        return `an instance of ${value.constructor.name}`;
      }
      return `${inspect(value, { depth: -1 })}`;
    case 'string':
      // Raw text, cut at 25 characters; JSON quoting only if it has a "'".
      if (value.length > 28) value = `${value.slice(0, 25)}...`;
      if (!value.includes("'")) return `type string ('${value}')`;
      return `type string (${JSON.stringify(value)})`;
    default: {
      let inspected = inspect(value, { colors: false });
      if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
      return `type ${type} (${inspected})`;
    }
  }
}

// Lists alternatives the way node's messages do: "a, b, or c".
function listAlternatives(items, word) {
  if (items.length > 2) {
    return `${word}${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]}`;
  }
  if (items.length === 2) return `${word}${items[0]} or ${items[1]}`;
  return `${word}${items[0]}`;
}

// Message of ERR_INVALID_ARG_TYPE, e.g.
// 'The "ctor" argument must be of type function. Received type number (1)'.
function invalidArgType(name, expected, actual) {
  if (!isArray(expected)) expected = [expected];
  let msg = 'The ';
  if (name.endsWith(' argument')) {
    msg += `${name} `;
  } else {
    msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  }
  msg += 'must be ';
  const typeNames = [];
  const instances = [];
  const other = [];
  for (const value of expected) {
    if (kTypes.includes(value)) typeNames.push(value.toLowerCase());
    else if (classNameRegExp.test(value)) instances.push(value);
    else other.push(value);
  }
  // With instances allowed, "object" reads better as "an instance of Object".
  if (instances.length > 0) {
    const pos = typeNames.indexOf('object');
    if (pos !== -1) {
      typeNames.splice(pos, 1);
      instances.push('Object');
    }
  }
  if (typeNames.length > 0) {
    msg += typeNames.length === 1 ? `of type ${typeNames[0]}` : listAlternatives(typeNames, 'one of type ');
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    if (instances.length > 2) {
      msg += listAlternatives(instances, 'an instance of ');
    } else {
      msg += `an instance of ${instances[0]}`;
      if (instances.length === 2) msg += ` or ${instances[1]}`;
    }
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length > 1) {
      msg += listAlternatives(other, 'one of ');
    } else {
      if (other[0].toLowerCase() !== other[0]) msg += 'an ';
      msg += `${other[0]}`;
    }
  }
  msg += `. Received ${determineSpecificType(actual)}`;
  return msg;
}

function invalidArgTypeError(name, expected, actual) {
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE', invalidArgType(name, expected, actual));
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgTypeError(name, 'Function', value);
}
function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgTypeError(name, 'string', value);
}
function validateObject(value, name, allowArray) {
  if (value === null || typeof value !== 'object' || (!allowArray && isArray(value))) {
    throw invalidArgTypeError(name, 'Object', value);
  }
}

const _errors = {
  codedError,
  invalidArgType,
  invalidArgTypeError,
  determineSpecificType,
  validateFunction,
  validateString,
  validateObject,
};

// ---------------------------------------------------------------------------
// inspect: options, colours
// ---------------------------------------------------------------------------
const inspectDefaultOptions = Object.seal({
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
});

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

// How formatProperty shows an entry: `key: value` in objects, bare values for
// array elements, `key: value` again for the extra keys of arrays.
const kObjectType = 0;
const kArrayType = 1;
const kArrayExtrasType = 2;
// Strings shorter than this are never split over lines.
const kMinLineWidth = 16;

// Names of the global constructors at load time ("built-in" classes).
// Node makes this set at startup, before any program's match; here the module loads on first
// use, so without a regexp (a match would change `RegExp.$1` and the other legacy statics).
const isAlnum = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
// Node's set lacks `SharedArrayBuffer` (not on its global when the set is made), so a shared
// buffer inspected with `showHidden` lists its prototype's accessors there.
const builtInObjects = new Set(getOwnNames(binding.globalObject).filter((e) =>
  e.length > 1 && e[0] >= 'A' && e[0] <= 'Z' && [...e].every(isAlnum) &&
  e !== 'SharedArrayBuffer'));

function stylizeNoColor(str) {
  return str;
}
function stylizeWithColor(str, styleType) {
  const style = inspect.styles[styleType];
  if (style !== undefined) {
    const color = inspect.colors[style];
    if (color !== undefined) return `\u001b[${color[0]}m${str}\u001b[${color[1]}m`;
  }
  return str;
}

// ---------------------------------------------------------------------------
// inspect: primitives
// ---------------------------------------------------------------------------

// Escapes used inside quoted strings: control characters as \xNN (with the
// usual short forms), the quote in use and the backslash.
const meta = [];
for (let i = 0; i < 0xa0; i++) {
  meta.push(i < 0x20 || (i >= 0x7f && i < 0xa0) ?
    `\\x${i.toString(16).toUpperCase().padStart(2, '0')}` : '');
}
meta[8] = '\\b';
meta[9] = '\\t';
meta[10] = '\\n';
meta[12] = '\\f';
meta[13] = '\\r';
meta[39] = "\\'";
meta[92] = '\\\\';

// Escape every control character, backslash and lone surrogate in `str`;
// `quote` is the char code of the quote that must be escaped too (or -1).
function escapeString(str, quote) {
  let result = '';
  let last = 0;
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code === quote || code === 92 || code < 32 || (code > 126 && code < 160)) {
      result += str.slice(last, i) + meta[code];
      last = i + 1;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      if (code <= 0xdbff && i + 1 < str.length) {
        const next = str.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
      }
      result += `${str.slice(last, i)}\\u${code.toString(16)}`;
      last = i + 1;
    }
  }
  return last === 0 ? str : result + str.slice(last);
}

// Quote a string literal: single quotes unless the text contains one, then
// double quotes, then backticks; as a last resort escaped single quotes.
function strEscape(str) {
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
  }
  return quote + escapeString(str, quote === "'" ? 39 : -1) + quote;
}

// Escapes (no quotes) for symbol descriptions and non-enumerable key names.
const escapeBare = (str) => escapeString(str, -1);

function addNumericSeparator(intString) {
  let result = '';
  let i = intString.length;
  const start = intString.startsWith('-') ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = `_${intString.slice(i - 3, i)}${result}`;
  return i === intString.length ? intString : `${intString.slice(0, i)}${result}`;
}
function addNumericSeparatorEnd(fraction) {
  let result = '';
  let i = 0;
  for (; i < fraction.length - 3; i += 3) result += `${fraction.slice(i, i + 3)}_`;
  return i === 0 ? fraction : `${result}${fraction.slice(i)}`;
}

function formatNumber(fn, number, numericSeparator) {
  if (!numericSeparator) {
    // -0 must be shown as such; `${-0}` is "0".
    if (objectIs(number, -0)) return fn('-0', 'number');
    return fn(`${number}`, 'number');
  }
  if (Number.isInteger(number) || !Number.isFinite(number)) {
    const string = String(number);
    if (!Number.isFinite(number) || string.includes('e')) return fn(string, 'number');
    return fn(addNumericSeparator(string), 'number');
  }
  if (Number.isNaN(number)) return fn('NaN', 'number');
  // Group both sides of the decimal point. (Like node, exponent notation such
  // as 1.5e-7 is grouped as if it were digits.)
  const string = String(number);
  const dot = string.indexOf('.');
  return fn(`${addNumericSeparator(string.slice(0, dot))}.${addNumericSeparatorEnd(string.slice(dot + 1))}`, 'number');
}

function formatBigInt(fn, bigint, numericSeparator) {
  const string = String(bigint);
  if (!numericSeparator) return fn(`${string}n`, 'bigint');
  return fn(`${addNumericSeparator(string)}n`, 'bigint');
}

function formatPrimitive(fn, value, ctx) {
  if (typeof value === 'string') {
    let trailer = '';
    if (value.length > ctx.maxStringLength) {
      const remaining = value.length - ctx.maxStringLength;
      value = value.slice(0, ctx.maxStringLength);
      trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
    }
    // Long multi-line strings are shown as a concatenation, one line each.
    if (ctx.compact !== true && value.length > kMinLineWidth &&
        value.length > ctx.breakLength - ctx.indentationLvl - 4) {
      return value.split(/(?<=\n)/)
        .map((line) => fn(strEscape(line), 'string'))
        .join(` +\n${indentOf(ctx.indentationLvl + 2)}`) + trailer;
    }
    return fn(strEscape(value), 'string') + trailer;
  }
  if (typeof value === 'number') return formatNumber(fn, value, ctx.numericSeparator);
  if (typeof value === 'bigint') return formatBigInt(fn, value, ctx.numericSeparator);
  if (typeof value === 'boolean') return fn(`${value}`, 'boolean');
  if (typeof value === 'undefined') return fn('undefined', 'undefined');
  // Symbol
  return fn(symbolToString(value), 'symbol');
}

// ---------------------------------------------------------------------------
// inspect: string widths (for aligning grouped array entries)
// ---------------------------------------------------------------------------
const ansiPattern = '[\\u001B\\u009B][[\\]()#;?]*' +
  '(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*' +
  '|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?' +
  '(?:\\u0007|\\u001B\\u005C|\\u009C))' +
  '|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))';
const ansi = new RegExp(ansiPattern, 'g');
const colorRegExp = /\u001b\[\d\d?m/g;
const removeColors = (str) => str.replace(colorRegExp, '');

// East Asian Wide / Fullwidth ranges (two terminal columns).
const wideRanges = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3,
  0x25fd, 0x25fe, 0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1,
  0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea,
  0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b,
  0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
  0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55, 0x2e80, 0x303e,
  0x3041, 0x33ff, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xa000, 0xa4cf, 0xa960, 0xa97f, 0xac00, 0xd7a3,
  0xf900, 0xfaff, 0xfe10, 0xfe19, 0xfe30, 0xfe6f, 0xff00, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x16fe4,
  0x17000, 0x18cff, 0x1b000, 0x1b2ff, 0x1f004, 0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e,
  0x1f191, 0x1f19a, 0x1f200, 0x1f251, 0x1f260, 0x1f265, 0x1f300, 0x1f320, 0x1f32d, 0x1f335,
  0x1f337, 0x1f37c, 0x1f37e, 0x1f393, 0x1f3a0, 0x1f3ca, 0x1f3cf, 0x1f3d3, 0x1f3e0, 0x1f3f0,
  0x1f3f4, 0x1f3f4, 0x1f3f8, 0x1f43e, 0x1f440, 0x1f440, 0x1f442, 0x1f4fc, 0x1f4ff, 0x1f53d,
  0x1f54b, 0x1f54e, 0x1f550, 0x1f567, 0x1f57a, 0x1f57a, 0x1f595, 0x1f596, 0x1f5a4, 0x1f5a4,
  0x1f5fb, 0x1f64f, 0x1f680, 0x1f6c5, 0x1f6cc, 0x1f6cc, 0x1f6d0, 0x1f6d2, 0x1f6d5, 0x1f6d7,
  0x1f6eb, 0x1f6ec, 0x1f6f4, 0x1f6fc, 0x1f7e0, 0x1f7eb, 0x1f90c, 0x1f93a, 0x1f93c, 0x1f945,
  0x1f947, 0x1f9ff, 0x1fa70, 0x1faff, 0x20000, 0x2fffd, 0x30000, 0x3fffd,
];
function isWide(code) {
  if (code < 0x1100) return false;
  for (let i = 0; i < wideRanges.length; i += 2) {
    if (code < wideRanges[i]) return false;
    if (code <= wideRanges[i + 1]) return true;
  }
  return false;
}
const zeroWidthRegExp = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u{1F3FB}-\u{1F3FF}]$/u;

// Terminal columns taken by `str` (ANSI escapes removed).
function getStringWidth(str, removeControlChars = true) {
  if (removeControlChars) str = str.replace(ansi, '');
  str = str.normalize('NFC');
  let width = 0;
  for (const char of str) {
    const code = char.codePointAt(0);
    if (code >= 0x20 && code < 0x7f) width++;
    else if (isWide(code)) width += 2;
    else if (code !== 0xad && zeroWidthRegExp.test(char)) continue;
    else width++;
  }
  return width;
}

function stripVTControlCharacters(str) {
  validateString(str, 'str');
  return str.replace(ansi, '');
}

// ---------------------------------------------------------------------------
// inspect: long texts joined once
// ---------------------------------------------------------------------------
// QuickJS's strings are flat: building each level's text by concatenating its children's
// would copy every level's text again at each level above it (cubic in the depth, as the
// indentation grows with it). A level's text of at least kJoinedTextMin characters is kept
// as its pieces instead, and joined once when inspect returns (or when a reader needs its
// characters: every reader below either joins it first or decides from the fields kept).
const kJoinedTextMin = 1024;
// JoinedTexts made so far: a level that made none while formatting its entries holds only
// strings, and skips looking for them (a typeof test is a string comparison here).
let joinedMade = 0;

class JoinedText {
  constructor(parts, length, newline, spaces) {
    this.parts = parts;
    this.length = length;
    // Whether the text holds a line break.
    this.newline = newline;
    // A lower bound on its width (getStringWidth) and its length without colours: spaces
    // that a layout put in it (no normalisation or escape pattern takes a space away).
    this.spaces = spaces;
    this.joined = undefined;
    joinedMade++;
  }

  // Only a safety net for a template that meets one: readers join explicitly.
  toString() {
    return textOf(this);
  }
}

function collectParts(text, out) {
  if (text.joined !== undefined) {
    out.push(text.joined);
    return;
  }
  const parts = text.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (typeof part === 'string') out.push(part);
    else collectParts(part, out);
  }
}

// The characters of a text (a string or a JoinedText).
function textOf(text) {
  if (typeof text === 'string') return text;
  if (text.joined === undefined) {
    const out = [];
    collectParts(text, out);
    text.joined = out.join('');
    text.parts = undefined;
  }
  return text.joined;
}

// The concatenation of `parts` (strings and JoinedTexts): a string when short, else a
// JoinedText. `spaces` counts the spaces the caller knows its string parts to hold.
function concatText(parts, spaces) {
  let length = 0;
  let joined = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    length += part.length;
    if (typeof part !== 'string') joined = true;
  }
  if (!joined && length < kJoinedTextMin) return parts.join('');
  let newline = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (typeof part === 'string') {
      if (!newline && part.includes('\n')) newline = true;
    } else {
      if (part.newline) newline = true;
      spaces += part.spaces;
    }
  }
  return new JoinedText(parts, length, newline, spaces);
}

// `n` spaces, cut from a string kept for it: the engine's `repeat` adds one character at a
// time, and each level of a deep value takes its indentation.
let kSpaces = ' '.repeat(64);
function indentOf(n) {
  while (kSpaces.length < n) kSpaces += kSpaces;
  return kSpaces.slice(0, n);
}

// Whether `text` is wider than `limit` columns (getStringWidth).
function isWiderThan(text, limit, removeControlChars) {
  if (typeof text !== 'string' && text.spaces > limit) return true;
  return limit < getStringWidth(textOf(text), removeControlChars);
}

// ---------------------------------------------------------------------------
// inspect: objects
// ---------------------------------------------------------------------------

function inspect(value, opts) {
  const ctx = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    showHidden: inspectDefaultOptions.showHidden,
    depth: inspectDefaultOptions.depth,
    colors: inspectDefaultOptions.colors,
    customInspect: inspectDefaultOptions.customInspect,
    showProxy: inspectDefaultOptions.showProxy,
    maxArrayLength: inspectDefaultOptions.maxArrayLength,
    maxStringLength: inspectDefaultOptions.maxStringLength,
    breakLength: inspectDefaultOptions.breakLength,
    compact: inspectDefaultOptions.compact,
    sorted: inspectDefaultOptions.sorted,
    getters: inspectDefaultOptions.getters,
    numericSeparator: inspectDefaultOptions.numericSeparator,
  };
  if (arguments.length > 1) {
    // Legacy signature: inspect(value, showHidden, depth, colors).
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === 'boolean') {
      ctx.showHidden = opts;
    } else if (opts) {
      for (const key of objectKeys(opts)) {
        if (hasOwn(inspectDefaultOptions, key) || key === 'stylize') {
          ctx[key] = opts[key];
        } else if (ctx.userOptions === undefined) {
          // Unknown options are handed through to custom inspect functions.
          ctx.userOptions = opts;
        }
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return textOf(formatValue(ctx, value, 0));
}

// The options object handed to a custom [inspect.custom] function.
function getUserOptions(ctx, isCrossContext) {
  const ret = {
    stylize: ctx.stylize,
    showHidden: ctx.showHidden,
    depth: ctx.depth,
    colors: ctx.colors,
    customInspect: ctx.customInspect,
    showProxy: ctx.showProxy,
    maxArrayLength: ctx.maxArrayLength,
    maxStringLength: ctx.maxStringLength,
    breakLength: ctx.breakLength,
    compact: ctx.compact,
    sorted: ctx.sorted,
    getters: ctx.getters,
    numericSeparator: ctx.numericSeparator,
    ...ctx.userOptions,
  };
  // Do not leak this realm's objects into a value from another realm: only
  // primitives plus a null-prototype stylize wrapper.
  if (isCrossContext) {
    setProto(ret, null);
    for (const key of objectKeys(ret)) {
      if ((typeof ret[key] === 'object' || typeof ret[key] === 'function') && ret[key] !== null) {
        delete ret[key];
      }
    }
    ret.stylize = setProto((value, flavour) => {
      let stylized;
      try {
        stylized = `${ctx.stylize(value, flavour)}`;
      } catch {}
      return typeof stylized === 'string' ? stylized : value;
    }, null);
  }
  return ret;
}

// ctx.seen: the objects being formatted, outermost first (a value found there again is a
// circular reference). Past kSeenListMax of them they are also counted in ctx.seenCount, as
// looking through the list at each level would cost a deep value the square of its depth.
const kSeenListMax = 32;
// After ctx.seen.push(value) when the list is long: count the value (and, the first time,
// the ones before it).
function countSeen(ctx, value) {
  let counts = ctx.seenCount;
  if (counts === undefined) {
    const seen = ctx.seen;
    counts = ctx.seenCount = new Map();
    for (let i = 0; i < seen.length - 1; i++) counts.set(seen[i], (counts.get(seen[i]) || 0) + 1);
  }
  counts.set(value, (counts.get(value) || 0) + 1);
}

function popSeen(ctx) {
  const value = ctx.seen.pop();
  if (ctx.seenCount !== undefined) uncountSeen(ctx, value);
}

// After `value` = ctx.seen.pop() when the values are counted.
function uncountSeen(ctx, value) {
  const counts = ctx.seenCount;
  const n = counts.get(value);
  if (n === 1) counts.delete(value);
  else counts.set(value, n - 1);
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') {
    return formatPrimitive(ctx.stylize, value, ctx);
  }
  if (value === null) return ctx.stylize('null', 'null');

  // Remember the original receiver for custom inspect functions of proxies.
  const context = value;
  // Look through proxies without triggering their traps.
  const proxy = proxyDetails(value);
  if (proxy !== undefined) {
    if (proxy === null || proxy[0] === null) return ctx.stylize('<Revoked Proxy>', 'special');
    if (ctx.showProxy) return formatProxy(ctx, proxy, recurseTimes);
    value = proxy[0];
  }

  if (ctx.customInspect) {
    const maybeCustom = value[customInspectSymbol];
    if (typeof maybeCustom === 'function' &&
        // util.inspect itself is not a custom inspector.
        maybeCustom !== inspect &&
        // Prototype objects are shown plainly, not through their own hook.
        !(value.constructor && value.constructor.prototype === value)) {
      // Custom functions see the remaining depth, not our counter.
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const isCrossContext = proxy !== undefined || !(context instanceof Object);
      const ret = maybeCustom.call(context, depth, getUserOptions(ctx, isCrossContext), inspect);
      // Returning `this` means "format me normally".
      if (ret !== context) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replaceAll('\n', `\n${indentOf(ctx.indentationLvl)}`);
      }
    }
  }

  // Circular reference: number each object that is referenced again.
  if (ctx.seenCount === undefined ? ctx.seen.includes(value) : ctx.seenCount.has(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map();
      ctx.circular.set(value, index);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return ctx.stylize(`[Circular *${index}]`, 'special');
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

function formatProxy(ctx, proxy, recurseTimes) {
  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    return ctx.stylize('Proxy [Array]', 'special');
  }
  recurseTimes += 1;
  ctx.indentationLvl += 2;
  const res = [formatValue(ctx, proxy[0], recurseTimes), formatValue(ctx, proxy[1], recurseTimes)];
  ctx.indentationLvl -= 2;
  return reduceToSingleString(ctx, res, '', ['Proxy [', ']'], kArrayExtrasType, recurseTimes);
}

function isInstanceof(object, ctor) {
  try {
    return object instanceof ctor;
  } catch {
    return false;
  }
}

// Name of the nearest constructor on the prototype chain that `obj` is really
// an instance of; null for null-prototype objects. With showHidden, it also
// collects interesting prototype properties into `protoProps`.
function getConstructorName(obj, ctx, recurseTimes, protoProps) {
  let firstProto;
  const tmp = obj;
  while (obj) {
    const descriptor = getOwnDesc(obj, 'constructor');
    if (descriptor !== undefined && typeof descriptor.value === 'function' &&
        descriptor.value.name !== '' && isInstanceof(tmp, descriptor.value)) {
      if (protoProps !== undefined &&
          (firstProto !== obj || !builtInObjects.has(descriptor.value.name))) {
        addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
      }
      return String(descriptor.value.name);
    }
    obj = getProto(obj);
    if (firstProto === undefined) firstProto = obj;
  }
  if (firstProto === null) return null;

  // No usable constructor anywhere: describe the prototype instead.
  const res = internalConstructorName(tmp);
  if (recurseTimes > ctx.depth && ctx.depth !== null) return `${res} <Complex prototype>`;
  const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
  if (protoConstr === null) {
    return `${res} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
  }
  return `${res} <${protoConstr}>`;
}

// Engine class name of an object (what V8 calls the constructor name).
function internalConstructorName(obj) {
  if (typeof obj === 'function') return 'Function';
  if (isArray(obj)) return 'Array';
  const tag = builtinTag(obj);
  return tag === undefined || tag === 'Arguments' ? 'Object' : tag;
}

// With showHidden: accessors (and other non-function values) found on user
// prototypes, up to three levels up.
function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
  let depth = 0;
  let keys;
  let keySet;
  do {
    if (depth !== 0 || main === obj) {
      obj = getProto(obj);
      if (obj === null) return;
      // Stop at the first built-in prototype.
      const descriptor = getOwnDesc(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' &&
          builtInObjects.has(descriptor.value.name)) {
        return;
      }
    }
    if (depth === 0) {
      keySet = new Set();
    } else {
      for (const key of keys) keySet.add(key);
    }
    keys = ownKeys(obj);
    if (ctx.seen.push(main) > kSeenListMax || ctx.seenCount !== undefined) countSeen(ctx, main);
    for (const key of keys) {
      // Skip `constructor` and keys shadowed by the object or a lower prototype.
      if (key === 'constructor' || hasOwn(main, key) || (depth !== 0 && keySet.has(key))) continue;
      const desc = getOwnDesc(obj, key);
      if (typeof desc.value === 'function') continue;
      const value = formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main);
      output.push(ctx.colors ? concatText(['\u001b[2m', value, '\u001b[22m'], 0) : value);
    }
    popSeen(ctx);
  } while (++depth !== 3);
}

// "Foo(2) [tag] ", "[Map(1): null prototype] " and the like.
function getPrefix(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

// Whether V8 would give the function `value` an own `key` (`arguments`, `caller`) of value
// null: a sloppy-mode ordinary function. QuickJS has only Function.prototype's accessors,
// whose getter (the engine's, kept by the bootstrap) throws for every other function.
const callerOf = uncurry(binding.callerGetter);
function v8OwnNull(value, key) {
  if ((key !== 'arguments' && key !== 'caller') || typeof value !== 'function' || hasOwn(value, key)) {
    return false;
  }
  try {
    callerOf(value);
    return true;
  } catch {
    return false;
  }
}

// Own keys to show: enumerable ones (or all with showHidden), then symbols.
function getKeys(value, showHidden) {
  const symbols = getOwnSymbols(value);
  let keys;
  if (showHidden) {
    keys = getOwnNames(value);
    if (v8OwnNull(value, 'arguments') && !keys.includes('arguments')) {
      // V8's sloppy functions have own `arguments` and `caller`, after `name`.
      const at = keys.indexOf('name') + 1;
      keys.splice(at, 0, 'arguments', 'caller');
    }
    if (symbols.length !== 0) keys.push(...symbols);
  } else {
    try {
      keys = objectKeys(value);
    } catch {
      // Uninitialised module namespace bindings throw on access.
      keys = getOwnNames(value);
    }
    if (symbols.length !== 0) keys.push(...symbols.filter((key) => isEnumerable(value, key)));
  }
  return keys;
}

// Without a regexp: Node asks its binding, and a match here would change `RegExp.$1` and the
// other legacy statics under the program printing an array.
const isArrayIndex = (key) => {
  if (typeof key !== 'string') return false;
  const n = Number(key);
  return n >>> 0 === n && n !== 4294967295 && `${n}` === key;
};

// Own keys of an array-like that are not indices (strings first, then symbols).
function getOwnNonIndexProperties(value, showHidden) {
  return ownKeys(value).filter((key) => !isArrayIndex(key) && (showHidden || isEnumerable(value, key)));
}

function getFunctionBase(value, constructor, tag) {
  let source = '';
  try {
    source = functionToString(value);
  } catch {}
  if (source.startsWith('class') && source.endsWith('}')) {
    const slice = source.slice(5, -1);
    const bracketIndex = slice.indexOf('{');
    if (bracketIndex !== -1 &&
        (!slice.slice(0, bracketIndex).includes('(') ||
         // `class` followed by a parenthesis may still be a class with a
         // computed `extends`: look past comments.
         /^\s*(?:[^\s{(]+\s+)?extends\s/.test(slice.replace(/\/\/.*?\n|\/\*(.|\n)*?\*\//g, '')))) {
      return getClassBase(value, constructor, tag);
    }
  }
  let type = 'Function';
  if (isGeneratorFunction(value)) type = `Generator${type}`;
  if (isAsyncFunction(value)) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  if (value.name === '') base += ' (anonymous)';
  else base += `: ${value.name}`;
  base += ']';
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}

function getClassBase(value, constructor, tag) {
  const name = (hasOwn(value, 'name') && value.name) || '(anonymous)';
  let base = `class ${name}`;
  if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = getProto(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += ' extends [null prototype]';
  }
  return `[${base}]`;
}

function getBoxedBase(value, ctx, keys, constructor, tag) {
  let primitive;
  let type;
  if (isNumberObject(value)) {
    primitive = numberValueOf(value);
    type = 'Number';
  } else if (isStringObject(value)) {
    primitive = stringValueOf(value);
    type = 'String';
    // The index keys of a String object only repeat its value.
    keys.splice(0, primitive.length);
  } else if (isBooleanObject(value)) {
    primitive = booleanValueOf(value);
    type = 'Boolean';
  } else if (isBigIntObject(value)) {
    primitive = bigIntValueOf(value);
    type = 'BigInt';
  } else {
    primitive = symbolValueOf(value);
    type = 'Symbol';
  }
  let base = `[${type}`;
  if (type !== constructor) {
    if (constructor === null) base += ' (null prototype)';
    else base += ` (${constructor})`;
  }
  base += `: ${formatPrimitive(stylizeNoColor, primitive, ctx)}]`;
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

// The stack of an error, as text starting with "Name: message". QuickJS
// stacks hold only the frames, so the header is added here.
function getStackString(err) {
  let stack;
  try {
    stack = err.stack;
  } catch {}
  if (!stack) return errorToString(err);
  stack = String(stack);
  if (stack.startsWith('    at ')) {
    return `${errorToString(err)}\n${stack.replace(/\n+$/, '')}`;
  }
  return stack;
}

// Hide name/message/stack keys whose value is already visible in the stack.
function removeDuplicateErrorKeys(ctx, keys, err, stack) {
  if (!ctx.showHidden && keys.length !== 0) {
    for (const name of ['name', 'message', 'stack']) {
      const index = keys.indexOf(name);
      if (index !== -1 && stack.includes(err[name])) keys.splice(index, 1);
    }
  }
}

// Make the first line name the actual class: "Foo [TypeError]: msg".
function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor === null ||
      (name.endsWith('Error') && stack.startsWith(name) &&
       (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    let fallback = 'Error';
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) ||
        /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) {
        if (len === 0) stack = `${prefix}: ${stack}`;
        else stack = `${prefix}${stack.slice(len)}`;
      } else {
        stack = `${prefix} [${name}]${stack.slice(len)}`;
      }
    }
  }
  return stack;
}

// Index range of the longest run (> 3) of lines of `a` also found in `b`.
function identicalSequenceRange(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos !== -1) {
      const rest = b.length - pos;
      if (rest > 3) {
        let len = 1;
        const maxLen = Math.min(a.length - i, rest);
        while (maxLen > len && a[i + len] === b[pos + len]) len++;
        if (len > 3) return { len, offset: i };
      }
    }
  }
  return { len: 0, offset: 0 };
}

// Stack frame lines; frames repeated from the `cause` are folded.
function getStackFrames(ctx, err, stack) {
  const frames = stack.split('\n');
  let cause;
  try {
    cause = err.cause;
  } catch {}
  if (cause != null && isError(cause)) {
    const causeStack = getStackString(cause);
    const causeStackStart = causeStack.indexOf('\n    at');
    if (causeStackStart !== -1) {
      const causeFrames = causeStack.slice(causeStackStart + 1).split('\n');
      const { len, offset } = identicalSequenceRange(frames, causeFrames);
      if (len > 0) {
        const skipped = len - 2;
        const msg = `    ... ${skipped} lines matching cause stack trace ...`;
        frames.splice(offset + 1, skipped, ctx.stylize(msg, 'undefined'));
      }
    }
  }
  return frames;
}

const coreModuleRegExp = /^ {4}at (?:[^/\\(]+ \(|)node:(.+):\d+:\d+\)?$/;
const nodeModulesRegExp = /[/\\]node_modules[/\\](.+?)(?=[/\\])/g;

function markNodeModules(ctx, line) {
  let tempLine = '';
  let pos = 0;
  let match;
  nodeModulesRegExp.lastIndex = 0;
  while ((match = nodeModulesRegExp.exec(line)) !== null) {
    // '/node_modules/'.length === 14
    tempLine += line.slice(pos, match.index + 14);
    tempLine += ctx.stylize(match[1], 'module');
    pos = match.index + match[0].length;
  }
  return pos !== 0 ? tempLine + line.slice(pos) : line;
}

function safeCwd() {
  try {
    const proc = process;
    return proc && typeof proc.cwd === 'function' ? proc.cwd() : undefined;
  } catch {
    return undefined;
  }
}

// Grey out the working directory part of a frame.
function markCwd(ctx, line, workingDirectory) {
  let cwdStartPos = line.indexOf(workingDirectory);
  if (cwdStartPos === -1) return line;
  let cwdLength = workingDirectory.length;
  if (line.slice(cwdStartPos - 7, cwdStartPos) === 'file://') {
    cwdLength += 7;
    cwdStartPos -= 7;
  }
  const start = line[cwdStartPos - 1] === '(' ? cwdStartPos - 1 : cwdStartPos;
  const end = start !== cwdStartPos && line.endsWith(')') ? -1 : line.length;
  const workingDirectoryEndPos = cwdStartPos + cwdLength + 1;
  let tempLine = line.slice(0, start);
  tempLine += ctx.stylize(line.slice(start, workingDirectoryEndPos), 'undefined');
  tempLine += line.slice(workingDirectoryEndPos, end);
  if (end === -1) tempLine += ctx.stylize(')', 'undefined');
  return tempLine;
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : 'Error';
  let stack = getStackString(err);
  removeDuplicateErrorKeys(ctx, keys, err, stack);
  if ('cause' in err && (keys.length === 0 || !keys.includes('cause'))) keys.push('cause');
  // AggregateError's errors.
  if (isArray(err.errors) && (keys.length === 0 || !keys.includes('errors'))) keys.push('errors');
  stack = improveStack(stack, constructor, name, tag);

  // The message may contain "\n    at": look for frames after it.
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf('\n    at', pos);
  if (stackStart === -1) {
    // No frames: bracket it like other special values.
    stack = `[${stack}]`;
  } else {
    let newStack = stack.slice(0, stackStart);
    const lines = getStackFrames(ctx, err, stack.slice(stackStart + 1));
    if (ctx.colors) {
      // Grey out core frames and the cwd, underline node_modules packages.
      const workingDirectory = safeCwd();
      for (let line of lines) {
        if (coreModuleRegExp.test(line)) {
          newStack += `\n${ctx.stylize(line, 'undefined')}`;
        } else {
          line = markNodeModules(ctx, line);
          if (workingDirectory !== undefined) line = markCwd(ctx, line, workingDirectory);
          newStack += `\n${line}`;
        }
      }
    } else {
      newStack += `\n${lines.join('\n')}`;
    }
    stack = newStack;
  }
  if (ctx.indentationLvl !== 0) {
    stack = stack.replace(/\n/g, `\n${indentOf(ctx.indentationLvl)}`);
  }
  return stack;
}

const remainingText = (remaining) => `... ${remaining} more item${remaining > 1 ? 's' : ''}`;

function formatArrayBuffer(ctx, value) {
  let bytes;
  try {
    bytes = new Uint8Array(value);
  } catch {
    return [ctx.stylize('(detached)', 'special')];
  }
  const shown = Math.min(ctx.maxArrayLength, bytes.length);
  let str = '';
  for (let i = 0; i < shown; i++) {
    str += (i === 0 ? '' : ' ') + bytes[i].toString(16).padStart(2, '0');
  }
  const remaining = bytes.length - ctx.maxArrayLength;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${str}>`];
}

function formatArray(ctx, value, recurseTimes) {
  const valLen = value.length;
  const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
  const remaining = valLen - len;
  const output = [];
  for (let i = 0; i < len; i++) {
    // Holes switch to the slower sparse-array walk.
    if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

// Sparse arrays: runs of holes become "<n empty items>".
function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = objectKeys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const tmp = +key;
    if (tmp > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!/^(0|[1-9][0-9]*)$/.test(key)) break;
      const emptyItems = tmp - index;
      output.push(ctx.stylize(`<${emptyItems} empty item${emptyItems > 1 ? 's' : ''}>`, 'undefined'));
      index = tmp;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) {
      output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? 's' : ''}>`, 'undefined'));
    }
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function formatTypedArray(value, length, ctx, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output = [];
  const isBig = length > 0 && typeof value[0] === 'bigint';
  for (let i = 0; i < maxLength; ++i) {
    output.push(isBig ? formatBigInt(ctx.stylize, value[i], ctx.numericSeparator) :
      formatNumber(ctx.stylize, value[i], ctx.numericSeparator));
  }
  if (remaining > 0) output.push(remainingText(remaining));
  if (ctx.showHidden) {
    // The view's accessors, the buffer last as it is not a primitive.
    ctx.indentationLvl += 2;
    for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
      output.push(concatText([`[${key}]: `, formatValue(ctx, value[key], recurseTimes, true)], 1));
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatSet(iterator, size, ctx, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const v of iterator) {
    if (i >= maxLength) break;
    output.push(formatValue(ctx, v, recurseTimes));
    i++;
  }
  if (size > maxLength) output.push(remainingText(size - maxLength));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(iterator, size, ctx, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const entry of iterator) {
    if (i >= maxLength) break;
    const key = formatValue(ctx, entry[0], recurseTimes);
    output.push(concatText([key, ' => ', formatValue(ctx, entry[1], recurseTimes)], 2));
    i++;
  }
  if (size > maxLength) output.push(remainingText(size - maxLength));
  ctx.indentationLvl -= 2;
  return output;
}

// Map/Set iterators cannot be previewed in ECMAScript without consuming
// them. The remaining items are read once, remembered, and the iterator gets
// an own `next` that replays them, so it still yields the same values.
const iteratorPreviews = new WeakMap();
function previewIterator(iterator) {
  let state = iteratorPreviews.get(iterator);
  if (state === undefined) {
    const proto = getProto(iterator);
    const items = [];
    const next = proto.next;
    for (;;) {
      const step = next.call(iterator);
      if (step.done) break;
      items.push(step.value);
    }
    state = { items, pos: 0 };
    iteratorPreviews.set(iterator, state);
    Object.defineProperty(iterator, 'next', {
      value: function next() {
        if (state.pos < state.items.length) return { value: state.items[state.pos++], done: false };
        return { value: undefined, done: true };
      },
      writable: true, configurable: true, enumerable: false,
    });
  }
  return state.items.slice(state.pos);
}

function getIteratorBraces(type, tag) {
  if (tag !== `${type} Iterator`) {
    if (tag !== '') tag += '] [';
    tag += `${type} Iterator`;
  }
  return [`[${tag}] {`, '}'];
}

function formatIterator(braces, isMapIter, ctx, value, recurseTimes) {
  const items = previewIterator(value);
  // Entry iterators yield [key, value] pairs (a guess for Map value
  // iterators holding pairs: the kind of an iterator is not observable).
  const isKeyValue = items.length > 0 && items.every((item) => isArray(item) && item.length === 2 &&
    (isMapIter || objectIs(item[0], item[1])));
  if (isKeyValue) {
    braces[0] = braces[0].replace(/ Iterator] {$/, ' Entries] {');
    return formatMapIterInner(ctx, recurseTimes, items);
  }
  return formatSetIterInner(ctx, recurseTimes, items);
}

function formatSetIterInner(ctx, recurseTimes, entries) {
  const maxLength = Math.min(Math.max(ctx.maxArrayLength, 0), entries.length);
  const output = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) output.push(formatValue(ctx, entries[i], recurseTimes));
  ctx.indentationLvl -= 2;
  const remaining = entries.length - maxLength;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatMapIterInner(ctx, recurseTimes, entries) {
  const maxArrayLength = Math.max(ctx.maxArrayLength, 0);
  const remaining = entries.length - maxArrayLength;
  const maxLength = Math.min(maxArrayLength, entries.length);
  const output = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) {
    const res = [formatValue(ctx, entries[i][0], recurseTimes), formatValue(ctx, entries[i][1], recurseTimes)];
    output.push(reduceToSingleString(ctx, res, '', ['[', ']'], kArrayExtrasType, recurseTimes));
  }
  ctx.indentationLvl -= 2;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatPromise(ctx, value, recurseTimes) {
  const [state, result] = binding.getPromiseState(value);
  if (state === 0) return [ctx.stylize('<pending>', 'special')];
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, result, recurseTimes);
  ctx.indentationLvl -= 2;
  return [state === 2 ? concatText([`${ctx.stylize('<rejected>', 'special')} `, str], 1) : str];
}

function formatNamespaceObject(keys, ctx, value, recurseTimes) {
  const output = [];
  for (const key of keys) {
    try {
      output.push(formatProperty(ctx, value, recurseTimes, key, kObjectType));
    } catch (err) {
      // Bindings not yet initialised (TDZ) are shown as such.
      const tmp = { [key]: '' };
      let str = textOf(formatProperty(ctx, tmp, recurseTimes, key, kObjectType));
      const pos = str.lastIndexOf(' ');
      str = `${str.slice(0, pos + 1)}${ctx.stylize('<uninitialized>', 'special')}`;
      output.push(str);
    }
  }
  keys.length = 0;
  return output;
}

function isStackOverflow(err) {
  if (!isObject(err)) return false;
  const name = err.name;
  const message = String(err.message);
  return (name === 'RangeError' && message.includes('call stack')) ||
    (name === 'InternalError' && message.includes('stack overflow'));
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  // The entries (prototype properties included) are all made from here on.
  const made = joinedMade;
  let keys;
  let protoProps;
  if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];
  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  // Reset when there were no prototype properties to show.
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

  // A Symbol.toStringTag is shown only when it is not also listed as a key.
  let tag;
  try {
    tag = value[Symbol.toStringTag];
  } catch {}
  if (typeof tag !== 'string' ||
      (tag !== '' && (ctx.showHidden ? hasOwn : isEnumerable)(value, Symbol.toStringTag))) {
    tag = '';
  }
  const noExtras = () => keys.length === 0 && protoProps === undefined;

  let base = '';
  let formatter = () => [];
  let braces;
  let extrasType = kObjectType;

  // Like node, the array-like and collection layouts apply only to iterable
  // objects (or null-prototype ones): an Array with Object.prototype is `{}`.
  let iterable = constructor === null;
  if (!iterable) {
    try {
      iterable = Symbol.iterator in value;
    } catch {}
  }
  const typedName = iterable ? typedArrayName(value) : undefined;
  if (iterable && isArray(value)) {
    // Only non-plain arrays get a prefix ("Foo(2) [").
    const prefix = (constructor !== 'Array' || tag !== '') ?
      getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
    keys = getOwnNonIndexProperties(value, ctx.showHidden);
    braces = [`${prefix}[`, ']'];
    if (value.length === 0 && noExtras()) return `${braces[0]}]`;
    extrasType = kArrayExtrasType;
    formatter = formatArray;
  } else if (iterable && isSet(value)) {
    const size = setSize(value);
    const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
    keys = getKeys(value, ctx.showHidden);
    formatter = (ctx, v, rt) => formatSet(setValues(value), size, ctx, rt);
    if (size === 0 && noExtras()) return `${prefix}{}`;
    braces = [`${prefix}{`, '}'];
  } else if (iterable && isMap(value)) {
    const size = mapSize(value);
    const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
    keys = getKeys(value, ctx.showHidden);
    formatter = (ctx, v, rt) => formatMap(mapEntries(value), size, ctx, rt);
    if (size === 0 && noExtras()) return `${prefix}{}`;
    braces = [`${prefix}{`, '}'];
  } else if (typedName !== undefined) {
    keys = getOwnNonIndexProperties(value, ctx.showHidden);
    const size = typedArrayLength(value);
    const fallback = constructor === null ? typedName : '';
    const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
    braces = [`${prefix}[`, ']'];
    if (size === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
    // Read elements through this realm's intrinsic in case the prototype is gone.
    const view = constructor === null ? new binding.globalObject[typedName](value) : value;
    formatter = (ctx, v, rt) => formatTypedArray(view, size, ctx, rt);
    extrasType = kArrayExtrasType;
  } else if (iterable && isMapIterator(value)) {
    keys = getKeys(value, ctx.showHidden).filter((k) => !(k === 'next' && iteratorPreviews.has(value)));
    braces = getIteratorBraces('Map', tag);
    formatter = (ctx, v, rt) => formatIterator(braces, true, ctx, v, rt);
  } else if (iterable && isSetIterator(value)) {
    keys = getKeys(value, ctx.showHidden).filter((k) => !(k === 'next' && iteratorPreviews.has(value)));
    braces = getIteratorBraces('Set', tag);
    formatter = (ctx, v, rt) => formatIterator(braces, false, ctx, v, rt);
  } else {
    keys = getKeys(value, ctx.showHidden);
    braces = ['{', '}'];
    if (typeof value === 'function') {
      base = getFunctionBase(value, constructor, tag);
      if (noExtras()) return ctx.stylize(base, 'special');
    } else if (constructor === 'Object') {
      // Anything else with Object as its constructor is shown as an object.
      if (isArgumentsObject(value)) {
        braces[0] = '[Arguments] {';
      } else if (tag !== '') {
        braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
      }
      if (noExtras()) return `${braces[0]}}`;
    } else if (isRegExp(value)) {
      // A RegExp without prototype is shown through a fresh copy.
      base = regExpToString(constructor !== null ? value : new RegExp(value));
      const prefix = getPrefix(constructor, tag, 'RegExp');
      if (prefix !== 'RegExp ') base = `${prefix}${base}`;
      if (noExtras() || (recurseTimes > ctx.depth && ctx.depth !== null)) {
        return ctx.stylize(base, 'regexp');
      }
    } else if (isDate(value)) {
      base = Number.isNaN(dateGetTime(value)) ? dateToString(value) : dateToISOString(value);
      const prefix = getPrefix(constructor, tag, 'Date');
      if (prefix !== 'Date ') base = `${prefix}${base}`;
      if (noExtras()) return ctx.stylize(base, 'date');
    } else if (isError(value)) {
      base = formatError(value, constructor, tag, ctx, keys);
      if (noExtras()) return base;
    } else if (isAnyArrayBuffer(value)) {
      const arrayType = isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer';
      const prefix = getPrefix(constructor, tag, arrayType);
      if (typedArray === undefined) {
        formatter = formatArrayBuffer;
      } else if (noExtras()) {
        const byteLength = isArrayBuffer(value) ? arrayBufferByteLength(value) :
          sharedArrayBufferByteLength(value);
        return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, byteLength, false)} }`;
      }
      braces[0] = `${prefix}{`;
      keys.unshift('byteLength');
    } else if (isDataView(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
      // The buffer goes last: it is not a primitive like the others.
      keys.unshift('byteLength', 'byteOffset', 'buffer');
    } else if (isPromise(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
      formatter = formatPromise;
    } else if (isWeakSet(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
      // Weak collections cannot be enumerated in ECMAScript; with showHidden, node previews
      // their entries (the host's walk: no code runs).
      formatter = ctx.showHidden ? formatWeakSet : formatWeakCollection;
    } else if (isWeakMap(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
      formatter = ctx.showHidden ? formatWeakMap : formatWeakCollection;
    } else if (isModuleNamespaceObject(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Module')}{`;
      // The namespace formatter shows (and then clears) the keys itself.
      formatter = (ctx, v, rt) => formatNamespaceObject(keys, ctx, v, rt);
    } else if (isBoxedPrimitive(value)) {
      base = getBoxedBase(value, ctx, keys, constructor, tag);
      if (noExtras()) return base;
    } else {
      if (noExtras()) return `${getPrefix(constructor, tag, 'Object')}{}`;
      braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let constructorName = getPrefix(constructor, tag, 'Object').slice(0, -1);
    if (constructor !== null) constructorName = `[${constructorName}]`;
    return ctx.stylize(constructorName, 'special');
  }
  recurseTimes += 1;

  if (ctx.seen.push(value) > kSeenListMax || ctx.seenCount !== undefined) countSeen(ctx, value);
  ctx.currentDepth = recurseTimes;
  let output;
  const indentationLvl = ctx.indentationLvl;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (let i = 0; i < keys.length; i++) {
      output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
    }
    if (protoProps !== undefined) output.push(...protoProps);
  } catch (err) {
    if (!isStackOverflow(err)) throw err;
    // Too deep to finish: say so instead of failing.
    const constructorName = getPrefix(constructor, tag, 'Object').slice(0, -1);
    popSeen(ctx);
    ctx.indentationLvl = indentationLvl;
    return ctx.stylize(`[${constructorName}: Inspection interrupted ` +
      'prematurely. Maximum call stack size exceeded.]', 'special');
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, 'special');
      // The reference marker always goes first.
      if (ctx.compact !== true) base = base === '' ? reference : `${reference} ${base}`;
      else braces[0] = `${reference} ${braces[0]}`;
    }
  }
  const popped = ctx.seen.pop();
  if (ctx.seenCount !== undefined) uncountSeen(ctx, popped);

  if (ctx.sorted) {
    // Sorting compares the characters (and a comparator is the program's code).
    if (joinedMade !== made) for (let i = 0; i < output.length; i++) output[i] = textOf(output[i]);
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) {
      output.sort(comparator);
    } else if (keys.length > 1) {
      // Only the extra keys of arrays are sorted, not the entries.
      const sorted = output.slice(output.length - keys.length).sort(comparator);
      output.splice(output.length - keys.length, keys.length, ...sorted);
    }
  }

  const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value,
    joinedMade !== made);
  // Stop descending once the output gets huge (node's 128 MiB budget).
  const budget = ctx.budget[ctx.indentationLvl] || 0;
  const newLength = budget + res.length;
  ctx.budget[ctx.indentationLvl] = newLength;
  if (newLength > 2 ** 27) ctx.depth = -1;
  return res;
}

function formatWeakCollection(ctx) {
  return [ctx.stylize('<items unknown>', 'special')];
}

// The first entries a weak collection holds, as node's previewEntries (entries past
// maxArrayLength are only counted), sorted for a halfway stable output as node does.
function weakEntries(ctx, value) {
  const preview = binding.previewWeak(value, Math.max(ctx.maxArrayLength, 0));
  return preview === undefined ? [0, []] : preview;
}

function formatWeakSet(ctx, value, recurseTimes) {
  const [total, entries] = weakEntries(ctx, value);
  const output = [];
  ctx.indentationLvl += 2;
  for (const e of entries) output.push(textOf(formatValue(ctx, e, recurseTimes)));
  ctx.indentationLvl -= 2;
  if (!ctx.sorted) output.sort();
  const remaining = total - entries.length;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatWeakMap(ctx, value, recurseTimes) {
  const [total, entries] = weakEntries(ctx, value);
  const output = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < entries.length; i += 2) {
    const key = textOf(formatValue(ctx, entries[i], recurseTimes));
    output.push(`${key} => ${textOf(formatValue(ctx, entries[i + 1], recurseTimes))}`);
  }
  ctx.indentationLvl -= 2;
  if (!ctx.sorted) output.sort();
  const remaining = total - entries.length / 2;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
  let name;
  let str;
  let extra = ' ';
  const made = joinedMade;
  desc = desc || getOwnDesc(value, key) ||
    (v8OwnNull(value, key) ? { value: null, enumerable: false } : { value: value[key], enumerable: true });
  if (desc.value !== undefined) {
    // Legacy compact mode indents values by 3 in objects.
    const diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && isWiderThan(str, ctx.breakLength, ctx.colors)) {
      extra = `\n${indentOf(ctx.indentationLvl)}`;
    }
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
    const s = ctx.stylize;
    const sp = 'special';
    if (ctx.getters && (ctx.getters === true ||
          (ctx.getters === 'get' && desc.set === undefined) ||
          (ctx.getters === 'set' && desc.set !== undefined))) {
      try {
        const tmp = desc.get.call(original);
        ctx.indentationLvl += 2;
        if (tmp === null) {
          str = `${s(`[${label}:`, sp)} ${s('null', 'null')}${s(']', sp)}`;
        } else if (typeof tmp === 'object') {
          str = concatText([`${s(`[${label}]`, sp)} `, formatValue(ctx, tmp, recurseTimes)], 1);
        } else {
          const primitive = formatPrimitive(s, tmp, ctx);
          str = `${s(`[${label}:`, sp)} ${primitive}${s(']', sp)}`;
        }
        ctx.indentationLvl -= 2;
      } catch (err) {
        const message = `<Inspection threw (${err.message})>`;
        str = `${s(`[${label}:`, sp)} ${message}${s(']', sp)}`;
      }
    } else {
      str = ctx.stylize(`[${label}]`, sp);
    }
  } else if (desc.set !== undefined) {
    str = ctx.stylize('[Setter]', 'special');
  } else {
    str = ctx.stylize('undefined', 'undefined');
  }
  if (type === kArrayType) return str;
  if (typeof key === 'symbol') {
    name = `[${ctx.stylize(escapeBare(symbolToString(key)), 'symbol')}]`;
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = `[${escapeBare(key)}]`;
  } else if (/^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key)) {
    name = ctx.stylize(key, 'name');
  } else {
    name = ctx.stylize(strEscape(key), 'string');
  }
  if (joinedMade !== made && typeof str !== 'string') return concatText([`${name}:${extra}`, str], 0);
  return `${name}:${extra}${str}`;
}

// Lay out arrays of many short entries in aligned columns.
function groupArrayElements(ctx, output, value, mayHoldJoined) {
  let totalLength = 0;
  let maxLength = 0;
  let i = 0;
  let outputLength = output.length;
  // The "... more items" entry is not part of the grid.
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2; // ", "
  for (i = 0; mayHoldJoined && i < output.length; i++) {
    if (typeof output[i] === 'string') continue;
    // An entry this wide rules the columns out: no need to join it.
    if (i < outputLength && (output[i].spaces + separatorSpace) * 3 + ctx.indentationLvl >= ctx.breakLength) {
      return output;
    }
    output[i] = textOf(output[i]);
  }
  i = 0;
  const dataLen = new Array(outputLength);
  for (; i < outputLength; i++) {
    const len = getStringWidth(output[i], ctx.colors);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  // At least three columns must fit, and entries must be of similar length
  // (no entry longer than a fifth of all together), or short anyway.
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    const approxCharHeights = 2.5;
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    // Aim for a roughly square block (characters are ~2.5 times taller than
    // wide), within breakLength, compact * 4 and 15 columns.
    const columns = Math.min(
      Math.round(Math.sqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;
    const tmp = [];
    const maxLineLength = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) {
        if (dataLen[j] > lineLength) lineLength = dataLen[j];
      }
      maxLineLength.push(lineLength + separatorSpace);
    }
    // Numbers are right-aligned, everything else left-aligned.
    let pad = (s, n) => s.padStart(n, ' ');
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
          pad = (s, n) => s.padEnd(n, ' ');
          break;
        }
      }
    }
    const padStart = pad('a', 2) === ' a';
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = '';
      let j = i;
      for (; j < max - 1; j++) {
        // Colour codes take no columns: pad by the visible width.
        const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
        str += pad(`${output[j]}, `, padding);
      }
      if (padStart) {
        const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
        str += output[j].padStart(padding, ' ');
      } else {
        str += output[j];
      }
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

// Does the output fit on one line? `start` is the length of the prefix.
function isBelowBreakLength(ctx, output, start, base) {
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    const entry = output[i];
    if (typeof entry === 'string') {
      totalLength += ctx.colors ? removeColors(entry).length : entry.length;
    } else if (!ctx.colors) {
      totalLength += entry.length;
    } else {
      if (totalLength + entry.spaces > ctx.breakLength) return false;
      totalLength += removeColors(textOf(entry)).length;
    }
    if (totalLength > ctx.breakLength) return false;
  }
  // A multi-line base (an error stack) never shares its line.
  return base === '' || !base.includes('\n');
}

// False when an entry is a text already laid out on several lines; else true, the entries
// all made strings.
function joinSingleLineEntries(output) {
  for (let i = 0; i < output.length; i++) {
    const entry = output[i];
    if (typeof entry !== 'string') {
      if (entry.newline) return false;
      output[i] = textOf(entry);
    }
  }
  return true;
}

// `head`, the entries separated by `separator`, then `tail`. `spaces` counts the spaces of
// head, separators and tail (a lower bound is enough).
function joinEntries(head, output, separator, tail, spaces) {
  const parts = new Array(output.length * 2 + 1);
  parts[0] = head;
  let n = 1;
  for (let i = 0; i < output.length; i++) {
    if (i !== 0) parts[n++] = separator;
    parts[n++] = output[i];
  }
  parts[n++] = tail;
  parts.length = n;
  return concatText(parts, spaces);
}

// `mayHoldJoined` false: the entries are all strings.
function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value, mayHoldJoined = true) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) {
        output = groupArrayElements(ctx, output, value, mayHoldJoined);
      }
      // Objects whose innermost nesting is less than `compact` levels deep
      // go on one line when they fit (and were not grouped into columns).
      // ctx.currentDepth is the depth of the last object formatted inside.
      // An entry already laid out on several lines would make the joined line hold a
      // line break: it cannot go on one line.
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length &&
          (!mayHoldJoined || joinSingleLineEntries(output))) {
        // 10 leaves room for what precedes the object on its line.
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joinedOutput = output.join(', ');
          if (!joinedOutput.includes('\n')) {
            return `${base ? `${base} ` : ''}${braces[0]} ${joinedOutput} ${braces[1]}`;
          }
        }
      }
    }
    // One entry per line.
    const indentation = `\n${indentOf(ctx.indentationLvl)}`;
    const spaces = (ctx.indentationLvl + 2) * output.length + ctx.indentationLvl;
    return joinEntries(`${base ? `${base} ` : ''}${braces[0]}${indentation}  `, output,
      `,${indentation}  `, `${indentation}${braces[1]}`, spaces);
  }
  // Legacy compact mode: one line if it fits, else entries aligned after the brace.
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return joinEntries(`${braces[0]}${base ? ` ${base}` : ''} `, output, ', ', ` ${braces[1]}`,
      output.length + 1);
  }
  const indentation = indentOf(ctx.indentationLvl);
  // A long opening brace ("Set {") pushes the first entry to the next line.
  const ln = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
  return joinEntries(`${braces[0]}${ln}`, output, `,\n${indentation}  `, ` ${braces[1]}`,
    (ctx.indentationLvl + 2) * (output.length - 1) + 2);
}

// ---------------------------------------------------------------------------
// inspect: public properties
// ---------------------------------------------------------------------------
Object.defineProperty(inspect, 'custom', {
  value: customInspectSymbol, enumerable: false, writable: false, configurable: false,
});
Object.defineProperty(inspect, 'defaultOptions', {
  get() {
    return inspectDefaultOptions;
  },
  set(options) {
    validateObject(options, 'options');
    return Object.assign(inspectDefaultOptions, options);
  },
  enumerable: false,
  configurable: false,
});

// ANSI codes: [open, close].
inspect.colors = Object.assign(Object.create(null), {
  reset: [0, 0],
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  blink: [5, 25],
  inverse: [7, 27],
  hidden: [8, 28],
  strikethrough: [9, 29],
  doubleunderline: [21, 24],
  black: [30, 39],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  white: [37, 39],
  bgBlack: [40, 49],
  bgRed: [41, 49],
  bgGreen: [42, 49],
  bgYellow: [43, 49],
  bgBlue: [44, 49],
  bgMagenta: [45, 49],
  bgCyan: [46, 49],
  bgWhite: [47, 49],
  framed: [51, 54],
  overlined: [53, 55],
  gray: [90, 39],
  redBright: [91, 39],
  greenBright: [92, 39],
  yellowBright: [93, 39],
  blueBright: [94, 39],
  magentaBright: [95, 39],
  cyanBright: [96, 39],
  whiteBright: [97, 39],
  bgGray: [100, 49],
  bgRedBright: [101, 49],
  bgGreenBright: [102, 49],
  bgYellowBright: [103, 49],
  bgBlueBright: [104, 49],
  bgMagentaBright: [105, 49],
  bgCyanBright: [106, 49],
  bgWhiteBright: [107, 49],
});
// Aliases: non-enumerable accessors following their target.
function defineColorAlias(target, alias) {
  Object.defineProperty(inspect.colors, alias, {
    get() {
      return this[target];
    },
    set(value) {
      this[target] = value;
    },
    configurable: true,
    enumerable: false,
  });
}
defineColorAlias('gray', 'grey');
defineColorAlias('gray', 'blackBright');
defineColorAlias('bgGray', 'bgGrey');
defineColorAlias('bgGray', 'bgBlackBright');
defineColorAlias('dim', 'faint');
defineColorAlias('strikethrough', 'crossedout');
defineColorAlias('strikethrough', 'strikeThrough');
defineColorAlias('strikethrough', 'crossedOut');
defineColorAlias('hidden', 'conceal');
defineColorAlias('inverse', 'swapColors');
defineColorAlias('inverse', 'swapcolors');
defineColorAlias('doubleunderline', 'doubleUnderline');

// Style name -> colour name, used when `colors` is on.
inspect.styles = Object.assign(Object.create(null), {
  special: 'cyan',
  number: 'yellow',
  bigint: 'yellow',
  boolean: 'yellow',
  undefined: 'grey',
  null: 'bold',
  string: 'green',
  symbol: 'green',
  date: 'magenta',
  // name: intentionally not styling
  regexp: 'red',
  module: 'underline',
});

// ---------------------------------------------------------------------------
// format
// ---------------------------------------------------------------------------

// Does `value` use a built-in toString (so %s should inspect it instead)?
function hasBuiltInToString(value) {
  const proxy = proxyDetails(value);
  if (proxy !== undefined) {
    if (proxy === null || proxy[0] === null) return true;
    value = proxy[0];
  }
  if (typeof value.toString !== 'function') return true;
  if (hasOwn(value, 'toString')) return false;
  // Find the prototype that provides toString and check whose it is.
  let pointer = value;
  do {
    pointer = getProto(pointer);
    if (pointer === null) return true;
  } while (!hasOwn(pointer, 'toString'));
  const descriptor = getOwnDesc(pointer, 'constructor');
  return descriptor !== undefined && typeof descriptor.value === 'function' &&
    builtInObjects.has(descriptor.value.name);
}

let circularErrorMessage;
function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    // The engine's own wording for a cycle, learned once.
    if (!circularErrorMessage) {
      try {
        const a = {};
        a.a = a;
        JSON.stringify(a);
      } catch (circularError) {
        circularErrorMessage = firstErrorLine(circularError);
      }
    }
    if (err.name === 'TypeError' && firstErrorLine(err) === circularErrorMessage) return '[Circular]';
    throw err;
  }
}
const firstErrorLine = (error) => String(error.message).split('\n', 1)[0];

function formatWithOptionsInternal(inspectOptions, args) {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let tempStr;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const nextChar = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        switch (nextChar) {
          case 115: { // 's'
            const tempArg = args[++a];
            if (typeof tempArg === 'number') {
              tempStr = formatNumber(stylizeNoColor, tempArg, false);
            } else if (typeof tempArg === 'bigint') {
              tempStr = formatBigInt(stylizeNoColor, tempArg, false);
            } else if (typeof tempArg !== 'object' || tempArg === null || !hasBuiltInToString(tempArg)) {
              tempStr = String(tempArg);
            } else {
              tempStr = inspect(tempArg, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
            }
            break;
          }
          case 106: // 'j'
            tempStr = tryStringify(args[++a]);
            break;
          case 100: { // 'd'
            const tempNum = args[++a];
            if (typeof tempNum === 'bigint') tempStr = formatBigInt(stylizeNoColor, tempNum, false);
            else if (typeof tempNum === 'symbol') tempStr = 'NaN';
            else tempStr = formatNumber(stylizeNoColor, Number(tempNum), false);
            break;
          }
          case 79: // 'O'
            tempStr = inspect(args[++a], inspectOptions);
            break;
          case 111: // 'o'
            tempStr = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
            break;
          case 105: { // 'i'
            const tempInteger = args[++a];
            if (typeof tempInteger === 'bigint') tempStr = formatBigInt(stylizeNoColor, tempInteger, false);
            else if (typeof tempInteger === 'symbol') tempStr = 'NaN';
            else tempStr = formatNumber(stylizeNoColor, Number.parseInt(tempInteger), false);
            break;
          }
          case 102: { // 'f'
            const tempFloat = args[++a];
            if (typeof tempFloat === 'symbol') tempStr = 'NaN';
            else tempStr = formatNumber(stylizeNoColor, Number.parseFloat(tempFloat), false);
            break;
          }
          case 99: // 'c': CSS is ignored outside browsers
            a += 1;
            tempStr = '';
            break;
          case 37: // '%'
            str += first.slice(lastPos, i);
            lastPos = i + 1;
            continue;
          default: // not a placeholder
            continue;
        }
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += tempStr;
        lastPos = i + 1;
      } else if (nextChar === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  // Remaining arguments are appended, non-strings inspected.
  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
    join = ' ';
    a++;
  }
  return str;
}

function format(...args) {
  return formatWithOptionsInternal(undefined, args);
}

function formatWithOptions(inspectOptions, ...args) {
  validateObject(inspectOptions, 'inspectOptions', true);
  return formatWithOptionsInternal(inspectOptions, args);
}

// ---------------------------------------------------------------------------
// isDeepStrictEqual (assert.deepStrictEqual semantics)
// ---------------------------------------------------------------------------
const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

function isDeepStrictEqual(a, b) {
  return innerDeepEqual(a, b, undefined);
}

function areSimilarRegExps(a, b) {
  return regExpSource(a) === regExpSource(b) && regExpFlags(a) === regExpFlags(b) &&
    a.lastIndex === b.lastIndex;
}

function viewBytes(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}
function bytesEqual(x, y) {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function isEqualBoxedPrimitive(a, b) {
  if (isNumberObject(a)) return isNumberObject(b) && objectIs(numberValueOf(a), numberValueOf(b));
  if (isStringObject(a)) return isStringObject(b) && stringValueOf(a) === stringValueOf(b);
  if (isBooleanObject(a)) return isBooleanObject(b) && booleanValueOf(a) === booleanValueOf(b);
  if (isBigIntObject(a)) return isBigIntObject(b) && bigIntValueOf(a) === bigIntValueOf(b);
  return isSymbolObject(b) && symbolValueOf(a) === symbolValueOf(b);
}

function innerDeepEqual(val1, val2, memos) {
  if (val1 === val2) return val1 !== 0 || objectIs(val1, val2);
  if (typeof val1 !== 'object') {
    return typeof val1 === 'number' && Number.isNaN(val1) && Number.isNaN(val2);
  }
  if (typeof val2 !== 'object' || val1 === null || val2 === null) return false;
  if (getProto(val1) !== getProto(val2)) return false;
  const val1Tag = objectToString(val1);
  const val2Tag = objectToString(val2);
  if (val1Tag !== val2Tag) return false;

  if (isArray(val1)) {
    if (!isArray(val2) || val1.length !== val2.length) return false;
    const keys1 = getOwnNonIndexProperties(val1, false);
    const keys2 = getOwnNonIndexProperties(val2, false);
    if (keys1.length !== keys2.length) return false;
    return keyCheck(val1, val2, memos, kIsArray, keys1);
  } else if (val1Tag === '[object Object]' && !isBoxedPrimitive(val1) && !isBoxedPrimitive(val2)) {
    return keyCheck(val1, val2, memos, kNoIterator);
  } else if (isDate(val1)) {
    if (!isDate(val2) || dateGetTime(val1) !== dateGetTime(val2)) return false;
  } else if (isRegExp(val1)) {
    if (!isRegExp(val2) || !areSimilarRegExps(val1, val2)) return false;
  } else if (isError(val1)) {
    // The stack is not compared: it differs between otherwise equal errors.
    if (!isError(val2) || val1.message !== val2.message || val1.name !== val2.name) return false;
    const cause1 = getOwnDesc(val1, 'cause');
    const cause2 = getOwnDesc(val2, 'cause');
    if ((cause1 === undefined) !== (cause2 === undefined) ||
        (cause1 !== undefined && !innerDeepEqual(cause1.value, cause2.value, memos))) {
      return false;
    }
    const errors1 = getOwnDesc(val1, 'errors');
    const errors2 = getOwnDesc(val2, 'errors');
    if ((errors1 === undefined) !== (errors2 === undefined) ||
        (errors1 !== undefined && !innerDeepEqual(errors1.value, errors2.value, memos))) {
      return false;
    }
  } else if (isArrayBufferView(val1)) {
    if (!isArrayBufferView(val2) || typedArrayName(val1) !== typedArrayName(val2) ||
        !bytesEqual(viewBytes(val1), viewBytes(val2))) {
      return false;
    }
    const keys1 = getOwnNonIndexProperties(val1, false);
    const keys2 = getOwnNonIndexProperties(val2, false);
    if (keys1.length !== keys2.length) return false;
    return keyCheck(val1, val2, memos, kNoIterator, keys1);
  } else if (isSet(val1)) {
    if (!isSet(val2) || setSize(val1) !== setSize(val2)) return false;
    return keyCheck(val1, val2, memos, kIsSet);
  } else if (isMap(val1)) {
    if (!isMap(val2) || mapSize(val1) !== mapSize(val2)) return false;
    return keyCheck(val1, val2, memos, kIsMap);
  } else if (isAnyArrayBuffer(val1)) {
    if (!isAnyArrayBuffer(val2) || !bytesEqual(new Uint8Array(val1), new Uint8Array(val2))) return false;
  } else if (isBoxedPrimitive(val1)) {
    if (!isEqualBoxedPrimitive(val1, val2)) return false;
  } else if (isArray(val2) || isArrayBufferView(val2) || isSet(val2) || isMap(val2) ||
             isDate(val2) || isRegExp(val2) || isAnyArrayBuffer(val2) || isBoxedPrimitive(val2) ||
             isError(val2)) {
    return false;
  }
  return keyCheck(val1, val2, memos, kNoIterator);
}

function keyCheck(val1, val2, memos, iterationType, aKeys) {
  const ownKeysGiven = aKeys !== undefined;
  if (!ownKeysGiven) {
    aKeys = objectKeys(val1);
    if (aKeys.length !== objectKeys(val2).length) return false;
  }
  for (let i = 0; i < aKeys.length; i++) {
    if (!isEnumerable(val2, aKeys[i])) return false;
  }
  if (!ownKeysGiven) {
    // Enumerable symbol keys must match too.
    const symbolKeysA = getOwnSymbols(val1);
    let count = 0;
    for (const key of symbolKeysA) {
      if (isEnumerable(val1, key)) {
        if (!isEnumerable(val2, key)) return false;
        aKeys.push(key);
        count++;
      } else if (isEnumerable(val2, key)) {
        return false;
      }
    }
    const symbolKeysB = getOwnSymbols(val2);
    if (symbolKeysB.filter((key) => isEnumerable(val2, key)).length !== count) return false;
  }
  if (aKeys.length === 0 &&
      (iterationType === kNoIterator || (iterationType === kIsArray && val1.length === 0) ||
       (iterationType === kIsSet && setSize(val1) === 0) ||
       (iterationType === kIsMap && mapSize(val1) === 0))) {
    return true;
  }
  // Cycles: objects being compared further up are tracked; meeting two of
  // them again (on both sides) ends the recursion as "equal so far".
  if (memos === undefined) {
    memos = { set: new Set() };
  }
  const set = memos.set;
  const new1 = !set.has(val1);
  const new2 = !set.has(val2);
  if (!new1 && !new2) return true;
  set.add(val1);
  set.add(val2);
  const areEq = objEquiv(val1, val2, aKeys, memos, iterationType);
  // Only forget what this level added.
  if (new1) set.delete(val1);
  if (new2) set.delete(val2);
  return areEq;
}

function setHasEqualElement(set, val1, memo) {
  for (const val2 of set) {
    if (innerDeepEqual(val1, val2, memo)) {
      set.delete(val2);
      return true;
    }
  }
  return false;
}

function setEquiv(a, b, memo) {
  // Primitives are looked up directly; objects need a pairwise deep search.
  let set = null;
  for (const val of setValues(a)) {
    if (typeof val === 'object' && val !== null) {
      if (set === null) set = new Set();
      set.add(val);
    } else if (!Set.prototype.has.call(b, val)) {
      return false;
    }
  }
  if (set !== null) {
    for (const val of setValues(b)) {
      if (typeof val === 'object' && val !== null && !setHasEqualElement(set, val, memo)) return false;
    }
    return set.size === 0;
  }
  return true;
}

function mapHasEqualEntry(set, map, key1, item1, memo) {
  for (const key2 of set) {
    if (innerDeepEqual(key1, key2, memo) && innerDeepEqual(item1, Map.prototype.get.call(map, key2), memo)) {
      set.delete(key2);
      return true;
    }
  }
  return false;
}

function mapEquiv(a, b, memo) {
  let set = null;
  for (const [key, item1] of mapEntries(a)) {
    if (typeof key === 'object' && key !== null) {
      if (set === null) set = new Set();
      set.add(key);
    } else {
      const item2 = Map.prototype.get.call(b, key);
      if ((item2 === undefined && !Map.prototype.has.call(b, key)) || !innerDeepEqual(item1, item2, memo)) {
        return false;
      }
    }
  }
  if (set !== null) {
    for (const [key, item] of mapEntries(b)) {
      if (typeof key === 'object' && key !== null && !mapHasEqualEntry(set, a, key, item, memo)) {
        return false;
      }
    }
    return set.size === 0;
  }
  return true;
}

function objEquiv(a, b, keys, memos, iterationType) {
  if (iterationType === kIsSet) {
    if (!setEquiv(a, b, memos)) return false;
  } else if (iterationType === kIsMap) {
    if (!mapEquiv(a, b, memos)) return false;
  } else if (iterationType === kIsArray) {
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i)) {
        if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], memos)) return false;
      } else if (hasOwn(b, i)) {
        return false;
      } else {
        // Sparse: compare the remaining own keys.
        const keysA = objectKeys(a);
        for (; i < keysA.length; i++) {
          const key = keysA[i];
          if (!hasOwn(b, key) || !innerDeepEqual(a[key], b[key], memos)) return false;
        }
        return keysA.length === objectKeys(b).length;
      }
    }
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!innerDeepEqual(a[key], b[key], memos)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Function helpers
// ---------------------------------------------------------------------------
function nextTick(fn, ...args) {
  const proc = process;
  if (proc && typeof proc.nextTick === 'function') proc.nextTick(fn, ...args);
  else binding.queueMicrotask(() => fn(...args));
}

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArgTypeError('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) {
    throw invalidArgTypeError('superCtor', 'Function', superCtor);
  }
  if (superCtor.prototype === undefined) {
    throw invalidArgTypeError('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  setProto(ctor.prototype, superCtor.prototype);
}

const kCustomPromisifiedSymbol = Symbol.for('nodejs.util.promisify.custom');
// Builtin modules may set this on a function whose callback gets several
// values, naming the properties of the object the promise resolves to.
const kCustomPromisifyArgsSymbol = Symbol('customPromisifyArgs');

// Copy own property descriptors (with null prototypes, so that a patched
// Object.prototype cannot inject get/set).
function copyDescriptors(target, source) {
  const descriptors = Object.getOwnPropertyDescriptors(source);
  for (const key of ownKeys(descriptors)) setProto(descriptors[key], null);
  return Object.defineProperties(target, descriptors);
}

function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisifiedSymbol]) {
    const fn = original[kCustomPromisifiedSymbol];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisifiedSymbol, {
      value: fn, enumerable: false, writable: false, configurable: true,
    });
  }
  const argumentNames = original[kCustomPromisifyArgsSymbol];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  setProto(fn, getProto(original));
  Object.defineProperty(fn, kCustomPromisifiedSymbol, {
    value: fn, enumerable: false, writable: false, configurable: true,
  });
  return copyDescriptors(fn, original);
}
promisify.custom = kCustomPromisifiedSymbol;

function callbackifyOnRejected(reason, cb) {
  // null means "no error" to a callback: wrap falsy rejection reasons.
  if (!reason) {
    const err = codedError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
    err.reason = reason;
    reason = err;
  }
  return cb(reason);
}

function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = maybeCb.bind(this);
    Reflect.apply(original, this, args).then(
      (ret) => nextTick(cb, null, ret),
      (rej) => nextTick(callbackifyOnRejected, rej, cb));
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  // length and name may have been redefined: only adjust plain values.
  if (descriptors.length && typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (descriptors.name && typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  for (const key of ownKeys(descriptors)) setProto(descriptors[key], null);
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

const codesWarned = new Set();
function emitWarning(...args) {
  const proc = process;
  if (proc && typeof proc.emitWarning === 'function') proc.emitWarning(...args);
}

function deprecate(fn, msg, code) {
  const proc = process;
  if (proc && proc.noDeprecation === true) return fn;
  if (code !== undefined) validateString(code, 'code');
  let warned = false;
  function deprecated(...args) {
    // Warn once per function, and once per code across functions.
    if (!warned) {
      warned = true;
      if (code !== undefined) {
        if (!codesWarned.has(code)) {
          emitWarning(msg, 'DeprecationWarning', code, deprecated);
          codesWarned.add(code);
        }
      } else {
        emitWarning(msg, 'DeprecationWarning', deprecated);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  // Keep fn's statics reachable and instanceof working.
  setProto(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

// debuglog: enabled by NODE_DEBUG (comma separated, `*` wildcards) when a
// process.env is available; otherwise a no-op logger.
let debugEnvRegExp;
function debugEnabled(set) {
  if (debugEnvRegExp === undefined) {
    let env = '';
    try {
      const proc = process;
      env = (proc && proc.env && proc.env.NODE_DEBUG) || '';
    } catch {}
    debugEnvRegExp = null;
    if (env) {
      const pattern = env.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^');
      debugEnvRegExp = new RegExp(`^${pattern}$`, 'i');
    }
  }
  return debugEnvRegExp !== null && debugEnvRegExp.test(set);
}

function debuglog(set, cb) {
  let impl;
  const init = () => {
    if (impl !== undefined) return;
    if (debugEnabled(set)) {
      const section = set.toUpperCase();
      let pid = '';
      try {
        pid = process.pid;
      } catch {}
      impl = (...args) => {
        binding.writeStderr(`${section} ${pid}: ${formatWithOptionsInternal({ colors: false }, args)}\n`);
      };
    } else {
      impl = () => {};
    }
    if (typeof cb === 'function') cb(impl);
  };
  const logger = (...args) => {
    init();
    impl(...args);
  };
  Object.defineProperty(logger, 'enabled', {
    get() {
      return debugEnabled(set);
    },
    configurable: true,
    enumerable: true,
  });
  return logger;
}

function toUSVString(input) {
  const str = `${input}`;
  if (typeof str.toWellFormed === 'function') return str.toWellFormed();
  return str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function invalidArgValueError(name, value, reason) {
  let inspected = inspect(value);
  if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
  const type = name.includes('.') ? 'property' : 'argument';
  return codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${type} '${name}' ${reason}. Received ${inspected}`);
}

function colorCodes(key) {
  const codes = inspect.colors[key];
  if (codes == null) {
    const allowed = objectKeys(inspect.colors).map((k) => `'${k}'`).join(', ');
    throw invalidArgValueError('format', key, `must be one of: ${allowed}`);
  }
  return codes;
}

// Whether text written to `stream` should carry colours (FORCE_COLOR wins).
function shouldColorize(stream) {
  const proc = process;
  const force = proc && proc.env ? proc.env.FORCE_COLOR : undefined;
  if (force !== undefined) return !['0', 'false'].includes(String(force));
  return !!(stream && stream.isTTY &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
}

function styleText(format, text, options) {
  const proc = process;
  const { validateStream = true, stream = proc ? proc.stdout : undefined } = options || {};
  validateString(text, 'text');
  if (typeof validateStream !== 'boolean') {
    throw invalidArgTypeError('options.validateStream', 'boolean', validateStream);
  }
  // A stream must look like one (node checks for its stream classes).
  if (validateStream && stream != null &&
      (typeof stream !== 'object' || (typeof stream.write !== 'function' && typeof stream.pipe !== 'function' &&
        typeof stream.getReader !== 'function' && typeof stream.getWriter !== 'function'))) {
    throw invalidArgTypeError('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  // Several formats are always applied (as node 20 does).
  if (isArray(format)) {
    let left = '';
    let right = '';
    for (const key of format) {
      const codes = colorCodes(key);
      left += `\u001b[${codes[0]}m`;
      right = `\u001b[${codes[1]}m${right}`;
    }
    return `${left}${text}${right}`;
  }
  const codes = colorCodes(format);
  if (validateStream && !shouldColorize(stream)) return text;
  return `\u001b[${codes[0]}m${text}\u001b[${codes[1]}m`;
}

function isBuffer(value) {
  try {
    const ctor = value && value.constructor;
    return !!(ctor && typeof ctor.isBuffer === 'function' && ctor.isBuffer(value));
  } catch {
    return false;
  }
}

function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = objectKeys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

// libuv's errors by number, [code, description] each (a new map each call, as Node's).
let systemErrors;
function getSystemErrorMap() {
  if (systemErrors === undefined) systemErrors = binding.os.uvErrorMap();
  const map = new Map();
  for (const [errno, code, message] of systemErrors) map.set(errno, [code, message]);
  return map;
}

function getSystemErrorName(err) {
  const errors = require('internal/errors');
  errors.validateNumber(err, 'err');
  if (err >= 0 || !Number.isSafeInteger(err)) {
    throw errors.codes.ERR_OUT_OF_RANGE('err', 'a negative integer', err);
  }
  if (systemErrors === undefined) systemErrors = binding.os.uvErrorMap();
  for (let i = 0; i < systemErrors.length; i++) {
    if (systemErrors[i][0] === err) return systemErrors[i][1];
  }
  return `Unknown system error ${err}`;
}

// ---------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------
// A promise settled when `signal` aborts (at once if it has), while `resource` is in use.
exports.aborted = async function aborted(signal, resource) {
  const errors = require('internal/errors');
  if (signal === undefined) throw errors.codes.ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  errors.validateAbortSignal(signal, 'signal');
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
    throw errors.codes.ERR_INVALID_ARG_TYPE('resource', 'object', resource);
  }
  if (signal.aborted) return undefined;
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
};
exports._extend = _extend;
exports.callbackify = callbackify;
exports.debug = debuglog;
exports.debuglog = debuglog;
exports.deprecate = deprecate;
exports.format = format;
// util._errnoException and util._exceptionWithHostPort: Node's legacy helpers (old native-addon
// wrappers call them), an Error named by the libuv error name of `err`.
// (the name as getSystemErrorName gives it, with its checks of `err`)
const uvErrorName = (err) => getSystemErrorName(err);
exports._errnoException = function _errnoException(...args) {
  const [err, syscall, original] = args;
  const code = uvErrorName(err);
  const ex = new Error(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
  ex.errno = err;
  ex.code = code;
  ex.syscall = syscall;
  return ex;
};
exports._exceptionWithHostPort = function _exceptionWithHostPort(...args) {
  const [err, syscall, address, port, additional] = args;
  const code = uvErrorName(err);
  let details = '';
  if (port && port > 0) details = ` ${address}:${port}`;
  else if (address) details = ` ${address}`;
  if (additional) details += ` - Local (${additional})`;
  const ex = new Error(`${syscall} ${code}${details}`);
  ex.errno = err;
  ex.code = code;
  ex.syscall = syscall;
  ex.address = address;
  if (port) ex.port = port;
  return ex;
};
// util.MIMEType/MIMEParams, loaded on first use (internal/mime.js).
for (const name of ['MIMEType', 'MIMEParams']) {
  Object.defineProperty(exports, name, {
    get() { return require('internal/mime')[name]; },
    set(v) { Object.defineProperty(exports, name, { value: v, writable: true, enumerable: true, configurable: true }); },
    enumerable: true, configurable: true,
  });
}
// util.log (deprecated, DEP0059, without a runtime warning in Node 20): the local time as
// `5 Dec 22:34:59`, then the formatted arguments, through the program's console.log.
const logMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
exports.log = function log(...args) {
  const d = new Date();
  const two = (n) => String(n).padStart(2, '0');
  const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  binding.globalObject.console.log('%s - %s', `${d.getDate()} ${logMonths[d.getMonth()]} ${time}`, format(...args));
};
exports.styleText = styleText;
exports.formatWithOptions = formatWithOptions;
exports.getSystemErrorMap = getSystemErrorMap;
exports.getSystemErrorName = getSystemErrorName;
exports.inherits = inherits;
exports.inspect = inspect;
exports.isArray = isArray;
exports.isBoolean = (arg) => typeof arg === 'boolean';
exports.isBuffer = isBuffer;
exports.isDeepStrictEqual = isDeepStrictEqual;
exports.isNull = (arg) => arg === null;
exports.isNullOrUndefined = (arg) => arg === null || arg === undefined;
exports.isNumber = (arg) => typeof arg === 'number';
exports.isString = (arg) => typeof arg === 'string';
exports.isSymbol = (arg) => typeof arg === 'symbol';
exports.isUndefined = (arg) => arg === undefined;
exports.isRegExp = isRegExp;
exports.isObject = (arg) => arg !== null && typeof arg === 'object';
exports.isDate = isDate;
exports.isError = isError;
exports.isFunction = (arg) => typeof arg === 'function';
exports.isPrimitive = (arg) => arg === null || (typeof arg !== 'object' && typeof arg !== 'function');
exports.promisify = promisify;
exports.stripVTControlCharacters = stripVTControlCharacters;
exports.toUSVString = toUSVString;
exports.types = types;
Object.defineProperty(exports, 'parseArgs', {
  get() { return require('internal/parse_args').parseArgs; },
  enumerable: true, configurable: true,
});
Object.defineProperty(exports, 'parseEnv', {
  get() { return require('internal/dotenv').parseEnv; },
  enumerable: true, configurable: true,
});
// Loaded on first use (most programs that load util never encode).
for (const name of ['TextEncoder', 'TextDecoder']) {
  Object.defineProperty(exports, name, {
    get() { return require('internal/encoding')[name]; },
    enumerable: true, configurable: true,
  });
}

// Internal helpers for the other builtin modules (not part of node's API).
Object.defineProperty(exports, '_errors', { value: _errors, enumerable: false, configurable: true });
Object.defineProperty(exports, '_internal', {
  value: { getStringWidth, kCustomPromisifyArgsSymbol, isError, formatWithOptionsInternal },
  enumerable: false,
  configurable: true,
});
