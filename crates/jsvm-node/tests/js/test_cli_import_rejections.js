// `--import` (ES modules evaluated, top-level await included, before the program, resolved
// from the working directory) and `--unhandled-rejections` modes, as programs run them.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-import-'));
const write = (name, text) => fs.writeFileSync(path.join(dir, name), text);
write('first.mjs', `
globalThis.order = ['first'];
await new Promise((r) => setTimeout(r, 10));
globalThis.order.push('first after await');
console.log('first', process.argv.length);
`);
write('second.mjs', "globalThis.order.push('second'); export const x = 1;\n");
write('main.js', "console.log('main', globalThis.order);\n");
write('throws.mjs', "throw new TypeError('from an import');\n");
fs.mkdirSync(path.join(dir, 'node_modules', 'hook'), { recursive: true });
write('node_modules/hook/package.json', '{"name":"hook","type":"module","exports":"./index.js"}');
write('node_modules/hook/index.js', "console.log('bare import resolved');\n");

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  const err = r.stderr.split('\n').filter((l) => /^\w*(Error|Warning|Rejection)\b|Warning:/.test(l))
    .map((l) => l.replace(/^\(\w+:\d+\) /, '').split(dir).join('DIR'));
  const shown = args.map((a) => (a.includes('\n') ? 'PROGRAM' : a)).join(' ');
  console.log(`[${shown.split(dir).join('DIR')}] exit ${r.status}`);
  if (r.stdout) console.log(r.stdout.trimEnd());
  if (err.length) console.log('  stderr:', err.join(' | ').slice(0, 400));
}
run(['--import', './first.mjs', '--import', './second.mjs', 'main.js', 'arg']);
run(['--import=./first.mjs', '-e', 'console.log("eval", order)']);
run(['--import', 'hook', '--import', 'node:path', 'main.js']);
run(['--import', './missing.mjs', 'main.js']);
run(['--import', './throws.mjs', 'main.js']);

const program = `
process.on('exit', (c) => console.log('exit event', c));
if (process.argv[1] === 'listen') {
  process.on('unhandledRejection', (r) => console.log('unhandledRejection', String(r)));
  process.on('uncaughtException', (e, origin) => console.log('uncaughtException', String(e).slice(0, 30), origin));
}
Promise.reject(new Error('r1'));
Promise.reject(7);
setTimeout(() => console.log('still running'), 10);
`;
for (const mode of ['throw', 'strict', 'warn', 'none', 'warn-with-error-code']) {
  run([`--unhandled-rejections=${mode}`, '-e', program]);
  run([`--unhandled-rejections=${mode}`, '-e', program, 'listen']);
}
run(['--unhandled-rejections=sometimes', '-e', '1']);
fs.rmSync(dir, { recursive: true });
