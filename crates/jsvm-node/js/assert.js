// assert: written for jsvm after Node's documented behaviour and observed messages.
// Values are rendered with require('util').inspect; strict deep equality is
// util.isDeepStrictEqual; loose deep equality (deepEqual) is implemented here.
//
// The message of a failed `assert.ok(value)` / `assert(value)` is read from the caller's source,
// as Node words it (internal/assert_source.js).
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

let utilModule = null;
function util() {
  if (utilModule === null) utilModule = require('util');
  return utilModule;
}
function inspect(value, opts) {
  return util().inspect(value, opts);
}
function isDeepStrictEqual(a, b) {
  return util().isDeepStrictEqual(a, b);
}

const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS, ERR_AMBIGUOUS_ARGUMENT,
    ERR_INVALID_RETURN_VALUE,
  },
  validateObject, validateFunction, validateUint32,
} = require('internal/errors');

// ---------------------------------------------------------------------------------------------
// Type checks built only on ECMAScript intrinsics

function tryCall(fn, value) {
  try {
    fn.call(value);
    return true;
  } catch {
    return false;
  }
}
const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
const regExpSource = getter(RegExp.prototype, 'source');
const mapSize = getter(Map.prototype, 'size');
const setSize = getter(Set.prototype, 'size');
const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function' ?
  getter(SharedArrayBuffer.prototype, 'byteLength') : null;
const typedArrayTag = getter(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag);

function isObjectLike(v) {
  return v !== null && typeof v === 'object';
}
function isRegExp(v) {
  return isObjectLike(v) && v !== RegExp.prototype && tryCall(regExpSource, v);
}
function isDate(v) {
  return isObjectLike(v) && tryCall(Date.prototype.getTime, v);
}
function isMap(v) {
  return isObjectLike(v) && tryCall(mapSize, v);
}
function isSet(v) {
  return isObjectLike(v) && tryCall(setSize, v);
}
function isAnyArrayBuffer(v) {
  return isObjectLike(v) && (tryCall(arrayBufferByteLength, v) ||
    (sharedArrayBufferByteLength !== null && tryCall(sharedArrayBufferByteLength, v)));
}
function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}
function isNativeError(v) {
  return isObjectLike(v) && Object.prototype.toString.call(v) === '[object Error]';
}
function isError(v) {
  return isNativeError(v) || v instanceof Error;
}
function isPromise(v) {
  return v instanceof Promise || (isObjectLike(v) && Object.prototype.toString.call(v) === '[object Promise]');
}

const boxedKinds = [
  ['number', Number.prototype.valueOf],
  ['string', String.prototype.valueOf],
  ['boolean', Boolean.prototype.valueOf],
  ['bigint', typeof BigInt === 'function' ? BigInt.prototype.valueOf : null],
  ['symbol', Symbol.prototype.valueOf],
];
function boxedKind(v) {
  if (!isObjectLike(v)) return null;
  for (const [kind, valueOf] of boxedKinds) {
    if (valueOf !== null && tryCall(valueOf, v)) return kind;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// AssertionError

const kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};
// A pair of one-line values at most this long together is shown as `a !== b`.
const kMaxShortLength = 12;

function inspectValue(val) {
  return inspect(val, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true,
  });
}

