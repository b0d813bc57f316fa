// @locker/near-membrane-node: a virtual environment over a new vm context whose global is
// remapped to the host's (endowments, values passing both ways through its membrane, the
// sandbox's changes kept to itself, errors and promises crossing).
const createVirtualEnvironment = require('@locker/near-membrane-node');
const shared = { a: 1 };
const env = createVirtualEnvironment(globalThis, {
  endowments: Object.getOwnPropertyDescriptors({ expose: (...x) => console.log('[exposed]', ...x), shared }),
});
env.evaluate('expose(typeof globalThis.process, typeof require)');
env.evaluate('expose(shared.a); shared.b = 2; globalThis.fromSandbox = 42;');
console.log('outside', globalThis.fromSandbox, JSON.stringify(shared));
env.evaluate('Array.prototype.evil = 1; expose([].evil)');
console.log('host prototype', [].evil);
try { env.evaluate('throw new TypeError("inner")'); } catch (e) { console.log('caught', e instanceof TypeError, e.message); }
try { env.evaluate('syntax error('); } catch (e) { console.log('syntax', e.name); }
env.evaluate('expose(Object.getPrototypeOf(shared) === Object.prototype)');
env.evaluate('expose(typeof shared.constructor.constructor("return this")().process)');
env.evaluate('expose(new Date(0).getTime(), typeof Intl.NumberFormat)');
const r = env.evaluate('({ v: [1, 2, 3], f(x) { return x * 2 } })');
console.log(r.v.length, r.f(21), Array.isArray(r.v), r.v instanceof Array);
env.evaluate('Promise.resolve(5).then(v => expose("async", v))');
