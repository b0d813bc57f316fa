// A child's environment keeps the order it was given in (libuv sets `environ` to the pairs as
// listed; a map sorted by name would list A before Z).
const { execFileSync, spawnSync } = require('child_process');
const shown = (env) => execFileSync('printenv', [], { env }).toString().trim().split('\n');
console.log(shown({ ZED: '1', ALPHA: '2', MIDDLE: '3' }));
console.log(shown({ B: 'x=y', A: '', C: 'three' }));
const r = spawnSync('printenv', [], { env: { Z: '1', Y: '2', X: '3' } });
console.log(r.status, r.stdout.toString().trim().split('\n'));
// Inherited: the parent's order, its own pairs first among the names it sets here.
const keys = Object.keys(process.env);
const child = execFileSync('printenv', []).toString().trim().split('\n').map((l) => l.split('=')[0]);
console.log(JSON.stringify(child.filter((k) => keys.includes(k))) === JSON.stringify(keys.filter((k) => child.includes(k))));
