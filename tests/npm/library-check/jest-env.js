const { TestEnvironment } = require('jest-environment-node');
const { expect } = require('expect');
const { ModuleMocker } = require('jest-mock');
(async () => {
  const env = new TestEnvironment({ globalConfig: {}, projectConfig: { testEnvironmentOptions: {}, globals: { G: 1 } } }, { console, docblockPragmas: {}, testPath: __filename });
  await env.setup();
  const ctx = env.getVmContext();
  const vm = require('vm');
  console.log(new vm.Script('typeof setTimeout + " " + typeof Buffer + " " + G + " " + typeof process.nextTick + " " + (Array === this.Array)').runInContext(ctx));
  console.log(vm.runInContext('[1,2].map(x=>x*2) instanceof Array', ctx));
  console.log(env.global.Array === Array);
  const mocker = new ModuleMocker(env.global);
  const fn = mocker.fn(x => x + 1);
  fn(1); fn(2);
  console.log(fn.mock.calls, fn.mock.results.map(r => r.value));
  expect(fn).toHaveBeenCalledTimes(2);
  expect({ a: [1, { b: 2 }] }).toEqual({ a: [1, { b: 2 }] });
  try { expect({ a: 1 }).toEqual({ a: 2 }); } catch (e) { console.log(e.message.replace(/\x1b\[[0-9;]*m/g, '')); }
  try { expect([1, 2, 3]).toContain(4); } catch (e) { console.log(e.message.replace(/\x1b\[[0-9;]*m/g, '')); }
  expect(() => { throw new TypeError('x'); }).toThrow(TypeError);
  await expect(Promise.resolve(3)).resolves.toBe(3);
  const arr = vm.runInContext('[1,2,{a:new Date(0)}]', ctx);
  expect(arr).toEqual([1, 2, { a: new Date(0) }]);
  console.log('cross-realm equal ok');
  try { expect(vm.runInContext('new Map([[1,2]])', ctx)).toEqual(new Map([[1, 3]])); } catch (e) { console.log(e.message.replace(/\x1b\[[0-9;]*m/g, '')); }
  await env.teardown();
  console.log('teardown');
})().catch(e => console.log('ERR', e));
