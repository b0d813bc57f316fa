// Frames of code compiled by eval or new Function name where that code was compiled from, as
// V8's do: `at f (eval at caller (file:line:col), <anonymous>:line:col)`. Only the frames of
// eval code are printed; a function of eval code called after the eval returned is printed
// without its column (the eval's text is gone then, and the engine's column stays).
const vm = require('vm');
const show = (label, stack) => {
  const frames = stack.split('\n').filter((l) => (l.includes('eval at') || l.includes('named.js')) && l.startsWith('    at '))
    .map((l) => l.trim().split(__dirname).join('.'))
    .map((l) => (label === 'called later' ? l.replace(/(<anonymous>:\d+):\d+\)$/, '$1)') : l));
  console.log(label + '\n  ' + frames.join('\n  '));
};
function outer() { return eval("(function inner() { return new Error('x').stack; })()"); }
show('function', outer());
show('top level', eval("new Error('top').stack"));
const f = new Function('a', 'return new Error(a).stack');
show('new Function', f('y'));
const g = new Function('a', 'return (function named() { return new Error(a).stack; })()');
show('named in new Function', g('y'));
const later = eval("(function later() { return new Error('later').stack; })");
function callsLater() { return later(); }
show('called later', callsLater());
show('nested', eval("eval(\"new Error('nested').stack\")"));
const obj = { method() { return eval("new Error('in method').stack"); } };
show('method', obj.method());
show('source url', eval("new Error('with url').stack\n//# sourceURL=named.js"));
show('vm script', vm.runInThisContext("eval('new Error(1).stack')", { filename: 'script.js' }));
show('context', vm.runInNewContext("eval('new Error(2).stack')", {}, { filename: 'ctx.js' }));
class K { run() { return new Function('return new Error(3).stack')(); } }
show('class method', new K().run());
function make() { return new Function('x', 'return x.missing()'); }
try { make()({}); } catch (e) { show('thrown', e.stack); }
show('indirect', (0, eval)("new Error('indirect').stack"));
// Functions of eval code called after the eval returned: their own source, placed where it
// starts, settles their columns.
const laterForms = [
  eval("var a = 1;\n  (function l2() { return new Error('l2').stack; })"),
  eval("({ m() { return new Error('m').stack; } })").m,
  eval("x => new Error('arrow').stack"),
  eval("function decl() {\n  return new Error('decl').stack;\n}\ndecl"),
  new Function("return function inner2() { return new Error('i2').stack; }")(),
];
for (const f of laterForms) show('later form', f());

// What `new Function(src)` made, called at once: the caller's frame is at the call's `(`.
const frameOf = (stack, n) => stack.split('\n')[n].trim().split(__dirname).join('.');
const Runner = { run(src) { return new Function(src)(); } };
try { Runner.run('throw new Error("at once")'); } catch (e) { console.log(frameOf(e.stack, 1) + '\n' + frameOf(e.stack, 2)); }
try { new Function('a', 'b', 'return a.b.c')(1, 2); } catch (e) { console.log(frameOf(e.stack, 2)); }
// A function of `new Function` code called by that code: its caller's frame is at the call
// (the eval's own origin is no position of that code, even on a line of the same number).
{
  const code = new Function('o', 'return   o.x.z(1) + helper(2);\nfunction helper(n) { return o.q.w(n); }');
  try { code({ x: { z: () => 1 }, q: {} }); } catch (e) { console.log(e.stack.split('\n').slice(1, 3).join('\n').replaceAll(__filename, 'F')); }
}
