// vm.SourceTextModule basics: the seed example, statuses, inspect, identifiers, wrong states.
'use strict';
const vm = require('vm');
const util = require('util');

const show = (e) => console.log(`${e.name} ${e.code} ${e.message}`);

async function main() {
  // The 2025 guide's example.
  const seed = new vm.SourceTextModule('export default 42');
  await seed.link(() => {});
  await seed.evaluate();
  console.log(seed.namespace.default, seed.status);

  const m = new vm.SourceTextModule('export default 1; export let x = 2; x++;');
  console.log(m.status, m.identifier, m.dependencySpecifiers, m.context);
  console.log(util.inspect(m));
  try { m.namespace; } catch (e) { show(e); }
  try { m.error; } catch (e) { show(e); }
  try { await m.evaluate(); } catch (e) { show(e); }
  try { m.setExport; } catch (e) { show(e); }
  const linking = m.link(() => {});
  console.log('during link:', m.status);
  await linking;
  console.log('after link:', m.status);
  console.log(util.inspect(m.namespace));
  try { await m.link(() => {}); } catch (e) { show(e); }
  const done = m.evaluate();
  console.log('evaluate returns', util.inspect(done), m.status);
  console.log('resolves to', await done);
  console.log(m.namespace.default, m.namespace.x, util.inspect(m.namespace));
  console.log(util.inspect(m));
  try { m.createCachedData(); } catch (e) { show(e); }
  await m.evaluate();
  console.log('evaluated again:', m.status);
  console.log(Object.keys(m), m instanceof vm.Module, m instanceof vm.SourceTextModule);

  // Identifiers: a global counter, and a per-context one.
  const ctx = vm.createContext({ answer: 42 });
  const a = new vm.SourceTextModule('export default answer', { context: ctx });
  const b = new vm.SourceTextModule('export default answer + 1', { context: ctx, identifier: 'b.mjs' });
  const c = new vm.SourceTextModule('', { context: ctx });
  console.log(a.identifier, b.identifier, c.identifier, a.context === ctx);
  console.log(util.inspect(b));
  await b.link(() => {});
  await b.evaluate();
  console.log(b.namespace.default);

  // The abstract class and argument checks.
  try { new vm.Module(); } catch (e) { show(e); }
  try { new vm.SourceTextModule(5); } catch (e) { show(e); }
  try { new vm.SourceTextModule('', null); } catch (e) { show(e); }
  try { new vm.SourceTextModule('', { context: {} }); } catch (e) { show(e); }
  try { new vm.SourceTextModule('', { context: 1 }); } catch (e) { show(e); }
  try { new vm.SourceTextModule('', { identifier: 5 }); } catch (e) { show(e); }
  try { new vm.SourceTextModule('', { lineOffset: 1.5 }); } catch (e) { show(e); }
  try { new vm.SourceTextModule('', { importModuleDynamically: 5 }); } catch (e) { show(e); }
  try { new vm.SourceTextModule('', { initializeImportMeta: 5 }); } catch (e) { show(e); }
  try { new vm.SourceTextModule('', { cachedData: 'x' }); } catch (e) { show(e); }
  try { new vm.SourceTextModule('export default ;'); } catch (e) { console.log(e.name, e instanceof SyntaxError); }
  const fresh = new vm.SourceTextModule('');
  try { await fresh.link(5); } catch (e) { show(e); }
  await fresh.link(() => {});
  try { await fresh.evaluate(5); } catch (e) { show(e); }
  try { await fresh.evaluate({ timeout: 0 }); } catch (e) { show(e); }
  try { await fresh.evaluate({ breakOnSigint: 'yes' }); } catch (e) { show(e); }
  try { vm.SourceTextModule.prototype.status; } catch (e) { show(e); }
}

main().catch((e) => console.log('unexpected', e));
