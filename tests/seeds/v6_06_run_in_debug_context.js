// Seed: Node v6 docs, vm.runInDebugContext(code) (the heading itself was lost in
// extraction). Nothing completed: the example is complete in the seed text.
// NOTE: vm.runInDebugContext was removed from Node (v10); under Node v20 the
// second line throws "TypeError: vm.runInDebugContext is not a function", which
// is uncaught: nothing on stdout, the error on stderr, exit code 1. That is what
// the golden files record. jsvm differs on purpose in the message only (issue 3
// asks for an error naming the replacement): see
// golden/v6_06_run_in_debug_context.js.jsvm-reason.
const vm = require('vm');
const Debug = vm.runInDebugContext('Debug');
console.log(Debug.findScript(process.emit).name);  // 'events.js'
console.log(Debug.findScript(process.exit).name);  // 'internal/process.js'
