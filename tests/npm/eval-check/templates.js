// Template engines that compile templates to functions (new Function, eval, vm): squirrelly,
// hogan.js, dustjs-linkedin, swig-templates, marko 5 (its require hook compiling a .marko
// file), and `eval` (a module evaluated from a string through vm).
const fs = require('fs');
const path = require('path');
const steps = [];
const step = (name, f) => steps.push([name, f]);
const line = (name, ...v) => console.log(`${name}:`, ...v);

step('squirrelly', () => {
  const Sqrl = require('squirrelly');
  line('render', Sqrl.render('Hi {{it.name}}! {{@each(it.xs) => x, i}}[{{i}}:{{x}}]{{/each}} {{@if(it.ok)}}yes{{#else}}no{{/if}}',
    { name: 'Bo', xs: [1, 2, 3], ok: true }));
  Sqrl.filters.define('upper', (s) => String(s).toUpperCase());
  line('filter', Sqrl.compile('{{it.a | upper}}')({ a: 'abc' }, Sqrl.defaultConfig));
  try { Sqrl.render('{{@if(it.x}}', {}); } catch (e) { line('error', e.name, e.message.split('\n')[0]); }
  line('source', Sqrl.compile('{{it.x}}').toString().split('\n')[0]);
});
step('hogan.js', () => {
  const Hogan = require('hogan.js');
  line('render', Hogan.compile('Hi {{name}} {{#xs}}[{{.}}]{{/xs}}{{^none}}!{{/none}}').render({ name: 'h', xs: [1, 2] }));
  line('as string', Hogan.compile('{{a}}', { asString: true }).slice(0, 40));
});
step('dustjs-linkedin', () => new Promise((resolve) => {
  const dust = require('dustjs-linkedin');
  dust.loadSource(dust.compile('Hello {name}! {#xs}<{.}>{/xs}{?flag} yes{:else} no{/flag}', 'tpl'));
  dust.render('tpl', { name: 'D', xs: [1, 2], flag: false }, (e, out) => { line('render', e, out); resolve(); });
}));
step('swig-templates', () => {
  const swig = require('swig-templates');
  line('render', swig.render('{% for x in xs %}{{ x|upper }}{% endfor %} {{ y|default("none") }} {% if n > 1 %}many{% endif %}',
    { locals: { xs: ['a', 'b'], n: 2 } }));
  try { swig.render('{% if %}', {}); } catch (e) { line('error', e.message); }
});
step('marko', () => {
  fs.mkdirSync('marko-tpl', { recursive: true });
  fs.writeFileSync(path.join('marko-tpl', 'hello.marko'), [
    '<div class="greet">',
    '  Hello ${input.name}!',
    '  <for|item, i| of=input.items><li data-i=i>${item}</li></for>',
    '  <if(input.show)><b>shown</b></if><else>hidden</else>',
    '</div>', ''].join('\n'));
  require('@marko/compiler/register');
  const tpl = require(path.resolve('marko-tpl/hello.marko')).default;
  line('render', tpl.renderToString({ name: 'Ann', items: ['x', 'y'], show: true }));
  line('render', tpl.renderToString({ name: '<&>', items: [], show: false }));
});
step('eval', () => {
  const evaluate = require('eval');
  line('exports', evaluate('module.exports = function () { return typeof require + " " + x }', 'virt.js', { x: 5 })());
  line('with globals', evaluate('exports.a = 1 + 1; exports.p = typeof process', true));
  try { evaluate('throw new Error("inside")', 'bad.js'); } catch (e) { line('error', e.message, e.stack.split('\n')[1].trim()); }
});

(async () => {
  for (const [name, f] of steps) {
    console.log(`-- ${name}`);
    try { await f(); } catch (e) { console.log('FAILED', e && e.stack); }
  }
})();
