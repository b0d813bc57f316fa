// `... is not a function` names a callee read through computed members as V8 prints it: a
// string key that is no index as `.key` (template engines call `mixins["name"](...)`), other
// keys as written; in a script, in `new Function` code while it runs, and in eval code.
const vm = require('vm');
const o = { a: {}, list: [] };
const key = 'missing';
const cases = [
  () => o['m'](),
  () => o.a["b"](1, 2),
  () => o[key](),
  () => o.a[key]('x'),
  () => o["a"]['with-dash'](),
  () => o.list[0](),
  () => new Function('mixins', 'return mixins["card"]("title")')({}),
  () => eval('o["fromEval"]()'),
  () => vm.runInNewContext('var helpers = {}; helpers["fmt"](1)'),
  () => new o['Ctor'](),
];
for (const f of cases) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    console.log(e.constructor.name, e.message);
  }
}
