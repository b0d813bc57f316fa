const test = require('node:test');
const assert = require('assert');

test('sync pass', () => {
  assert.strictEqual(1, 1);
});
test('async pass', async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
});
test('callback pass', (t, done) => {
  setTimeout(done, 1);
});
test('skipped', { skip: true }, () => {});
test('skipped with reason', { skip: 'not now' }, () => {});
test('todo', { todo: true }, () => {});
test.skip('test.skip');
test.todo('test.todo');
test('t.skip', (t) => {
  t.skip('later');
});
test('diagnostics', (t) => {
  t.diagnostic('hello');
  t.diagnostic('world');
});
test('subtests', async (t) => {
  await t.test('inner 1', () => {});
  await t.test('inner 2', async (t2) => {
    await t2.test('deepest', () => {});
  });
});
test('mock.fn', (t) => {
  const fn = test.mock.fn((a, b) => a + b);
  assert.strictEqual(fn(1, 2), 3);
  assert.strictEqual(fn.mock.callCount(), 1);
  assert.deepStrictEqual(fn.mock.calls[0].arguments, [1, 2]);
  assert.strictEqual(fn.mock.calls[0].result, 3);
  fn.mock.mockImplementationOnce(() => 'once');
  assert.strictEqual(fn(1, 1), 'once');
  assert.strictEqual(fn(1, 1), 2);
  const obj = { value: 1, get() { return this.value; } };
  const m = t.mock.method(obj, 'get', () => 99);
  assert.strictEqual(obj.get(), 99);
  assert.strictEqual(m.mock.calls[0].this, obj);
  m.mock.restore();
  assert.strictEqual(obj.get(), 1);
});
test(function named() {});
test();
test('only', { only: true }, () => {});
