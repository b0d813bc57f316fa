// Recursion against the stack limit where the limit was larger than rquickjs accepts (over
// 16 MiB it took it for no limit: the recursion ran off the thread's real stack and the whole
// process aborted): the main thread under `ulimit -s` of 32 and 64 MiB (the command's default
// limit is the main thread's stack less 1 MiB), `--stack-size` past the main thread's stack,
// and a worker's `stackSizeMb: 64`. Each meets its RangeError. Node crashes on the main thread
// with `--stack-size` past its stack.
const { spawnSync } = require('child_process');
const recurse = 'function f() { return f() + 1 } try { f() } catch (e) { console.log(e.name) }';
const worker = `new (require('worker_threads').Worker)(${JSON.stringify(recurse)}, { eval: true, resourceLimits: { stackSizeMb: 64 } })`;
const runs = {
  ulimit32: ['sh', ['-c', 'ulimit -s 32768 && exec "$0" -e "$1"', process.execPath, recurse]],
  ulimit64: ['sh', ['-c', 'ulimit -s 65536 && exec "$0" -e "$1"', process.execPath, recurse]],
  stackSizePastTheStack: [process.execPath, ['--stack-size=16000', '-e', recurse]],
  workerStack64: [process.execPath, ['-e', worker]],
};
for (const [name, [cmd, args]] of Object.entries(runs)) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30000 });
  console.log(name, r.status, r.signal, r.stdout.trim());
}
