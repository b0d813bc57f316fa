// Test program for the 'assert' module: prints one line (or one message) per check.
// Note: a failing assert.ok() is called through eval so that node cannot read the call's
// source; its message is then `${inspect(value)} == true`, the form jsvm always uses.
'use strict';
const assert = require('assert');
const util = require('util');

function describe(err) {
  let s = `${err.name} ${err.code}`;
  if (err instanceof assert.AssertionError) {
    s += ` operator=${util.inspect(err.operator)} generatedMessage=${err.generatedMessage}`;
  }
  return s;
}
function check(label, fn) {
  try {
    fn();
    console.log(`${label}: ok`);
  } catch (err) {
    console.log(`${label}: ${describe(err)}`);
    console.log(err.message);
  }
}
async function checkAsync(label, fn) {
  try {
    await fn();
    console.log(`${label}: ok`);
  } catch (err) {
    console.log(`${label}: ${describe(err)}`);
    console.log(err.message);
  }
}
function show(label, value) {
  console.log(`${label}: ${util.inspect(value)}`);
}

// module shape
show('typeof assert', typeof assert);
show('keys', Object.keys(assert));
show('strict keys', Object.keys(assert.strict));
show('strict is strict.strict', assert.strict.strict === assert.strict);
show('strict.equal is strictEqual', assert.strict.equal === assert.strictEqual);
show('strict.deepEqual is deepStrictEqual', assert.strict.deepEqual === assert.deepStrictEqual);
show('strict.notEqual is notStrictEqual', assert.strict.notEqual === assert.notStrictEqual);
show('strict.notDeepEqual is notDeepStrictEqual', assert.strict.notDeepEqual === assert.notDeepStrictEqual);
show('assert.ok is assert', assert.ok === assert);
show('names', [assert.name, assert.strict.name, assert.AssertionError.name]);

// AssertionError
const ae = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
show('AssertionError keys', Object.keys(ae));
show('AssertionError fields', [ae.name, ae.code, ae.actual, ae.expected, ae.operator, ae.generatedMessage]);
show('AssertionError message', ae.message);
show('AssertionError toString', String(ae));
show('AssertionError instanceof Error', ae instanceof Error);
show('AssertionError own name', Object.prototype.hasOwnProperty.call(ae, 'name'));
show('AssertionError prototype', Object.getOwnPropertyNames(assert.AssertionError.prototype));
const ae2 = new assert.AssertionError({ message: 'custom' });
show('custom message', [ae2.message, ae2.generatedMessage, ae2.actual, ae2.expected, ae2.operator]);
show('message object', new assert.AssertionError({ message: { a: 1 } }).message);
show('unknown operator', new assert.AssertionError({ actual: 1, expected: 2, operator: '>' }).message);
show('no operator', new assert.AssertionError({ actual: 1, expected: 2 }).message);
check('no options', () => new assert.AssertionError());
check('options string', () => new assert.AssertionError('x'));

// ok
check('ok(true)', () => assert.ok(true));
check('ok(1)', () => assert(1));
check('ok(false)', () => eval('assert.ok(false)'));
check('assert(0)', () => eval('assert(0)'));
check('ok(null)', () => eval('assert.ok(null)'));
check('ok("")', () => eval('assert.ok("")'));
check('ok(NaN)', () => eval('assert(NaN)'));
check('ok(undefined)', () => eval('assert.ok(undefined)'));
check('ok()', () => assert.ok());
check('strict()', () => assert.strict());
check('ok with message', () => assert.ok(false, 'it was falsy'));
check('ok with Error message', () => assert.ok(0, new TypeError('my type error')));
try {
  eval('assert.ok(false)');
} catch (err) {
  show('ok fields', [err.actual, err.expected, err.operator, err.generatedMessage]);
}

// equal / notEqual
check('equal(1, 1)', () => assert.equal(1, 1));
check('equal(1, "1")', () => assert.equal(1, '1'));
check('equal(null, undefined)', () => assert.equal(null, undefined));
check('equal(NaN, NaN)', () => assert.equal(NaN, NaN));
check('equal(1, 2)', () => assert.equal(1, 2));
check('equal objects', () => assert.equal({ a: 1 }, { a: 1 }));
check('equal strings', () => assert.equal('hello', 'world'));
check('equal with message', () => assert.equal(1, 2, 'one is not two'));
check('equal missing argument', () => assert.equal(1));
check('notEqual(1, 2)', () => assert.notEqual(1, 2));
check('notEqual(1, "1")', () => assert.notEqual(1, '1'));
check('notEqual(NaN, NaN)', () => assert.notEqual(NaN, NaN));

