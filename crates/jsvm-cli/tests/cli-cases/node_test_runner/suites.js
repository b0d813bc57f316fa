const { describe, it, before, after, beforeEach, afterEach } = require('node:test');

before(() => console.error('root before'));
after(() => console.error('root after'));
describe('suite', () => {
  before(() => console.error('before'));
  beforeEach(() => console.error('beforeEach'));
  afterEach(() => console.error('afterEach'));
  after(() => console.error('after'));
  it('a', () => console.error('a'));
  it('b', async () => console.error('b'));
  describe('nested', () => {
    beforeEach(() => console.error('nested beforeEach'));
    it('c', () => console.error('c'));
  });
  it.skip('skipped it');
  it.todo('todo it');
});
describe.skip('skipped suite', () => {
  it('never', () => {});
});
describe('second', () => {
  it('d', () => {});
});
