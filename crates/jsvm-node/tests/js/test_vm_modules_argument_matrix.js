// The vm module classes (SourceTextModule, SyntheticModule, link, evaluate, setExport, createCachedData)
// called with many argument shapes: Node's error codes and messages.
const vm = require('vm');
const vals = [undefined, null, 0, 1, 'x', {}, [], () => {}, Symbol('s'), 1n, true,
  { identifier: 1 }, { context: 1 }, { context: {} }, { lineOffset: 'a' }, { columnOffset: 1.5 }, { cachedData: 'x' }, { initializeImportMeta: 1 }, { importModuleDynamically: 1 },
  { timeout: -1 }, { timeout: 'x' }, { breakOnSigint: 1 }, ['a', 1], ['a', 'a'], [1]];
const show = (v) => { try { return typeof v === 'symbol' ? 'sym' : typeof v === 'bigint' ? '1n' : typeof v === 'function' ? 'fn' : JSON.stringify(v); } catch { return '?'; } };
const calls = {
  STM: (a) => new vm.SourceTextModule(a),
  STMopt: (a) => new vm.SourceTextModule('export default 1', a),
  SM: (a) => new vm.SyntheticModule(a, () => {}),
  SMfn: (a) => new vm.SyntheticModule(['x'], a),
  SMopt: (a) => new vm.SyntheticModule(['x'], () => {}, a),
  link: (a) => new vm.SourceTextModule('export default 1').link(a),
  evaluate: (a) => new vm.SourceTextModule('export default 1').evaluate(a),
  setExport: (a) => { const m = new vm.SyntheticModule(['x'], () => {}); return m.setExport(a, 1); },
  createCachedData: (a) => new vm.SourceTextModule('export default 1').createCachedData(a),
  moduleCtor: (a) => new vm.Module(a),
};
const out = [];
let pending = [];
for (const [name, f] of Object.entries(calls)) {
  for (const a of vals) {
    let r;
    try { r = f(a); } catch (e) { out.push(`${name}(${show(a)}) -> ${e && e.code} ${e && e.name}: ${e && e.message}`); continue; }
    if (r && typeof r.then === 'function') {
      const i = out.length; out.push(null);
      pending.push(r.then((v) => { out[i] = `${name}(${show(a)}) -> resolved ${typeof v}`; }, (e) => { out[i] = `${name}(${show(a)}) -> rejected ${e && e.code} ${e && e.name}: ${e && e.message}`; }));
    } else out.push(`${name}(${show(a)}) -> ok ${typeof r === 'object' && r !== null ? r.constructor.name : typeof r}`);
  }
}
Promise.all(pending).then(() => console.log(out.join('\n')));
