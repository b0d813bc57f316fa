'use strict';
// util.inspect with showHidden: V8 gives sloppy-mode ordinary functions own `arguments` and
// `caller` (null), and no other kind of function.
const util = require('util');
const vm = require('vm');
const show = (label, f) => console.log(label, util.inspect(f, { showHidden: true }));
const sloppy = new Function('a', 'b', 'return a');
show('sloppy', sloppy);
show('sloppy declared', vm.runInNewContext('function named(x) { return x } named'));
show('strict', function strict(a) { return a; });
show('strict by directive', vm.runInNewContext("(function () { 'use strict'; })"));
show('arrow', vm.runInNewContext('(() => 1)'));
show('method', vm.runInNewContext('({ m() {} }).m'));
show('class', class C {});
show('generator', vm.runInNewContext('(function* g() {})'));
show('async', vm.runInNewContext('(async function a() {})'));
show('bound', vm.runInNewContext('(function () {}).bind(null)'));
show('builtin', Math.max);
show('nested', { f: vm.runInNewContext('(function inner() {})') });
