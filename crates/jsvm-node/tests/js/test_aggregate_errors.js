// Promise.any's AggregateError (V8's message and a stack with no frames), and the frames of
// constructions whose arguments construct or call too (`new AggregateError([new Error()])`).
const util = require('util');
const vm = require('vm');
const top = (e) => e.stack.split('\n')[1].replace(__filename, 'FILE');
const show = (e) => {
  console.log(JSON.stringify(e.message), JSON.stringify(e.stack));
  console.log(Object.getOwnPropertyNames(e));
  console.log(Object.getOwnPropertyDescriptor(e, 'message'));
  console.log(util.inspect(e));
};
function f(x) { return x; }
class E extends Error {}
const o = { E: Error };

console.log(top(new AggregateError([1, new Error('x')], 'msg')));
console.log(top(new AggregateError([new Error('x')])));
console.log(top(new Error('a', { cause: new Error('b') })));
console.log(top(new TypeError([new RangeError()].length)));
console.log(top(new E(f(1))));
console.log(top(new Error(
  f(3))));
console.log(top(new o.E(f(4))));
console.log(top(new Error(`a${f(5)}`)));
function h(Ctor) { return new Ctor([new Error('x')], f(2)); }
console.log(top(h(AggregateError)));
console.log(top(eval('new Error(f(7))')).replace(__filename, 'FILE'));

const plain = new AggregateError([]);
console.log(Object.getOwnPropertyNames(plain), JSON.stringify(plain.message));
console.log(util.inspect(plain).split('\n')[0]);

async function main() {
  try {
    await Promise.any([Promise.reject(1), Promise.reject(2)]);
  } catch (e) {
    show(e);
    console.log(e instanceof AggregateError, e.errors);
  }
  try {
    await Promise.any([]);
  } catch (e) {
    show(e);
  }
  await Promise.any([Promise.reject(new Error('one'))]).catch((e) => {
    console.log(e.stack, e.errors.length, e.errors[0].message);
  });
  // Nothing handles it: Node's arrow is its own throw (the error says no place).
  const child = require('child_process').spawnSync(
    process.execPath,
    ['-e', 'Promise.any([Promise.reject(3)])'],
    { encoding: 'utf8' },
  );
  console.log(child.status, child.stderr.split('\n').slice(0, 6));
  // In a context: its own realm's error, settled the same way.
  const ctx = vm.createContext({ out: [] });
  vm.runInContext(
    "Promise.any([Promise.reject(4)]).catch((e) => { out.push(e.message, e.stack, e instanceof AggregateError, Object.getOwnPropertyNames(e).join()) })",
    ctx,
  );
  await new Promise((r) => setTimeout(r, 1));
  console.log(ctx.out);
  // A name changed on the prototype before the rejection is in its header, as V8 reads it.
  class Named extends Promise {}
  AggregateError.prototype.name = 'Renamed';
  await Named.any([Named.reject(5)]).catch((e) => console.log(e.stack));
  AggregateError.prototype.name = 'AggregateError';
}
main();
