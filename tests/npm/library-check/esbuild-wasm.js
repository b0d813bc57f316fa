const esbuild = require('esbuild-wasm');
(async () => {
  await esbuild.initialize({});
  const r = await esbuild.transform('const x: number = 1; export default (a: string) => a + x', { loader: 'ts', format: 'cjs' });
  console.log(r.code);
  try { await esbuild.transform('let = ;', {}); } catch (e) { console.log(e.errors.map(x => x.text)); }
  const b = await esbuild.build({ stdin: { contents: 'import { b } from "./b"; console.log(b)', resolveDir: __dirname, loader: 'js' }, bundle: true, write: false, format: 'iife', plugins: [{ name: 'v', setup(build) { build.onResolve({ filter: /^\.\/b$/ }, a => ({ path: 'b', namespace: 'v' })); build.onLoad({ filter: /.*/, namespace: 'v' }, () => ({ contents: 'export const b = 42', loader: 'js' })); } }] });
  console.log(b.outputFiles[0].text);
  require('vm').runInNewContext(b.outputFiles[0].text, { console });
  esbuild.stop();
})().catch(e => { console.log('ERR', e); process.exit(1); });
