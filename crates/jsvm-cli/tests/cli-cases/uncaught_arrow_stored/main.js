// Node's arrow over an uncaught value marks where it was last thrown: a stored error's `throw`
// (not the `new Error` that made it), a `throw` again in a `catch`, a value that is no error
// (`throw 42`, `throw {a: 1}`), the same from a vm script with a filename. A `finally` passes
// the exception on: the arrow stays on the first throw. Each program's first lines of stderr.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, 'programs');
for (const name of fs.readdirSync(dir).sort()) {
  const r = spawnSync(process.execPath, [path.join(dir, name)], { encoding: 'utf8' });
  const head = r.stderr.split(dir).join('<DIR>').replace(/`\w+ --trace-uncaught/g, '`<EXE> --trace-uncaught')
    .split('\n').slice(0, 6).join('\n');
  console.log(`--- ${name} (${r.status})\n${head}`);
}
