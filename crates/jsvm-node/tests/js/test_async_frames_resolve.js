// Async stack frames through a promise's resolving function given to then (V8 follows the
// promise it resolves), and after awaiting a promise of a vm context (the engine wraps the
// next await's promise, whose reaction is such a resolving function).
const vm = require('vm');
const where = (tag) =>
  console.log(tag, new Error().stack.split('\n').slice(1).map((s) => s.trim().replace(__dirname + '/', '')).join(' / '));
const tick = () => new Promise((r) => setTimeout(r, 1));
async function inner(tag) { await tick(); where(tag); }
async function viaResolve() { await new Promise((res, rej) => inner('resolve').then(res, rej)); }
async function viaReject() { await new Promise((res, rej) => inner('reject').then(res, rej)).catch(() => {}); }
async function afterContextPromise() {
  await vm.runInContext('Promise.resolve(1)', vm.createContext({}));
  await inner('context');
}
async function nested() { await new Promise((res) => inner('nested').then(res)); where('nested-after'); }
(async function main() {
  await viaResolve();
  await viaReject();
  await afterContextPromise();
  await new Promise((res) => nested().then(res));
})();
