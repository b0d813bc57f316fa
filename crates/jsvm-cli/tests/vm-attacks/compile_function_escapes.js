// vm.compileFunction given a body or parameters that close its wrapper and go on (branch
// redteam15): the library calls the wrapper outside any run, so code placed after the early
// close ran at compile time with no limit (the looping ones hung the process). Now refused as
// a SyntaxError, nothing run; extensions are entered without reading an outer one's
// properties. Node: a SyntaxError for each body; V8 crashes (segmentation fault) on any
// parameter that is not a plain name, so those lines are jsvm's own.
const vm = require('vm');
const ctx = vm.createContext({});
const run = (name, f) => {
  try {
    const out = f();
    console.log(name, 'compiled', typeof out, vm.runInContext('globalThis.ran', ctx));
  } catch (e) {
    console.log(name, e.name, vm.runInContext('globalThis.ran', ctx));
  }
};
const bodies = {
  sequence: '}, (() => { globalThis.ran = "body"; return function () {} })(); return function () {',
  statements: '}; globalThis.ran = "body"; return function () {',
  both_wrappers: '} }, globalThis.ran = "body", function () { return function () {',
  loop: '}, (() => { for (;;) {} })(); return function () {',
};
for (const [name, body] of Object.entries(bodies)) {
  run(`body ${name}`, () => vm.compileFunction(body, [], { parsingContext: ctx }));
  run(`body ${name} with extensions`, () => vm.compileFunction(body, [], { parsingContext: ctx, contextExtensions: [{}, {}] }));
}
for (const [name, param] of Object.entries({
  sequence: 'a) {}, (() => { globalThis.ran = "params"; return function () {} })(); return function (b',
  loop: 'a) {}, (() => { for (;;) {} })(); return function (b',
})) {
  run(`params ${name}`, () => vm.compileFunction('return 1', [param], { parsingContext: ctx }));
}
const looping = new Proxy({}, { has() { for (;;) {} }, get() { for (;;) {} } });
run('looping extensions', () => vm.compileFunction('return 1', [], { parsingContext: ctx, contextExtensions: [looping, looping, { y: 1 }] }));
const f = vm.compileFunction('return [a, typeof x === "number" ? x : "none", y]', ['a'], { contextExtensions: [{ x: 1, y: 'outer' }, { x: 2 }] });
console.log('inside', f('arg').join());
