// import() in code compiled by eval or new Function resolves from the script or module of the
// code that called them (V8 takes the innermost JavaScript frame's script), as node does: from
// a CommonJS file, an ES module, a vm.Script or compileFunction with importModuleDynamically,
// a vm.SourceTextModule, and code of a context.
'use strict';
const path = require('path');
const vm = require('vm');
const caller = require('./eval_import/caller.js');

const dir = path.join(__dirname, 'eval_import');
const clean = (s) => String(s).split(__dirname).join('<js>');
async function run(label, start) {
  try {
    const ns = await start();
    console.log(label, ns.default);
  } catch (e) {
    console.log(label, 'error', e.code, clean(e.message));
  }
}
const target = (name) => {
  const m = new vm.SyntheticModule(['default'], function () { this.setExport('default', name); });
  return m.link(() => {}).then(() => m.evaluate()).then(() => m);
};

async function main() {
  await caller();
  await (await import('./eval_import/caller.mjs')).default();

  // A script with its own callback: the eval code's import() goes to it; a function of
  // caller.js called from it imports from caller.js.
  globalThis.callerHere = caller.here;
  const script = new vm.Script(`[
    () => eval("import('a') /* 31 */"),
    () => (0, eval)("import('b') /* 32 */"),
    () => new Function("return import('c') /* 33 */")(),
    () => eval("new Function(\\"return import('d') /* 34 */\\")()"),
    () => callerHere(),
  ]`, {
    filename: path.join(dir, 'script.js'),
    importModuleDynamically(specifier, referrer) {
      console.log('script callback', specifier, referrer === script);
      return target(`script answer to ${specifier}`);
    },
  });
  for (const [i, f] of script.runInThisContext().entries()) await run(`script ${i}`, f);

  const fn = vm.compileFunction('return [eval("import(\'e\') /* 35 */"), new Function("return import(\'f\') /* 36 */")()]', [], {
    importModuleDynamically(specifier, referrer) {
      console.log('function callback', specifier, referrer === fn);
      return target(`function answer to ${specifier}`);
    },
  });
  const [e, f] = fn();
  await run('compileFunction eval', () => e);
  await run('compileFunction new Function', () => f);

  // Code run with no callback: rejected, eval or not.
  await run('runInThisContext eval', () => vm.runInThisContext('eval("import(\'./m.mjs\') /* 37 */")'));
  await run('runInThisContext new Function', () => vm.runInThisContext('new Function("return import(\'./m.mjs\') /* 38 */")()'));

  // A context with a default callback: code of a script run there without one is rejected,
  // eval or not; a function of this file called from there imports from this file.
  const context = vm.createContext({ here: caller.here }, {
    importModuleDynamically(specifier) {
      console.log('context callback', specifier);
      return target(`context answer to ${specifier}`);
    },
  });
  await run('context eval', () => vm.runInContext('eval("import(\'g\') /* 39 */")', context));
  await run('context new Function', () => vm.runInContext('new Function("return import(\'h\') /* 40 */")()', context));
  await run('context, a function of the caller', () => vm.runInContext('here()', context));
  const inContext = new vm.Script('[eval("import(\'i\') /* 41 */"), (0, eval)("import(\'j\') /* 42 */")]', {
    importModuleDynamically(specifier) {
      console.log('context script callback', specifier);
      return target(`context script answer to ${specifier}`);
    },
  });
  const [i, j] = inContext.runInContext(context);
  await run('context script eval', () => i);
  await run('context script indirect eval', () => j);

  // A module with its own callback.
  const mod = new vm.SourceTextModule(`
    export const k = eval("import('k') /* 43 */");
    export const l = new Function("return import('l') /* 44 */")();
  `, {
    identifier: 'mod',
    importModuleDynamically(specifier, referrer) {
      console.log('module callback', specifier, referrer === mod);
      return target(`module answer to ${specifier}`);
    },
  });
  await mod.link(() => {});
  await mod.evaluate();
  await run('module eval', () => mod.namespace.k);
  await run('module new Function', () => mod.namespace.l);
}

main();
