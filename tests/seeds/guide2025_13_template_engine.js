// Seed: 2025 guide, section 10.2 "Template Engine".
// ADDED: `const vm = require('node:vm');` (section 2). Nothing else changed.
// NOTE: as written in the guide the example does not work: the compiled code is
// a script, and `return` outside a function is a SyntaxError, thrown by
// `new vm.Script(code)` and uncaught (exit code 1). Node prints the script's
// location (evalmachine.<anonymous>:1), the source line, a caret under `return`
// and "SyntaxError: Illegal return statement". That is what is recorded.
const vm = require('node:vm');

function render(template, data) {
  const code = `with(data) { return \`${template}\`; }`;
  const fn = new vm.Script(code).runInNewContext({ data });
  return fn;
}

console.log(render('Hello {{name}}!', { name: 'Ali' }));
