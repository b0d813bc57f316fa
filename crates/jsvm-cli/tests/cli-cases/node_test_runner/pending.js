// Tests still waiting when the event loop has nothing left to do are cancelled.
const { test, describe, it } = require('node:test');

describe('suite', () => {
  it('waits forever', async () => {
    await new Promise(() => {});
  });
  it('next', () => {});
});
test('later', () => {});
