// A reaction is the job of its handler's realm, also when the handler is not a plain function
// of the context: bound, behind a proxy, a native function of the context (`eval`, `String`),
// an `await`'s continuation (async functions and generators), `finally`'s callback, a
// promise's resolving function (the realm of its Function.prototype); and the
// job calling a thenable's `then` is the job of that `then`'s realm. Each ran after the run,
// on the host's job loop, with no limit (the program hung): the engine queues a reaction as
// the job of the realm that called `then` or settled the promise, the host's here. Node: each
// times out as here (`await`: the continuation waits in the context's queue), except
// `finally`, whose callback V8 runs on the host's queue (Node hangs).
const vm = require('vm');
const cases = {
  bound: 'hostPromise.then((() => { for (;;) {} }).bind(null))',
  boundTwice: 'hostPromise.then((() => { for (;;) {} }).bind(null).bind(null))',
  proxy: 'hostPromise.then(new Proxy(() => { for (;;) {} }, {}))',
  nativeEval: 'hostPromise.then(() => "for (;;) {}").then(eval)',
  nativeString: 'hostPromise.then(() => ({ toString() { for (;;) {} } })).then(String)',
  returnedThenable: 'hostPromise.then(() => ({ then() { for (;;) {} } }))',
  hostResolveThenable: 'hostPromise.constructor.resolve({ then() { for (;;) {} } })',
  catchBound: 'hostRejected.catch((() => { for (;;) {} }).bind())',
  finally: 'hostPromise.finally(() => { for (;;) {} })',
  awaitHost: '(async () => { await hostPromise; for (;;) {} })(); "waits"',
  awaitHostLater: '(async () => { await hostLater; for (;;) {} })(); "waits"',
  asyncGenerator: '(async function* () { await hostPromise; for (;;) {} })().next(); "waits"',
  resolvedByThenGetter: 'new Promise((res) => { hostPromise.then(() => ({ get then() { for (;;) {} } })).then(res) })',
  hostResolveThenGetter: 'const o = { get then() { for (;;) {} } }; hostPromise.constructor.resolve(o).then(() => {}); 1',
  // A promise's resolving function as the handler: it reads its value's `then` (a getter that
  // loops from its second read), in a job the host's `then` queued.
  resolvingFunction: `let n = 0; const o = { get then() { if (n++) for (;;) {} } };
    let R; new Promise((r) => { R = r });
    const D = hostPromise.then(() => o);
    D.then(() => { D.then(R) }); 1`,
};
let resolveLater;
const hostLater = new Promise((r) => { resolveLater = r; });
const hostRejected = Promise.reject(1);
hostRejected.catch(() => {});
for (const [name, code] of Object.entries(cases)) {
  const ctx = vm.createContext({ hostPromise: Promise.resolve(1), hostRejected, hostLater }, { microtaskMode: 'afterEvaluate' });
  try {
    console.log(name, 'returned', vm.runInContext(code, ctx, { timeout: 100 }));
  } catch (e) { console.log(name, e.code); }
}
// A job runs in its handler's realm: an error the engine makes in it (a promise resolved with
// itself) is the handler's realm's, as V8's (it was the realm that called `then`: the host's,
// whose `constructor.constructor` is the host's `Function`).
for (const microtaskMode of [undefined, 'afterEvaluate']) {
  const ctx = vm.createContext({ hostPromise: Promise.resolve(1), log: console.log }, { microtaskMode });
  vm.runInContext(`const p = hostPromise.then(() => p);
    p.catch((e) => log('${microtaskMode}: error of', e instanceof TypeError ? 'the context' : 'another realm'))`, ctx);
}
resolveLater(1);
setTimeout(() => console.log('the host goes on'), 10);
