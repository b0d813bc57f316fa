// With --experimental-vm-modules, the first vm.Module made warns once (ExperimentalWarning),
// even one whose options are refused; a 'warning' listener sees it after the current job.
import vm from 'vm';

process.on('warning', (w) => console.log('warning event:', w.name, w.message));
try {
  new vm.SourceTextModule('export default 1', { context: 42 });
} catch (e) {
  console.log(e.code);
}
const m = new vm.SourceTextModule('export default 6 * 7');
new vm.SyntheticModule(['x'], function () { this.setExport('x', 1); });
await m.link(() => {});
await m.evaluate();
console.log('default:', m.namespace.default);
