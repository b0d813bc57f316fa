// vm.Module, SourceTextModule and SyntheticModule with a wrong `this`: every getter and method
// (ERR_INVALID_ARG_TYPE for "this" with Node's "Received ..." wording, rejections from the
// async ones, V8's TypeErrors where Node has no check), and util.inspect of modules at every
// depth (`[SourceTextModule]` below the limit), with and without the custom hook.
'use strict';
const vm = require('vm');
const util = require('util');
const { Module, SourceTextModule, SyntheticModule } = vm;

function describe(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Buffer.isBuffer(value)) return `a Buffer (non-empty: ${value.length > 0})`;
  return util.inspect(value);
}

function failure(e) {
  return `${e instanceof TypeError ? 'TypeError' : e && e.name} ${e && e.code} ${JSON.stringify(e && e.message)}`;
}

// Prints what f returns or throws; a promise is awaited (and said to be one).
async function show(label, f) {
  let result;
  try {
    result = f();
  } catch (e) {
    console.log(`${label}: throws ${failure(e)}`);
    return;
  }
  if (result && typeof result.then === 'function') {
    try {
      console.log(`${label}: promise resolving to ${describe(await result)}`);
    } catch (e) {
      console.log(`${label}: promise rejecting with ${failure(e)}`);
    }
    return;
  }
  console.log(`${label}: ${describe(result)}`);
}

