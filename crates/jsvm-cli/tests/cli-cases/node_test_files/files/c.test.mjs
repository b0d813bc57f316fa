// An ES module test file: its tests' locations are paths, as Node prints them.
import test from 'node:test';
import assert from 'node:assert';

test('esm adds', () => {
  assert.strictEqual(1 + 1, 2);
});

test('esm fails', () => {
  assert.strictEqual(1 + 1, 3);
});
