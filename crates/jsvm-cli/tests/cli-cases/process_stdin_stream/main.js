// process.stdin as a readable stream, for a child given input through a pipe: 'data'/'end',
// 'readable'/read(), readline, async iteration, pipe(), never read, paused after a chunk.
const { spawnSync, spawn } = require('child_process');
const path = require('path');
const reader = path.join(__dirname, 'reader.js');
const big = 'line of text\n'.repeat(20000);
const run = (mode, input) => {
  const r = spawnSync(process.execPath, [reader, mode], { input, encoding: 'utf8' });
  process.stdout.write(r.stdout.length > 200 ? `${r.stdout.length} bytes out, same as in: ${r.stdout === input}\n` : r.stdout);
  if (r.stderr) console.log('stderr:', r.stderr);
  console.log(mode, 'exit', r.status);
};
run('data', 'hello stdin\n');
run('data', big);
run('data', '');
run('readable', big);
run('readline', 'a\nb\r\nc');
run('iterate', big);
run('pipe', big);
run('unused', 'ignored');
run('pause', big);
// Input that arrives in pieces, over time.
const child = spawn(process.execPath, [reader, 'readline'], { stdio: ['pipe', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (c) => { out += c; });
child.on('close', (code) => console.log('spawned:', out.trim(), code));
child.stdin.write('one\ntw');
setTimeout(() => { child.stdin.write('o\nthree\n'); setTimeout(() => child.stdin.end('four'), 20); }, 20);
