// Module graphs: a cycle of three, an async linker, linker arguments, contexts, errors.
'use strict';
const vm = require('vm');

const show = (e) => console.log(`${e.name} ${e.code} ${e.message}`);
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

async function cycle() {
  const ctx = vm.createContext({ log: [] });
  const sources = {
    a: "import { b } from 'b'; log.push('a runs, b = ' + b); export const a = 'A'; export function fromC() { return c2(); } import { c2 } from 'c';",
    b: "import { c } from 'c'; log.push('b runs, c = ' + c); export const b = 'B' + c;",
    c: "import * as ns from 'a'; log.push('c runs, a is ' + typeof ns.fromC); export const c = 'C'; export function c2() { return ns.a; }",
  };
  const modules = {};
  for (const [name, src] of Object.entries(sources)) {
    modules[name] = new vm.SourceTextModule(src, { context: ctx, identifier: `${name}.mjs` });
  }
  const calls = [];
  await modules.a.link((specifier, referencing) => {
    calls.push(`${referencing.identifier} -> ${specifier}`);
    return modules[specifier];
  });
  console.log(calls);
  console.log(Object.values(modules).map((m) => m.status));
  await modules.a.evaluate();
  console.log(Object.values(modules).map((m) => m.status));
  console.log(vm.runInContext('log', ctx));
  console.log(modules.a.namespace.fromC(), modules.b.namespace.b);
}

async function asyncLinker() {
  const dep = new vm.SourceTextModule('export const n = 41;', { identifier: 'dep' });
  const leaf = new vm.SyntheticModule(['one'], function () { this.setExport('one', 1); }, { identifier: 'leaf' });
  const root = new vm.SourceTextModule(
    "import { n } from './dep.js'; import { one } from 'leaf' with { type: 'synthetic' }; export default n + one;",
    { identifier: 'root' });
  console.log(root.dependencySpecifiers);
  const seen = [];
  await root.link(async (specifier, referencing, extra) => {
    seen.push([specifier, referencing.identifier, Object.keys(extra), { ...extra.attributes }]);
    await delay(5);
    return specifier === 'leaf' ? leaf : dep;
  });
  console.log(seen);
  await root.evaluate();
  console.log(root.namespace.default, root.status, dep.status, leaf.status);
}

async function errors() {
  // A module from another context.
  const other = vm.createContext();
  const foreign = new vm.SourceTextModule('export default 1', { context: other });
  const m1 = new vm.SourceTextModule("import x from 'x';");
  try { await m1.link(() => foreign); } catch (e) { show(e); }
  console.log(m1.status, m1.error.code);
  try { await m1.link(() => foreign); } catch (e) { show(e); }

  // Not a module.
  const m2 = new vm.SourceTextModule("import 'x';");
  try { await m2.link(() => ({})); } catch (e) { show(e); }
  console.log(m2.status);

  // A module that throws, evaluated twice.
  const bad = new vm.SourceTextModule("export const before = 1; throw new TypeError('boom');");
  await bad.link(() => {});
  let first;
  try { await bad.evaluate(); } catch (e) { first = e; show(e); }
  console.log(bad.status, bad.error === first, bad.error instanceof TypeError);
  try { await bad.evaluate(); } catch (e) { console.log('same error again:', e === first); }
  try { bad.createCachedData(); } catch (e) { show(e); }

  // Linking to an errored module.
  const m3 = new vm.SourceTextModule("import 'bad';");
  try { await m3.link(() => bad); } catch (e) { show(e); console.log(e.cause === first); }

  // The linker throws.
  const m4 = new vm.SourceTextModule("import 'x';");
  try { await m4.link(() => { throw new Error('linker says no'); }); } catch (e) { show(e); }

  // A missing export: a SyntaxError from link, the modules stay unlinked.
  const provider = new vm.SourceTextModule('export const yes = 1;');
  const m5 = new vm.SourceTextModule("import { nope } from './provider.js';");
  try { await m5.link(() => provider); } catch (e) { show(e); }
  console.log(m5.status);

  // A dependency that throws errors its importer too.
  const thrower = new vm.SourceTextModule("throw new RangeError('deep');");
  const importer = new vm.SourceTextModule("import 't'; export const never = 1;");
  await importer.link(() => thrower);
  try { await importer.evaluate(); } catch (e) { show(e); }
  console.log(importer.status, thrower.status, importer.error === thrower.error);
}

async function topLevelAwait() {
  const ctx = vm.createContext({ setTimeout, steps: [] });
  const slow = new vm.SourceTextModule(
    "steps.push('start'); await new Promise((r) => setTimeout(r, 10)); steps.push('end'); export const v = 'late';",
    { context: ctx });
  const user = new vm.SourceTextModule("import { v } from 'slow'; steps.push('user sees ' + v);", { context: ctx });
  await user.link(() => slow);
  const p = user.evaluate();
  console.log('pending:', user.status, slow.status, vm.runInContext('steps', ctx));
  await p;
  console.log('settled:', user.status, slow.status, vm.runInContext('steps', ctx));
}

(async () => {
  await cycle();
  await asyncLinker();
  await errors();
  await topLevelAwait();
})().catch((e) => console.log('unexpected', e));
