// import() answered by an importModuleDynamically callback whose answer the vm module refuses
// (not a module, a module not linked): the rejection is an error the vm module makes. Node
// makes it in the host's realm, so `e.constructor.constructor('return process')()` is the
// host's process (`object`); jsvm makes it in the importing context (whose Function finds no
// `process`: `threw ReferenceError`), with Node's
// name, code and message. An error the callback throws itself is the program's, passed as in
// Node (the last line: `object`).
import vm from 'vm';
const probe = "(e) => { try { return typeof e.constructor.constructor('return process')() } catch (x) { return 'threw ' + x.name } }";
const ctx = vm.createContext(Object.create(null));
const answers = {
  object: () => ({}),
  number: () => 5,
  unlinked: () => new vm.SourceTextModule('export default 1', { context: ctx }),
  mainContextUnlinked: () => new vm.SourceTextModule('export default 1'),
  callbackThrows: () => { null.x; },
};
for (const [name, answer] of Object.entries(answers)) {
  const script = new vm.Script(`import('x').then(() => 'resolved', e => [(${probe})(e), e.name, e.code, e.message, e.stack.split('\\n')[0]].join(' | '))`, { importModuleDynamically: answer });
  console.log(name, await script.runInContext(ctx));
}
