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

class SpecReporter {
  constructor(write, colors) {
    this.write = write;
    this.colors = colors;
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
    const shown = failure.internal ? inspect(failure.message) : inspect(failure.cause, { colors: this.colors });
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
    let out = '';
    for (const d of root.diagnostics) out += `${this.color(34, `${kInfo} ${d}`)}\n`;
    for (const key of ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo']) {
      out += `${this.color(34, `${kInfo} ${key} ${counts[key]}`)}\n`;
    }
    out += `${this.color(34, `${kInfo} duration_ms ${duration}`)}\n`;
    if (this.failures.length > 0) {
      out += `\n${this.color(31, `${kFail} failing tests:`)}\n\n`;
      out += this.failures.map((test) => {
        const at = test.location !== undefined ? `test at ${path.relative(process.cwd(), test.location)}\n` : '';
        return `${at}${this.line(test)}\n${this.details(test, '')}`;
      }).join('\n');
    }
    this.write(out);
  }
}

module.exports = { SpecReporter };
