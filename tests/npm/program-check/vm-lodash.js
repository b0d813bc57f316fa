const vm = require('vm');
const _ = require('lodash');
// lodash.runInContext with a vm context's globals
const ctx = vm.createContext({});
const lo = _.runInContext(vm.runInContext('this', ctx));
console.log(lo.map([1, 2], (x) => x * 3), typeof lo.debounce, lo.isArray(vm.runInContext('[1]', ctx)));
console.log(_.isPlainObject(vm.runInContext('({a:1})', ctx)), _.isEqual(vm.runInContext('({a:[1]})', ctx), { a: [1] }), _.cloneDeep(vm.runInContext('new Map([[1,{b:2}]])', ctx)));
const t = _.template('<%= user %> has <% _.forEach(items, function(i) { %><b><%- i %></b><% }); %>', { imports: { _ } });
console.log(t({ user: 'ann', items: ['<x>', 'y'] }));
try { _.template('<%= a.b.c %>')({ a: {} }); } catch (e) { console.log(e.constructor.name, e.message); }
try { _.template('<% if ( %>')(); } catch (e) { console.log(e.name, typeof e.source); }
// vm-browserify's API on node's vm
const vb = require('vm-browserify');
console.log(typeof vb.runInNewContext);
// Script with filename in errors
const s = new vm.Script('function f() { throw new Error("in script") }\nf()', { filename: 'my.vm.js' });
try { s.runInNewContext({}); } catch (e) { console.log(e.stack.split('\n').slice(0, 3).join('|')); }
// cachedData and produceCachedData
const s2 = new vm.Script('1+1', { produceCachedData: true });
console.log(typeof s2.cachedDataProduced, Buffer.isBuffer(s2.createCachedData()));
// timeout and microtaskMode
try { vm.runInNewContext('while(true){}', {}, { timeout: 20 }); } catch (e) { console.log(e.code, e.message); }
const c2 = vm.createContext({ out: [] }, { microtaskMode: 'afterEvaluate' });
vm.runInContext('Promise.resolve().then(() => out.push("micro")); out.push("sync")', c2);
console.log(c2.out);
console.log(vm.runInNewContext('typeof require + typeof process + typeof globalThis.console'));
const f = vm.compileFunction('return a + b + this.c', ['a', 'b'], { parsingContext: vm.createContext({}) });
console.log(f.call({ c: 3 }, 1, 2));
