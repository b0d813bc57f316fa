// Sources nested thousands of levels deep, which the engine accepts (its parse frames are
// small and it checks its limit): the library parses them again (oxc: the names a script run
// against a sandbox declares, whether a compileFunction body stays in its wrapper, the source
// map comment), recursively. That parse overflowed the thread's stack: the whole process
// aborted (from 3000 levels of `a=`, `1?`, `()=>`, `({a:`, nested functions, 5000 parentheses
// in compileFunction). Each now runs or meets its RangeError, and the process goes on.
// Node: runs each, or a RangeError.
const vm = require('vm');
const n = 20000;
const sources = {
  assign: 'var a; ' + 'a='.repeat(n) + '1',
  conditional: '1?'.repeat(n) + '1' + ':1'.repeat(n),
  arrows: '()=>'.repeat(n) + '1',
  news: 'new '.repeat(n) + 'Object',
  functions: 'function f(){'.repeat(2000) + '}'.repeat(2000),
  objects: '({a:'.repeat(2000) + '1' + '})'.repeat(2000),
  elseIf: 'if(0){}' + 'else if(0){}'.repeat(n),
};
for (const [name, src] of Object.entries(sources)) {
  let r;
  try { r = typeof vm.runInNewContext(src + '\n//# sourceMappingURL=x.map', { x: 1 }); } catch (e) { r = e.name; }
  console.log(name, r);
}
for (const depth of [5000, 100000]) {
  let r;
  try { r = typeof vm.compileFunction('return ' + '('.repeat(depth) + '1' + ')'.repeat(depth)); } catch (e) { r = e.name; }
  console.log('compileFunction', depth, r);
}
try { vm.compileFunction('}); (function () {'); } catch (e) { console.log('escape', e.name); }
console.log('goes on', vm.runInNewContext('var y = 2; y', {}));
