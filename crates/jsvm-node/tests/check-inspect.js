// Compares our util (crates/jsvm-node/js/util.js) against node's recorded
// answers in golden/inspect_golden.js (see record-inspect.js).
//
// Under node:  node --expose-internals crates/jsvm-node/tests/check-inspect.js
//   (util.js is loaded through js/dev/load.js; --expose-internals gives exact
//   promise/proxy details.)
// Under jsvm:  the builtin `require('util')` is checked instead.
// Prints every mismatch and ends with "N passed, M failed".
'use strict';
const golden = require('./golden/inspect_golden.js');
const cases = require('./inspect_cases.js');

function loadUtil() {
  const isNode = typeof process === 'object' && process !== null && process.versions &&
    typeof process.versions.v8 === 'string';
  if (isNode) return require('../js/dev/load.js')('util');
  return require('util');
}
const util = loadUtil();

// Quiet the deprecation warnings some cases trigger.
if (typeof process === 'object' && process && typeof process.on === 'function') {
  process.removeAllListeners('warning');
  process.on('warning', () => {});
}

const print = (s) => console.log(s);
let passed = 0;
let failed = 0;
if (golden.cases.length !== cases.length) {
  print(`warning: golden has ${golden.cases.length} cases, inspect_cases.js has ${cases.length}; re-record`);
}
for (let i = 0; i < golden.cases.length; i++) {
  const { code, expected } = golden.cases[i];
  if (cases[i] !== code) {
    failed++;
    print(`#${i} case changed since recording; re-record\n  ${code}`);
    continue;
  }
  const actual = cases.runCase(util, i);
  if (actual === expected) {
    passed++;
  } else {
    failed++;
    print(`#${i} MISMATCH\n  case:     ${code}\n  expected: ${JSON.stringify(expected)}\n  actual:   ${JSON.stringify(actual)}`);
  }
}
print(`${passed} passed, ${failed} failed`);
