// Node 20's module syntax detection: a .js file under no "type" that compiles only as an ES
// module is one (require of it, import of it, as the main program, -e and standard input
// code); --input-type; a package that says CommonJS gets Node's errors and warning.
const { spawnSync } = require('child_process');
const show = (f) => { try { console.log(f()); } catch (e) { console.log(e.name, e.code, e.message.split('\n')[0]); } };
show(() => require('./esm.js'));
show(() => require('./tla.js').v);
show(() => require('./rt.js'));
show(() => require('./bad.js'));
show(() => require('./typed/e.js'));
show(() => require('./typed/f.js'));
// An ES module exporting the name 'module.exports' gives require() that value (yargs 18).
show(() => require('./mexports.mjs')());
const run = (args, input) => {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', input, cwd: __dirname });
  console.log(r.status, JSON.stringify(r.stdout.replaceAll(__dirname, '<DIR>')));
};
run(['esm_main.js']);
run(['-e', 'import { sep } from "path"; console.log(sep, import.meta.url.endsWith("[eval1]"), typeof require)']);
run(['-e', 'console.log(await Promise.resolve(3))']);
run([], 'console.log(await Promise.resolve(4), typeof module)');
run(['--input-type=module', '-e', 'console.log(typeof require, typeof module)']);
run(['--input-type=commonjs', '-e', 'console.log(typeof require)']);
(async () => {
  const m = await import('./esm.js');
  console.log('import', m.default, m.named);
  await import('./rt.js').catch((e) => console.log('import rt', e.name));
})();
