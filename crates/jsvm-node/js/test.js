// `node:test` (only with the `node:` prefix, as in Node): the test runner for a file run
// directly. Tests run one at a time in the order they were made (subtests after their parent's
// function, each awaited), with before/after/beforeEach/afterEach hooks, skip/todo/only, a
// timeout, and `mock.fn`/`mock.method`; results are reported in Node 20's TAP format to
// standard output, and a failure sets the exit code to 1. Written from Node's documentation
// and output (js/internal/test_tap.js formats a result).
'use strict';
const process = require('process'); // Node's, even where a program deleted the global
const { setTimeout, clearTimeout, setImmediate } = binding.timers; // the host's: fake timers replace the globals and timers' exports

const { TapReporter } = require('internal/test_tap');
const { SpecReporter, reporterFlag } = require('internal/test_spec');
const { MockTracker } = require('internal/test_mock');
const { codes, makeError } = require('internal/errors');

const kIndent = '    ';
// Times in nanoseconds (bigint), durations in milliseconds from them, as Node's runner counts
// (so a duration prints as Node's do: whole nanoseconds, no binary fraction noise).
const now = () => process.hrtime.bigint();
const since = (start) => Number(now() - start) / 1e6;
// In a file run by `jsvm --test` (js/internal/test_files.js), each report line is marked so
// the runner can tell it from the file's own output.
const kMarker = '\u001bjsvm-test:';

// Reports go out from the loop's next check phase, as Node's reporter stream delivers them a
// little after the events: a test's own console output interleaves with them as in Node.
let pendingOutput = '';
function write(text) {
  if (binding.testChild) text = text.replace(/^(?=.)/gm, kMarker);
  if (pendingOutput === '') setImmediate(flush);
  pendingOutput += text;
}
function flush() {
  const text = pendingOutput;
  pendingOutput = '';
  if (text !== '') process.stdout.write(text);
}

// Node's choice: `--test-reporter=NAME` (tap or spec), else spec on a terminal and TAP
// otherwise; a file run by `jsvm --test` reports in the runner's format, for it to merge.
function chooseReporter() {
  const name = binding.testChild ? binding.testChildReporter : reporterFlag();
  if (name === 'spec') {
    const colors = !binding.testChild && !!process.stdout.isTTY &&
      typeof process.stdout.hasColors === 'function' && process.stdout.hasColors();
    return new SpecReporter(write, colors, binding.testChild);
  }
  if (name !== 'tap') {
    process.emitWarning(`jsvm's node:test has the tap and spec reporters only, not '${name}': using tap`);
  }
  return new TapReporter(write);
}
let reporterInstance = null;
function reporter() {
  if (reporterInstance === null) reporterInstance = chooseReporter();
  return reporterInstance;
}

// Where a test was made: the first frame of its caller outside this module.
function callerLocation() {
  const stack = new Error().stack || '';
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:\/|file:\/\/|[A-Za-z]:\\)[^()]*?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (m && !m[1].startsWith('node:')) {
      // A module's URL is given as its path, as Node's runner does.
      const file = m[1].startsWith('file://') ? require('url').fileURLToPath(m[1]) : m[1];
      return `${file}:${m[2]}:${m[3]}`;
    }
  }
  return undefined;
}

// test(name?, options?, fn?) in any of its shapes.
function parseArgs(args) {
  let [name, options, fn] = args;
  if (typeof name === 'function') {
    fn = name; options = {}; name = fn.name;
  } else if (name !== null && typeof name === 'object') {
    fn = options; options = name; name = typeof fn === 'function' ? fn.name : undefined;
  } else if (typeof options === 'function') {
    fn = options; options = {};
  }
  if (options === undefined || options === null) options = {};
  if (typeof name !== 'string' || name === '') name = '<anonymous>';
  if (typeof fn !== 'function') fn = () => {};
  return { name, options, fn };
}

class TestFailure extends Error {
  // `internal`: a failure of the runner's own (timeout, cancel), shown without a stack.
  constructor(cause, failureType, internal = false) {
    super(cause && typeof cause === 'object' && 'message' in cause ? cause.message : String(cause));
    this.code = 'ERR_TEST_FAILURE';
    this.failureType = failureType;
    this.cause = cause;
    this.internal = internal;
  }
}

const counts = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };

