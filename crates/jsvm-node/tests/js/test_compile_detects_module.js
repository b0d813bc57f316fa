'use strict';
// Module.prototype._compile with no format (a program compiling code of its own, as svelte's
// and other compilers' users do): Node 20.19+ detects ES module syntax and requires the code
// as an ES module; CommonJS code, or a format given as 'commonjs', compiles as before.
const Module = require('module');
const path = require('path');
const compile = (name, code, format) => {
  const m = new Module(path.join(__dirname, name));
  m.paths = module.paths;
  try {
    m._compile(code, m.id, format);
    return m.exports;
  } catch (e) {
    return `${e.name}${e.code ? ` [${e.code}]` : ''}: ${e.message.split('\n')[0]}`;
  }
};
console.log(compile('esm.js', 'import path from "path"; export const sep = path.sep; export default 42;'));
console.log(compile('named.js', 'export function f() { return 1; }').f());
console.log(compile('meta.js', 'export const u = typeof import.meta.url;'));
console.log(compile('cjs.js', 'module.exports = { cjs: typeof require };'));
console.log(compile('given.js', 'export const x = 1;', 'commonjs'));
console.log(compile('tla.js', 'export const x = await Promise.resolve(5);'));
console.log(compile('throws.js', 'export const x = 1; throw new RangeError("in module");'));
