// The arrow over an uncaught error marks the `throw` statement only when the error was made in
// it (or made by `new` before the line's `throw`): `x; throw ...` with `x` undefined marks `x`.
// Each program runs as `-e` and as a vm script; the first three lines of stderr are printed.
const { spawnSync } = require('child_process');
const fs = require('fs');
const programs = fs.readFileSync(__dirname + '/programs.txt', 'utf8').split('\n').filter(Boolean);
const head = (args) => spawnSync(process.execPath, args, { encoding: 'utf8' }).stderr.split('\n').slice(0, 3).join('\n');
for (const p of programs) {
  console.log(head(['-e', p]));
  console.log(head(['-e', "require('vm').runInThisContext(process.argv[1], 'f.vm')", p]));
}
