const test = require('tape');
test('arith', (t) => { t.equal(1 + 1, 2); t.deepEqual({a: [1]}, {a: [1]}); t.end(); });
test('fails', (t) => { t.plan(2); t.equal(1, 2, 'one is two'); t.ok(false); });
test('async', async (t) => { await new Promise(r => setTimeout(r, 5)); t.throws(() => { throw new TypeError('x'); }, TypeError); });
test('skip', { skip: true }, (t) => t.end());
test('todo', { todo: true }, (t) => { t.ok(true); t.end(); });
test('nested', (t) => { t.test('inner', (st) => { st.match('abc', /b/); st.end(); }); t.end(); });