function isObjectOrFn(v) {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

// Collapses a long listing to its first 46 lines plus an ellipsis line.
function clipLines(lines) {
  if (lines.length > 50) {
    lines = lines.slice(0, 46);
    lines.push('...');
  }
  return lines;
}

// Builds the "+ actual - expected" line diff used by strictEqual and deepStrictEqual.
// `message`, when given, replaces the "Expected values to be ..." header.
function diffMessage(actual, expected, operator, message) {
  const actualInspected = inspectValue(actual);
  const actualLines = actualInspected.split('\n');
  const expectedLines = inspectValue(expected).split('\n');
  let indicator = '';
  let skipped = false;

  if (operator === 'strictEqual' &&
      ((isObjectLike(actual) && isObjectLike(expected)) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }

  let start = 0;
  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    const a = actualLines[0];
    const e = expectedLines[0];
    const inputLength = a.length + e.length;
    if (inputLength <= kMaxShortLength) {
      if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
        return `${message || kReadableOperator[operator]}\n\n${a} !== ${e}\n`;
      }
    } else if (operator !== 'strictEqualObject' && inputLength < 80) {
      let i = 0;
      while (a[i] === e[i]) i++;
      // Point at the first difference, unless it is within the first characters.
      if (i > 2) indicator = `\n  ${' '.repeat(i)}^`;
      else start = i;
    }
  }

  // Drop the common tail, keeping up to three of its lines for context.
  let tail = '';
  let lastCommon = '';
  let common = start;
  while (actualLines.length > 0 && expectedLines.length > 0 &&
         actualLines[actualLines.length - 1] === expectedLines[expectedLines.length - 1]) {
    const line = actualLines.pop();
    expectedLines.pop();
    if (common++ < 3) tail = `\n  ${line}${tail}`;
    else lastCommon = line;
  }

  const maxLines = Math.max(actualLines.length, expectedLines.length);
  if (maxLines === 0) {
    // Same rendering although not equal (e.g. objects holding distinct symbols).
    return `${kReadableOperator.notIdentical}\n\n${clipLines(actualInspected.split('\n')).join('\n')}\n`;
  }

  if (common >= 5) {
    tail = `\n...${tail}`;
    skipped = true;
  }
  if (lastCommon !== '') tail = `\n  ${lastCommon}${tail}`;

  const header = `${message || kReadableOperator[operator]}\n+ actual - expected`;
  const skippedMsg = ' ... Lines skipped';
  let out = '';
  let pendingMinus = '';
  let printed = 0;
  let identical = 0;

  const longer = actualLines.length >= maxLines ? actualLines : expectedLines;
  const shorterLength = longer === actualLines ? expectedLines.length : actualLines.length;
  const sign = longer === actualLines ? '+' : '-';

  // Emits the context lines before a change: up to two, or the last two after an ellipsis.
  const flushContext = (lines, i) => {
    if (identical > 2) {
      if (identical > 3) {
        if (identical > 4) {
          if (identical === 5) {
            out += `\n  ${lines[i - 3]}`;
            printed++;
          } else {
            out += '\n...';
            skipped = true;
          }
        }
        out += `\n  ${lines[i - 2]}`;
        printed++;
      }
      out += `\n  ${lines[i - 1]}`;
      printed++;
    }
    identical = 0;
  };

  for (let i = 0; i < maxLines; i++) {
    if (i >= shorterLength) {
      // Only one side still has lines.
      flushContext(longer, i);
      if (longer === actualLines) out += `\n${sign} ${longer[i]}`;
      else pendingMinus += `\n${sign} ${longer[i]}`;
      printed++;
    } else {
      const expectedLine = expectedLines[i];
      let actualLine = actualLines[i];
      // Lines that only differ by a trailing comma count as equal.
      let differ = actualLine !== expectedLine &&
        (!actualLine.endsWith(',') || actualLine.slice(0, -1) !== expectedLine);
      if (differ && expectedLine.endsWith(',') && expectedLine.slice(0, -1) === actualLine) {
        differ = false;
        actualLine += ',';
      }
      if (differ) {
        flushContext(actualLines, i);
        out += `\n+ ${actualLine}`;
        pendingMinus += `\n- ${expectedLine}`;
        printed += 2;
      } else {
        out += pendingMinus;
        pendingMinus = '';
        identical++;
        if (identical <= 2) {
          out += `\n  ${actualLine}`;
          printed++;
        }
      }
    }
    if (printed > 50 && i < maxLines - 2) {
      return `${header}${skippedMsg}\n${out}\n...${pendingMinus}\n...`;
    }
  }
  return `${header}${skipped ? skippedMsg : ''}\n${out}${pendingMinus}${tail}${indicator}`;
}

function truncateForInspect(str) {
  const lines = str.split('\n', 11);
  if (lines.length > 10) {
    lines.length = 10;
    return `${lines.join('\n')}\n...`;
  }
  if (str.length > 512) return `${str.slice(512)}...`;
  return str;
}

