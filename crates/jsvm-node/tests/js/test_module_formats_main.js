// How the main module and `import` take a file by its extension and its package's "type"
// (Node 20's ES module loader): an extensionless bin script under "type": "module" is an ES
// module (typescript's `bin/tsc`), a .ts or .txt file there is ERR_UNKNOWN_FILE_EXTENSION, and
// `require` of an extensionless file stays CommonJS.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-formats-'));
const write = (name, text) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};
write('esm/package.json', '{"type":"module"}');
write('esm/cli', '#!/usr/bin/env node\nimport { n } from "./lib.js";\nconsole.log("cli is a module", n, import.meta.url.endsWith("/cli"), typeof require);\n');
write('esm/lib.js', 'export const n = 1;\n');
write('esm/noext', 'export const a = "extensionless";\n');
write('esm/imports.js', 'import { a } from "./noext";\nconsole.log(a);\n');
write('esm/x.ts', 'console.log("ran a .ts file");\n');
write('esm/text.txt', 'hello\n');
write('esm/imports-txt.js', 'import "./text.txt";\n');
write('esm/requires.cjs', 'console.log(require("./plain"));\n');
write('esm/plain', 'module.exports = "required extensionless: CommonJS";\n');
write('esm/main.cjs', 'console.log("cjs main", typeof require);\n');
write('cjs/package.json', '{"type":"commonjs"}');
write('cjs/x.ts', 'console.log("a .ts main under commonjs runs", typeof module);\n');
write('cjs/tool', 'console.log("extensionless commonjs main", typeof module);\n');
write('none/tool', 'console.log("extensionless, no type", typeof module);\n');

function run(file) {
  try {
    const out = execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    console.log(`${file}: ${out.trimEnd()}`);
  } catch (e) {
    const line = e.stderr.split('\n').find((l) => /^\w*Error/.test(l)) || '';
    console.log(`${file}: exit ${e.status} ${e.stdout.trimEnd()} ${line.replace(dir, '<dir>')}`);
  }
}
for (const f of ['esm/cli', 'esm/imports.js', 'esm/x.ts', 'esm/imports-txt.js', 'esm/requires.cjs',
  'esm/main.cjs', 'cjs/x.ts', 'cjs/tool', 'none/tool']) run(f);
fs.rmSync(dir, { recursive: true });
