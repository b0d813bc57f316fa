// fs.promises: a validation error rejects at once (before an immediate queued earlier),
// a system error later, with the frames of the functions awaiting it.
const fs = require('fs');
const order = [];
setImmediate(() => order.push('immediate queued first'));
Promise.resolve().then(() => order.push('microtask'));
fs.promises.readFile(123n).catch((e) => order.push(`validation ${e.code}`));
setTimeout(() => console.log(order.join('\n')), 50);
async function outer() { await fs.promises.stat('/nonexistent/y'); }
outer().catch((e) => console.log(e.stack.split('\n').filter((l) => l.includes('outer')).length));
