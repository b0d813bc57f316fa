// Contexts made in a loop while the program keeps the heap full (run with --memory-limit 32):
// a context refused memory midway was left with the engine's builtins half made, and the next
// collection aborted (or crashed) in the engine's collector. A context is now made whole (its
// memory granted) or not at all (dropped whole, "out of memory"). Node: no such limit.
const vm = require('vm');
const keep = vm.runInNewContext('const a = []; try { for (;;) a.push({}) } catch (e) {} a.length -= 1000; a');
const contexts = [];
let refused = 0;
for (let i = 0; i < 300; i++) {
  try { contexts.push(vm.createContext({})); } catch (e) { refused += /out of memory/i.test(String(e && e.message)) ? 1 : 0; }
}
console.log('made or refused', contexts.length + refused, contexts.length > 0 && refused > 0 ? 'both' : 'one kind only');
// Freed room: contexts are made again, and they work.
keep.length = 0;
contexts.length = 0;
let made = 0;
for (let i = 0; i < 50; i++) made += vm.runInContext('1 + 1', vm.createContext({})) === 2 ? 1 : 0;
console.log('made after', made);
