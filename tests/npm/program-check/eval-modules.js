const requireFromString = require('require-from-string');
const m = requireFromString('module.exports = { a: 1, f: () => __filename, d: __dirname, req: typeof require, p: module.paths.length > 0 };', __dirname + '/virtual.js');
console.log(m.a, m.f(), m.d, m.req, m.p);
const m2 = requireFromString('module.exports = require("js-yaml").load("a: [1, 2]")', { appendPaths: [__dirname + '/node_modules'] });
console.log(JSON.stringify(m2));
try { requireFromString('throw new Error("boom")'); } catch (e) { console.log('caught', e.message); }
const nodeEval = require('node-eval');
console.log(nodeEval('module.exports = 40 + 2'));
console.log(nodeEval('({ x: [1,2,3].map(n => n * 2) })'));
console.log(JSON.stringify(nodeEval('{"json": true}', 'file.json')));
console.log(nodeEval('exports.name = __filename', __dirname + '/named.js'));
console.log(nodeEval('module.exports = ctxVal * 2', 'ctx.js', { ctxVal: 21 }));
try { nodeEval('syntax error here', 'bad.js'); } catch (e) { console.log(e.name, e.message.split('\n')[0]); }
(async () => {
  const mfs = await import('module-from-string');
  const a = mfs.requireFromString('module.exports = require("path").basename(__filename)');
  console.log(typeof a, a.length > 0);
  const b = mfs.requireFromString('module.exports = { v: 7 }', { globals: { foo: 1 } });
  console.log(b.v);
  const c = await mfs.importFromString('export const x = 5; export default function hi() { return "hi" }');
  console.log(c.x, c.default());
  const d = await mfs.importFromString('import path from "path"; export const sep = path.sep; export const g = typeof gv', { globals: { gv: 1 } });
  console.log(d.sep, d.g);
  const e = mfs.importFromStringSync('export const y = 9 * 9');
  console.log(e.y);
  const f = await mfs.importFromString('import { load } from "js-yaml"; export default load("k: v")', { dirname: __dirname });
  console.log(JSON.stringify(f.default));
  const g = await mfs.importFromString('export default import.meta.url.startsWith("file:")');
  console.log(g.default);
})().catch(e => console.log('ERR', e));
