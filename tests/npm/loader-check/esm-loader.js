// The `esm` loader (ES modules in CommonJS programs): require('esm')(module), which compiles
// each module and runs it with vm.Script and cached data, its live bindings and import().
const fs = require('fs');
fs.mkdirSync(__dirname + '/es', { recursive: true });
fs.writeFileSync(__dirname + '/es/lib.js', 'export const greet = (n) => `hi ${n}`;\nexport default function twice(x) { return x * 2; }\nexport let counter = 0;\nexport function bump() { counter++; }\n');
fs.writeFileSync(__dirname + '/es/main.js', `import twice, { greet, counter, bump } from './lib.js';
import { readFileSync } from 'fs';
import * as path from 'path';
console.log(greet('esm'), twice(21), typeof readFileSync, path.basename('/a/b.txt'));
console.log('live before', counter); bump(); console.log('live after', counter);
import('./lib.js').then((ns) => console.log('dynamic', Object.keys(ns).sort().join(','), ns.counter));
export const done = true;
`);
const load = require('esm')(module);
const ns = load('./es/main.js');
console.log('exports', Object.keys(ns));
