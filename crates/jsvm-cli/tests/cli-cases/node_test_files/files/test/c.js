const test = require('node:test');
test('c', { todo: true }, () => {});
