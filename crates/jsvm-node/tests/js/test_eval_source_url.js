// Code of eval and new Function that names itself with a `//# sourceURL=` comment (template
// engines and bundlers name what they compile) is known by that name in stack traces, as in
// V8: its frames carry the name and its lines, the function new Function made and the
// functions without a name in it are `eval`, and call sites say it is eval code of that name.
function frames(e, n) {
  return e.stack.split('\n').slice(1, 1 + n).map((l) => l.trim()).join(' | ');
}
try {
  eval('function inner() { throw new Error("x"); }\ninner();\n//# sourceURL=evaluated.js');
} catch (e) { console.log(frames(e, 2)); }
try {
  new Function('data', 'return data.user.name;\n//# sourceURL=compiled-template.js')({});
} catch (e) { console.log(e.message, '|', frames(e, 1)); }
try {
  const make = new Function('return function (it) {\n  return it.a.b;\n};\n//@ sourceURL=/templates/old-style.tpl');
  make()({});
} catch (e) { console.log(e.message, '|', frames(e, 1)); }
// The last comment names it; a mention in a string does not.
try {
  eval('var s = "sourceURL=not-this.js";\n//# sourceURL=first.js\nthrow new Error("y")\n//# sourceURL=second.js');
} catch (e) { console.log(frames(e, 1)); }

Error.prepareStackTrace = (err, sites) => sites.slice(0, 1).map((s) => [
  s.getFileName(), s.getScriptNameOrSourceURL(), s.isEval(), s.getEvalOrigin(),
  s.getFunctionName(), s.getLineNumber(),
].join(',')).join();
try { eval('\nthrow new Error("z")\n//# sourceURL=sites.js'); } catch (e) { console.log(e.stack); }
try { new Function('throw new Error("w")\n//# sourceURL=fn-sites.js')(); } catch (e) { console.log(e.stack); }