class Test {
  constructor(parent, name, options, fn, isSuite, location) {
    this.parent = parent;
    this.name = name;
    this.fn = fn;
    this.isSuite = isSuite;
    this.location = location;
    this.nesting = parent === null ? -1 : parent.nesting + 1;
    this.subtests = [];
    this.queue = [];
    this.running = false;
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
    this.skip = options.skip !== undefined && options.skip !== false ? options.skip : false;
    this.todo = options.todo !== undefined && options.todo !== false ? options.todo : false;
    this.timeout = typeof options.timeout === 'number' ? options.timeout : Infinity;
    this.error = null;
    this.diagnostics = [];
    this.started = false;
    this.finished = false;
    this.mock = null;
    this.reportedNumber = 0;
    if (options.only && parent !== null) {
      this.diagnostics.push("'only' and 'runOnly' require the --test-only command-line option.");
    }
    let resolve;
    this.done = new Promise((r) => { resolve = r; });
    this.resolveDone = resolve;
  }

  indent() {
    return kIndent.repeat(Math.max(this.nesting, 0));
  }

  // Queues a subtest; it runs when the ones before it have.
  addSubtest(test) {
    test.number = this.subtests.length + 1;
    this.subtests.push(test);
    this.queue.push(test);
    this.drain();
    return test.done;
  }

  async drain() {
    if (this.running || !this.accepting()) return;
    this.running = true;
    while (this.queue.length > 0) {
      const next = this.queue.shift();
      await next.run();
    }
    this.running = false;
    if (this.onDrained) this.onDrained();
  }

  accepting() {
    return this.started;
  }

  fail(cause, failureType, internal) {
    if (this.error === null) this.error = cause instanceof TestFailure ? cause : new TestFailure(cause, failureType, internal);
  }

  allHooks(kind) {
    // beforeEach runs outermost first, afterEach innermost first.
    const chain = [];
    for (let t = this.parent; t !== null; t = t.parent) chain.unshift(t);
    const hooks = [];
    for (const t of chain) hooks.push(...t.hooks[kind]);
    return kind === 'afterEach' ? hooks.reverse() : hooks;
  }

  async runHooks(hooks, context) {
    for (const hook of hooks) {
      await callWithTimeout(hook.fn, context, hook.timeout, hook.fn.length >= 2);
    }
  }

  async run() {
    this.started = true;
    reporter().start(this);
    const start = now();
    this.startTime = start;
    if (this.skip === false && (this.parent === null || !this.parent.cancelChildren)) {
      const context = this.isSuite ? new SuiteContext(this) : new TestContext(this);
      let hooksOk = true;
      try {
        if (!this.isSuite) await this.runHooks(this.allHooks('beforeEach'), context);
      } catch (e) {
        hooksOk = false;
        this.fail(e, 'hookFailed');
      }
      if (hooksOk) {
        try {
          if (this.isSuite) {
            if (this.buildError) throw this.buildError;
            await this.runHooks(this.hooks.before, context);
          } else {
            await callWithTimeout(this.fn, context, this.timeout, this.fn.length >= 2);
          }
        } catch (e) {
          if (e instanceof TestFailure) this.fail(e);
          else this.fail(e, this.isSuite && !this.buildError ? 'hookFailed' : 'testCodeFailure');
        }
        if (this.isSuite && this.error !== null) this.cancelChildren = true;
        await this.runSubtests();
        this.checkPlan();
        try {
          if (this.isSuite) await this.runHooks(this.hooks.after, context);
          else await this.runHooks(this.hooks.after, context);
        } catch (e) {
          this.fail(e, 'hookFailed');
        }
        try {
          if (!this.isSuite) await this.runHooks(this.allHooks('afterEach'), context);
        } catch (e) {
          this.fail(e, 'hookFailed');
        }
      }
      if (this.mock !== null) this.mock.restoreAll();
    }
    this.duration = since(start);
    if (this.parent !== null && this.parent.cancelChildren && this.skip === false && !this.isSuite && this.error === null) {
      this.duration = 0;
      this.fail(new Error('test did not finish before its parent and was cancelled'), 'cancelledByParent', true);
    }
    const failedSubtests = this.subtests.filter((t) => t.failed()).length;
    if (this.error === null && failedSubtests > 0) {
      this.fail(new Error(`${failedSubtests} subtest${failedSubtests === 1 ? '' : 's'} failed`), 'subtestsFailed', true);
    }
    this.finish();
  }

  async runSubtests() {
    if (this.queue.length === 0 && !this.running) return;
    await new Promise((resolve) => {
      this.onDrained = resolve;
      this.drain();
      if (!this.running && this.queue.length === 0) resolve();
    });
    this.onDrained = null;
  }

