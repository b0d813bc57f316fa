// A link error between modules whose names the engine cuts alike (it keeps 63 bytes of a
// module's name in its message): V8's words name the module that lacks the export.
const fs = require('fs');
const os = require('os');
const path = require('path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a-directory-name-long-enough-that-the-engine-cuts-module-names-'));
fs.writeFileSync(path.join(dir, 'lib.mjs'), 'export const a = 1;\n');
fs.writeFileSync(path.join(dir, 'bad.mjs'), "import { b } from './lib.mjs';\nexport default b;\n");
// Imported twice: the importer is resolved again after the module it imports.
const once = () => import(path.join(dir, 'bad.mjs'))
  .then(() => console.log('linked?'), (e) => console.log(e.name, e.message));
Promise.all([once(), once()]).finally(() => fs.rmSync(dir, { recursive: true }));