async function main() {
  const stm = new SourceTextModule('export const a = 1;', { identifier: 'stm' });
  const syn = new SyntheticModule(['x'], function () { this.setExport('x', 1); }, { identifier: 'syn' });
  class Foo {}
  const wrongThis = {
    undefined: undefined,
    null: null,
    number: 1,
    string: 'str',
    symbol: Symbol('s'),
    bigint: 10n,
    plainObject: {},
    nullProto: { __proto__: null },
    array: [1, 2],
    func: function named() {},
    classInstance: new Foo(),
    ModulePrototype: Module.prototype,
    STMPrototype: SourceTextModule.prototype,
    SynPrototype: SyntheticModule.prototype,
    createdFromSTMProto: Object.create(SourceTextModule.prototype),
    inheritsFromStm: Object.create(stm),
  };
  const realModules = { stm, syn, proxyOfStm: new Proxy(stm, {}), proxyOfSyn: new Proxy(syn, {}) };

  // Every own getter and method of the three prototypes with every `this`, the members that
  // end alike on one line.
  const members = [];
  for (const C of [Module, SourceTextModule, SyntheticModule]) {
    for (const key of Reflect.ownKeys(C.prototype)) {
      // (Symbol-keyed methods other than the inspect hook are internal.)
      if (key === 'constructor' || (typeof key === 'symbol' && key !== util.inspect.custom)) continue;
      const { get, value: method } = Object.getOwnPropertyDescriptor(C.prototype, key);
      const name = `${C.name}.${typeof key === 'symbol' ? '[inspect.custom]' : key}`;
      if (get) members.push([name, (value) => get.call(value)]);
      else members.push([`${name}()`, (value) => method.call(value, 'foo')]);
    }
  }
  console.log(members.map(([name]) => name).join(' '));
  for (const [label, value] of Object.entries({ ...wrongThis, ...realModules })) {
    const outcomes = new Map();
    for (const [name, f] of members) {
      // Node 20 aborts for createCachedData of a SyntheticModule (an assertion).
      if (name === 'SourceTextModule.createCachedData()' && (label === 'syn' || label === 'proxyOfSyn')) continue;
      // link/evaluate of real modules are the other tests' business.
      if ((name === 'Module.link()' || name === 'Module.evaluate()') && label in realModules) continue;
      let outcome;
      try {
        const result = f(value);
        if (result && typeof result.then === 'function') {
          try {
            outcome = `promise resolving to ${describe(await result)}`;
          } catch (e) {
            outcome = `promise rejecting with ${failure(e)}`;
          }
        } else {
          outcome = describe(result);
        }
      } catch (e) {
        outcome = `throws ${failure(e)}`;
      }
      if (!outcomes.has(outcome)) outcomes.set(outcome, []);
      outcomes.get(outcome).push(name);
    }
    console.log(`this=${label}`);
    for (const [outcome, names] of outcomes) console.log(`  ${names.join(', ')}: ${outcome}`);
  }

  // The inherited getters and methods reached from the subclasses' prototypes.
  for (const C of [SourceTextModule, SyntheticModule]) {
    for (const g of ['identifier', 'context', 'namespace', 'status', 'error']) {
      await show(`${C.name}.prototype.${g}`, () => C.prototype[g]);
    }
    await show(`${C.name}.prototype.link()`, () => C.prototype.link());
    await show(`${C.name}.prototype.evaluate()`, () => C.prototype.evaluate());
  }

  // The `this` check comes before the arguments'.
  await show('link: wrong this and linker', () => Module.prototype.link.call({}, 1));
  await show('evaluate: wrong this and options', () => Module.prototype.evaluate.call({}, 1));
  await show('setExport: wrong this and name', () => SyntheticModule.prototype.setExport.call({}, 1));
  await show('setExport: unlinked, bad name', () => syn.setExport(1));
  await show('createCachedData: { status: "evaluated" }',
    () => SourceTextModule.prototype.createCachedData.call({ status: 'evaluated' }));
  await show('createCachedData: { status: "errored" }',
    () => SourceTextModule.prototype.createCachedData.call({ status: 'errored' }));

  // A linker answering with something that is not a module keeps ERR_VM_MODULE_NOT_MODULE.
  const answers = {
    '{}': {}, 'null': null, 'Object.create(stm)': Object.create(stm),
    'SourceTextModule.prototype': SourceTextModule.prototype,
  };
  for (const [label, answer] of Object.entries(answers)) {
    await show(`linker answering ${label}`, () => new SourceTextModule('import "x";').link(() => answer));
  }

  // util.inspect.
  const ctx = vm.createContext({ foo: 'bar', deep: { a: { b: { c: 1 } } } });
  const cm = new SourceTextModule('1', { context: ctx, identifier: 'cm' });
  const sm = new SyntheticModule([], () => {}, { context: ctx, identifier: 'sm' });
  class Sub extends SourceTextModule {}
  const sub = new Sub('1', { identifier: 'sub' });
  for (const m of [stm, syn, cm, sm, sub]) {
    const id = m.identifier;
    for (const depth of [-1, 0, 2, null]) {
      await show(`inspect ${id} depth=${depth}`, () => util.inspect(m, { depth }));
    }
    await show(`inspect ${id} in an object, depth 0`, () => util.inspect({ m }, { depth: 0 }));
    await show(`inspect ${id} three deep`, () => util.inspect({ a: { b: { m } } }));
    await show(`inspect ${id} in nested arrays`, () => util.inspect([[[m]]]));
    await show(`inspect ${id} customInspect false`, () => util.inspect(m, { customInspect: false }));
  }
  // The other options, for a module without and with a context.
  for (const m of [stm, cm]) {
    const id = m.identifier;
    for (const depth of [1, undefined, Infinity]) {
      await show(`inspect ${id} depth=${depth}`, () => util.inspect(m, depth === undefined ? {} : { depth }));
    }
    await show(`inspect ${id} in an object`, () => util.inspect({ m }));
    await show(`inspect ${id} in an object, depth 1`, () => util.inspect({ m }, { depth: 1 }));
    await show(`inspect ${id} two deep`, () => util.inspect({ a: { m } }));
    await show(`inspect ${id} in an array, depth 0`, () => util.inspect([m], { depth: 0 }));
    await show(`inspect ${id} in [{}], depth 1`, () => util.inspect([{ m }], { depth: 1 }));
    await show(`inspect ${id} showHidden`, () => util.inspect(m, { showHidden: true }));
    await show(`inspect ${id} compact false`, () => util.inspect(m, { compact: false }));
    await show(`inspect ${id} breakLength Infinity`, () => util.inspect(m, { breakLength: Infinity }));
    await show(`inspect ${id} sorted`, () => util.inspect(m, { sorted: true }));
    await show(`inspect ${id} colors, three deep`, () => util.inspect({ a: { b: { m } } }, { colors: true }));
    await show(`format ${id} %o`, () => util.format('%o', m));
    await show(`format ${id} %O`, () => util.format('%O', m));
    await show(`format ${id} %s`, () => util.format('%s', m));
    await show(`format ${id} %j`, () => util.format('%j', m));
    await show(`toString ${id}`, () => Object.prototype.toString.call(m));
    await show(`hook ${id}()`, () => m[util.inspect.custom]());
    await show(`hook ${id}(-1) is the module`, () => m[util.inspect.custom](-1, {}) === m);
    await show(`hook ${id}(1, { depth: 1 })`, () => m[util.inspect.custom](1, { depth: 1 }));
    await show(`hook ${id}('x', null)`, () => m[util.inspect.custom]('x', null));
  }
  await show('syn showHidden', () => util.inspect(syn, { showHidden: true }));
  await show('inspect Object.create(SourceTextModule.prototype)',
    () => util.inspect(Object.create(SourceTextModule.prototype)));
  await show('inspect Object.create(stm)', () => util.inspect(Object.create(stm)));
  await show('inspect a Proxy of stm', () => util.inspect(new Proxy(stm, {})));
  await show('inspect a Proxy of stm, showProxy', () => util.inspect(new Proxy(stm, {}), { showProxy: true }));
  await show('inspect Module.prototype', () => util.inspect(Module.prototype));
  await show('inspect SourceTextModule.prototype', () => util.inspect(SourceTextModule.prototype));
  await show('inspect SyntheticModule.prototype', () => util.inspect(SyntheticModule.prototype));
  await show('inspect SourceTextModule', () => util.inspect(SourceTextModule));

  // The internal properties Node's modules have (what customInspect: false shows).
  await show('own keys of stm', () => Reflect.ownKeys(stm).map(String));
  await show('own keys of syn', () => Reflect.ownKeys(syn).map(String));
  await show('Object.keys(stm)', () => Object.keys(stm));
  await show('JSON of stm', () => JSON.stringify(stm));
  await show('spread of stm', () => util.inspect({ ...stm }));
  await show('dependencySpecifiers cached', () => stm.dependencySpecifiers === stm.dependencySpecifiers);
  await show('dependencySpecifiers frozen', () => Object.isFrozen(stm.dependencySpecifiers));

  const main = new SourceTextModule('import "dep"; export default 1;', { identifier: 'main' });
  const dep = new SourceTextModule('', { identifier: 'dep' });
  await main.link(() => dep);
  await show('linked main, raw', () => util.inspect(main, { customInspect: false }));
  await show('linked dep, raw', () => util.inspect(dep, { customInspect: false }));
  await main.evaluate();
  await show('evaluated main', () => util.inspect(main));
  await show('evaluated main, raw', () => util.inspect(main, { customInspect: false }));
  await show('evaluated main, showHidden', () => util.inspect(main, { showHidden: true }));

  let stepsThis;
  const counter = new SyntheticModule(['x'], function () { stepsThis = this; this.setExport('x', 1); },
    { identifier: 'counter' });
  await counter.link(() => {});
  await counter.evaluate();
  const kWrap = Object.getOwnPropertySymbols(counter)[0];
  await show('steps this is the module\'s wrap', () => stepsThis === counter[kWrap]);
  await show('steps this', () => stepsThis);
  await show('counter, raw with hidden', () => util.inspect(counter, { customInspect: false, showHidden: true }));
  await show('setExport on a Proxy of a linked SyntheticModule',
    () => SyntheticModule.prototype.setExport.call(new Proxy(counter, {}), 'x', 2));
  await show('x after it', () => counter.namespace.x);

  const errored = new SourceTextModule('throw new Error("boom")', { identifier: 'errored' });
  await errored.link(() => {});
  await errored.evaluate().catch(() => {});
  await show('errored', () => util.inspect(errored));
  await show('errored, raw', () => util.inspect(errored, { customInspect: false }));
}

main();
