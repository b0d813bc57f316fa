// Where V8's caret marks syntax errors QuickJS places elsewhere, in scripts and in function
// bodies (compileFunction, which the CommonJS loader uses too): the token before a missing
// `)`, a function statement's `function`, an open comment or template expression, and a
// literal left open at the end of a body (the wrapper's text must never show).
const vm = require('vm');
const sources = [
  // A body that closes its function early: V8 refuses the `}` (it parses the body alone).
  '});', '}) + 1;', 'let a = 1;\n  });', '}); (function () {',
  "f(a.b c)", "f(x, 1 2)", "f(\"s\" 2)", "f(g(1) 2)", "foo.bar(1, [2] 3)", "f(a b)",
  "f(1 + 2 3)", "new F(1 2)", "f(x => 1 2)",
  "let x = foo bar;", "let x = 'abc' 'def';", "var 123abc;", "x = 12 34", "let let = 1",
  "a.b.c d.e", "x = {a: 1 b: 2}", "x = [1 2]", "if (x) } ", "class { }", "x = 'abc",
  "x = \"abc", "x = 1 +* 2", "let a; let a;", "function(){}", "x = @foo",
  "obj = {get x y() {}}", "for (let i of) {}", "x = a ?. 1 : 2",
  "x = `abc", "x = `abc\n", "x = /* abc", "x = `a${1", "x = `a${", "x = `a${b.c",
  "a\nb = `abc\n\nc",
];
for (const src of sources) {
  for (const kind of ['function', 'script']) {
    try {
      if (kind === 'function') vm.compileFunction(src, [], { filename: 'f.js' });
      else new vm.Script(src, { filename: 'f.js' });
      console.log(kind, JSON.stringify(src), 'compiles');
    } catch (e) {
      console.log(kind, JSON.stringify(src), '|', e.message);
      console.log(e.stack.split('\n').slice(0, 3).join('\n'));
    }
  }
}
