// V8 names the callee that is not a function in code run by eval, whatever eval was given: a
// literal, a variable, code built at run time, nested evals, in the main context and in a vm
// context.
'use strict';
const vm = require('vm');
const o = { g(x) { return x; } };
const tries = {
  literal: () => eval('o.p()'),
  variable: () => { const s = 'o.q()'; return eval(s); },
  built: () => eval(['o', 'r()'].join('.')),
  nestedInner: () => { const inner = 'o.s()'; return eval('eval(inner); 1'); },
  afterNested: () => eval('eval("1"); o.t()'),
  secondLine: () => eval('1;\no.u()'),
  indirect: () => (0, eval)('var o2 = {}; o2.v()'),
  inContext: () => vm.runInNewContext('const p = {}; const src = "p.w()"; eval(src)'),
  inContextNested: () => vm.runInNewContext('const p = {}; eval("eval(\'p.x()\')")'),
};
for (const [name, f] of Object.entries(tries)) {
  try {
    f();
    console.log(name, 'no error');
  } catch (e) {
    console.log(name, e.name, e.message);
  }
}
