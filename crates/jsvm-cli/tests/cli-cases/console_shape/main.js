// The global console's shape as Node's: key order, toStringTag, the inspector's no-op methods, the group width kept under a symbol.
console.log(Object.keys(console).join(' '));
console.log(Object.prototype.toString.call(console), String(Object.getOwnPropertyDescriptor(console, Symbol.toStringTag).value));
console.group('g'); console.log('in'); console.groupEnd(); console.log('out');
console.profile('p'); console.profileEnd('p'); console.timeStamp('t');
console.log(console.createTask('x').run(() => 42));
try { console.createTask(1) } catch (e) { console.log(e.code, e.message) }
const c = console.context('n'); c.log('from context', typeof c.group);
const { Console } = console; const k = new Console(process.stdout); k.group(); k.log('indented'); k.groupEnd(); k.log(Object.keys(k).includes('_groupIndentation'));
console.log(require('util').inspect(console).split('\n')[0]);
const cc = console.context('n'); console.log(Object.keys(cc).join(' '), cc.log('x'))