// strictEqual / notStrictEqual
check('strictEqual(1, 1)', () => assert.strictEqual(1, 1));
check('strictEqual(NaN, NaN)', () => assert.strictEqual(NaN, NaN));
check('strictEqual(1, 2)', () => assert.strictEqual(1, 2));
check('strictEqual(1, "1")', () => assert.strictEqual(1, '1'));
check('strictEqual(0, -0)', () => assert.strictEqual(0, -0));
check('strictEqual(-0, 0)', () => assert.strictEqual(-0, 0));
check('strictEqual(null, undefined)', () => assert.strictEqual(null, undefined));
check('strictEqual short strings', () => assert.strictEqual('a\nb', 'a\nc'));
check('strictEqual strings', () => assert.strictEqual('hello world', 'hello there'));
check('strictEqual long strings', () => assert.strictEqual('x'.repeat(100), 'y'.repeat(100)));
check('strictEqual multiline strings', () => assert.strictEqual('line 1\nline 2\nline 3\n', 'line 1\nline two\nline 3\n'));
check('strictEqual objects same shape', () => assert.strictEqual({ a: 1 }, { a: 1 }));
check('strictEqual objects', () => assert.strictEqual({ a: 1 }, { a: 2 }));
check('strictEqual arrays', () => assert.strictEqual([1, 2], [1, 2]));
check('strictEqual functions', () => assert.strictEqual(function a() {}, function a() {}));
check('strictEqual with message', () => assert.strictEqual(1, 2, 'custom message'));
check('strictEqual with Error message', () => assert.strictEqual(1, 2, new RangeError('range')));
check('strictEqual missing argument', () => assert.strictEqual(1));
try {
  assert.strictEqual(1, 2);
} catch (err) {
  show('strictEqual fields', [err.actual, err.expected, err.operator, err.generatedMessage, err.code]);
}
check('notStrictEqual(1, 2)', () => assert.notStrictEqual(1, 2));
check('notStrictEqual(1, 1)', () => assert.notStrictEqual(1, 1));
check('notStrictEqual strings', () => assert.notStrictEqual('abcdefg', 'abcdefg'));
const same = { a: 1, b: [1, 2] };
check('notStrictEqual same object', () => assert.notStrictEqual(same, same));
check('notStrictEqual same small object', () => { const o = {}; assert.notStrictEqual(o, o); });

