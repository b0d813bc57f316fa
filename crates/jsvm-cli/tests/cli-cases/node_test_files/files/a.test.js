const test = require('node:test');
console.log('output of a');
test('a1', () => {});
test('a2', async (t) => {
  await t.test('a2 inner', () => {});
});
