// module.register (Node 20): hooks modules on a thread of their own, chained last-registered
// first; initialize gets its data and a transferred port; resolve and load hooks give virtual
// modules, change sources and formats, keep a URL's query; a hook that neither calls next nor
// short-circuits, and one that throws, fail the import with Node's codes.
const { register } = require('module');
const { MessageChannel } = require('worker_threads');
const { pathToFileURL } = require('url');
const path = require('path');
const base = pathToFileURL(path.join(__dirname, 'module_hooks', '/')).href;
const { port1, port2 } = new MessageChannel();
const initialized = new Promise((resolve) => port1.once('message', resolve));
console.log(typeof register, register('./first.mjs', base, { data: { tag: 'T', port: port2 }, transferList: [port2] }));
register(new URL('./second.mjs', base));
(async () => {
  const answer = await import('virtual:answer');
  console.log(answer.default, answer.from);
  const lib = await import(new URL('./lib.mjs', base).href);
  console.log(lib.value, lib.url);
  const again = await import(new URL('./lib.mjs?second', base).href);
  console.log(again.url, again === lib);
  console.log((await import(new URL('./data.txt', base).href)).default);
  const cjs = await import(new URL('./plain.cjs', base).href);
  console.log(cjs.kind, cjs.default.kind);
  for (const spec of ['virtual:lazy', 'virtual:broken', './missing.mjs']) {
    try {
      await import(spec.startsWith('.') ? new URL(spec, base).href : spec);
    } catch (e) {
      console.log(spec, e.name, e.code, e.message.replace(/\/\S*\//g, '<dir>/'));
    }
  }
  console.log('port:', await initialized);
  port1.close();
})();