// deepEqual (loose)
check('deepEqual objects', () => assert.deepEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }));
check('deepEqual loose values', () => assert.deepEqual({ a: 1, b: '2' }, { a: '1', b: 2 }));
check('deepEqual prototypes ignored', () => assert.deepEqual(Object.create(null), {}));
check('deepEqual fails', () => assert.deepEqual({ a: 1 }, { a: 2 }));
check('deepEqual primitives', () => assert.deepEqual(1, 2));
check('deepEqual missing key', () => assert.deepEqual({ a: 1 }, { b: 1 }));
check('deepEqual arrays', () => assert.deepEqual([1, 2, 3], ['1', 2, 3]));
check('deepEqual array lengths', () => assert.deepEqual([1, 2, 3], [1, 2]));
check('deepEqual sparse', () => assert.deepEqual([1, , 3], [1, undefined, 3]));
check('deepEqual dates', () => assert.deepEqual(new Date(0), new Date(0)));
check('deepEqual dates differ', () => assert.deepEqual(new Date(0), new Date(1)));
check('deepEqual regexps', () => assert.deepEqual(/a/g, /a/g));
check('deepEqual regexps differ', () => assert.deepEqual(/a/g, /a/i));
check('deepEqual errors', () => assert.deepEqual(new Error('x'), new Error('x')));
check('deepEqual errors differ', () => assert.deepEqual(new Error('x'), new TypeError('x')));
check('deepEqual sets', () => assert.deepEqual(new Set([1, '2', { a: 1 }]), new Set(['1', 2, { a: '1' }])));
check('deepEqual sets differ', () => assert.deepEqual(new Set([1, 2]), new Set([1, 3])));
check('deepEqual maps', () => assert.deepEqual(new Map([[1, 'a'], [{}, 'b']]), new Map([['1', 'a'], [{}, 'b']])));
check('deepEqual maps differ', () => assert.deepEqual(new Map([[1, 'a']]), new Map([[1, 'b']])));
check('deepEqual typed arrays', () => assert.deepEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])));
check('deepEqual typed arrays differ', () => assert.deepEqual(new Uint8Array([1, 2]), new Int8Array([1, 2])));
check('deepEqual Float64Array -0', () => assert.deepEqual(new Float64Array([0]), new Float64Array([-0])));
check('deepEqual boxed', () => assert.deepEqual(new Number(1), new Number(1)));
check('deepEqual boxed vs primitive', () => assert.deepEqual(new String('a'), 'a'));
check('deepEqual null undefined', () => assert.deepEqual(null, undefined));
check('deepEqual array vs object', () => assert.deepEqual([], {}));
check('deepEqual symbols ignored', () => assert.deepEqual({ [Symbol('s')]: 1 }, {}));
const cycA = { name: 'x' };
cycA.self = cycA;
const cycB = { name: 'x' };
cycB.self = cycB;
check('deepEqual cycles', () => assert.deepEqual(cycA, cycB));
check('deepEqual long values', () => assert.deepEqual('a'.repeat(600), 'b'));
check('deepEqual with message', () => assert.deepEqual(1, 2, 'not deep equal'));
check('notDeepEqual', () => assert.notDeepEqual({ a: 1 }, { a: 2 }));
check('notDeepEqual fails', () => assert.notDeepEqual({ a: 1 }, { a: '1' }));
check('notDeepEqual same rendering', () => assert.notDeepEqual({ a: 1 }, { a: 1 }));
check('notDeepEqual primitives', () => assert.notDeepEqual(1, '1'));

// deepStrictEqual
check('deepStrictEqual equal', () => assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
check('deepStrictEqual simple', () => assert.deepStrictEqual({ a: 1, b: 2 }, { a: 1, b: 3 }));
check('deepStrictEqual loose values', () => assert.deepStrictEqual({ a: 1 }, { a: '1' }));
check('deepStrictEqual primitives', () => assert.deepStrictEqual(1, '1'));
check('deepStrictEqual strings', () => assert.deepStrictEqual('abc', 'abd'));
check('deepStrictEqual 0 -0', () => assert.deepStrictEqual(0, -0));
check('deepStrictEqual [0] [-0]', () => assert.deepStrictEqual([0], [-0]));
check('deepStrictEqual prototype', () => assert.deepStrictEqual(Object.create(null), {}));
check('deepStrictEqual nested', () => assert.deepStrictEqual({ a: { b: [1, 2, { c: 3 }] }, d: 'x' }, { a: { b: [1, 2, { c: 4 }] }, d: 'x' }));
check('deepStrictEqual arrays', () => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]));
check('deepStrictEqual extra element', () => assert.deepStrictEqual([1, 2, 3], [1, 2]));
check('deepStrictEqual missing element', () => assert.deepStrictEqual([1, 2], [1, 2, 3]));
check('deepStrictEqual long arrays', () => assert.deepStrictEqual(Array.from({ length: 100 }, (_, i) => i), Array.from({ length: 100 }, (_, i) => (i === 50 ? -1 : i))));
check('deepStrictEqual many differences', () => assert.deepStrictEqual(Array.from({ length: 80 }, (_, i) => i), Array.from({ length: 80 }, (_, i) => -i)));
check('deepStrictEqual maps', () => assert.deepStrictEqual(new Map([[1, 2]]), new Map([[1, 3]])));
check('deepStrictEqual sets', () => assert.deepStrictEqual(new Set([1, 2]), new Set([1, 3])));
check('deepStrictEqual same rendering', () => assert.deepStrictEqual({ a: Symbol('s') }, { a: Symbol('s') }));
check('deepStrictEqual dates', () => assert.deepStrictEqual(new Date(0), new Date(1)));
check('deepStrictEqual errors', () => assert.deepStrictEqual(new Error('a'), new Error('b')));
check('deepStrictEqual object vs array', () => assert.deepStrictEqual({ 0: 1, length: 1 }, [1]));
check('deepStrictEqual with message', () => assert.deepStrictEqual(1, 2, 'custom'));
check('deepStrictEqual object key order', () => assert.deepStrictEqual({ b: 1, a: 2 }, { a: 2, b: 1 }));
check('deepStrictEqual tail context', () => assert.deepStrictEqual({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 }, { a: 0, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 }));
check('deepStrictEqual middle', () => assert.deepStrictEqual({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12 }, { a: 1, b: 2, c: 3, d: 4, e: 5, f: 0, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12 }));
check('deepStrictEqual one-line strings with indicator', () => assert.deepStrictEqual('abcdefghijklmno', 'abcdefghijkXmno'));
check('notDeepStrictEqual', () => assert.notDeepStrictEqual({ a: 1 }, { a: '1' }));
check('notDeepStrictEqual fails', () => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));
check('notDeepStrictEqual primitives', () => assert.notDeepStrictEqual(1, 1));
check('notDeepStrictEqual long string', () => assert.notDeepStrictEqual('abcdef', 'abcdef'));

