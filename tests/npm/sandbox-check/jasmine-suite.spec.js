// A spec file for jasmine (run by sandbox-packages.sh with jasmine's command line): `this`
// shared with beforeEach, failing and erroring specs, async and done-style specs, spies,
// the mock clock, asymmetric matchers, pending specs, and vm used inside a spec.
describe('arithmetic', () => {
  beforeEach(function () { this.base = 2; });
  it('adds', function () { expect(this.base + 1).toBe(3); });
  it('compares arrays', () => { expect([1, 2]).toEqual([1, 3]); });
  it('waits for a promise', async () => { await new Promise((r) => setTimeout(r, 5)); expect(true).toBeTrue(); });
  it('calls done', (done) => { setTimeout(() => { expect(1).toBeLessThan(2); done(); }, 1); });
  it('spies', () => {
    const o = { f: (a) => a };
    spyOn(o, 'f').and.returnValue(9);
    expect(o.f(1)).toBe(9);
    expect(o.f).toHaveBeenCalledWith(1);
  });
  xit('is pending', () => {});
  it('expects a throw', () => { expect(() => { throw new TypeError('bad'); }).toThrowError(TypeError, 'bad'); });
  it('uses the mock clock', () => {
    jasmine.clock().install();
    let fired = 0;
    setTimeout(() => fired++, 100);
    jasmine.clock().tick(101);
    expect(fired).toBe(1);
    jasmine.clock().uninstall();
  });
  it('matches partially', () => { expect({ a: 1, b: 2 }).toEqual(jasmine.objectContaining({ a: 1 })); });
  it('errors', () => { null.x; });
  it('expects a rejection', async () => { await expectAsync(Promise.reject(new Error('r'))).toBeRejectedWithError('r'); });
});
describe('vm in a spec', () => {
  it('runs code in a context', () => {
    const vm = require('vm');
    expect(vm.runInNewContext('a + 1', { a: 1 })).toBe(2);
  });
});
