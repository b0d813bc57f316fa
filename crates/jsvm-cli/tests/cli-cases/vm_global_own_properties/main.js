// The contextified global's own properties besides the sandbox's: the realm's builtins and
// what scripts define on the global (V8's global behind Node's interceptors).
const vm = require('vm');
const run = (code, ctx) => {
  try {
    return vm.runInContext(code, ctx);
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
};
const show = (label, v) => console.log(label, typeof v === 'string' ? v : JSON.stringify(v));
// QuickJS and V8 hold different builtins, in a different order: only these are looked at.
const names = ['x', 'Array', 'Math', 'console', 'q', 'Object'];
const listed = `Object.getOwnPropertyNames(globalThis).filter((n) => ${JSON.stringify(names)}.includes(n))`;

// Builtins are own properties of the global: writable, configurable, not enumerable.
let ctx = vm.createContext({ x: 1, Array: 'mine' });
show('own names', run(listed, ctx));
show('keys', run('Object.keys(globalThis)', ctx));
show('hasOwnProperty', run('["Array", "Math", "console", "eval", "globalThis", "x", "nope"].map((n) => globalThis.hasOwnProperty(n))', ctx));
show('Math descriptor', run('const d = Object.getOwnPropertyDescriptor(globalThis, "Math"); [typeof d.value, d.writable, d.enumerable, d.configurable]', ctx));
show('console descriptor', run('const c = Object.getOwnPropertyDescriptor(globalThis, "console"); [typeof c.value, c.enumerable]', ctx));
show('globalThis descriptor', run('Object.getOwnPropertyDescriptor(globalThis, "globalThis").value === globalThis', ctx));
show('sandbox shadows', run('[typeof Array, Object.getOwnPropertyDescriptor(globalThis, "Array").value]', ctx));
run('"use strict"; Object.defineProperty(globalThis, "q", { value: 1 })', ctx);
show('defined last', run(listed, ctx));
show('reflect own keys', run('Reflect.ownKeys(globalThis).includes("JSON")', ctx));

// Deleting a builtin deletes it from the global; the sandbox's is deleted first.
ctx = vm.createContext({ Array: 5 });
show('delete shadowed Array', run('[delete Array, typeof Array, "Array" in globalThis]', ctx));
show('delete Math', run('[delete globalThis.Math, typeof Math, globalThis.hasOwnProperty("Math")]', ctx));
show('Math read', run('Math', ctx));
show('delete console', run('[delete console, typeof console]', ctx));
show('redefined then deleted', run('Object.defineProperty(globalThis, "JSON", { enumerable: false }); [delete JSON, typeof JSON]', ctx));
show('sandbox after deletes', ctx);
show('other contexts keep theirs', run('[typeof Array, typeof Math, typeof console, typeof JSON]', vm.createContext({})));

// A sandbox that inherits a builtin's name shadows the builtin (Node's getter asks the sandbox's
// chain first).
ctx = vm.createContext(Object.create({ Array: 'inherited' }));
show('inherited shadow', run('[Array, "Array" in globalThis]', ctx));

// Function declarations: assigned to the sandbox (configurable), declared on the global.
ctx = vm.createContext({ a: 1 });
show('declared', run('function f() {} JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, "f"))', ctx));
show('sandbox f', Object.getOwnPropertyDescriptor(ctx, 'f').configurable);
show('delete f', run('[delete f, typeof f]', ctx));
show('f after delete', [Object.keys(ctx), run('JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, "f"))', ctx)]);
show('strict delete g', run('function g() {} "use strict"; delete globalThis.g', ctx));
show('strict delete h', run('"use strict"; function h() {} delete globalThis.h', ctx));
show('reflect delete h', run('Reflect.deleteProperty(globalThis, "h")', ctx));
const s2 = vm.createContext({});
vm.runInContext('function k() { return 1; }', s2);
delete s2.k;
show('k after host delete', run('[typeof k, JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, "k"))]', s2));
show('k rerun', run('function k() { return 2; } k()', s2));
show('k sandbox', typeof s2.k);

// Getters on the sandbox run with the sandbox as `this`; a sandbox returned reads as the global.
const sb = { get who() { return this === sb ? 'sandbox' : 'other'; } };
ctx = vm.createContext(sb);
show('getter this', run('[who, globalThis.who, this.who]', ctx));
show('getter descriptor', run('typeof Object.getOwnPropertyDescriptor(globalThis, "who").get', ctx));
const sb3 = {};
Object.defineProperty(sb3, 'self', { get() { return sb3; }, enumerable: true });
ctx = vm.createContext(sb3);
show('self is global', run('[self === globalThis, globalThis.self === this]', ctx));
const sb4 = { document: {} };
sb4.document.defaultView = sb4;
ctx = vm.createContext(sb4);
show('getter on the global', run('Object.defineProperty(this, "foo", { get() { return document.defaultView; } }); foo === this', ctx));

// V8's wording for a read-only property of the global: by name, or as a property.
ctx = vm.createContext({});
run('Object.defineProperty(globalThis, "ro", { value: 1 })', ctx);
for (const code of ['ro = 2', 'ro++', 'ro += 1', 'globalThis.ro = 2', 'this.ro = 2', 'globalThis["ro"] = 2', '"ro" in globalThis; globalThis.ro = 2']) {
  show(`strict ${code}`, run(`"use strict"; ${code}`, ctx));
}
show('sloppy', run('ro = 2; globalThis.ro = 3; ro', ctx));

// codeGeneration: the refusing eval is the global's own eval.
ctx = vm.createContext({}, { codeGeneration: { strings: false } });
show('no eval', run('[eval("1"), globalThis.hasOwnProperty("eval")]', ctx));
show('no Function', run('Object.getOwnPropertyDescriptor(globalThis, "Function").value("return 1")', ctx));
