// node:test's TAP reporter (Node 20's format): `# Subtest` when a test starts; when it ends,
// its subtests' plan, its `ok`/`not ok` line and YAML block (duration, and for a failure where
// it was made and what failed), and its diagnostics; the summary at the end.
'use strict';

function escapeName(name) {
  return name.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/\n/g, '\\n');
}

function directive(test) {
  if (test.skip !== false) return ` # SKIP${typeof test.skip === 'string' ? ` ${test.skip}` : ''}`;
  if (test.todo !== false) return ` # TODO${typeof test.todo === 'string' ? ` ${test.todo}` : ''}`;
  return '';
}

function quote(s) {
  return s.includes("'") ? JSON.stringify(s) : `'${s}'`;
}

// `key: value` in YAML, at `indent`; objects nest, multi-line strings are `|-` blocks.
function yamlEntry(key, value, indent) {
  if (typeof value === 'string') {
    if (value.includes('\n')) {
      return `${indent}${key}: |-\n${value.split('\n').map((l) => `${indent}  ${l}`).join('\n')}\n`;
    }
    return `${indent}${key}: ${quote(value)}\n`;
  }
  if (value === null) return `${indent}${key}: ~\n`;
  if (typeof value === 'object') {
    let out = `${indent}${key}:\n`;
    for (const k of Object.keys(value)) out += yamlEntry(k, value[k], `${indent}  `);
    return out;
  }
  if (typeof value === 'bigint') return `${indent}${key}: ${value}n\n`;
  if (typeof value === 'symbol' || typeof value === 'function') return `${indent}${key}: ${quote(String(value))}\n`;
  return `${indent}${key}: ${value}\n`;
}

function stackFrames(err) {
  if (err === null || typeof err !== 'object' || typeof err.stack !== 'string') return undefined;
  const frames = err.stack.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('at '))
    .map((l) => l.slice(3));
  return frames.length > 0 ? frames.join('\n') : undefined;
}

function errorDetails(failure, indent) {
  const cause = failure.cause;
  let out = yamlEntry('failureType', failure.failureType, indent);
  const isObject = cause !== null && typeof cause === 'object';
  const message = isObject && 'message' in cause ? String(cause.message) : String(cause);
  out += yamlEntry('error', message, indent);
  out += yamlEntry('code', isObject && cause.code !== undefined ? cause.code : 'ERR_TEST_FAILURE', indent);
  if (isObject && cause instanceof Error && cause.name !== 'Error') out += yamlEntry('name', cause.name, indent);
  if (isObject) {
    for (const key of ['expected', 'actual', 'operator']) {
      if (Object.prototype.hasOwnProperty.call(cause, key)) out += yamlEntry(key, cause[key], indent);
    }
  }
  const frames = failure.internal ? undefined : stackFrames(cause);
  if (frames !== undefined) out += yamlEntry('stack', frames, indent);
  return out;
}

function formatResult(test, indent) {
  const ok = test.error === null;
  let out = `${indent}${ok ? 'ok' : 'not ok'} ${test.number} - ${escapeName(test.name)}${directive(test)}\n`;
  const inner = `${indent}  `;
  out += `${inner}---\n${inner}duration_ms: ${test.duration}\n`;
  if (test.isSuite) out += `${inner}type: 'suite'\n`;
  if (!ok) {
    if (test.location !== undefined) out += `${inner}location: ${quote(test.location)}\n`;
    out += errorDetails(test.error, inner);
  }
  out += `${inner}...\n`;
  return out;
}

const kIndent = '    ';

class TapReporter {
  constructor(write) {
    this.write = write;
    this.announced = new Set();
  }

  begin() {
    this.write('TAP version 13\n');
  }

  // A test's `# Subtest` line comes when it is reported, or before its first subtest's.
  start() {}

  announce(test) {
    if (test.parent === null || this.announced.has(test)) return;
    this.announce(test.parent);
    this.announced.add(test);
    this.write(`${kIndent.repeat(test.nesting)}# Subtest: ${test.name}\n`);
  }

  end(test) {
    this.announce(test);
    const indent = kIndent.repeat(test.nesting);
    if (test.subtests.length > 0) this.write(`${indent}${kIndent}1..${test.subtests.length}\n`);
    this.write(formatResult(test, indent));
    for (const d of test.diagnostics) this.write(`${indent}# ${d}\n`);
  }

  summary(root, counts, duration) {
    let out = `1..${root.subtests.length}\n`;
    for (const d of root.diagnostics) out += `# ${d}\n`;
    for (const key of ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo']) {
      out += `# ${key} ${counts[key]}\n`;
    }
    this.write(`${out}# duration_ms ${duration}\n`);
  }
}

module.exports = { TapReporter, formatResult };
