// node:test's spec reporter (Node 20's format, the default on a terminal): a line per test
// (`✔`, `✖`, `﹣` for a skipped one) with its duration, a `▶` heading before the subtests of a
// test or suite, a failure's error inspected below its line, `ℹ` diagnostics and summary, and
// the failing tests listed again at the end. Colours only on a terminal that has them.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const path = require('path');

const kPass = '\u2714';
const kFail = '\u2716';
const kSkip = '\ufe63';
const kInfo = '\u2139';
const kHeading = '\u25b6';

// Node's runner gets a file's errors through its serializer, which remakes an error of a
// builtin class other than Error (the first in its prototype chain) with that class and the
// tag 'Error': util.inspect then shows `RangeError [Error]: message`. The same for a file's
// spec report merged by `jsvm --test`.
const kRemade = ['EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];
function asSerialized(error, shown) {
  if (error === null || typeof error !== 'object' || Object.prototype.toString.call(error) !== '[object Error]') return shown;
  let builtin;
  for (let p = Object.getPrototypeOf(error); p !== null && builtin === undefined; p = Object.getPrototypeOf(p)) {
    const ctor = Object.prototype.hasOwnProperty.call(p, 'constructor') ? p.constructor : undefined;
    const name = typeof ctor === 'function' ? ctor.name : undefined;
    if (name === 'Error' || kRemade.includes(name)) builtin = name;
  }
  if (builtin === undefined || builtin === 'Error') return shown;
  // The remade error's header is its stack's (the name it had when made).
  let stack;
  try { stack = String(error.stack); } catch { return shown; }
  const name = /^[^:\n]*/.exec(stack)[0];
  if (!name.endsWith('Error')) return shown;
  const cut = shown.search(/[:\n]/);
  return `${name} [Error]${cut < 0 ? '' : shown.slice(cut)}`;
}

class SpecReporter {
  // `child`: a file run by `jsvm --test` (internal/test_files.js), which merges the files'
  // reports: its summary is given as `# name count` lines, its failing tests as lines starting
  // with `!` (`!!` before each).
  constructor(write, colors, child = false) {
    this.write = write;
    this.colors = colors;
    this.child = child;
    this.failures = [];
    this.announced = new Set();
  }

  color(code, text) {
    return this.colors ? `\x1b[${code}m${text}\x1b[39m` : text;
  }

  begin() {}

  // A test's heading is printed before its first subtest starts (the tests above it first).
  start(test) {
    const parent = test.parent;
    if (parent !== null && parent.parent !== null) this.announce(parent);
  }

  announce(test) {
    if (this.announced.has(test)) return;
    if (test.parent !== null && test.parent.parent !== null) this.announce(test.parent);
    this.announced.add(test);
    this.write(`${'  '.repeat(test.nesting)}${kHeading} ${test.name}\n`);
  }

  line(test) {
    const failed = test.error !== null;
    let directive = '';
    if (test.skip !== false) directive = ` # ${typeof test.skip === 'string' ? test.skip : 'SKIP'}`;
    else if (test.todo !== false) directive = ` # ${typeof test.todo === 'string' ? test.todo : 'TODO'}`;
    const symbol = test.skip !== false ? kSkip : failed ? kFail : kPass;
    const code = test.skip !== false ? 90 : failed ? 31 : 32;
    // A test cancelled before it started has no duration.
    const cancelled = failed && test.error.failureType === 'cancelledByParent';
    const duration = cancelled ? '' : ` ${this.color(90, `(${test.duration}ms)`)}`;
    if (!this.colors) return `${symbol} ${test.name}${cancelled ? '' : ` (${test.duration}ms)`}${directive}`;
    return `\x1b[${code}m${symbol} ${test.name}${duration}${directive}\x1b[39m`;
  }

  details(test, indent) {
    const failure = test.error;
    const { inspect } = require('util');
    let shown = failure.internal ? inspect(failure.message) : inspect(failure.cause, { colors: this.colors });
    if (this.child && !failure.internal) shown = asSerialized(failure.cause, shown);
    return `${shown.split('\n').map((l) => `${indent}  ${l}`).join('\n')}\n`;
  }

  end(test) {
    const indent = '  '.repeat(test.nesting);
    let out = `${indent}${this.line(test)}\n`;
    if (test.error !== null && test.error.failureType !== 'subtestsFailed') {
      // (Node puts a blank line between a failed suite's line and its error.)
      out += `${test.isSuite ? '\n' : ''}${this.details(test, indent)}\n`;
      this.failures.push(test);
    }
    for (const d of test.diagnostics) out += `${indent}${this.color(34, `${kInfo} ${d}`)}\n`;
    this.write(out);
  }

  summary(root, counts, duration) {
    if (this.child) return this.childSummary(root, counts);
    let out = '';
    for (const d of root.diagnostics) out += `${this.color(34, `${kInfo} ${d}`)}\n`;
    for (const key of ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo']) {
      out += `${this.color(34, `${kInfo} ${key} ${counts[key]}`)}\n`;
    }
    out += `${this.color(34, `${kInfo} duration_ms ${duration}`)}\n`;
    if (this.failures.length > 0) {
      out += `\n${this.color(31, `${kFail} failing tests:`)}\n\n`;
      out += this.failures.map((test) => this.failureEntry(test)).join('\n');
    }
    this.write(out);
  }

  failureEntry(test) {
    const at = test.location !== undefined ? `test at ${path.relative(process.cwd(), test.location)}\n` : '';
    return `${at}${this.line(test)}\n${this.details(test, '')}`;
  }

  childSummary(root, counts) {
    let out = '';
    for (const d of root.diagnostics) out += `${kInfo} ${d}\n`;
    for (const key of ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo']) {
      out += `# ${key} ${counts[key]}\n`;
    }
    for (const test of this.failures) {
      out += '!!\n';
      for (const line of this.failureEntry(test).replace(/\n$/, '').split('\n')) out += `!${line}\n`;
    }
    this.write(out);
  }
}

// The reporter `--test-reporter` names (either form), else spec on a terminal and tap
// otherwise: Node's choice, for js/test.js and `jsvm --test`.
function reporterFlag() {
  let name;
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--test-reporter') name = argv[i + 1];
    else if (argv[i].startsWith('--test-reporter=')) name = argv[i].slice('--test-reporter='.length);
  }
  if (name === undefined) name = process.stdout.isTTY ? 'spec' : 'tap';
  return name;
}

module.exports = { SpecReporter, reporterFlag };
