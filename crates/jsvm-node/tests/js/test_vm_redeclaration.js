// A declaration that conflicts with a binding of the global, across scripts: Node's stack.
// V8 refuses a script's let, const or class before the script runs (no frame of the script)
// and a var or function as it starts (its frame at 1:1); the vm functions' frames are named as
// Node's (Script.runInContext, Object.runInContext; their positions in node:vm left out here);
// the arrow marks the script's start, with no caret line on an empty first line.
'use strict';
const vm = require('vm');

function show(label, run) {
  try {
    run();
    console.log(label, 'ran');
  } catch (e) {
    const lines = String(e.stack).split('\n');
    const caller = lines.findIndex((l) => l.includes(__filename));
    console.log(`-- ${label}`);
    console.log(lines.slice(0, caller + 1).join('\n')
      .split(__dirname).join('<DIR>')
      .replace(/\(node:vm:\d+:\d+\)/g, '(node:vm)'));
  }
}

const c = vm.createContext({});
vm.runInContext('let r = 1; function f() {} const k = 1;', c);
show('let after let', () => vm.runInContext('let r = 2;', c));
show('const after let, named', () => vm.runInContext('const r = 2;', c, { filename: 'x.js' }));
show('var after let', () => vm.runInContext('var r = 2;', c));
show('function after let', () => vm.runInContext('function r() {}', c));
show('class after const', () => vm.runInContext('class k {}', c));
show('let of a builtin', () => vm.runInContext('let NaN = 2;', c));
show('Script.runInContext', () => new vm.Script('let r = 3;').runInContext(c));
show('Script.runInContext with options', () => new vm.Script('let r = 3;').runInContext(c, { timeout: 1000 }));
show('runInContext with options', () => vm.runInContext('let r = 3;', c, { timeout: 1000 }));
show('second declaration on line 2', () => vm.runInContext('let fresh = 1;\nlet r = 5;', c));
show('indented', () => vm.runInContext('  let r = 5;', c));
show('let undefined, on line 3', () => vm.runInContext('\n\nlet undefined = 2;', c));
show('nothing ran', () => vm.runInContext('globalThis.side = 1; let r = 5;', c));
console.log('side effect:', c.side, typeof vm.runInContext('typeof fresh', c));

// A context's var and function declarations are bindings of its global too: a later let of
// one is refused before the script runs; the sandbox's own properties are not.
const s = vm.createContext({ own: 1 });
vm.runInContext('var sv = 1; function sf() {} globalThis.assigned = 1;', s);
show('context: let after var', () => vm.runInContext('let sv = 2;', s));
show('context: const after function, named', () => vm.runInContext('\nconst sf = 2;', s, 'sf.js'));
show('context: class after var, Script', () => new vm.Script('class sv {}').runInContext(s));
show('context: let of a sandbox property', () => vm.runInContext('let own = 2;', s));
show('context: let of an assigned property', () => vm.runInContext('let assigned = 2;', s));
console.log('values:', vm.runInContext('[sv, typeof sf, own, assigned].join()', s));

vm.runInThisContext('var tv = 1; function tf() {} let tl = 1;');
show('runInThisContext: let after var', () => vm.runInThisContext('let tv = 2;'));
show('runInThisContext: let after function', () => vm.runInThisContext('let tf = 2;'));
show('runInThisContext: var after let', () => vm.runInThisContext('var tl = 2;'));
show('runInThisContext: let of a builtin', () => vm.runInThisContext('let NaN = 1;'));
show('runInThisContext: class undefined', () => vm.runInThisContext('class undefined {}'));
show('runInThisContext, named', () => vm.runInThisContext('let tl = 2;', { filename: 't.js' }));
show('Script.runInThisContext', () => new vm.Script('let tl = 3;').runInThisContext());
show('empty first line, offsets', () => new vm.Script('\nlet tl = 3;', { lineOffset: 4, columnOffset: 2, filename: 'lo.js' }).runInThisContext());
show('runInThisContext: function over NaN', () => vm.runInThisContext('var fine = 1;\nfunction NaN() {}'));
show('runInThisContext: function over Infinity, named', () => vm.runInThisContext('function Infinity() {}', 'inf.js'));
show('displayErrors: false', () => new vm.Script('let tl = 3;').runInThisContext({ displayErrors: false }));

show('runInNewContext', () => vm.runInNewContext('let NaN = 1;'));
show('runInNewContext, named', () => vm.runInNewContext('let NaN = 1;', {}, { filename: 'n.js' }));
show('Script.runInNewContext', () => new vm.Script('let NaN = 1;').runInNewContext());

// A syntax error is no conflict: Node's frames are those of compiling (new Script).
show('syntax error, runInContext', () => vm.runInContext('let = ;', c));
show('syntax error, runInThisContext', () => vm.runInThisContext('let = ;', 's.js'));
show('syntax error, runInNewContext', () => vm.runInNewContext('let = ;'));