function generateMessage(actual, expected, operator) {
  if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
    return diffMessage(actual, expected, operator, '');
  }
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    let base = kReadableOperator[operator];
    if (operator === 'notStrictEqual' && isObjectOrFn(actual)) base = kReadableOperator.notStrictEqualObject;
    const lines = clipLines(inspectValue(actual).split('\n'));
    if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    return `${base}\n\n${lines.join('\n')}\n`;
  }
  let res = inspectValue(actual);
  let other = inspectValue(expected);
  const readable = kReadableOperator[operator];
  if (operator === 'notDeepEqual' && res === other) {
    res = `${readable}\n\n${res}`;
    if (res.length > 1024) res = `${res.slice(0, 1021)}...`;
    return res;
  }
  if (res.length > 512) res = `${res.slice(0, 509)}...`;
  if (other.length > 512) other = `${other.slice(0, 509)}...`;
  if (operator === 'deepEqual') {
    res = `${readable}\n\n${res}\n\nshould loosely deep-equal\n\n`;
  } else {
    const unequal = kReadableOperator[`${operator}Unequal`];
    if (unequal) res = `${unequal}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
    else other = ` ${operator} ${other}`;
  }
  return `${res}${other}`;
}

// Copy of an error with its stack-related properties, so that both sides inspect alike.
function copyError(source) {
  const target = Object.assign(Object.create(Object.getPrototypeOf(source)), source);
  Object.defineProperty(target, 'message', { value: source.message });
  return target;
}

class AssertionError extends Error {
  constructor(options) {
    validateObject(options, 'options');
    const { message, operator, stackStartFn, details } = options;
    let { actual, expected } = options;
    let text;
    if (message != null) {
      // A custom message still gets the diff of the strict comparisons.
      if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
        text = diffMessage(actual, expected, operator, `${message}`);
      } else {
        text = String(message);
      }
    } else {
      if (actual instanceof Error && expected instanceof Error && 'stack' in actual && 'stack' in expected) {
        actual = copyError(actual);
        expected = copyError(expected);
      }
      text = generateMessage(actual, expected, operator);
    }
    super(text);
    this.generatedMessage = !message;
    Object.defineProperty(this, 'name', {
      value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true,
    });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      for (let i = 0; i < details.length; i++) {
        this[`message ${i}`] = details[i].message;
        this[`actual ${i}`] = details[i].actual;
        this[`expected ${i}`] = details[i].expected;
        this[`operator ${i}`] = details[i].operator;
        this[`stack trace ${i}`] = details[i].stack;
      }
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    if (typeof Error.captureStackTrace === 'function') {
      Error.captureStackTrace(this, stackStartFn || AssertionError);
      // Materialize the stack while the name carries the code, as Node's stacks do.
      // eslint-disable-next-line no-unused-expressions
      this.stack;
    }
    this.name = 'AssertionError';
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](recurseTimes, ctx, inspectFn) {
    const savedActual = this.actual;
    const savedExpected = this.expected;
    if (typeof this.actual === 'string') this.actual = truncateForInspect(this.actual);
    if (typeof this.expected === 'string') this.expected = truncateForInspect(this.expected);
    const fn = typeof inspectFn === 'function' ? inspectFn : inspect;
    const result = fn(this, { ...ctx, customInspect: false, depth: 0 });
    this.actual = savedActual;
    this.expected = savedExpected;
    return result;
  }
}

// ---------------------------------------------------------------------------------------------
// Loose deep equality (assert.deepEqual), following Node 20's rules: primitives compare with
// ==, prototypes and symbol keys are ignored, type tags must match, and Sets/Maps are matched
// element by element.

const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
const isEnumerable = (obj, key) => Object.prototype.propertyIsEnumerable.call(obj, key);

function isIndexKey(key) {
  return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

function enumerableNonIndexKeys(obj) {
  return Object.keys(obj).filter((k) => !isIndexKey(k));
}

function sameRegExp(a, b) {
  return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex;
}

function bytesOf(v) {
  if (isAnyArrayBuffer(v)) return new Uint8Array(v);
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  const x = bytesOf(a);
  const y = bytesOf(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

// Float arrays compare by value (so 0 equals -0 and NaN never equals NaN).
function sameFloatElements(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameBoxed(a, b) {
  const kind = boxedKind(a);
  if (kind !== boxedKind(b)) return false;
  const valueOf = boxedKinds.find((k) => k[0] === kind)[1];
  return Object.is(valueOf.call(a), valueOf.call(b));
}

// Errors: message, name, cause and errors count whether own-enumerable or not.
function sameErrorFields(a, b, memos) {
  for (const field of ['message', 'name', 'cause', 'errors']) {
    const enumerable = isEnumerable(a, field);
    if (enumerable !== isEnumerable(b, field)) return false;
    if (!enumerable) {
      if (field === 'message' || field === 'name') {
        if (a[field] !== b[field]) return false;
      } else if (!looseEqual(a[field], b[field], memos)) {
        return false;
      }
    }
  }
  return true;
}

const ITER_NONE = 0;
const ITER_ARRAY = 1;
const ITER_SET = 2;
const ITER_MAP = 3;

function looseEqual(a, b, memos) {
  if (a === b) return true;
  if (!isObjectLike(a)) {
    if (!isObjectLike(b)) {
      // eslint-disable-next-line eqeqeq
      return a == b || (Number.isNaN(a) && Number.isNaN(b));
    }
    return false;
  }
  if (!isObjectLike(b)) return false;
  const tag = Object.prototype.toString.call(a);
  if (tag !== Object.prototype.toString.call(b)) return false;

  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    const keysA = enumerableNonIndexKeys(a);
    if (keysA.length !== enumerableNonIndexKeys(b).length) return false;
    return compareKeys(a, b, memos, ITER_ARRAY, keysA);
  }
  if (tag === '[object Object]') return compareKeys(a, b, memos, ITER_NONE);
  if (isDate(a)) {
    if (!isDate(b) || a.getTime() !== Date.prototype.getTime.call(b)) return false;
  } else if (isRegExp(a)) {
    if (!isRegExp(b) || !sameRegExp(a, b)) return false;
  } else if (isArrayBufferView(a)) {
    const tagA = typedArrayTag.call(a);
    if (tagA !== typedArrayTag.call(b)) return false;
    if (tagA === 'Float32Array' || tagA === 'Float64Array') {
      if (!sameFloatElements(a, b)) return false;
    } else if (!sameBytes(a, b)) {
      return false;
    }
    const keysA = enumerableNonIndexKeys(a);
    if (keysA.length !== enumerableNonIndexKeys(b).length) return false;
    return compareKeys(a, b, memos, ITER_NONE, keysA);
  } else if (isSet(a)) {
    if (!isSet(b) || a.size !== b.size) return false;
    return compareKeys(a, b, memos, ITER_SET);
  } else if (isMap(a)) {
    if (!isMap(b) || a.size !== b.size) return false;
    return compareKeys(a, b, memos, ITER_MAP);
  } else if (isAnyArrayBuffer(a)) {
    if (!isAnyArrayBuffer(b) || !sameBytes(a, b)) return false;
  } else if (isError(a)) {
    if (!isError(b) || !sameErrorFields(a, b, memos)) return false;
  } else if (boxedKind(a) !== null) {
    if (!sameBoxed(a, b)) return false;
  } else if (Array.isArray(b) || isArrayBufferView(b) || isSet(b) || isMap(b) || isDate(b) ||
             isRegExp(b) || isAnyArrayBuffer(b) || boxedKind(b) !== null || isError(b)) {
    return false;
  }
  return compareKeys(a, b, memos, ITER_NONE);
}

function compareKeys(a, b, memos, iteration, keysA) {
  const arrayLike = keysA !== undefined;
  if (!arrayLike) keysA = Object.keys(a);
  for (const key of keysA) {
    if (!isEnumerable(b, key)) return false;
  }
  if (!arrayLike && keysA.length !== Object.keys(b).length) return false;
  if (keysA.length === 0 &&
      (iteration === ITER_NONE || (iteration === ITER_ARRAY && a.length === 0) || a.size === 0)) {
    return true;
  }
  return guardCycles(a, b, keysA, memos, iteration);
}

// Cycle handling. The outermost pair and the first nested pair are remembered directly;
// deeper pairs go into a set shared by both sides. A pair whose two objects are both already
// being compared is taken as equal (the comparison of the enclosing pair decides).
function guardCycles(a, b, keys, memos, iteration) {
  if (memos === undefined) {
    memos = { set: undefined, a, b, c: undefined, d: undefined, deep: false, keepFailures: true };
    return compareContents(a, b, keys, memos, iteration);
  }
  if (memos.set === undefined) {
    if (!memos.deep) {
      if (memos.a === a && memos.b === b) return true;
      memos.c = a;
      memos.d = b;
      memos.deep = true;
      const result = compareContents(a, b, keys, memos, iteration);
      memos.deep = false;
      return result;
    }
    memos.set = new Set([memos.a, memos.b, memos.c, memos.d]);
  }
  const set = memos.set;
  const before = set.size;
  set.add(a);
  set.add(b);
  if (set.size === before) return true;
  const result = compareContents(a, b, keys, memos, iteration);
  // A failed pair stays registered unless a Set/Map search is probing candidates.
  if (result || !memos.keepFailures) {
    set.delete(a);
    set.delete(b);
  }
  return result;
}

function compareContents(a, b, keys, memos, iteration) {
  for (const key of keys) {
    if (!looseEqual(a[key], b[key], memos)) return false;
  }
  if (iteration === ITER_ARRAY) {
    for (let i = 0; i < a.length; i++) {
      if (has(a, i)) {
        if (!has(b, i) || !looseEqual(a[i], b[i], memos)) return false;
      } else if (has(b, i)) {
        return false;
      } else {
        // Sparse array: compare the remaining own keys.
        const keysA = Object.keys(a);
        for (; i < keysA.length; i++) {
          const key = keysA[i];
          if (!has(b, key) || !looseEqual(a[key], b[key], memos)) return false;
        }
        return keysA.length === Object.keys(b).length;
      }
    }
  } else if (iteration === ITER_SET) {
    return setsLooseEqual(a, b, memos);
  } else if (iteration === ITER_MAP) {
    return mapsLooseEqual(a, b, memos);
  }
  return true;
}

// Whether a primitive missing from the other collection may still have a loose match there:
// true/false when that is known, or null/undefined meaning "look for the other of the two".
function looseAlternative(prim) {
  switch (typeof prim) {
    case 'undefined':
      return null;
    case 'object':
      return undefined;
    case 'symbol':
      return false;
    case 'string':
      return !Number.isNaN(+prim);
    case 'number':
      return !Number.isNaN(prim);
    default:
      return true;
  }
}

function setMayHaveLoosePrim(a, b, prim) {
  const alt = looseAlternative(prim);
  if (alt != null) return alt;
  return b.has(alt) && !a.has(alt);
}

function mapMayHaveLoosePrim(a, b, prim, item, memos) {
  const alt = looseAlternative(prim);
  if (alt != null) return alt;
  const inB = b.get(alt);
  if ((inB === undefined && !b.has(alt)) || !looseEqual(item, inB, memos)) return false;
  return !a.has(alt) && looseEqual(item, inB, memos);
}

// Finds and removes a candidate from `pending` (values of the first Set) equal to `value`.
function takeMatchingValue(pending, value, memos) {
  const keep = memos.keepFailures;
  memos.keepFailures = false;
  let found = false;
  for (const candidate of pending) {
    if (looseEqual(candidate, value, memos)) {
      pending.delete(candidate);
      found = true;
      break;
    }
  }
  memos.keepFailures = keep;
  return found;
}

function setsLooseEqual(a, b, memos) {
  let pending = null;
  for (const value of a) {
    if (b.has(value)) continue;
    if (!isObjectLike(value) && !setMayHaveLoosePrim(a, b, value)) return false;
    if (pending === null) {
      if (b.size === 1) return looseEqual(value, b.values().next().value, memos);
      pending = new Set();
    }
    pending.add(value);
  }
  if (pending === null) return true;
  for (const value of b) {
    if (!a.has(value) && !takeMatchingValue(pending, value, memos)) return false;
  }
  return pending.size === 0;
}

// Finds and removes a key of `pending` (keys of map `map`) whose entry equals (key, item).
function takeMatchingEntry(pending, map, key, item, memos) {
  const keep = memos.keepFailures;
  memos.keepFailures = false;
  let found = false;
  for (const candidate of pending) {
    if (looseEqual(candidate, key, memos) && looseEqual(map.get(candidate), item, memos)) {
      pending.delete(candidate);
      found = true;
      break;
    }
  }
  memos.keepFailures = keep;
  return found;
}

function mapsLooseEqual(a, b, memos) {
  let pending = null;
  for (const [key, item] of a) {
    if (isObjectLike(key)) {
      if (pending === null) {
        if (b.size === 1) {
          const [otherKey, otherItem] = b.entries().next().value;
          return looseEqual(key, otherKey, memos) && looseEqual(item, otherItem, memos);
        }
        pending = new Set();
      }
      pending.add(key);
    } else {
      const other = b.get(key);
      if ((other === undefined && !b.has(key)) || !looseEqual(item, other, memos)) {
        if (!mapMayHaveLoosePrim(a, b, key, item, memos)) return false;
        if (pending === null) pending = new Set();
        pending.add(key);
      }
    }
  }
  if (pending === null) return true;
  for (const [key, item] of b) {
    if (isObjectLike(key)) {
      if (!takeMatchingEntry(pending, a, key, item, memos)) return false;
    } else if ((!a.has(key) || !looseEqual(a.get(key), item, memos)) &&
               !takeMatchingEntry(pending, a, key, item, memos)) {
      return false;
    }
  }
  return pending.size === 0;
}

function isDeepEqual(a, b) {
  return looseEqual(a, b, undefined);
}

// ---------------------------------------------------------------------------------------------
// The assertions

const NO_EXCEPTION = {};

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

function innerOk(fn, argLen, value, message) {
  if (!value) {
    let generatedMessage = false;
    if (argLen === 0) {
      generatedMessage = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generatedMessage = true;
      message = require('internal/assert_source').falsyMessage(fn);
    } else if (message instanceof Error) {
      throw message;
    }
    const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function ok(...args) {
  innerOk(ok, args.length, ...args);
}

const assert = ok;
module.exports = assert;

let failWarned = false;
function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length;
  let internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!failWarned) {
      failWarned = true;
      if (typeof process !== 'undefined' && process && typeof process.emitWarning === 'function') {
        process.emitWarning('assert.fail() with more than one argument is deprecated. ' +
          'Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
      }
    }
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({
    actual,
    expected,
    operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail,
    message,
  });
  if (internalMessage) err.generatedMessage = true;
  throw err;
}

function equal(actual, expected, message) {
  if (arguments.length < 2) throw ERR_MISSING_ARGS('actual', 'expected');
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
}

function notEqual(actual, expected, message) {
  if (arguments.length < 2) throw ERR_MISSING_ARGS('actual', 'expected');
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
}

function deepEqual(actual, expected, message) {
  if (arguments.length < 2) throw ERR_MISSING_ARGS('actual', 'expected');
  if (!isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
  }
}

function notDeepEqual(actual, expected, message) {
  if (arguments.length < 2) throw ERR_MISSING_ARGS('actual', 'expected');
  if (isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
  }
}

function deepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw ERR_MISSING_ARGS('actual', 'expected');
  if (!isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
  }
}

function notDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw ERR_MISSING_ARGS('actual', 'expected');
  if (isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
  }
}

function strictEqual(actual, expected, message) {
  if (arguments.length < 2) throw ERR_MISSING_ARGS('actual', 'expected');
  if (!Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
  }
}

function notStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw ERR_MISSING_ARGS('actual', 'expected');
  if (Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
  }
}

// Holds the compared keys of a validation object (or of the error), for a readable diff.
class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (key in obj) {
        if (actual !== undefined && typeof actual[key] === 'string' && isRegExp(obj[key]) &&
            obj[key].exec(actual[key]) !== null) {
          this[key] = actual[key];
        } else {
          this[key] = obj[key];
        }
      }
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
    if (!message) {
      const err = new AssertionError({
        actual: new Comparison(actual, keys),
        expected: new Comparison(expected, keys, actual),
        operator: 'deepStrictEqual',
        stackStartFn: fn,
      });
      err.actual = actual;
      err.expected = expected;
      err.operator = fn.name;
      throw err;
    }
    innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
  }
}

// Checks a caught error against the `error` argument of throws()/rejects().
function checkExpectedError(actual, expected, message, fn) {
  let generatedMessage = false;
  let mismatch = false;

  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (expected.exec(str) !== null) return;
      if (!message) {
        generatedMessage = true;
        message = 'The input did not match the regular expression ' +
          `${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
      mismatch = true;
    } else if (!isObjectLike(actual)) {
      const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
      err.operator = fn.name;
      throw err;
    } else {
      // A validation object: every listed property must be deep-strict-equal (or match a RegExp).
      const keys = Object.keys(expected);
      if (expected instanceof Error) {
        keys.push('name', 'message');
      } else if (keys.length === 0) {
        throw ERR_INVALID_ARG_VALUE('error', expected, 'may not be an empty object');
      }
      for (const key of keys) {
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) &&
            expected[key].exec(actual[key]) !== null) {
          continue;
        }
        compareExceptionKey(actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Object.prototype.isPrototypeOf.call(Error, expected)) {
    // An Error class the error is not an instance of.
    if (!message) {
      generatedMessage = true;
      message = `The error is expected to be an instance of "${expected.name}". Received `;
      if (isError(actual)) {
        const name = (actual.constructor && actual.constructor.name) || actual.name;
        if (expected.name === name) {
          message += 'an error with identical name but a different prototype.';
        } else {
          message += `"${name}"`;
        }
        if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
      } else {
        message += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
    mismatch = true;
  } else {
    // A validation function: it must return true.
    const res = Reflect.apply(expected, {}, [actual]);
    if (res !== true) {
      if (!message) {
        generatedMessage = true;
        const name = expected.name ? `"${expected.name}" ` : '';
        message = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
        if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
      }
      mismatch = true;
    }
  }

  if (mismatch) {
    const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function getActual(fn) {
  validateFunction(fn, 'fn');
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

function isThenable(obj) {
  return isPromise(obj) || (isObjectLike(obj) && typeof obj.then === 'function' &&
    typeof obj.catch === 'function');
}

async function waitForActual(promiseFn) {
  let resultPromise;
  if (typeof promiseFn === 'function') {
    resultPromise = promiseFn();
    if (!isThenable(resultPromise)) {
      throw ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', resultPromise);
    }
  } else if (isThenable(promiseFn)) {
    resultPromise = promiseFn;
  } else {
    throw ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try {
    await resultPromise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

function expectsError(stackStartFn, actual, error, message) {
  if (typeof error === 'string') {
    if (arguments.length === 4) {
      throw ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
    }
    if (isObjectLike(actual)) {
      if (actual.message === error) {
        throw ERR_AMBIGUOUS_ARGUMENT('error/message', `The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw ERR_AMBIGUOUS_ARGUMENT('error/message', `The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
  }

  if (actual === NO_EXCEPTION) {
    let details = '';
    if (error && error.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : '.';
    const kind = stackStartFn === rejects ? 'rejection' : 'exception';
    innerFail({
      actual: undefined,
      expected: error,
      operator: stackStartFn.name,
      message: `Missing expected ${kind}${details}`,
      stackStartFn,
    });
  }
  if (!error) return;
  checkExpectedError(actual, error, message, stackStartFn);
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return expected.exec(String(actual)) !== null;
    throw ERR_INVALID_ARG_TYPE('expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.';
    const kind = stackStartFn === doesNotReject ? 'rejection' : 'exception';
    innerFail({
      actual,
      expected: error,
      operator: stackStartFn.name,
      message: `Got unwanted ${kind}${details}\nActual message: "${actual && actual.message}"`,
      stackStartFn,
    });
  }
  throw actual;
}

function throws(promiseFn, ...args) {
  expectsError(throws, getActual(promiseFn), ...args);
}

async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitForActual(promiseFn), ...args);
}

function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args);
}

async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await waitForActual(fn), ...args);
}

function ifError(err) {
  if (err !== null && err !== undefined) {
    let message = 'ifError got unwanted exception: ';
    if (typeof err === 'object' && typeof err.message === 'string') {
      if (err.message.length === 0 && err.constructor) message += err.constructor.name;
      else message += err.message;
    } else {
      message += inspect(err);
    }
    const newErr = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    // Append the original error's frames to the new error's stack, as Node does.
    const origStack = err.stack;
    if (typeof origStack === 'string' && typeof newErr.stack === 'string') {
      const origFrames = origStack.split('\n');
      origFrames.shift();
      const newFrames = newErr.stack.split('\n');
      for (const frame of origFrames) {
        const pos = newFrames.indexOf(frame);
        if (pos !== -1) {
          newFrames.splice(0, pos);
          break;
        }
      }
      const origPart = origFrames.join('\n');
      const newPart = newFrames.join('\n');
      try {
        newErr.stack = `${origPart}\n${newPart}`;
      } catch {}
    }
    throw newErr;
  }
}

function internalMatch(string, regexp, message, fn) {
  if (!isRegExp(regexp)) throw ERR_INVALID_ARG_TYPE('regexp', 'RegExp', regexp);
  const wantMatch = fn === match;
  if (typeof string !== 'string' || (regexp.exec(string) !== null) !== wantMatch) {
    if (message instanceof Error) throw message;
    const generatedMessage = !message;
    if (!message) {
      if (typeof string !== 'string') {
        message = 'The "string" argument must be of type string. Received type ' +
          `${typeof string} (${inspect(string)})`;
      } else {
        message = (wantMatch ? 'The input did not match the regular expression ' :
          'The input was expected to not match the regular expression ') +
          `${inspect(regexp)}. Input:\n\n${inspect(string)}\n`;
      }
    }
    const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

function match(string, regexp, message) {
  internalMatch(string, regexp, message, match);
}

function doesNotMatch(string, regexp, message) {
  internalMatch(string, regexp, message, doesNotMatch);
}

// ---------------------------------------------------------------------------------------------
// CallTracker (deprecated in Node, kept for compatibility)

function noop() {}

class CallTracker {
  #contexts = new Map();

  calls(fn, expected = 1) {
    if (typeof fn === 'number') {
      expected = fn;
      fn = noop;
    } else if (fn === undefined) {
      fn = noop;
    }
    validateUint32(expected, 'expected', true);
    const context = { exact: expected, actual: 0, name: fn.name || 'calls', stackTrace: new Error(), calls: [] };
    const tracked = new Proxy(fn, {
      apply(target, thisArg, argList) {
        context.actual++;
        context.calls.push({ thisArg, arguments: argList });
        return Reflect.apply(target, thisArg, argList);
      },
    });
    this.#contexts.set(tracked, context);
    return tracked;
  }

  #context(fn) {
    const context = this.#contexts.get(fn);
    if (context === undefined) {
      throw ERR_INVALID_ARG_VALUE('fn', fn, 'must be a tracked function');
    }
    return context;
  }

  getCalls(fn) {
    return this.#context(fn).calls.slice();
  }

  reset(fn) {
    if (fn === undefined) {
      for (const context of this.#contexts.values()) {
        context.actual = 0;
        context.calls = [];
      }
      return;
    }
    const context = this.#context(fn);
    context.actual = 0;
    context.calls = [];
  }

  report() {
    const errors = [];
    for (const context of this.#contexts.values()) {
      if (context.actual !== context.exact) {
        errors.push({
          message: `Expected the ${context.name} function to be executed ${context.exact} time(s) ` +
            `but was executed ${context.actual} time(s).`,
          actual: context.actual,
          expected: context.exact,
          operator: context.name,
          stack: context.stackTrace,
        });
      }
    }
    return errors;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) return;
    const message = errors.length === 1 ? errors[0].message :
      'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors });
  }
}

// ---------------------------------------------------------------------------------------------
// Exports

function strict(...args) {
  innerOk(strict, args.length, ...args);
}

const members = {
  fail,
  AssertionError,
  ok,
  equal,
  notEqual,
  deepEqual,
  notDeepEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  strictEqual,
  notStrictEqual,
  throws,
  rejects,
  doesNotThrow,
  doesNotReject,
  ifError,
  match,
  doesNotMatch,
  CallTracker,
};
Object.assign(assert, members);

assert.strict = Object.assign(strict, assert, {
  equal: strictEqual,
  deepEqual: deepStrictEqual,
  notEqual: notStrictEqual,
  notDeepEqual: notDeepStrictEqual,
});
assert.strict.strict = assert.strict;
