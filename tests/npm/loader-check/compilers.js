// Compilers that run code through vm or require hooks: uglify-js (loads its own sources with
// vm.runInContext), coffeescript and livescript (compile, eval in contexts), @babel/core and
// @babel/register (a require hook), ts-node (transpile-only require hook).
const line = (...a) => console.log(...a);
const U = require('uglify-js');
const min = U.minify('function add(first, second) { return first + second; }\nconsole.log(add(1,2));');
line('uglify', min.code);
const bad = U.minify('var a = ;');
line('uglify error', bad.error && bad.error.message, bad.error && bad.error.line);
const CS = require('coffeescript');
line(CS.compile('square = (x) -> x * x\nconsole.log square 5', { bare: true }));
line('coffee eval', CS.eval('(x for x in [1..5] when x % 2)'));
line('coffee sandbox', CS.eval('a + b', { sandbox: { a: 1, b: 2 } }));
try { CS.eval('a = ->\n  throw new Error "boom"\na()', { filename: 'x.coffee' }); } catch (e) { line('coffee throws', e.message); }
try { CS.compile('a = (->'); } catch (e) { line('coffee syntax', e.name, e.message, e.location && e.location.first_line); }
const LS = require('livescript');
line(LS.compile('f = (x) -> x + 1\nconsole.log f 2', { bare: true, header: false }));
const babel = require('@babel/core');
const out = babel.transformSync('const f = async (a) => { for await (const x of a) {} }; class A { #p = 1 }',
  { presets: [['@babel/preset-env', { targets: { node: '6' } }]], babelrc: false, configFile: false });
line('babel', out.code.length > 200, out.code.split('\n')[0]);
try { babel.transformSync('const = 1', { configFile: false, babelrc: false }); } catch (e) { line('babel error', e.message.split('\n')[0]); }
require('fs').writeFileSync(__dirname + '/babel-in.js', 'export const sq = (x) => x ** 2;\nexport default class A { #p = 1; get p() { return this.#p; } }\n');
require('@babel/register')({ presets: [['@babel/preset-env', { targets: { node: '6' } }]], cache: false, only: [/babel-in\.js$/] });
const m = require('./babel-in.js');
line('babel register', m.sq(4), new m.default().p);
