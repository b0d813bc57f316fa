// The same from an ES module.
const dir = new URL('.', import.meta.url).pathname.replace(/\/$/, '');
const clean = (s) => String(s).split(dir).join('<dir>');

async function run(label, start) {
  try {
    const ns = await start();
    console.log(label, ns.default);
  } catch (e) {
    console.log(label, 'error', e.code, clean(e.message));
  }
}

export default async function esm() {
  await run('module: direct eval', () => eval("import('./m.mjs') /* 21 */"));
  await run('module: indirect eval', () => (0, eval)("import('./m.mjs') /* 22 */"));
  await run('module: new Function', () => new Function("return import('./m.mjs') /* 23 */")());
  await run('module: missing, from eval', () => eval("import('./nope.mjs') /* 24 */"));
}
