// Sandboxes whose hooks loop (a proxy's traps, accessors), met by declarations, assignments and
// reads of the code run in them: each run stops at its timeout and the host goes on (which
// hooks a run meets differs from Node's, whose global asks the sandbox at other steps). Node
// ends each in time too; jsvm ran the declarations' stores (`var`, `function`) before the run's
// frame, with no limit (a hang).
const vm = require('vm');
const loop = () => { for (;;) {} };
const sandboxes = {
  defineTrap: () => new Proxy({}, { defineProperty: loop }),
  setTrap: () => new Proxy({}, { set: loop }),
  hasTrap: () => new Proxy({}, { has: loop }),
  getTrap: () => new Proxy({}, { get: loop }),
  descriptorTrap: () => new Proxy({}, { getOwnPropertyDescriptor: loop }),
  setter: () => ({ set zz(v) { for (;;) {} } }),
  getter: () => ({ get zz() { for (;;) {} } }),
  inheritedSetter: () => Object.create({ set zz(v) { for (;;) {} } }),
};
const codes = ['var zz = 1', 'function zz() {}', 'zz = 1', 'zz', 'typeof zz', 'var a, b, zz'];
for (const [name, make] of Object.entries(sandboxes)) {
  const seen = [];
  for (const code of codes) {
    const start = Date.now();
    let r;
    try { r = 'returned ' + typeof vm.runInNewContext(code, make(), { timeout: 100 }); }
    catch (e) { r = e.code || e.name; }
    if (Date.now() - start > 5000) r += ' (late)';
    seen.push(r);
  }
  console.log(name, seen.join(', '));
}
console.log('host goes on', vm.runInNewContext('1 + 1'));
