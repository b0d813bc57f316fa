const { test, describe, it } = require('node:test');
const assert = require('assert');

test('strictEqual', () => {
  assert.strictEqual(1, 2);
});
test('deep', () => {
  assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 2, b: [1] });
});
test('rejects', async () => {
  throw new Error('async boom');
});
test('multi-line message', () => {
  throw new Error('l1\nl2');
});
test('string thrown', () => {
  throw 'str';
});
test('range error', () => {
  throw new RangeError("it's out");
});
test('callback error', (t, done) => {
  done(new Error('cbfail'));
});
test('todo failing', { todo: 'later' }, () => {
  throw new Error('x');
});
test('timeout', { timeout: 10 }, async () => {
  await new Promise((resolve) => setTimeout(resolve, 200));
});
test('failing subtest', async (t) => {
  await t.test('fine', () => {});
  await t.test('bad', () => {
    throw new Error('boom');
  });
});
test('hook failure', async (t) => {
  t.beforeEach(() => {
    throw new Error('hookerr');
  });
  await t.test('x', () => {});
});
describe('bad suite', () => {
  it('x', () => {});
  throw new Error('suite boom');
});
describe('before fails', () => {
  test.before(() => {
    throw new Error('before boom');
  });
  it('z', () => {});
});
