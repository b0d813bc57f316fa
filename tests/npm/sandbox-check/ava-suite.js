// A test file for ava (run by sandbox-packages.sh with ava's own command line): passing,
// failing, async, skipped and throwing tests, snapshots of plain values.
const test = require('ava');
test('adds', (t) => { t.is(1 + 1, 2); });
test('compares deeply', (t) => { t.deepEqual({ a: 1, list: [1, 2] }, { a: 1, list: [1, 3] }); });
test('waits', async (t) => { await new Promise((r) => setTimeout(r, 5)); t.true(true); });
test.skip('skipped', () => {});
test('throws', (t) => { t.throws(() => { throw new TypeError('bad'); }, { instanceOf: TypeError, message: 'bad' }); });
test('rejects', async (t) => { await t.throwsAsync(Promise.reject(new RangeError('no')), { instanceOf: RangeError }); });
test('regex', (t) => { t.regex('jsvm', /vm$/); });
test.todo('later');
