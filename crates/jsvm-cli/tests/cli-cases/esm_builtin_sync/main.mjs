// module.syncBuiltinESMExports(): the named exports of builtins follow their CommonJS object again.
import fs, { readFileSync, existsSync } from 'fs';
import { syncBuiltinESMExports } from 'module';
import * as path from 'node:path';
const original = fs.readFileSync;
fs.readFileSync = () => 'patched';
console.log(readFileSync === original);
syncBuiltinESMExports();
console.log(readFileSync === fs.readFileSync, readFileSync('x'), existsSync === fs.existsSync);
fs.readFileSync = original; delete fs.existsSync;
syncBuiltinESMExports();
console.log(readFileSync === original, typeof existsSync, typeof path.join);
fs.newThing = 1; syncBuiltinESMExports(); console.log('newThing' in (await import('fs')));
