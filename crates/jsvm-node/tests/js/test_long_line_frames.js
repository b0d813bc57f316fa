// Frames in a very long line (a minified bundle: one line of some hundreds of KB) get V8's
// columns and names as in a short one: calls in the middle of the line, after strings,
// templates, regular expressions and comments full of `;` (where a reader cutting the line
// around the column must not start), and the callee's text of a refused call.
const fs = require('fs');
const os = require('os');
const path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'long-line-'));
const file = path.join(dir, 'bundle.js');
const pad = (n) => Array.from({ length: n }, (_, i) => `var v${i}=${i}`).join(';') + ';';
const semis = ';'.repeat(6000);
const parts = [
  pad(8000),
  `var s1="${semis}(",t1=\`${semis}{\`,r1=/[;(]{1}${semis}/g;/*${semis}(*/`,
  'var o={m:function(a,b){return new Error("m")},n(){return this.m(1,2)}};',
  'function Foo(x){this.e=new Error("foo")}function g(x){return x}',
  'exports.first=function(){return g(o.m(1,2))};',
  pad(3000),
  'exports.nested=function(){return g((0,o.m)(g(1)))};',
  `var s2='${semis}';`,
  'exports.built=function(){return [1,2].map(function(){return new Foo(1)})[0].e};',
  'exports.refused=function(){try{o.missing(1)}catch(e){return e}};',
  'exports.notfn=function(){try{g(o.q.y)}catch(e){return e}};',
  pad(8000),
  'exports.last=function(){return g(o.n())};',
];
const line = parts.join('');
fs.writeFileSync(file, line);
console.log('line of', line.length, 'characters');
const m = require(file);
const show = (label, e) => {
  console.log(label, String(e.message));
  for (const l of e.stack.split('\n').slice(1, 4)) {
    if (l.includes('bundle.js')) console.log('  ' + l.trim().split(dir).join('<dir>'));
  }
};
show('first', m.first());
show('nested', m.nested());
show('built', m.built());
show('refused', m.refused());
show('notfn', m.notfn());
show('last', m.last());
fs.rmSync(dir, { recursive: true });
