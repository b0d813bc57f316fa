// Renderers: preact with preact-render-to-string (hooks, keys, raw HTML, SVG), highlight.js
// (named and automatic languages), katex (HTML and MathML, its parse errors).
'use strict';
const { h } = require('preact');
const { render } = require('preact-render-to-string');
const { useState } = require('preact/hooks');
function Counter({ start }) { const [n] = useState(start); return h('div', { class: 'c', style: { color: 'red', fontSize: 12 } }, 'Count: ', n, h('input', { disabled: true, value: 'x<y' })); }
const App = () => h('main', null, h('h1', null, 'Hello & bye'), [1,2,3].map(i => h(Counter, { start: i, key: i })), h('p', { dangerouslySetInnerHTML: { __html: '<b>raw</b>' } }));
console.log(render(h(App)));
console.log(render(h('svg', { viewBox: '0 0 10 10', xlinkHref: 'a' }, h('circle', { cx: 5 }))));
const hljs = require('highlight.js');
console.log(hljs.highlight('const x = (a, b) => a + b; // hi\nclass A extends B { #p = 1 }', { language: 'javascript' }).value);
const r = hljs.highlightAuto('def f(x):\n    return x ** 2\nprint(f(3))');
console.log(r.language, r.relevance, r.value);
console.log(hljs.highlight('SELECT * FROM t WHERE a = 1;', { language: 'sql' }).value);
console.log(hljs.listLanguages().length);
const katex = require('katex');
console.log(katex.renderToString('c = \\pm\\sqrt{a^2 + b^2}', { throwOnError: false }));
console.log(katex.renderToString('\\int_0^\\infty e^{-x}\\,dx = 1', { displayMode: true, output: 'mathml' }));
try { katex.renderToString('\\frac{1}{', {}); } catch (e) { console.log(e.name, e.message); }
console.log(katex.renderToString('\\badcmd x', { throwOnError: false }).slice(0, 200));
