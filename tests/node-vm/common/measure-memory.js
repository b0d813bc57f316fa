'use strict';
// Our own stand-in for Node's test/common/measure-memory: shape checks of
// vm.measureMemory() results, from the documented result format.
const assert = require('assert');
const common = require('./');

function checkEstimate(obj) {
  assert.strictEqual(typeof obj, 'object');
  assert(Array.isArray(obj.jsMemoryEstimate) === false);
  assert.strictEqual(typeof obj.jsMemoryEstimate, 'number');
  assert(Array.isArray(obj.jsMemoryRange));
  assert.strictEqual(obj.jsMemoryRange.length, 2);
  assert.strictEqual(typeof obj.jsMemoryRange[0], 'number');
  assert.strictEqual(typeof obj.jsMemoryRange[1], 'number');
}

function assertSummaryShape(result) {
  assert.strictEqual(typeof result, 'object');
  assert.strictEqual(typeof result.total, 'object');
  checkEstimate(result.total);
}

function assertDetailedShape(result, contexts = 0) {
  assertSummaryShape(result);
  checkEstimate(result.current);
  assert(Array.isArray(result.other));
  assert.strictEqual(result.other.length, contexts);
  for (const item of result.other) checkEstimate(item);
}

function assertSingleDetailedShape(result) {
  assertDetailedShape(result, 0);
}

function expectExperimentalWarning() {
  common.expectWarning('ExperimentalWarning',
                       /^vm\.measureMemory is an experimental feature/);
}

module.exports = {
  assertSummaryShape,
  assertDetailedShape,
  assertSingleDetailedShape,
  expectExperimentalWarning,
};
