// The frames of code AsyncLocalStorage runs: Node's `run`, `exit` and `runInAsyncScope`
// frames, no frame of a helper of jsvm's between them and the callback.
'use strict';
const path = require('path');
const { AsyncLocalStorage, AsyncResource } = require('async_hooks');
const als = new AsyncLocalStorage();
function show(e) {
  const lines = e.stack.split('\n').slice(0, 4);
  // Node's own frames name its files: only their function is compared.
  console.log(lines.map((l) => (/\(node:/.test(l) ? l.replace(/ \(node:.*/, '') : l))
    .join('\n').split(path.dirname(__filename) + path.sep).join(''));
}
als.run(1, () => show(new Error('in run')));
als.run(1, function named() { show(new Error('in named')); });
als.exit(() => show(new Error('in exit')));
als.run(2, (a, b) => show(new Error('with args ' + a + b)), 'a', 'b');
new AsyncResource('X').runInAsyncScope(function inScope() { show(new Error('in scope')); });
