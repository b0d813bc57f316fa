// process.allowedNodeEnvironmentFlags (Node's read-only Set of the flags NODE_OPTIONS takes) and
// `--v8-options`, which v8flags (gulp) reads for V8's flag names.
const { execFileSync } = require('child_process');
const util = require('util');

const d = Object.getOwnPropertyDescriptor(process, 'allowedNodeEnvironmentFlags');
console.log(typeof d.get, typeof d.set, d.enumerable, d.configurable);
const flags = process.allowedNodeEnvironmentFlags;
console.log(flags === process.allowedNodeEnvironmentFlags, flags instanceof Set, flags.constructor.name);
console.log(Object.isFrozen(flags), Object.isFrozen(Object.getPrototypeOf(flags)));
console.log(flags.size, [...flags].length, Array.from(flags.keys()).length, [...flags.entries()][0]);
console.log(flags.add('--x') === flags, flags.delete('--require'), flags.clear(), flags.size);
for (const f of ['--require', 'require', '-r', '-r=x', '--max_old_space_size=4', 'max-old-space-size',
  '--no-warnings', '--stack-trace-limit', '--expose-gc', '--inspect-brk=9', '--not-a-flag', '', 5]) {
  console.log(util.inspect(f), flags.has(f));
}
let n = 0;
flags.forEach(function (v, k, set) { if (v === k && set === flags && this.t) n++; }, { t: true });
console.log(n === flags.size);
const list = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
const names = list.slice(list.indexOf('\nOptions:')).match(/^\s\s--[\w-]+/gm).map((s) => s.trim());
console.log(['--expose-gc', '--stack-size', '--max-old-space-size', '--jitless', '--stack-trace-limit']
  .map((name) => names.includes(name)));
