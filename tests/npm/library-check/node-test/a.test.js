const { describe, it, test, before, after, beforeEach, mock } = require('node:test');
const assert = require('node:assert');
describe('math', () => {
  before(() => console.log('before'));
  it('adds', () => { assert.strictEqual(1 + 1, 2); });
  it('async', async () => { await new Promise(r => setTimeout(r, 5)); assert.ok(true); });
  it.skip('skipped', () => {});
  it.todo('todo');
  describe('nested', () => {
    it('deep', () => assert.deepStrictEqual({ a: [1] }, { a: [1] }));
  });
});
test('mock fn', () => {
  const f = mock.fn((x) => x * 2);
  f(3); f(4);
  assert.strictEqual(f.mock.calls.length, 2);
  assert.strictEqual(f.mock.calls[1].result, 8);
});
test('subtests', async (t) => {
  await t.test('one', () => {});
  await t.test('two', () => {});
});
