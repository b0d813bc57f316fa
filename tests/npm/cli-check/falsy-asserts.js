// assert's messages for a falsy value (read from this file's source), power-assert's through
// its wrapper, and testdouble's stubs, verifications and module replacement.
const assert = require('assert');
const passert = require('power-assert');
const td = require('testdouble');
const show = (f) => { try { f(); } catch (e) { console.log(e.message); } };
const list = [1, 2];
show(() => assert(list.includes(3)));
show(() => assert.ok(list.length > 2 && list[0] === 1));
show(() => passert(list[0] === 2));
const fn = td.func('fetch');
td.when(fn(1)).thenReturn('one');
console.log(fn(1), fn(2));
show(() => td.verify(fn(3)));
const replaced = td.replace('./lab-test/lib-under-test');
td.when(replaced.f(5)).thenReturn('stubbed');
console.log(require('./lab-test/lib-under-test').f(5));
td.reset();
console.log(require('./lab-test/lib-under-test').f(5));
