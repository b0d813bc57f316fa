const FakeTimers = require('@sinonjs/fake-timers');
const vm = require('vm');
const clock = FakeTimers.install({ now: 1000 });
const log = [];
setTimeout(() => log.push('t1 ' + Date.now()), 50);
setInterval(() => log.push('iv ' + Date.now()), 30);
clock.tick(100);
console.log(log);
console.log(new Date().toISOString());
clock.uninstall();
// on a vm context's global
const ctx = vm.createContext({ setTimeout, clearTimeout });
vm.runInContext('this.out = []', ctx);
const c2 = FakeTimers.withGlobal(vm.runInContext("this", ctx)).install({ now: 0, toFake: ['setTimeout', 'Date'] });
vm.runInContext('setTimeout(() => out.push(Date.now()), 20); setTimeout(() => out.push("b"), 10)', ctx);
c2.tick(25);
console.log(vm.runInContext('JSON.stringify(out)', ctx));
c2.uninstall();
const c3 = FakeTimers.createClock(0);
c3.setTimeout(() => console.log('c3', c3.now), 7);
c3.runAll();
(async () => {
  const c4 = FakeTimers.install();
  const p = new Promise(r => setTimeout(() => r('done'), 1000));
  await c4.tickAsync(1000);
  console.log(await p);
  c4.uninstall();
})();
