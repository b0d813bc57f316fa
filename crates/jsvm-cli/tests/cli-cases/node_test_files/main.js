// `--test`: the test files under files/ (found by name, node_modules and other files left out)
// run each in its own process and reported as one TAP stream, with durations, stack frames
// and this directory's path taken out.
const { spawnSync } = require('child_process');
const path = require('path');

function normalize(text) {
  const out = [];
  let stackIndent = -1;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (stackIndent >= 0 && indent > stackIndent && line.trim() !== '') continue;
    stackIndent = -1;
    if (/^\s*stack: \|-$/.test(line)) {
      stackIndent = indent;
      out.push(line.replace('|-', '<frames>'));
      continue;
    }
    // A duration is whole nanoseconds in milliseconds (Node's runner counts so); any other
    // form of number is left in, and differs.
    out.push(line.split(__dirname).join('<DIR>').replace(/duration_ms(:?) \d+(\.\d{1,6})?$/, 'duration_ms$1 <N>'));
  }
  return out.join('\n');
}

for (const args of [['--test'], ['--test', 'files/lib/b.test.js', 'files/test']]) {
  const r = spawnSync(process.execPath, args, { cwd: __dirname, encoding: 'utf8' });
  console.log(`=== ${args.join(' ')}: exit ${r.status}`);
  process.stdout.write(normalize(r.stdout));
  console.log('--- stderr');
  process.stdout.write(r.stderr);
}
