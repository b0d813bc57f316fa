// postman-sandbox: scripts run in a worker whose global scope the sandbox strips (it deletes
// every global it does not allow, process and globalThis included) and then evaluates with
// vm.runInThisContext: tests and their assertions, console events, variables, a module.
const Sandbox = require('postman-sandbox');
Sandbox.createContext({ timeout: 10000 }, (err, ctx) => {
  if (err) return console.log('createContext failed', err.message);
  ctx.on('console', (cursor, level, ...args) => console.log('console', level, ...args));
  ctx.on('execution.assertion', (cursor, results) => results.forEach((r) => console.log('assertion', r.name, r.passed, r.error ? r.error.message : '')));
  ctx.execute(`
    pm.test('adds', () => { pm.expect(1 + 1).to.equal(2); });
    pm.test('compares deeply', () => { pm.expect([1]).to.deep.equal([2]); });
    console.log('types', typeof _, typeof CryptoJS, typeof require, typeof process);
    pm.environment.set('answer', '42');
    console.log('environment', pm.environment.get('answer'));
    console.log('moment', typeof require('moment'));
    console.log('crypto-js', require('crypto-js').MD5('x').toString());
  `, { context: { environment: { values: [] } } }, (err, result) => {
    console.log('done', err ? err.message : null, result.environment.values.map((v) => v.key + '=' + v.value).join());
    ctx.dispose();
  });
});
