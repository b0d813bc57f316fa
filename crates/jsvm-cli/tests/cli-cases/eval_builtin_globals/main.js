// `-e` and `-p` see the builtin modules as globals, loaded on first read (Node's
// addBuiltinLibsToObject); a program file, stdin and a worker's eval do not.
const { execFileSync, spawnSync } = require('child_process');
const run = (args, input) => {
  const r = spawnSync(process.execPath, args, { input, encoding: 'utf8' });
  return (r.stdout + r.stderr.split('\n').filter((l) => /Error/.test(l)).join('\n')).trim();
};
console.log(run(['-e', "console.log(typeof fs, typeof vm.Script, typeof child_process.spawn, Object.keys(globalThis).includes('fs'))"]));
console.log(run(['-p', "path.join('a', 'b') + ' ' + (url === require('url'))"]));
console.log(run(['-e', "const d = Object.getOwnPropertyDescriptor(globalThis, 'os'); console.log(typeof d.get, typeof d.set, d.enumerable, d.configurable)"]));
console.log(run(['-e', "fs = 5; console.log(fs, JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, 'fs')))"]));
console.log(run(['-e', "const fs = 1; var util = 2; console.log(fs, util, typeof module, module.id, typeof crypto.randomUUID)"]));
console.log(run(['-e', "vm.createScript('', { get filename() { throw new Error('xyz'); } })"]));
console.log(run(['-'], 'console.log(typeof fs)'));
console.log(run(['-e', "new (require('worker_threads').Worker)('console.log(typeof fs)', { eval: true })"]));
