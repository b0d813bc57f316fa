// `jsvm --test [paths]`: runs test files, each in its own process, and reports them as one
// TAP stream (or in the spec format, `--test-reporter=spec` or on a terminal: `runSpec`), as
// `node --test` does: the files' top-level tests numbered in one sequence, their
// summaries added up, the other output of a file (its stdout and stderr lines) shown as `#`
// diagnostics, and a file whose process fails without a failing test reported as a failed
// test named after the file. With no paths (or a directory) the files are Node 20's test file
// names found under it (node_modules left out): `*.test.js`, `*-test.js`, `*_test.js`,
// `test-*.js`, `test.js` (and .cjs/.mjs), and every such file under a `test` directory.
// Files run one after another, in path order.
'use strict';
const process = require('process'); // Node's, even where a program deleted the global

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

// A child's report lines start with this (set through JSVM_TEST_CHILD, see js/test.js).
const kMarker = '\u001bjsvm-test:';
const testName = /^(?:.+[.\-_]test|test-.+|test)\.[cm]?js$/;
const jsFile = /\.[cm]?js$/;

function find(dir, underTest, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) find(full, underTest || e.name === 'test', out);
    else if (testName.test(e.name) || (underTest && jsFile.test(e.name))) out.push(full);
  }
}

function testFiles(args) {
  const files = [];
  if (args.length === 0) args = ['.'];
  for (const arg of args) {
    const full = path.resolve(arg);
    let stat;
    try {
      stat = fs.statSync(full);
    } catch {
      const err = new Error(`Could not find '${full}'`);
      err.code = 'ENOENT';
      throw err;
    }
    if (stat.isDirectory()) find(full, path.basename(full) === 'test', files);
    else files.push(full);
  }
  return [...new Set(files)].sort();
}

const summaryKeys = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];

// A test file run in its own process, reporting as `mode` says (JSVM_TEST_CHILD).
function runFile(file, mode) {
  return spawnSync(process.execPath, [file], {
    env: { ...process.env, JSVM_TEST_CHILD: mode },
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
}

// The reporter chosen as js/test.js chooses it: `--test-reporter`, else spec on a terminal.
function reporterName() {
  let name = require('internal/test_spec').reporterFlag();
  if (name !== 'spec' && name !== 'tap') {
    process.emitWarning(`jsvm's node:test has the tap and spec reporters only, not '${name}': using tap`);
    name = 'tap';
  }
  return name;
}

function run(args) {
  if (reporterName() === 'spec') return runSpec(args);
  const start = process.hrtime.bigint();
  const totals = Object.fromEntries(summaryKeys.map((k) => [k, 0]));
  const out = ['TAP version 13'];
  let number = 0;
  let failed = false;
  for (const file of testFiles(args)) {
    const fileStart = process.hrtime.bigint();
    const r = runFile(file, '1');
    const diagnostic = (line) => out.push(`# ${line}`);
    for (const line of (r.stderr || '').split('\n')) if (line !== '') diagnostic(line);
    let fileFails = 0;
    for (const line of (r.stdout || '').split('\n')) {
      if (!line.startsWith(kMarker)) {
        if (line !== '') diagnostic(line);
        continue;
      }
      const tap = line.slice(kMarker.length);
      if (tap === 'TAP version 13' || /^1\.\.\d+$/.test(tap)) continue;
      const summary = /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\S+)$/.exec(tap);
      if (summary) {
        if (summary[1] !== 'duration_ms') totals[summary[1]] += Number(summary[2]);
        if (summary[1] === 'fail') fileFails = Number(summary[2]);
        continue;
      }
      const result = /^(ok|not ok) \d+ - (.*)$/.exec(tap);
      if (result) {
        out.push(`${result[1]} ${++number} - ${result[2]}`);
        continue;
      }
      out.push(tap);
    }
    if (r.status !== 0 && fileFails === 0) {
      totals.tests++;
      totals.fail++;
      out.push(`# Subtest: ${file}`, `not ok ${++number} - ${file}`, '  ---',
        `  duration_ms: ${Number(process.hrtime.bigint() - fileStart) / 1e6}`, `  location: '${file}:1:1'`,
        "  failureType: 'testCodeFailure'", `  exitCode: ${r.status === null ? '~' : r.status}`,
        `  signal: ${r.signal === null ? '~' : `'${r.signal}'`}`, "  error: 'test failed'",
        "  code: 'ERR_TEST_FAILURE'", '  ...');
    }
    if (r.status !== 0) failed = true;
  }
  out.push(`1..${number}`);
  for (const k of summaryKeys) out.push(`# ${k} ${totals[k]}`);
  out.push(`# duration_ms ${Number(process.hrtime.bigint() - start) / 1e6}`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (failed || totals.fail > 0) process.exitCode = 1;
}

// The spec format: each file's report as the file gave it (its own output lines as they came,
// its stderr after them), then the summary of all files and every file's failing tests.
function runSpec(args) {
  const start = process.hrtime.bigint();
  const totals = Object.fromEntries(summaryKeys.map((k) => [k, 0]));
  const out = [];
  const failures = [];
  let failed = false;
  for (const file of testFiles(args)) {
    const fileStart = process.hrtime.bigint();
    const r = runFile(file, 'spec');
    let fileFails = 0;
    const lines = (r.stdout || '').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) {
      if (!line.startsWith(kMarker)) {
        out.push(line);
        continue;
      }
      const text = line.slice(kMarker.length);
      const summary = /^# (tests|suites|pass|fail|cancelled|skipped|todo) (\S+)$/.exec(text);
      if (summary) {
        totals[summary[1]] += Number(summary[2]);
        if (summary[1] === 'fail') fileFails = Number(summary[2]);
      } else if (text === '!!') {
        failures.push([]);
      } else if (text.startsWith('!') && failures.length > 0) {
        failures[failures.length - 1].push(text.slice(1));
      } else {
        out.push(text);
      }
    }
    const errLines = (r.stderr || '').split('\n');
    if (errLines[errLines.length - 1] === '') errLines.pop();
    out.push(...errLines);
    if (r.status !== 0 && fileFails === 0) {
      totals.tests++;
      totals.fail++;
      const line = `\u2716 ${file} (${Number(process.hrtime.bigint() - fileStart) / 1e6}ms)`;
      out.push(line, "  'test failed'", '');
      failures.push([`test at ${path.relative(process.cwd(), file)}:1:1`, line, "  'test failed'"]);
    }
    if (r.status !== 0) failed = true;
  }
  for (const k of summaryKeys) out.push(`\u2139 ${k} ${totals[k]}`);
  out.push(`\u2139 duration_ms ${Number(process.hrtime.bigint() - start) / 1e6}`);
  if (failures.length > 0) {
    out.push('', '\u2716 failing tests:', '');
    out.push(failures.map((lines) => lines.join('\n')).join('\n\n'));
  }
  process.stdout.write(`${out.join('\n')}\n`);
  if (failed || totals.fail > 0) process.exitCode = 1;
}

module.exports = { run, testFiles };
