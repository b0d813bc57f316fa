// A failed assert(value) / assert.ok(value) without a message says which expression was falsy,
// read from the caller's source as Node reads it: with strings, templates,
// comments and regular expressions in the arguments, through a member chain, and `false == true`
// where there is no file to read (eval).
const assert = require('assert');
const vm = require('vm');

function show(f) {
  try {
    f();
    console.log('passed');
  } catch (e) {
    console.log(JSON.stringify(e.message), e.generatedMessage);
  }
}
const x = 0;
const t = { assert, deep: { ok: assert.ok } };
show(() => assert(x));
show(() => assert.ok(x === 1));
show(() => assert(typeof x === 'string' && ')'.length === 1));
show(() => assert.ok(`a ${x + (1)} )` === 'b', undefined));
show(() => assert(/[)]\/x/.test('y') /* ) */ ));
show(() => t.assert(x));
show(() => t.deep.ok(x > 1));
show(() => t
  .deep
  .ok(null));
show(() => assert('\u0001\b'.length === 0));
show(() => assert(Array.isArray(x) && x.length > 3));
show(() => assert.ok());
show(() => assert(x, 'given'));
show(() => eval('assert(x)'));
show(() => vm.runInThisContext('assert(0)', { filename: 'not-a-file.js' }));
show(() => [0].forEach((v) => assert(v)));
function wrap(func) { return function (...args) { return func.apply(null, args); }; }
show(() => wrap(assert)(x));
show(() => assert.strict.ok(x));
