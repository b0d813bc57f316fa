// Errors made under a function of much code (a bundle's top level: about 1 MB of bytecode, of
// which one branch runs): each error's stack names and places every frame, and a frame whose
// caller is that function must not cost a walk of its code (a getter read and an array
// method's callback, 2 errors per op).
const vm = require('vm');
const { bench } = require('./_harness');

const lines = [
  "function inner() { return new Error('x').stack.length; }",
  'const o = { get g() { return inner(); } };',
  '(function big(run) {',
  '  if (run) return o.g + [1].map(() => inner())[0];',
];
for (let i = 0; i < 30000; i++) lines.push(`  var a${i} = { x: ${i}, f() { return this.x + 1; } };`);
lines.push('})');
const big = new vm.Script(lines.join('\n'), { filename: 'bundle.js' }).runInThisContext();
bench('errors_in_bundle', () => big(true), { minMs: 500, warmup: 1 });
