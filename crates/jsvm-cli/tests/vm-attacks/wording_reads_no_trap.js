// Wording an error reads only own data properties of ordinary objects: a proxy put where the
// formatter looks (Array's constructor, a descriptor given to a proxy's defineProperty, a
// revoked proxy) runs none of its traps, and leaves no exception behind. Each line counts the
// traps that ran (0); the message is V8's where it can be read safely, else the engine's.
const vm = require('vm');
const r = (code) => { try { return vm.runInNewContext(code, {}, { timeout: 200 }); } catch (e) { return e.name + ': ' + e.message; } };
console.log(r(`let hit = 0; Array.prototype.constructor = new Proxy({}, { getOwnPropertyDescriptor() { hit++; return undefined; } }); let m; try { Array.from({[Symbol.iterator]: 1}); } catch (e) { m = e.message } hit + ' ' + m`));
console.log(r(`let hit = 0; const p = new Proxy({}, { defineProperty() { return true; } }); Object.preventExtensions(p); let m; try { Reflect.defineProperty(p, 'x', new Proxy({ value: 1 }, { getPrototypeOf() { hit++; return null; } })); m = 'no throw'; } catch (e) { m = e.message } hit + ' ' + m`));
console.log(r(`const { proxy, revoke } = Proxy.revocable({}, { defineProperty() { revoke(); return true; } }); Object.preventExtensions({}); let m; try { Object.defineProperty(proxy, 'x', { value: 1 }); m = 'ok' } catch (e) { m = e.name + ': ' + e.message } m`));
