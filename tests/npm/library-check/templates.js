const compiler = require('vue-template-compiler');
const r = compiler.compile('<div :class="{a: ok}"><span v-for="i in items" :key="i">{{ i | up }}</span><p v-if="ok">yes</p></div>');
console.log(r.render);
console.log(r.errors);
const { compileTemplate, parse, compileScript } = require('@vue/compiler-sfc');
const { descriptor } = parse('<template><div>{{ msg }}<button @click="n++">{{n}}</button></div></template>\n<script setup>\nimport { ref } from "vue"\nconst msg = "hi"\nconst n = ref(0)\n</script>\n<style scoped>div{color:red}</style>', { filename: 'X.vue' });
console.log(compileScript(descriptor, { id: 'x' }).content);
console.log(compileTemplate({ source: descriptor.template.content, filename: 'X.vue', id: 'x' }).code);
const expressions = require('angular-expressions');
expressions.filters.upper = s => s.toUpperCase();
const ev = expressions.compile('user.name | upper');

console.log(ev({ user: { name: 'ann' } }));
console.log(expressions.compile('a.b = 3; a.b + c')({ a: {}, c: 4 }));
try { expressions.compile('a..b'); } catch (e) { console.log(e.message); }
const jsrender = require('jsrender');
const tmpl = jsrender.templates('<b>{{:name}}</b>{{for items}}<i>{{:#data}}</i>{{/for}}{{if x}}X{{else}}Y{{/if}}');
console.log(tmpl.render({ name: 'n', items: [1, 2] }));
const Velocity = require('velocityjs');
console.log(Velocity.render('#set($a = 3)Hello $name! #foreach($i in $list)$i,#end #if($a > 2)big#end $math', { name: 'v', list: [1, 2] }));
const Twig = require('twig');
const t = Twig.twig({ data: '{% for u in users %}{{ u.name|upper }}{% if not loop.last %}, {% endif %}{% endfor %} {{ 3 * 4 }} {{ "a,b"|split(",")|join("-") }}' });
console.log(t.render({ users: [{ name: 'a' }, { name: 'b' }] }));
