// The main context's Error.prepareStackTrace formats a context's errors (as in Node), but is
// handed only main-realm copies: the error it gets is not the context's (Node: it is, and its
// `constructor.constructor` is the context's Function), every object it reaches is the main
// realm's, getters of the context's error do not run, and only a primitive result reaches the
// context (Node hands back whatever it returns: an object of the main realm).
const vm = require('vm');
const sandbox = { seen: [] };
let received;
Error.prepareStackTrace = (e, sites) => {
  received = { e, sites };
  const F = e.constructor.constructor;
  const reached = F('return this')();
  const site = sites[0];
  return [
    'main Function: ' + (F === Function),
    'main global: ' + (reached === globalThis),
    'main prototypes: ' + (e instanceof Error && site instanceof Object && Object.getPrototypeOf(site).constructor.constructor === Function),
    'site function: ' + typeof site.getFunction() + ', this: ' + typeof site.getThis(),
    'copied: ' + e.name + '/' + e.message + '/' + typeof e.stack,
  ].join('; ');
};
const ctx = vm.createContext(sandbox);
const code = `
  const e = new TypeError('hostile');
  e.code = 'SET_BEFORE';
  seen.push(e);
  throw e;`;
try { vm.runInContext(code, ctx); } catch (e) {
  console.log(e.stack.split('\n').pop());
  console.log('the same error: ' + (received.e === sandbox.seen[0]));
}
// An error with an object among its own properties (`cause`), and an accessor: neither is
// copied, and nothing of the context runs for the copy.
vm.runInContext(`
  Object.defineProperty(Error.prototype, 'code', { get() { for (;;) {} } });`, ctx);
try {
  vm.runInContext(`throw new Error('with cause', { cause: { toString() { for (;;) {} } } })`, ctx, { timeout: 500 });
} catch (e) {
  console.log(e.stack.split('\n').pop());
  console.log('cause copied: ' + ('cause' in received.e) + ', own names: ' + Object.getOwnPropertyNames(received.e));
}
// Results that are objects or functions, or a throw: the context keeps its default stack.
for (const pst of [() => ({ leak: globalThis }), () => Function, () => { throw new Error('main'); }]) {
  Error.prepareStackTrace = pst;
  console.log(vm.runInContext(`{
    const err = new Error('x');
    [typeof err.stack, err.stack.split('\\n')[0], Object.getPrototypeOf(Object(err.stack)) === String.prototype].join(' ');
  }`, ctx));
}
// The main function running the context's code that makes an error: no recursion (QuickJS
// builds one stack at a time: the inner error gets none).
Error.prepareStackTrace = (e) => 'outer ' + e.message + ' / ' + typeof vm.runInContext('new Error("inner").stack', ctx);
console.log(vm.runInContext(`new Error('x').stack`, ctx));
// A primitive result is the context's own value.
Error.prepareStackTrace = () => 42;
console.log(vm.runInContext(`typeof new Error('x').stack`, ctx));