// throws
check('throws ok', () => assert.throws(() => { throw new Error('boom'); }));
check('throws missing', () => assert.throws(() => {}));
check('throws missing with message', () => assert.throws(() => {}, 'should throw'));
check('throws missing with class', () => assert.throws(() => {}, TypeError));
check('throws missing with class and message', () => assert.throws(() => {}, TypeError, 'should throw'));
check('throws missing with RegExp', () => assert.throws(() => {}, /x/));
check('throws class match', () => assert.throws(() => { throw new TypeError('boom'); }, TypeError));
check('throws base class match', () => assert.throws(() => { throw new TypeError('boom'); }, Error));
check('throws class mismatch', () => assert.throws(() => { throw new Error('boom'); }, TypeError));
check('throws class mismatch no message', () => assert.throws(() => { throw new RangeError(''); }, TypeError));
check('throws class mismatch non-error', () => assert.throws(() => { throw 'boom'; }, TypeError));
check('throws class mismatch same name', () => {
  class TypeError2 extends Error {}
  Object.defineProperty(TypeError2, 'name', { value: 'TypeError' });
  assert.throws(() => { throw new TypeError('boom'); }, TypeError2);
});
check('throws class mismatch custom message', () => assert.throws(() => { throw new Error('boom'); }, TypeError, 'wanted a TypeError'));
check('throws RegExp match', () => assert.throws(() => { throw new Error('boom'); }, /bo+m/));
check('throws RegExp mismatch', () => assert.throws(() => { throw new Error('boom'); }, /bang/));
check('throws RegExp mismatch message', () => assert.throws(() => { throw new Error('boom'); }, /bang/, 'custom'));
check('throws RegExp non-error', () => assert.throws(() => { throw 42; }, /43/));
check('throws object match', () => assert.throws(() => { throw new TypeError('boom'); }, { name: 'TypeError', message: 'boom' }));
check('throws object RegExp match', () => assert.throws(() => { throw new Error('boom'); }, { message: /oo/ }));
check('throws object mismatch', () => assert.throws(() => { throw new Error('boom'); }, { message: 'bang' }));
check('throws object several keys', () => assert.throws(() => { throw new TypeError('boom'); }, { message: 'boom', name: 'RangeError', code: undefined }));
check('throws object RegExp mismatch', () => assert.throws(() => { throw new Error('boom'); }, { message: /bang/ }));
check('throws object mixed RegExp', () => assert.throws(() => { throw new Error('boom'); }, { message: /oo/, name: 'TypeError' }));
check('throws object missing key', () => assert.throws(() => { throw new Error('boom'); }, { code: 'E_X' }));
check('throws object custom props', () => assert.throws(() => { const e = new Error('boom'); e.code = 'E_BOOM'; e.info = { n: 1 }; throw e; }, { code: 'E_BOOM', info: { n: 1 } }));
check('throws object custom props mismatch', () => assert.throws(() => { const e = new Error('boom'); e.info = { n: 1 }; throw e; }, { info: { n: 2 } }));
check('throws object non-object thrown', () => assert.throws(() => { throw 'str'; }, { message: 'str' }));
check('throws object with message', () => assert.throws(() => { throw new Error('boom'); }, { message: 'bang' }, 'custom'));
check('throws empty object', () => assert.throws(() => { throw new Error('boom'); }, {}));
check('throws error instance match', () => assert.throws(() => { throw new Error('boom'); }, new Error('boom')));
check('throws error instance mismatch', () => assert.throws(() => { throw new Error('boom'); }, new Error('bang')));
check('throws validation function true', () => assert.throws(() => { throw new Error('boom'); }, (e) => e.message === 'boom'));
check('throws validation function false', () => assert.throws(() => { throw new Error('boom'); }, (e) => false));
check('throws named validation function', () => assert.throws(() => { throw new Error('boom'); }, function validate() { return 1; }));
check('throws validation function non-error', () => assert.throws(() => { throw 5; }, function validate() { return undefined; }));
check('throws validation function throwing', () => assert.throws(() => { throw new Error('boom'); }, () => { throw new Error('from validator'); }));
check('throws not a function', () => assert.throws(5));
check('throws bad expected', () => assert.throws(() => { throw new Error('boom'); }, 5));
check('throws string and message', () => assert.throws(() => { throw new Error('boom'); }, 'a', 'b'));
check('throws ambiguous message', () => assert.throws(() => { throw new Error('boom'); }, 'boom'));
check('throws ambiguous primitive', () => assert.throws(() => { throw 'boom'; }, 'boom'));
check('throws string is message', () => assert.throws(() => { throw new Error('boom'); }, 'other'));
try {
  assert.throws(() => {});
} catch (err) {
  show('throws missing fields', [err.actual, err.expected, err.operator, err.generatedMessage]);
}
try {
  assert.throws(() => { throw new Error('boom'); }, { message: 'bang' });
} catch (err) {
  show('throws object fields', [err.actual.message, err.expected, err.operator, err.generatedMessage]);
}
try {
  assert.throws(() => { throw new Error('boom'); }, TypeError);
} catch (err) {
  show('throws class fields', [err.actual.message, err.expected === TypeError, err.operator, err.generatedMessage]);
}
const thrown = new Error('identity');
try {
  assert.throws(() => { throw thrown; }, () => false);
} catch (err) {
  show('throws keeps thrown error', err.actual === thrown);
}

