// Module.wrap/Module.wrapper as Node's: read by loaders of their own, and when a program
// replaces them, modules are compiled through the new wrapper.
const Module = require('module');
const vm = require('vm');
console.log(JSON.stringify(Module.wrapper), JSON.stringify(Module.wrap('x')));
const d = Object.getOwnPropertyDescriptor(Module, 'wrap');
console.log(typeof d.get, typeof d.set, d.enumerable, d.configurable);
const fn = vm.runInThisContext(Module.wrap('exports.v = 42; module.exports.f = __filename'), { filename: 'w.js' });
const m = { exports: {} }; fn(m.exports, require, m, 'w.js', '.'); console.log(m.exports);
// A wrapper element changed in place (as rewire does) is used too, and put back, unused.
const w0 = Module.wrapper[0];
Module.wrapper[0] = w0 + 'var injected = 2;';
console.log(require('./dep.js'));
delete require.cache[require.resolve('./dep.js')];
Module.wrapper[0] = w0;
const original = Module.wrap;
Module.wrap = (script) => original('var injected = 1;' + script);
console.log(require('./dep.js'));
