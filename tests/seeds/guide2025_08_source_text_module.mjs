// Seed: 2025 guide, section 7 "Module Support (Experimental)"
// (Node needs --experimental-vm-modules; top-level await, hence .mjs).
// ADDED: `import vm from 'node:vm';` (the ES-module form of section 2).
import vm from 'node:vm';

const module = new vm.SourceTextModule('export default 42');
await module.link(() => {});
await module.evaluate();
console.log(module.namespace.default); // 42