// doesNotThrow
check('doesNotThrow ok', () => assert.doesNotThrow(() => {}));
check('doesNotThrow fails', () => assert.doesNotThrow(() => { throw new Error('boom'); }));
check('doesNotThrow fails with message', () => assert.doesNotThrow(() => { throw new Error('boom'); }, 'custom'));
check('doesNotThrow fails with class', () => assert.doesNotThrow(() => { throw new TypeError('boom'); }, TypeError));
check('doesNotThrow fails with class and message', () => assert.doesNotThrow(() => { throw new TypeError('boom'); }, TypeError, 'custom'));
check('doesNotThrow other class rethrows', () => assert.doesNotThrow(() => { throw new TypeError('boom'); }, RangeError));
check('doesNotThrow RegExp match', () => assert.doesNotThrow(() => { throw new TypeError('boom'); }, /boom/));
check('doesNotThrow RegExp no match rethrows', () => assert.doesNotThrow(() => { throw new TypeError('boom'); }, /bang/));
check('doesNotThrow validation function', () => assert.doesNotThrow(() => { throw new TypeError('boom'); }, () => true));
check('doesNotThrow non-error', () => assert.doesNotThrow(() => { throw 'str'; }));
check('doesNotThrow bad expected', () => assert.doesNotThrow(() => { throw new Error('boom'); }, {}));
check('doesNotThrow not a function', () => assert.doesNotThrow('x'));

// match / doesNotMatch
check('match ok', () => assert.match('hello', /ell/));
check('match fails', () => assert.match('hello', /xyz/));
check('match non-string', () => assert.match(123, /123/));
check('match non-RegExp', () => assert.match('x', 'x'));
check('match with message', () => assert.match('hello', /xyz/, 'custom'));
check('match with Error', () => assert.match('hello', /xyz/, new SyntaxError('syntax')));
check('doesNotMatch ok', () => assert.doesNotMatch('hello', /xyz/));
check('doesNotMatch fails', () => assert.doesNotMatch('hello', /ell/));
check('doesNotMatch non-string', () => assert.doesNotMatch(undefined, /x/));
try {
  assert.match('abc', /x/);
} catch (err) {
  show('match fields', [err.actual, err.expected, err.operator, err.generatedMessage]);
}

