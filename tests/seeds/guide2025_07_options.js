// Seed: 2025 guide, section 6 "Useful Options": the example is only the options
// object (kept below exactly as in the guide, bound to `options`).
// ADDED: the smallest program that uses all of them with vm.runInNewContext
// (which accepts both the script options and microtaskMode) and prints what
// they change:
//  1. microtaskMode 'afterEvaluate': a promise job queued by the script has
//     already run when runInNewContext returns;
//  2. filename / lineOffset / columnOffset: the location of an error thrown by
//     the script: its stack up to and including the top frame (with the
//     default displayErrors, Node prefixes the stack with the source line and
//     a caret); Node's internal frames below it are not printed;
//  3. timeout: an endless loop is stopped after 1000 ms with an error.
// breakOnSigint has no observable effect without a SIGINT; it is just passed.
const vm = require('node:vm');

const options = {
  filename: 'my-script.vm',
  lineOffset: 0,
  columnOffset: 0,
  timeout: 1000,
  breakOnSigint: true,
  microtaskMode: 'afterEvaluate'
};

const sandbox = { log: [] };
const result = vm.runInNewContext(
  'Promise.resolve("job ran").then((v) => log.push(v)); log.push("sync"); "done"',
  sandbox, options);
console.log(result, sandbox.log);

try {
  vm.runInNewContext('const x = 1;\nthrow new Error("boom")', {}, options);
} catch (e) {
  const lines = e.stack.split('\n');
  const top = lines.findIndex((l) => l.startsWith('    at '));
  console.log(lines.slice(0, top + 1).join('\n'));
}

try {
  vm.runInNewContext('while (true) {}', {}, options);
} catch (e) {
  console.log(e.code, e.message);
}
