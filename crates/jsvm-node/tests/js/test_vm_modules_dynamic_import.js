// import() in vm code: answered by importModuleDynamically, rejected without it.
'use strict';
const vm = require('vm');

const show = (e) => console.log(`${e.name} ${e.code} ${e.message}`);

async function evaluated(source, options) {
  const m = new vm.SourceTextModule(source, options);
  await m.link(() => {});
  await m.evaluate();
  return m;
}

async function main() {
  const target = await evaluated('export const answer = 42; export default "target";', { identifier: 'target' });

  // A Script whose callback returns a module.
  const script = new vm.Script('import("answer", { with: { type: "json" } })', {
    importModuleDynamically(specifier, referrer, attributes) {
      console.log('script callback:', specifier, referrer === script, attributes);
      return target;
    },
  });
  const ns = await script.runInThisContext();
  console.log(ns === target.namespace, ns.answer);

  // An async callback that makes and evaluates the module itself.
  const asyncScript = new vm.Script('import("made")', {
    async importModuleDynamically(specifier) {
      return evaluated(`export default ${JSON.stringify(specifier)} + "!";`);
    },
  });
  console.log((await asyncScript.runInThisContext()).default);

  // A callback returning a namespace object.
  const fn = vm.compileFunction('return import("ns")', [], {
    importModuleDynamically(specifier, referrer) {
      console.log('function callback:', specifier, referrer === fn);
      return target.namespace;
    },
  });
  console.log((await fn()).default);

  // From a module, in a context.
  const ctx = vm.createContext({});
  const inner = await evaluated('export const where = "inner";', { context: ctx });
  const outer = await evaluated('export const loaded = import("./inner.mjs").then((m) => m.where);', {
    context: ctx,
    importModuleDynamically(specifier, referrer) {
      console.log('module callback:', specifier, referrer.identifier);
      return inner;
    },
  });
  console.log(await outer.namespace.loaded);

  // Without a callback.
  try { await new vm.Script('import("x")').runInThisContext(); } catch (e) { show(e); }
  try { await vm.runInThisContext('import("x")'); } catch (e) { show(e); }
  try { await vm.runInNewContext('import("x")'); } catch (e) { show(e); }
  try { await vm.compileFunction('return import("x")')(); } catch (e) { show(e); }
  const lonely = await evaluated('export const p = import("x");');
  try { await lonely.namespace.p; } catch (e) { show(e); }

  // Callbacks whose answer is not usable.
  const notModule = new vm.Script('import("x")', { importModuleDynamically: () => ({}) });
  try { await notModule.runInThisContext(); } catch (e) { show(e); }
  const unlinked = new vm.Script('import("x")', {
    importModuleDynamically: () => new vm.SourceTextModule('export const q = 1;'),
  });
  try { await unlinked.runInThisContext(); } catch (e) { show(e); }
  const broken = new vm.SourceTextModule('throw new Error("broken module");');
  await broken.link(() => {});
  await broken.evaluate().catch(() => {});
  const errored = new vm.Script('import("x")', { importModuleDynamically: () => broken });
  try { await errored.runInThisContext(); } catch (e) { show(e); }
  const throwing = new vm.Script('import("x")', {
    importModuleDynamically() { throw new RangeError('callback threw'); },
  });
  try { await throwing.runInThisContext(); } catch (e) { show(e); }

  // The main context's own loader.
  const viaLoader = new vm.Script('import("path")', {
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const path = await viaLoader.runInThisContext();
  console.log(path.default.join('a', 'b'), typeof path.join);

  try { new vm.Script('', { importModuleDynamically: 'x' }); } catch (e) { show(e); }

  // import() from eval'd code in a context without a callback of its own never reaches the
  // default loader; with one, the context's callback answers.
  const evalTarget = new vm.SourceTextModule('export const a = 1;');
  await evalTarget.link(() => {});
  await evalTarget.evaluate();
  const evalImport = 'Promise.resolve("import(\'foo\')").then(eval)';
  const scriptCb = { importModuleDynamically: () => { console.log('script callback (wrong)'); return evalTarget; } };
  try { await new vm.Script(evalImport, scriptCb).runInContext(vm.createContext({})); } catch (e) { show(e); }
  const withCb = vm.createContext({}, { importModuleDynamically: (s) => { console.log('context callback', s); return evalTarget; } });
  console.log((await new vm.Script(evalImport, scriptCb).runInContext(withCb)) === evalTarget.namespace);
}

main().catch((e) => console.log('unexpected', e));
