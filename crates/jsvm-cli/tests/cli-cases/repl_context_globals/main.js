// A REPL's context, its own or the global one, has the REPL's `module` and `require` and the
// builtin modules by name, as Node's (REPLs built on it run `exports = module.exports` there).
const repl = require('repl');
const { PassThrough } = require('stream');
for (const useGlobal of [false, true]) {
  const input = new PassThrough();
  repl.start({ prompt: `${useGlobal ? 'global' : 'own'}> `, input, output: process.stdout, useGlobal });
  input.end([
    'typeof module',
    'module.id',
    'exports = module.exports; typeof exports',
    'typeof require',
    'typeof fs.readFileSync',
    'path.basename("/a/b")',
    'require("util").format("%d", 1)',
    'Object.keys(this).includes("fs")',
    'const os = 1; os',
    '',
  ].join('\n'));
}