  // t.plan(n): the test's t.assert calls and subtests must come to n.
  checkPlan() {
    if (this.plan === undefined || this.error !== null) return;
    const actual = this.planned + this.subtests.length;
    if (actual !== this.plan) {
      this.fail(new Error(`plan expected ${this.plan} assertions but received ${actual}`), 'testCodeFailure', true);
    }
  }

  failed() {
    return this.error !== null && this.todo === false;
  }

  finish() {
    // (A test cancelled when the loop emptied may still have its function's promise settle.)
    if (this.finished) return;
    this.finished = true;
    if (this.isSuite) counts.suites++;
    else counts.tests++;
    if (!this.isSuite) {
      if (this.error !== null && (this.error.failureType === 'testTimeoutFailure' ||
          this.error.failureType === 'cancelledByParent')) counts.cancelled++;
      else if (this.skip !== false) counts.skipped++;
      else if (this.todo !== false) counts.todo++;
      else if (this.error !== null) counts.fail++;
      else counts.pass++;
    }
    reporter().end(this);
    if (this.error !== null && this.todo === false) process.exitCode = 1;
    this.resolveDone();
  }
}

// The root: top-level tests, run once the main program has finished; the summary is printed
// when the loop has nothing else to do.
class Root extends Test {
  constructor() {
    super(null, '<root>', {}, null, false, undefined);
    this.startTime = now();
    this.reported = false;
    setImmediate(async () => {
      this.started = true;
      reporter().begin();
      try {
        await this.runHooks(this.hooks.before, undefined);
      } catch (e) {
        this.diagnostics.push(`Error: ${e && e.message}`);
        process.exitCode = 1;
      }
      this.drain();
    });
    process.on('beforeExit', () => this.report());
  }

  report() {
    if (this.reported) return;
    // The loop has nothing left to do but tests are still waiting (a promise that never
    // settles): they and the tests after them are cancelled, as in Node.
    if (this.running || this.queue.length > 0) cancelPending(this);
    this.reported = true;
    for (const hook of this.hooks.after) {
      try {
        hook.fn();
      } catch (e) {
        this.diagnostics.push(`Error: ${e && e.message}`);
        process.exitCode = 1;
      }
    }
    reporter().summary(this, counts, since(this.startTime));
    flush();
  }
}

const kStillPending = 'Promise resolution is still pending but the event loop has already resolved';

function cancelPending(parent) {
  for (const t of parent.subtests) {
    if (t.finished) continue;
    const waiting = !t.started;
    if (waiting) {
      t.started = true;
      reporter().start(t);
    }
    cancelPending(t);
    t.duration = waiting ? 0 : since(t.startTime);
    if (t.error === null) t.error = new TestFailure(new Error(kStillPending), 'cancelledByParent');
    t.finish();
  }
  parent.queue.length = 0;
  parent.running = false;
}

let root = null;
function getRoot() {
  if (root === null) root = new Root();
  return root;
}

// The test or suite code is currently inside (a suite's function runs when it is made).
let building = null;

function callWithTimeout(fn, context, timeout, withDone) {
  return new Promise((resolve, reject) => {
    let timer;
    if (timeout !== undefined && timeout !== Infinity) {
      timer = setTimeout(() => reject(new TestFailure(new Error(`test timed out after ${timeout}ms`),
        'testTimeoutFailure', true)), timeout);
    }
    const settle = (err) => {
      if (timer !== undefined) clearTimeout(timer);
      if (err !== undefined) reject(err);
      else resolve();
    };
    try {
      if (withDone) {
        let called = false;
        const result = fn.call(context, context, (err) => {
          if (called) return;
          called = true;
          settle(err ? err : undefined);
        });
        if (result && typeof result.then === 'function') {
          settle(new Error('passed a callback but also returned a Promise'));
        }
      } else {
        const result = fn.call(context, context);
        if (result && typeof result.then === 'function') result.then(() => settle(), (e) => settle(e === undefined ? new Error('undefined') : e));
        else settle();
      }
    } catch (e) {
      settle(e === undefined ? new Error('undefined') : e);
    }
  });
}

function makeHook(kind) {
  // Anonymous, as Node's hooks (their `name` is '').
  return function (fn, options = {}) {
    const owner = building !== null ? building : getRoot();
    owner.hooks[kind].push({ fn, timeout: options.timeout });
  };
}

const kAssertNames = ['deepEqual', 'deepStrictEqual', 'doesNotMatch', 'doesNotReject', 'doesNotThrow',
  'equal', 'fail', 'ifError', 'match', 'notDeepEqual', 'notDeepStrictEqual', 'notEqual',
  'notStrictEqual', 'rejects', 'strictEqual', 'throws', 'ok'];

