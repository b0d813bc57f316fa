const { describe, it } = require('node:test');
const assert = require('assert');
console.error('stderr of b');
describe('b suite', () => {
  it('passes', () => {});
  it('fails', () => {
    assert.strictEqual('x', 'y');
  });
  it.skip('skipped');
});
