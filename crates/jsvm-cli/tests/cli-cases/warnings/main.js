// process.emitWarning and the 'warning' event; vm.measureMemory's ExperimentalWarning (once).
const seen = [];
process.on('warning', (w) => {
  seen.push([w.name, w.message, w.code, w.detail, w instanceof Error]);
});
process.emitWarning('plain');
process.emitWarning('typed', 'CustomWarning');
process.emitWarning('with code', 'CustomWarning', 'CODE1');
process.emitWarning('with options', { type: 'OtherWarning', code: 'CODE2', detail: 'some detail' });
const e = new Error('an error object');
e.name = 'MyWarning';
process.emitWarning(e);
process.emitWarning('deprecated thing', 'DeprecationWarning', 'DEP0999');
try {
  process.emitWarning(42);
} catch (err) {
  console.log(err.code, err.name);
}
const vm = require('vm');
console.log(vm.measureMemory() instanceof Promise);
vm.measureMemory();
console.log('sync done', seen.length);
setTimeout(() => {
  for (const s of seen) console.log(s);
}, 10);
