// SES (Agoric/Endo): lockdown() with the options given as JSON in argv[2], then harden,
// the override mistake, SES's assert and its redacted details, Compartments with their own
// globals and evaluators, the escapes they block, and the tamed Date and Math. SES checks the
// realm's intrinsics (Node 20's: no iterator helpers) and each error's `stack` (V8 11.3's own
// data property) before it locks anything down.
require('ses');
const opts = JSON.parse(process.argv[2] || '{}');
lockdown(opts);
console.log('options', JSON.stringify(opts), Object.isFrozen(Object.prototype), Object.isFrozen(Array.prototype));
const t = (name, f) => {
  try {
    console.log(name, f());
  } catch (e) {
    console.log(name, 'threw', e.name, e.message);
  }
};
const counter = harden({ n: 0, inc() { return ++this.n; } });
t('harden inc', () => counter.inc());
const nested = harden([1, [2, 3], { deep: { er: [] } }]);
t('harden deep', () => [Object.isFrozen(nested[1]), Object.isFrozen(nested[2].deep.er)].join());
function Point(x) { this.x = x; }
t('override proto', () => { Point.prototype.toString = function () { return 'P' + this.x; }; return String(new Point(3)); });
t('override instance', () => { const o = {}; o.toString = () => 'mine'; return String(o); });
t('override name', () => { const e = new Error('x'); e.name = 'Mine'; return e.name; });
const err = new Error('boom');
t('error stack', () => [typeof err.stack, 'stack' in err].join());
const { details: X, quote: q, Fail } = assert;
t('assert details', () => assert(false, X`bad value ${q(42)} and ${'secret'}`));
t('Fail', () => Fail`nope ${q('a')}`);
t('assert.equal', () => assert.equal(1, 2));
t('assert.typeof', () => assert.typeof(1, 'string'));
const c = new Compartment({ globals: { log: (...a) => console.log('[c]', ...a), x: 10 }, __options__: true });
t('evaluate', () => c.evaluate('x * 2'));
t('compartment global', () => { c.evaluate('globalThis.y = 5'); return [c.globalThis.y, typeof globalThis.y].join(); });
t('no host powers', () => c.evaluate('typeof process + typeof require + typeof Compartment + typeof harden + typeof lockdown'));
t('shared intrinsics', () => [c.globalThis.Array === Array, c.globalThis.eval === eval, c.globalThis.Function === Function].join());
t('function this', () => c.evaluate('typeof Function("return this")()'));
t('sloppy this', () => c.evaluate('(function(){ return this })()'));
t('new Function scope', () => c.evaluate('new Function("return typeof globalThis.x")()'));
t('import', () => c.evaluate('import("fs")'));
t('html comment', () => c.evaluate('const s = "<!-- x"; s'));
t('escape constructor', () => c.evaluate('({}).constructor.constructor("return typeof process")()'));
t('escape async', () => c.evaluate('Object.getPrototypeOf(async function(){}).constructor("return 1")'));
t('thrown', () => { try { c.evaluate('throw new TypeError("inside")'); } catch (e) { return [e instanceof TypeError, e.message].join(); } });
t('syntax', () => c.evaluate('syntax error here'));
t('intrinsic write', () => c.evaluate('Object.prototype.polluted = 1'));
t('intrinsic write strict', () => c.evaluate('"use strict"; Array.prototype.push = null'));
t('Math.random', () => c.evaluate('Math.random()'));
t('Date.now', () => c.evaluate('Date.now()'));
t('new Date', () => c.evaluate('String(new Date())'));
const c2 = new Compartment({ __options__: true, globals: { Math } });
t('endowed Math', () => c2.evaluate('typeof Math.random'));
t('global keys', () => Object.keys(c.globalThis).sort().join());
t('frozen globals', () => [Object.isFrozen(c.globalThis), Object.isFrozen(c.globalThis.Array)].join());
t('host globals', () => [typeof globalThis.assert, typeof globalThis.HandledPromise].join());
t('array work', () => c.evaluate('[1,2,3].map(x => x * 2).join()'));
t('frozen protos', () => [Object.isFrozen(Error.prototype), Object.isFrozen(Promise.prototype)].join());
c.evaluate('Promise.resolve(7)').then((v) => console.log('promise', v));
