// Refusals V8 words with their operands, which jsvm reads from the failing instruction's
// code and frame (a variable, a constant, a global), never by running code.
'use strict';
const vm = require('vm');
function t(f) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    console.log(e.constructor.name + ': ' + e.message);
  }
}
// Strict code assigning a primitive's property: a constant or a variable of any kind.
t(() => { (5).x = 1; });
t(() => { const n = 5; n.x = 1; });
t(() => { const s = 'abc'; s.x = 1; });
t(() => { true.y = 1; });
t(() => { const s = Symbol('q'); s.x = 1; });
t(() => { const b = 12n; b.x = 1; });
t(() => { (5)['y'] = 1; });
t(() => { const k = 'z'; (-3)[k] = 1; });
// A string's index and length are read only.
t(() => { 'abc'[0] = 'x'; });
t(() => { const a = 'abc'; const i = 1; a[i] = 'x'; });
t(() => { 'abc'[5] = 'x'; });
t(() => { 'abc'.length = 1; });
let captured = 'captured';
t(() => { captured[2] = 'x'; });
// A read-only property of an object read from a global variable.
t(() => { Math.PI = 1; });
t(() => vm.runInNewContext('"use strict"; const s = "ab"; s.q = 3'));
// A pattern nested in another's property, given undefined or null.
t(() => { const { a: { b } } = {}; });
t(() => { const { a: { b } } = { a: null }; });
t(() => { const { a: { b: { c } } } = { a: {} }; });
t(() => { let b; ({ a: { b } } = {}); });
t(() => { function g({ a: { b } }) { return b; } g({}); });
// A pattern of the declaration itself keeps its own words.
t(() => { const { a } = null; });
