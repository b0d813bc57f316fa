// spawnSync, execSync and execFileSync: output, exit codes, signals, errors, options.
const cp = require('child_process');
const path = require('path');

const r = cp.spawnSync('/bin/sh', ['-c', 'echo out; echo err >&2; exit 3']);
console.log(Object.keys(r), r.status, r.signal, r.output[0], String(r.stdout), String(r.stderr));

const cat = cp.spawnSync('cat', { input: 'fed through stdin', encoding: 'utf8' });
console.log(cat.status, JSON.stringify(cat.stdout), cat.output.length);

const missing = cp.spawnSync('nosuchcmd-jsvm', ['a', 'b']);
const e = missing.error;
console.log(e.message, e.code, e.errno, e.syscall, e.path, e.spawnargs, missing.status, missing.pid, missing.output);

const slow = cp.spawnSync('sleep', ['5'], { timeout: 100 });
console.log(slow.error.code, slow.error.message, slow.status, slow.signal);
const slowKill = cp.spawnSync('sleep', ['5'], { timeout: 100, killSignal: 'SIGKILL' });
console.log(slowKill.error.code, slowKill.signal);

const big = cp.spawnSync('/bin/sh', ['-c', 'echo 0123456789abcdef'], { maxBuffer: 4 });
console.log(big.error.code, big.error.message);

const signalled = cp.spawnSync('/bin/sh', ['-c', 'kill -USR2 $$']);
console.log(signalled.status, signalled.signal);

const env = cp.spawnSync('/bin/sh', ['-c', 'echo "$JSVM_T1-$HOME"'], { env: { JSVM_T1: 'set' }, encoding: 'utf8' });
console.log(JSON.stringify(env.stdout));
const cwd = cp.spawnSync('pwd', { cwd: '/', encoding: 'utf8' });
console.log(JSON.stringify(cwd.stdout));
const shell = cp.spawnSync('echo', ['$((6 * 7))'], { shell: true, encoding: 'utf8' });
console.log(JSON.stringify(shell.stdout));
const argv0 = cp.spawnSync('/bin/sh', ['-c', 'echo $0'], { argv0: 'renamed', encoding: 'utf8' });
console.log(JSON.stringify(argv0.stdout));

// The program's own binary (node under node, jsvm under jsvm).
const self = cp.spawnSync(process.execPath, ['-e', 'console.log(6 * 7); process.exitCode = 5'], { encoding: 'utf8' });
console.log(self.status, JSON.stringify(self.stdout));
const script = cp.spawnSync(process.execPath, [path.join(__dirname, 'child.js'), 'x', 'y'], { encoding: 'utf8' });
console.log(script.status, JSON.stringify(script.stdout));

console.log(String(cp.execSync('echo hello; echo to-stderr >&2', { stdio: 'pipe' })));
console.log(cp.execSync('tr a-z A-Z', { input: 'upper', encoding: 'utf8' }));
try {
  cp.execSync('echo partial; echo failing >&2; exit 2', { stdio: 'pipe' });
} catch (err) {
  console.log(JSON.stringify(err.message), err.status, err.signal, String(err.stdout), String(err.stderr), Object.keys(err));
}
console.log(cp.execFileSync('/bin/sh', ['-c', 'echo file sync'], { encoding: 'utf8' }));
try {
  cp.execFileSync('/bin/sh', ['-c', 'exit 9'], { stdio: 'pipe' });
} catch (err) {
  console.log(JSON.stringify(err.message), err.status);
}
try {
  cp.execFileSync('nosuchcmd-jsvm');
} catch (err) {
  console.log(err.message, err.code, err.status, err.output);
}
try {
  cp.spawnSync('sleep', ['1'], { timeout: -1 });
} catch (err) {
  console.log(err.code, err.message);
}
try {
  cp.spawnSync('sleep', ['1'], { killSignal: 'SIGNOPE' });
} catch (err) {
  console.log(err.code, err.message);
}
// Inherited stdio writes straight to this process's streams.
cp.spawnSync('/bin/sh', ['-c', 'echo inherited'], { stdio: 'inherit' });
cp.spawnSync('/bin/sh', ['-c', 'echo to fd 1 from fd 2 >&2'], { stdio: ['ignore', 'inherit', 1] });
