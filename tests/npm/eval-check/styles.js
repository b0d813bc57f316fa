// CSS and markup processors: less (its errors copy a stack that may be undefined; inline
// JavaScript), stylus, sass (the pure JavaScript package), clean-css, html-minifier-terser
// (with terser), svgo.
const steps = [];
const step = (name, f) => steps.push([name, f]);
const line = (name, ...v) => console.log(`${name}:`, ...v);

step('less', async () => {
  const less = require('less');
  const out = await less.render('@c: #f00; .a { color: darken(@c, 10%); .b { width: (10px * 3); } } @r: `1+2`; .r { v: @r }',
    { javascriptEnabled: true });
  line('css', out.css);
  const mixins = await less.render('.m(@x) { w: @x } .a { .m(5px); } .x when (iscolor(red)) { c: red }');
  line('mixins', mixins.css);
  for (const bad of ['.a { color: @nope; }', '.a { color: red', '.a { .nomixin(); }']) {
    try { await less.render(bad); } catch (e) { line('error', e.type, e.message, e.line, e.column, typeof e.stack); }
  }
});
step('stylus', () => {
  const stylus = require('stylus');
  stylus.render('c = red\n.a\n  color c\n  width 10px * 3\n  .b\n    margin 0 auto', (e, css) => line('css', e ? e.message : css));
  stylus.render('.a\n  color: @@@\n', (e, css) => line('error', e ? e.message.split('\n').slice(0, 4).join('|') : css));
});
step('sass', () => {
  const sass = require('sass');
  line('css', sass.compileString('$c: #f00; .a { color: red; .b { width: 10px * 3; } } @mixin m($x) { w: $x } .c { @include m(5px) }').css);
  try { sass.compileString('.a { color: $nope; }'); } catch (e) { line('error', e.message.split('\n')[0]); }
});
step('clean-css', () => {
  const CleanCSS = require('clean-css');
  line('minified', new CleanCSS({}).minify('a { color : #ff0000 ; margin: 0px 0px } a { padding: 0 }').styles);
});
step('html-minifier-terser', async () => {
  const { minify } = require('html-minifier-terser');
  line('minified', await minify('<p  class="x" >  hi  </p><script> var a = 1 ; console.log( a ) </script>',
    { collapseWhitespace: true, minifyJS: true, minifyCSS: true }));
});
step('svgo', () => {
  const { optimize } = require('svgo');
  line('optimized', optimize('<svg xmlns="http://www.w3.org/2000/svg"><g><rect width="10" height="10" fill="#ff0000"/></g></svg>').data);
});

(async () => {
  for (const [name, f] of steps) {
    console.log(`-- ${name}`);
    try { await f(); } catch (e) { console.log('FAILED', e && e.stack); }
  }
})();
