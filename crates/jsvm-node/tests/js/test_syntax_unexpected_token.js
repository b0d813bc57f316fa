// Where QuickJS names what it expected (a variable name, a field name, a `;`), V8 names the
// token it found; the same words whether the code is a script, `new Function` code or eval
// code given as a variable (template engines compile generated text this way).
const vm = require('vm');
const sources = [
  'var = 1',
  'let 5 = 2',
  'item.(name)',
  'item.5',
  'x.  "s"',
  'var if = 1',
  'total = 1 2',
  'call() other()',
  'let x = 1 "s"',
  'obj.\n}',
];
for (const src of sources) {
  const kinds = {
    script: () => new vm.Script(src),
    function: () => new Function('it', src),
    eval: () => eval(src),
    context: () => vm.runInNewContext(src),
  };
  for (const [kind, run] of Object.entries(kinds)) {
    try {
      run();
      console.log(kind, JSON.stringify(src), 'compiled');
    } catch (e) {
      console.log(kind, JSON.stringify(src), e.name, e.message);
    }
  }
}
