// Columns of an ES module's frames are V8's (the call's callee, not where the engine's call ends).
const here = new URL('.', import.meta.url).href;
const print = console.log;
console.log = (s) => print(String(s).replaceAll(here, './'));
class A extends Error { name = 'A'; }
class B extends Error {}
function t(code, signal) {
  console.log(new A(`x ${code} ${signal}`).stack.split('\n')[1]);
  console.log(new B(`x ${code} ${signal}`).stack.split('\n')[1]);
  console.log(new A('x').stack.split('\n')[1]);
  const listeners = [(a, b) => console.log(new Error().stack.split('\n')[2])];
  let ret = false;
  for (const fn of listeners) {
    ret = fn(code, signal) === true || ret;
  }
  for (const fn of listeners) fn(code, signal);
  listeners.forEach((fn) => { ret = fn(code, signal) === true || ret; });
}; t(0, null);
class ExitError extends Error { name = 'ExitError'; }
const listeners = [];
function onExit(cb) { listeners.push(cb); }
class Emitter {
  emit(ev, code, signal) {
    let ret = false;
    for (const fn of listeners) {
      ret = fn(code, signal) === true || ret;
    }
    return ret;
  }
}
await new Promise((resolve, reject) => {
  onExit((code, signal) => {
    reject(new ExitError(`User force closed the prompt with ${code} ${signal}`));
  });
  new Emitter().emit('exit', 0, null);
}).catch((e) => console.log(e.stack.split('\n').slice(0, 6).join('\n')));
