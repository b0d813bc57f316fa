// Seed: 2025 guide, section 9 "Security Warning" -- "Never do this:"
// `vm.runInNewContext(userCode, { require, process });`
// ADDED: `const vm = require('node:vm');`, a `userCode` and the console.log, so
// the fragment runs and shows why it is dangerous: the "sandboxed" code reaches
// Node's fs module through `require` and the real process through `process`.
const vm = require('node:vm');

const userCode = `[
  typeof require('fs').readFileSync,
  typeof process.exit,
  process === this.process,
].join(' ')`;

console.log(vm.runInNewContext(userCode, { require, process }));
