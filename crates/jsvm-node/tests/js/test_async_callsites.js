// Async frames as call sites of their own, handed to Error.prepareStackTrace as V8 does
// (isAsync, isPromiseAll, getPromiseIndex), and the host's loop frames left out of them.
const vm = require('vm');
const path = require('path');

function describe(s) {
  const file = s.getFileName();
  return [
    String(s).replace(__dirname + path.sep, ''), s.getFunctionName(), file && path.basename(file),
    s.getLineNumber(), s.getColumnNumber(), s.isAsync(), s.isPromiseAll(), s.getPromiseIndex(),
    s.isToplevel(), s.getTypeName(), s.getMethodName(), s.isConstructor(), s.isEval(), s.isNative(),
    s.getEvalOrigin(), Object.prototype.toString.call(s),
    Object.getPrototypeOf(s) === Object.getPrototypeOf(kept[0] || s),
  ].join(' | ');
}
let kept = [];
Error.prepareStackTrace = (e, sites) => {
  kept = sites;
  return sites.map(describe).join('\n');
};

async function inner() { await null; throw new Error('x'); }
async function outer() { await inner(); }
class K {
  async m() { await outer(); }
  static async s() { await Promise.all([1, outer()]); }
  static async t() { await Promise.allSettled([Promise.reject(new Error('no')), outer()]).then(() => outer()); }
}

(async () => {
  for (const run of [() => new K().m(), () => K.s(), () => K.t()]) {
    try { await run(); } catch (e) { console.log(e.stack); }
    console.log('==');
  }
  // Sites kept past the formatter still answer.
  const sites = kept;
  console.log(sites.length, sites.map((s) => `${s.getFunctionName()} ${s.isAsync()} ${s.getPromiseIndex()}`).join(', '));

  // Error.stackTraceLimit counts the async frames too.
  Error.stackTraceLimit = 2;
  try { await new K().m(); } catch (e) { console.log(e.stack); }
  Error.stackTraceLimit = 10;

  // captureStackTrace in an async function.
  async function capture() { await null; const o = {}; Error.captureStackTrace(o); return o.stack; }
  async function caller() { return await capture(); }
  console.log(await caller());

  // In a context: its own formatter is given its own sites.
  const ctx = vm.createContext({ console });
  vm.runInContext(`
    Error.prepareStackTrace = (e, sites) => sites.map((s) =>
      [String(s), s.isAsync(), s.isPromiseAll(), s.getPromiseIndex(),
       Object.getPrototypeOf(s) === Object.getPrototypeOf(sites[0])].join(' | ')).join('\\n');
    async function a() { await 0; throw new Error('in context'); }
    async function b() { await a(); }
    async function c() { await Promise.all([b()]); }
    c().catch((e) => console.log(e.stack));
  `, ctx, { filename: 'ctx.js' });
  await new Promise((r) => setTimeout(r, 10));

  // The default format, unchanged.
  delete Error.prepareStackTrace;
  try { await K.s(); } catch (e) { console.log(e.stack.split('\n').map((l) => l.replace(__dirname + path.sep, '')).join('\n')); }
})();
