// util.inspect of a 1000-deep object chain: each level's text holds the levels below it, so an
// engine with flat strings copies large buffers at every level (the allocator's cost shows here).
const util = require('util');
const { bench } = require('./_harness');

const root = {};
let node = root;
for (let i = 0; i < 1000; i++) {
  node.next = { i };
  node = node.next;
}
bench('inspect_deep', () => {
  util.inspect(root, { depth: Infinity });
}, { minMs: 500, warmup: 1 });
