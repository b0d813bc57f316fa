// A template function made inside a context, called with data from outside.
const vm = require('vm');
const { bench } = require('./_harness');
const context = vm.createContext({});
const render = vm.runInContext(`(function (data) {
  let out = '<h1>' + data.title + '</h1><ul>';
  for (const item of data.items) out += '<li class="' + item.kind + '">' + item.name + '</li>';
  return out + '</ul>';
})`, context);
const data = {
  title: 'Animals',
  items: [{ kind: 'cat', name: 'kitty' }, { kind: 'dog', name: 'rex' }, { kind: 'bird', name: 'tweety' }],
};
const expected = render(data);
bench('template_render', () => {
  for (let k = 0; k < 1000; k++) if (render(data).length !== expected.length) throw new Error('wrong');
}, { batch: 1000 });
