// A context in `afterEvaluate` mode whose run ends in an error (not a stop) leaves its queued
// jobs for its next run, as Node does. The host's job loop walked past all of them for each of
// its own jobs: 10^5 waiting jobs made 2 000 `await null` take 45 s; and the reverse, a
// context's run walked past the host's jobs queued ahead for each of its own: 2 000 of them met
// a 60 s timeout behind 10^5 of the host's. Node: the same output.
const vm = require('vm');
const ctx = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
try {
  vm.runInContext(
    'globalThis.order = []; globalThis.ran = 0;' +
      'for (let i = 0; i < 1e5; i++) Promise.reject(i).then(null, (i) => { if (i < 2) order.push(i); ran++ });' +
      'throw new Error("left")',
    ctx,
  );
} catch (e) {
  console.log('caught', e.message);
}
(async () => {
  const start = Date.now();
  for (let i = 0; i < 2000; i++) await null;
  console.log('2000 awaits', Date.now() - start < 5000 ? 'in time' : 'LATE');
  console.log('ran before its next run', vm.runInContext('Promise.resolve().then(() => order.push("new")); ran', ctx));
  console.log('ran after it', vm.runInContext('ran', ctx), vm.runInContext('order.join()', ctx));
  // A second context's waiting jobs, and the first's again: each run passes the other's once.
  const other = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
  const code = 'globalThis.n = 0; for (let i = 0; i < 1e5; i++) Promise.resolve().then(() => { n++ }); throw 1';
  for (const c of [ctx, other]) {
    try { vm.runInContext(code, c); } catch (e) { }
  }
  const again = Date.now();
  for (let i = 0; i < 2000; i++) await null;
  console.log('other', vm.runInContext('n', other), vm.runInContext('n', other));
  console.log('first', vm.runInContext('n', ctx), vm.runInContext('n', ctx));
  console.log('again', Date.now() - again < 5000 ? 'in time' : 'LATE');
  const order = [];
  for (let i = 0; i < 1e5; i++) Promise.resolve(i).then((i) => order.push(i));
  const reverse = Date.now();
  const n = vm.runInContext(
    'globalThis.k = 0; for (let i = 0; i < 2000; i++) Promise.resolve().then(() => { k++ }); 1',
    ctx,
    { timeout: 60000 },
  );
  console.log('behind the host', n, vm.runInContext('k', ctx), Date.now() - reverse < 5000 ? 'in time' : 'LATE');
  await null;
  console.log('host jobs', order.length, order.every((v, i) => v === i));
})();
