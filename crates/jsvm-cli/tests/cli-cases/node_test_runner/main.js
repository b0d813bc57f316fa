// Runs each node:test program of this directory as its own process and prints its TAP output
// (TAP, and the spec reporter's) with what varies from run to run taken out: durations, stack
// frames (the engine's differ from V8's), and this directory's path.
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
    // The spec reporter's errors: their stack frames.
    if (/^\s+at /.test(line)) continue;
    out.push(line.split(__dirname).join('<DIR>').replace(/duration_ms(:?) [\d.e+-]+/, 'duration_ms$1 <N>')
      .replace(/\([\d.e+-]+ms\)/, '(<N>ms)'));
  }
  return out.join('\n');
}

const runs = [['basic.js'], ['suites.js'], ['failures.js'], ['pending.js'], ['plan.js'], ['--test-reporter=spec', 'basic.js'],
  ['--test-reporter', 'spec', 'suites.js'], ['--test-reporter=spec', 'failures.js']];
for (const args of runs) {
  const file = args.pop();
  const r = spawnSync(process.execPath, [...args, path.join(__dirname, file)], { encoding: 'utf8' });
  console.log(`=== ${[...args, file].join(' ')}: exit ${r.status}`);
  process.stdout.write(normalize(r.stdout));
  console.log(`--- stderr`);
  process.stdout.write(r.stderr);
}
