// Stacks of errors made after an `await` list the async functions awaiting, as V8 lists them
// (`at async outer (file:3:26)`, at their `await`), within Error.stackTraceLimit. The host's own
// frames (Node's and jsvm's internals differ) are left out of what is printed.
'use strict';
const show = (label, stack) => {
  const lines = stack.split('\n').filter((l) => !l.includes('node:')).map((l) => l.split(__dirname).join('.'));
  console.log(`${label}:\n${lines.join('\n')}`);
};

async function inner() { await null; throw new Error('deep'); }
async function middle() { await inner(); }
async function outer() { await middle(); }

class Store {
  async load(key) { await new Promise((r) => setTimeout(r, 1)); throw new Error(`no ${key}`); }
  async get(key) { const v = await this.load(key); return v; }
  static async open() { return await new Store().get('k'); }
}

async function beforeAwait() { throw new Error('before any await'); }
async function callsBefore() { await beforeAwait(); }

async function main() {
  await outer().catch((e) => show('chain', e.stack));
  await Store.open().catch((e) => show('methods', e.stack));
  await (async () => { await inner(); })().catch((e) => show('arrow', e.stack));
  await callsBefore().catch((e) => show('thrown before the first await', e.stack));
  await (async function all() { await Promise.all([1, inner()]); })().catch((e) => show('Promise.all', e.stack));
  await (async function any() { await Promise.any([inner()]); })().catch((e) => show('Promise.any', e.errors[0].stack));
  await (async function settled() {
    const [r] = await Promise.allSettled([inner()]);
    show('Promise.allSettled', r.reason.stack);
  })();
  Error.stackTraceLimit = 2;
  await outer().catch((e) => show('limit 2', e.stack));
  Error.stackTraceLimit = 10;
  const made = await (async function made() { await null; return new Error('made, not thrown'); })();
  show('made', made.stack);
}
main();
