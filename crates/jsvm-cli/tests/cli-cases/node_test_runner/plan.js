// t.plan with t.assert and subtests, and how a test's console output falls between the
// report's lines (Node's reporter writes them a little after each test).
const test = require('node:test');

console.log('main start');
test('planned', (t) => {
  t.plan(2);
  t.assert.ok(true);
  t.assert.strictEqual(1, 1);
  console.log('in planned', typeof t.assert.deepStrictEqual);
});
test('plan not met', (t) => {
  t.plan(3);
  t.assert.ok(true);
});
test('subtests count', async (t) => {
  t.plan(1);
  await t.test('sub', () => {});
});
test('A', async () => {
  console.log('A start');
  await new Promise((resolve) => setTimeout(resolve, 20));
  console.log('A end');
});
test('B', async () => {
  console.log('B start');
  await new Promise((resolve) => setTimeout(resolve, 5));
  console.log('B end');
});
test('C', () => console.log('C'));
console.log('main done');