class TestContext {
  #test;
  constructor(test) {
    this.#test = test;
  }
  get name() { return this.#test.name; }
  get signal() {
    if (!this._controller) this._controller = new AbortController();
    return this._controller.signal;
  }
  get mock() {
    if (this.#test.mock === null) this.#test.mock = new MockTracker();
    return this.#test.mock;
  }
  diagnostic(message) {
    this.#test.diagnostics.push(String(message));
  }
  plan(count) {
    if (typeof count !== 'number') throw codes.ERR_INVALID_ARG_TYPE('count', 'number', count);
    if (!Number.isInteger(count) || count < 1) throw codes.ERR_OUT_OF_RANGE('count', '>= 1', count);
    if (this.#test.plan !== undefined) {
      throw makeError(Error, 'ERR_TEST_FAILURE', 'cannot set plan more than once');
    }
    this.#test.plan = count;
    this.#test.planned = 0;
  }
  // assert's functions, each counted for t.plan.
  get assert() {
    if (this._assert === undefined) {
      const test = this.#test;
      const assert = require('assert');
      this._assert = {};
      for (const name of kAssertNames) {
        this._assert[name] = function (...args) {
          if (test.plan !== undefined) test.planned++;
          return Reflect.apply(assert[name], this, args);
        };
      }
    }
    return this._assert;
  }
  skip(message) {
    this.#test.skip = message === undefined ? true : String(message);
  }
  todo(message) {
    this.#test.todo = message === undefined ? true : String(message);
  }
  runOnly() {}
  before(fn, options) { this.#test.hooks.before.push({ fn, timeout: options && options.timeout }); }
  after(fn, options) { this.#test.hooks.after.push({ fn, timeout: options && options.timeout }); }
  beforeEach(fn, options) { this.#test.hooks.beforeEach.push({ fn, timeout: options && options.timeout }); }
  afterEach(fn, options) { this.#test.hooks.afterEach.push({ fn, timeout: options && options.timeout }); }
  test(...args) {
    const { name, options, fn } = parseArgs(args);
    const parent = this.#test;
    return parent.addSubtest(new Test(parent, name, options, fn, false, callerLocation()));
  }
}

class SuiteContext {
  #suite;
  constructor(suite) {
    this.#suite = suite;
  }
  get name() { return this.#suite.name; }
  get signal() {
    if (!this._controller) this._controller = new AbortController();
    return this._controller.signal;
  }
}

function makeTest(isSuite, extra) {
  return function (...args) {
    const { name, options, fn } = parseArgs(args);
    Object.assign(options, extra);
    const parent = building !== null ? building : getRoot();
    const t = new Test(parent, name, options, fn, isSuite, callerLocation());
    if (isSuite) {
      // A suite's function runs now, to collect its tests and hooks.
      const outer = building;
      building = t;
      try {
        if (t.skip === false) {
          const result = fn.call(new SuiteContext(t), new SuiteContext(t));
          if (result && typeof result.then === 'function') result.then(undefined, (e) => { t.buildError = e; });
        }
      } catch (e) {
        t.buildError = e;
      } finally {
        building = outer;
      }
    }
    const done = parent.addSubtest(t);
    return isSuite ? done : done;
  };
}

function withVariants(base, isSuite) {
  const f = makeTest(isSuite, {});
  f.skip = makeTest(isSuite, { skip: true });
  f.todo = makeTest(isSuite, { todo: true });
  f.only = makeTest(isSuite, { only: true });
  return f;
}

const test = withVariants(null, false);
const describe = withVariants(null, true);
// Node names test and describe 'test'; here they stay anonymous: a caller's frame is placed by
// the callee's name in the calling line (docs/design.md, "Columns"), which `it(`/`describe(`
// calls would not match.

let mock = null;
Object.defineProperty(test, 'mock', {
  get() {
    if (mock === null) mock = new MockTracker();
    return mock;
  },
  enumerable: true, configurable: true,
});
test.test = test;
test.describe = describe;
test.suite = describe;
// As in Node 20, `it` is `test` itself (so `it.describe`, `it.mock`, ... are there too).
test.it = test;
test.before = makeHook('before');
test.after = makeHook('after');
test.beforeEach = makeHook('beforeEach');
test.afterEach = makeHook('afterEach');
test.run = function run() {
  throw makeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED',
    'The run() method is not implemented');
};

module.exports = test;
