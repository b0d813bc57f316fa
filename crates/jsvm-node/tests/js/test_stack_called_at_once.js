// A function expression in parentheses called at once (`(f => f())(x)`): the caller's frame
// at the call's `(`, as V8's.
'use strict';
const path = require('path');
function show(e) {
  // The frames down to Node's own.
  const lines = e.stack.split('\n').slice(0, 5).filter((l) => !/\(node:/.test(l));
  console.log(lines.join('\n').split(path.dirname(__filename) + path.sep).join(''));
}
(f => f())(() => show(new Error('x')));
((a, b) => show(new Error('y' + a + b)))(1, 2);
(function (x) { show(new Error('z' + x)); })(3);
const o = { m() { return (f=>f())(() => new Error('w')); } };
show(o.m());
  (  (x)   =>   show(new Error('spaces')))  (  5 );
[1].map(v => (g => g(v))(w => show(new Error('nested' + w))));
(async (x) => { show(new Error('async' + x)); })(6);
// Over lines: the call right after the function's end (`})()`, `}())`, `})  (x)`).
(function cb() {
  show(new Error('named'));
})();
(function () {
  show(new Error('anonymous'));
}());
(() => {
  show(new Error('arrow'));
})();
!function () {
  show(new Error('bang'));
}();
;(function (root) {
  show(new Error('umd'));
})  (this);
