const test = require('node:test');
const assert = require('assert');
test('fails', () => { assert.strictEqual(1, 2); });
test('passes', () => {});
