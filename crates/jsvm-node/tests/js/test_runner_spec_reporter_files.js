// `--test --test-reporter=spec`: the runner's spec report of several test files, each run in
// its own process: the files' reports in order, their output, one summary, every file's
// failing tests at the end, and a file that fails without a failing test. Durations and stack
// frames are left out (frames inside the runner differ, see README).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-files-'));
fs.writeFileSync(path.join(dir, 'a.test.js'), `
const { describe, it, test, before } = require('node:test');
const assert = require('node:assert');
describe('math', () => {
  before(() => console.log('before'));
  it('adds', () => assert.strictEqual(1 + 1, 2));
  it('waits', async () => { await new Promise((r) => setTimeout(r, 5)); });
  it.skip('skipped', () => {});
  it.todo('todo');
  describe('nested', () => { it('deep', () => assert.deepStrictEqual({ a: [1] }, { a: [1] })); });
});
test('subtests', async (t) => {
  await t.test('one', () => {});
  await t.test('two', () => {});
});
`);
fs.writeFileSync(path.join(dir, 'b.test.js'), `
const test = require('node:test');
const assert = require('assert');
test('fails', () => { assert.strictEqual(1, 2); });
test('passes', () => {});
test('fails too', () => { throw new TypeError('plain'); });
`);
fs.writeFileSync(path.join(dir, 'd.test.js'), `
const test = require('node:test');
class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr'; this.extra = 1; } }
class Sub extends RangeError {}
test('range', () => { throw new RangeError('r'); });
test('custom', () => { throw new MyErr('c'); });
test('coded', () => { const e = new TypeError('t'); e.code = 'E_X'; throw e; });
test('subclass', () => { throw new Sub('s'); });
test('string', () => { throw 'str'; });
test('object', () => { throw { a: 1 }; });
`);
fs.writeFileSync(path.join(dir, 'c.test.js'), `
require('node:test')('ok', () => {});
process.exitCode = 3;
`);

function show(args) {
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  const text = (r.stdout + r.stderr)
    .split(dir + path.sep).join('<dir>/')
    .replace(/\d+(\.\d+)?ms\b/g, 'Xms')
    .replace(/duration_ms \d+(\.\d+)?/g, 'duration_ms X')
    .split('\n').filter((l) => !/^\s+at /.test(l)).join('\n');
  console.log(`--- ${args.join(' ')} (exit ${r.status})\n${text}`);
}
show(['--test', '--test-reporter=spec', '.']);
show(['--test', '--test-reporter', 'spec', 'a.test.js']);
fs.rmSync(dir, { recursive: true });
