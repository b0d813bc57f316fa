'use strict';
// Our own minimal stand-in for Node's test/common, written for jsvm from what
// Node's vm tests use (not a copy of Node's implementation). It works under
// both `node` and `jsvm`, so the runner can compare the two.

const assert = require('assert');
const util = require('util');

const isWindows = process.platform === 'win32';

// --- call counting, checked when the process exits -------------------------

const pending = [];   // { name, exact | min, count, where }
let skipped = false;

function where() {
  const stack = new Error().stack || '';
  // Frame 0 is "Error", 1 is this helper, 2 is mustCall*/…, 3 is the caller.
  const lines = stack.split('\n').slice(3, 4);
  return lines.length ? lines[0].trim() : '(unknown)';
}

function track(fn, entry) {
  if (typeof fn !== 'function') fn = () => {};
  pending.push(entry);
  const wrapped = function(...args) {
    entry.count++;
    return fn.apply(this, args);
  };
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  return wrapped;
}

function mustCall(fn, exact) {
  if (typeof fn === 'number') { exact = fn; fn = undefined; }
  if (exact === undefined) exact = 1;
  return track(fn, { name: fn && fn.name, exact, count: 0, where: where() });
}

function mustCallAtLeast(fn, min) {
  if (typeof fn === 'number') { min = fn; fn = undefined; }
  if (min === undefined) min = 1;
  return track(fn, { name: fn && fn.name, min, count: 0, where: where() });
}

function mustNotCall(msg) {
  const at = where();
  return function mustNotCall(...args) {
    const shown = args.map((a) => util.inspect(a)).join(', ');
    assert.fail(`${msg || 'function should not have been called'} at ${at}` +
                (shown ? `\ncalled with arguments: ${shown}` : ''));
  };
}

function mustSucceed(fn, exact) {
  return mustCall(function(err, ...rest) {
    assert.ifError(err);
    if (typeof fn === 'function') return fn.apply(this, rest);
  }, exact);
}

process.on('exit', (code) => {
  // A test that already fails keeps its own error; don't add noise.
  if (code !== 0 || skipped) return;
  const bad = pending.filter((e) =>
    (e.exact !== undefined && e.count !== e.exact) ||
    (e.min !== undefined && e.count < e.min));
  if (bad.length === 0) return;
  for (const e of bad) {
    const want = e.exact !== undefined ? `exactly ${e.exact}` : `at least ${e.min}`;
    process.stderr.write(`Mismatched ${e.name || '<anonymous>'} function calls. ` +
                         `Expected ${want}, actual ${e.count}.\n    ${e.where}\n`);
  }
  process.exitCode = 1;
  // `exit` listeners cannot change the exit code in every runtime: be explicit.
  process.exit(1);
});

// --- errors -----------------------------------------------------------------

// expectsError(settings) returns a validator for assert.throws / callbacks;
// expectsError(fn, settings) (the older form) runs fn and checks it throws.
function checkError(err, settings) {
  if (typeof settings === 'function') {
    assert(err instanceof settings, `expected ${settings.name}, got ${err}`);
    return true;
  }
  if (!settings) return true;
  const { type, ...rest } = settings;
  if (type !== undefined) {
    assert(err instanceof type,
           `expected error of type ${type.name}, got ${util.inspect(err)}`);
  }
  for (const [key, want] of Object.entries(rest)) {
    const got = err[key];
    if (want instanceof RegExp && typeof got === 'string') {
      assert.match(got, want, `error.${key}`);
    } else {
      assert.deepStrictEqual(got, want, `error.${key}`);
    }
  }
  return true;
}

function expectsError(fn, settings) {
  if (typeof fn !== 'function') {
    // Validator form: expectsError(settings[, exact]).
    const s = fn;
    return mustCall((err) => checkError(err, s), settings === undefined ? 1 : settings);
  }
  // Old form: expectsError(fn, settings).
  let threw = false;
  try {
    fn();
  } catch (err) {
    threw = true;
    checkError(err, settings);
  }
  assert(threw, 'expected the function to throw');
}

// The tail Node's ERR_INVALID_ARG_TYPE messages append: " Received ...".
function invalidArgTypeHelper(input) {
  if (input == null) return ` Received ${input}`;
  if (typeof input === 'function' && input.name) {
    return ` Received function ${input.name}`;
  }
  if (typeof input === 'object') {
    if (input.constructor && input.constructor.name) {
      return ` Received an instance of ${input.constructor.name}`;
    }
    return ` Received ${util.inspect(input, { depth: -1 })}`;
  }
  let shown = util.inspect(input, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof input} (${shown})`;
}

// --- warnings ---------------------------------------------------------------

// expectWarning(name, message[, code]) or expectWarning({ Name: [[msg, code], ...] }).
function expectWarning(nameOrMap, message, code) {
  let expected;
  if (typeof nameOrMap === 'string') {
    expected = { [nameOrMap]: [[message, code]] };
  } else {
    expected = {};
    for (const [name, list] of Object.entries(nameOrMap)) {
      if (typeof list === 'string') expected[name] = [[list]];
      else if (Array.isArray(list) && typeof list[0] === 'string') expected[name] = [list];
      else expected[name] = list;
    }
  }
  const total = Object.values(expected).reduce((n, l) => n + l.length, 0);
  process.on('warning', mustCall((warning) => {
    const list = expected[warning.name];
    assert(list && list.length, `unexpected warning ${warning.name}: ${warning.message}`);
    const [msg, wcode] = list.shift();
    if (msg instanceof RegExp) assert.match(warning.message, msg);
    else if (msg !== undefined) assert.strictEqual(warning.message, msg);
    if (wcode !== undefined) assert.strictEqual(warning.code, wcode);
  }, total));
}

// --- misc -------------------------------------------------------------------

function platformTimeout(ms) {
  return ms;
}

function skip(msg) {
  skipped = true;
  process.stdout.write(`1..0 # Skipped: ${msg}\n`);
  process.exit(0);
}

function allowGlobals(...globals) {
  // Node's harness checks for leaked globals; we do not, so nothing to record.
  return globals;
}

function spawnPromisified(...args) {
  const { spawn } = require('child_process');
  let stderr = '';
  let stdout = '';
  const child = spawn(...args);
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => { stdout += d; });
  return new Promise((resolve, reject) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout }));
    child.on('error', (code, signal) => reject({ code, signal, stderr, stdout }));
  });
}

function getCallSite(top) {
  return where();
}

module.exports = {
  isWindows,
  isLinux: process.platform === 'linux',
  isMacOS: process.platform === 'darwin',
  mustCall,
  mustCallAtLeast,
  mustNotCall,
  mustSucceed,
  expectsError,
  invalidArgTypeHelper,
  expectWarning,
  platformTimeout,
  skip,
  allowGlobals,
  spawnPromisified,
  getCallSite,
  globalCheck: true,
};
