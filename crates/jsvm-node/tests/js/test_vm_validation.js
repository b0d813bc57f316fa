// Argument validation of every vm function and option: Node's error classes, codes and
// messages (golden output recorded from node).
'use strict';
const vm = require('vm');

function check(label, fn) {
  try {
    const r = fn();
    console.log(label, 'ok', typeof r);
  } catch (e) {
    console.log(label, e.name, e.code, '|', e.message);
  }
}

check('Script code number', () => new vm.Script(1));
check('Script filename', () => new vm.Script('1', { filename: 1 }));
check('Script lineOffset type', () => new vm.Script('1', { lineOffset: 'x' }));
check('Script lineOffset int', () => new vm.Script('1', { lineOffset: 1.5 }));
check('Script lineOffset range', () => new vm.Script('1', { lineOffset: 2 ** 32 }));
check('Script columnOffset', () => new vm.Script('1', { columnOffset: {} }));
check('Script cachedData', () => new vm.Script('1', { cachedData: 'x' }));
check('Script produceCachedData', () => new vm.Script('1', { produceCachedData: 1 }));
check('Script options type', () => new vm.Script('1', 5));
check('Script options null', () => new vm.Script('1', null));
check('Script importModuleDynamically', () => new vm.Script('1', { importModuleDynamically: 5 }));
check('Script without new', () => vm.Script('1'));
const s = new vm.Script('1');
check('runInContext plain object', () => s.runInContext({}));
check('runInContext null', () => s.runInContext(null));
check('runInContext number', () => s.runInContext(7));
check('timeout -1', () => s.runInThisContext({ timeout: -1 }));
check('timeout 0', () => s.runInThisContext({ timeout: 0 }));
check('timeout string', () => s.runInThisContext({ timeout: 'x' }));
check('timeout float', () => s.runInThisContext({ timeout: 1.5 }));
check('timeout huge', () => s.runInThisContext({ timeout: 2 ** 32 }));
check('displayErrors', () => s.runInThisContext({ displayErrors: 1 }));
check('breakOnSigint', () => s.runInThisContext({ breakOnSigint: 'yes' }));
check('run options number', () => s.runInThisContext(1));
check('createContext number', () => vm.createContext(1));
check('createContext string', () => vm.createContext('x'));
check('createContext name', () => vm.createContext({}, { name: 1 }));
check('createContext origin', () => vm.createContext({}, { origin: 1 }));
check('createContext microtaskMode', () => vm.createContext({}, { microtaskMode: 'x' }));
check('createContext codeGeneration', () => vm.createContext({}, { codeGeneration: 1 }));
check('createContext strings', () => vm.createContext({}, { codeGeneration: { strings: 1 } }));
check('createContext wasm', () => vm.createContext({}, { codeGeneration: { wasm: 'no' } }));
check('createContext options', () => vm.createContext({}, 3));
check('isContext number', () => vm.isContext(1));
check('isContext null', () => vm.isContext(null));
check('isContext undefined', () => vm.isContext());
check('isContext plain', () => vm.isContext({}));
check('runInContext plain', () => vm.runInContext('1', {}));
check('runInContext undefined', () => vm.runInContext('1'));
check('runInNewContext number', () => vm.runInNewContext('1', 5));
check('runInNewContext contextName', () => vm.runInNewContext('1', {}, { contextName: 1 }));
check('runInNewContext contextOrigin', () => vm.runInNewContext('1', {}, { contextOrigin: 1 }));
check('runInNewContext codegen', () => vm.runInNewContext('1', {}, { contextCodeGeneration: 1 }));
check('runInNewContext codegen strings', () => vm.runInNewContext('1', {}, { contextCodeGeneration: { strings: 0 } }));
check('runInNewContext microtaskMode', () => vm.runInNewContext('1', {}, { microtaskMode: 5 }));
check('runInThisContext filename class', () => vm.runInThisContext('1', { filename: class Foo {} }));
check('runInThisContext filename map', () => vm.runInThisContext('1', { filename: new Map() }));
check('runInThisContext filename nullproto', () => vm.runInThisContext('1', { filename: Object.create(null) }));
check('runInThisContext filename symbol', () => vm.runInThisContext('1', { filename: Symbol('s') }));
check('runInThisContext filename bigint', () => vm.runInThisContext('1', { filename: 10n }));
check('runInThisContext filename array', () => vm.runInThisContext('1', { filename: [1, 2] }));
check('runInThisContext filename fn', () => vm.runInThisContext('1', { filename: function f() {} }));
check('runInThisContext filename long', () => vm.runInThisContext('1', { filename: 'x'.repeat(40) + 1 }));
check('compileFunction code', () => vm.compileFunction(1));
check('compileFunction params', () => vm.compileFunction('', 'x'));
check('compileFunction params item', () => vm.compileFunction('', [1]));
check('compileFunction parsingContext', () => vm.compileFunction('', [], { parsingContext: {} }));
check('compileFunction contextExtensions', () => vm.compileFunction('', [], { contextExtensions: 1 }));
check('compileFunction contextExtensions item', () => vm.compileFunction('', [], { contextExtensions: [1] }));
check('compileFunction filename', () => vm.compileFunction('', [], { filename: 2 }));
check('compileFunction cachedData', () => vm.compileFunction('', [], { cachedData: 'x' }));
check('compileFunction produceCachedData', () => vm.compileFunction('', [], { produceCachedData: 'x' }));
check('measureMemory mode', () => vm.measureMemory({ mode: 'x' }));
check('measureMemory execution', () => vm.measureMemory({ execution: 'x' }));
check('measureMemory options', () => vm.measureMemory(5));
