// A real library from npm (handlebars, installed by the runner into bench/.deps): its
// source loaded into a fresh context, then used to compile and render a template.
const vm = require('vm');
const path = require('path');
const fs = require('fs');
const { bench } = require('./_harness');
const file = path.join(__dirname, '..', '.deps', 'node_modules', 'handlebars', 'dist', 'handlebars.min.js');
if (!fs.existsSync(file)) {
  console.log('SKIP real_library: handlebars not installed');
} else {
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(source, { filename: 'handlebars.min.js' });
  const load = () => {
    const sandbox = { module: { exports: {} } };
    sandbox.exports = sandbox.module.exports;
    vm.createContext(sandbox);
    script.runInContext(sandbox);
    return sandbox.module.exports;
  };
  bench('real_library_load', () => { load(); }, { minMs: 500 });
  const Handlebars = load();
  const template = Handlebars.compile('<ul>{{#each people}}<li>{{name}} is {{age}}</li>{{/each}}</ul>');
  const data = { people: [{ name: 'Ann', age: 31 }, { name: 'Bob', age: 27 }, { name: 'Cy', age: 45 }] };
  bench('real_library_call', () => {
    for (let k = 0; k < 100; k++) template(data);
  }, { batch: 100 });
}
