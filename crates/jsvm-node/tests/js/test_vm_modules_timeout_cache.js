// Timeouts during evaluate, cached data accepted and rejected, import.meta.
'use strict';
const vm = require('vm');

const show = (e) => console.log(`${e.name} ${e.code} ${e.message}`);

async function main() {
  // A timeout during evaluate.
  const spin = new vm.SourceTextModule('export let done = false; while (true) {}');
  await spin.link(() => {});
  try { await spin.evaluate({ timeout: 20 }); } catch (e) { show(e); }
  console.log(spin.status, spin.error);
  const fine = new vm.SourceTextModule('let i = 0; while (i < 1000) i++; export default i;');
  await fine.link(() => {});
  await fine.evaluate({ timeout: 1000 });
  console.log(fine.namespace.default);

  // Cached data.
  const source = 'export const z = 5; export function twice() { return z * 2; }';
  const first = new vm.SourceTextModule(source);
  const data = first.createCachedData();
  console.log(Buffer.isBuffer(data), data.length > 0);
  const second = new vm.SourceTextModule(source, { cachedData: data });
  console.log(second.status, 'cachedDataRejected' in second);
  await second.link(() => {});
  await second.evaluate();
  console.log(second.namespace.twice());
  try { new vm.SourceTextModule('export const z = 6;', { cachedData: data }); } catch (e) { show(e); }
  try { new vm.SourceTextModule(source, { cachedData: Buffer.from('not cached data') }); } catch (e) { show(e); }
  const withImports = new vm.SourceTextModule("import { z } from 'z'; export default z;");
  const importData = withImports.createCachedData();
  const again = new vm.SourceTextModule("import { z } from 'z'; export default z;", { cachedData: importData });
  await again.link(() => second);
  await again.evaluate();
  console.log(again.namespace.default);

  // import.meta.
  const ctx = vm.createContext({ seen: [] });
  const meta = new vm.SourceTextModule(
    'seen.push(Object.keys(import.meta).join()); export const url = import.meta.url; export const n = import.meta.n;',
    {
      context: ctx,
      identifier: 'file:///virtual/meta.mjs',
      initializeImportMeta(m, module) {
        m.url = module.identifier;
        m.n = 7;
      },
    });
  await meta.link(() => {});
  await meta.evaluate();
  console.log(meta.namespace.url, meta.namespace.n, vm.runInContext('seen', ctx));
  const noInit = new vm.SourceTextModule('export const keys = Object.keys(import.meta);');
  await noInit.link(() => {});
  await noInit.evaluate();
  console.log(noInit.namespace.keys);
}

main().catch((e) => console.log('unexpected', e));
