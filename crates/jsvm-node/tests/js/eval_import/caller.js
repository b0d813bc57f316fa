// Code compiled by eval and new Function imports from this file (the caller's), not from the
// current directory nor the engine's name for eval code.
'use strict';
const dir = __dirname;
const clean = (s) => String(s).split(dir).join('<dir>');

async function run(label, start) {
  try {
    const ns = await start();
    console.log(label, ns.default);
  } catch (e) {
    console.log(label, 'error', e.code, clean(e.message));
  }
}

module.exports = async function cjs() {
  await run('direct eval', () => eval("import('./m.mjs') /* 1 */"));
  await run('indirect eval', () => (0, eval)("import('./m.mjs') /* 2 */"));
  await run('new Function', () => new Function("return import('./m.mjs') /* 3 */")());
  await run('eval in eval', () => eval("eval(\"import('./m.mjs') /* 4 */\")"));
  await run('new Function in eval', () => eval("new Function(\"return import('./m.mjs') /* 5 */\")")());
  await run('eval by map', () => ["import('./m.mjs') /* 6 */"].map(eval)[0]);
  await run('eval by Reflect.apply', () => Reflect.apply(eval, null, ["import('./m.mjs') /* 7 */"]));
  await run('named eval', () => eval("import('./m.mjs') /* 8 */\n//# sourceURL=/elsewhere/named.js"));
  await run('function made by eval, called later', () => eval("(function later() { return import('./m.mjs') /* 9 */; })")());
  await run('missing, from eval', () => eval("import('./nope.mjs') /* 10 */"));
  await run('missing, from new Function', () => new Function("return import('./nope.mjs') /* 11 */")());
  await run('missing, no extension', () => import('./m'));
  await run('missing, no extension, from eval', () => eval("import('./m') /* 12 */"));
  // A directory: refused as one, named as the specifier's URL names it (`.` ends in a slash).
  await run('a directory', () => import('./dir'));
  await run('a directory, with a slash', () => import('./dir/'));
  await run('a directory, from eval', () => eval("import('.') /* 14 */"));
  await run('no directory, with a slash', () => import('./nodir/'));
};

// Called from code elsewhere: its own eval resolves from this file all the same.
module.exports.here = () => (0, eval)("import('./m.mjs') /* 13 */");