// fail
check('fail()', () => assert.fail());
check('fail(message)', () => assert.fail('boom'));
check('fail(Error)', () => assert.fail(new TypeError('type')));
check('fail(a, b)', () => assert.fail(1, 2));
check('fail(a, b, message)', () => assert.fail(1, 2, 'msg'));
check('fail(a, b, undefined, op)', () => assert.fail(1, 2, undefined, '>'));
try {
  assert.fail();
} catch (err) {
  show('fail fields', [err.actual, err.expected, err.operator, err.generatedMessage]);
}

// ifError
check('ifError(null)', () => assert.ifError(null));
check('ifError(undefined)', () => assert.ifError(undefined));
check('ifError(Error)', () => assert.ifError(new Error('boom')));
check('ifError(empty message)', () => assert.ifError(new TypeError('')));
check('ifError(string)', () => assert.ifError('x'));
check('ifError(0)', () => assert.ifError(0));
check('ifError(false)', () => assert.ifError(false));
check('ifError(object)', () => assert.ifError({ message: 5 }));
const iferr = new Error('original');
try {
  assert.ifError(iferr);
} catch (err) {
  show('ifError fields', [err.actual === iferr, err.expected, err.operator, err.generatedMessage]);
}

// strict mode assert
const strict = assert.strict;
check('strict.equal', () => strict.equal(1, '1'));
check('strict.deepEqual', () => strict.deepEqual({ a: 1 }, { a: '1' }));
check('strict.notEqual', () => strict.notEqual(1, 1));
check('strict.notDeepEqual', () => strict.notDeepEqual({ a: 1 }, { a: 1 }));
check('strict ok', () => eval('strict(false)'));

// CallTracker
const tracker = new assert.CallTracker();
const tracked = tracker.calls(function work(x) { return x * 2; }, 2);
show('tracked call', tracked(21));
show('getCalls', tracker.getCalls(tracked).map((c) => c.arguments));
const report = tracker.report();
show('report', report.map((r) => [r.message, r.actual, r.expected, r.operator]));
check('verify', () => tracker.verify());
tracked(1);
check('verify after calls', () => tracker.verify());

// async
(async () => {
  await checkAsync('rejects ok', () => assert.rejects(Promise.reject(new Error('no')), /no/));
  await checkAsync('rejects async function', () => assert.rejects(async () => { throw new TypeError('bad'); }, TypeError));
  await checkAsync('rejects missing', () => assert.rejects(Promise.resolve(1)));
  await checkAsync('rejects missing from function', () => assert.rejects(async () => 1));
  await checkAsync('rejects missing with message', () => assert.rejects(Promise.resolve(1), 'should reject'));
  await checkAsync('rejects class mismatch', () => assert.rejects(Promise.reject(new Error('x')), TypeError));
  await checkAsync('rejects object mismatch', () => assert.rejects(Promise.reject(new Error('x')), { message: 'y' }));
  await checkAsync('rejects validation function', () => assert.rejects(Promise.reject(new Error('x')), () => false));
  await checkAsync('rejects not a promise', () => assert.rejects(5));
  await checkAsync('rejects function not returning a promise', () => assert.rejects(() => 5));
  await checkAsync('rejects function throwing', () => assert.rejects(() => { throw new Error('sync'); }));
  await checkAsync('rejects thenable', () => assert.rejects({ then(res, rej) { rej(new Error('thenable')); }, catch() {} }, /thenable/));
  await checkAsync('doesNotReject ok', () => assert.doesNotReject(Promise.resolve(1)));
  await checkAsync('doesNotReject function', () => assert.doesNotReject(async () => 1));
  await checkAsync('doesNotReject fails', () => assert.doesNotReject(Promise.reject(new Error('boom'))));
  await checkAsync('doesNotReject fails with message', () => assert.doesNotReject(Promise.reject(new Error('boom')), 'custom'));
  await checkAsync('doesNotReject other class', () => assert.doesNotReject(Promise.reject(new TypeError('boom')), RangeError));
  await checkAsync('doesNotReject bad argument', () => assert.doesNotReject('x'));
  const p = assert.rejects(Promise.reject(new Error('x')));
  show('rejects returns a promise', p instanceof Promise);
  await p;
  console.log('done');
})();
