// JSON.parse's refusals and builtins' source text as V8 words them: each in the main context
// and in a new one.
const inputs = ['', ' ', 'undefined', 'NaN', 'Infinity', '[object Object]', '{bad', '{"a":1', '{"a" 1}', '[1 2]', '{"a":1 "b":2}', '"abc', '"a\\x"', '"a\u0001"', '"\\u12"', '-', '1e', '1.', '01', '{"a":1}x', "'a'", '[1,]', '{,}', 'tru', 'nul', '<html><body>hello world</body></html>', '{"a": <html>}', 'x'.repeat(30) , '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, oops, 16, 17, 18, 19, 20, 21, 22]', '{"a":"b"}}', '[', '{', '{"a":', '[1,', '  {"x": tru }', '"\\', '123abc', '{"a":1,}', '[-]', '+1', '.5', '0x10', '"\t"'];
for (const s of inputs) { try { JSON.parse(s); console.log(JSON.stringify(s), 'ok'); } catch (e) { console.log(JSON.stringify(s), '=>', e.message); } }
const vm = require('vm');
console.log(vm.runInNewContext('try { JSON.parse("{bad") } catch (e) { e.message + "|" + e.stack.split("\\n")[0] + "|" + (e instanceof SyntaxError) }'));
try { JSON.parse('[1]', () => { throw new Error('reviver'); }); } catch (e) { console.log(e.message); }
try { JSON.parse({ toString() { return '{x'; } }); } catch (e) { console.log(e.message); }
console.log(JSON.parse.name, JSON.parse.length, String(JSON.parse));
function f(a) { return a }
const out = [String(Map), String(f.bind(null)), String(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get), String(new Proxy(f, {})), String(Symbol), String(async function () {}.constructor), String(Function.prototype), String(class A { m() {} }.prototype.m), String(parseInt)];
for (const o of out) console.log(JSON.stringify(o));
console.log(vm.runInNewContext('String(Math.max) + String(Function.prototype.toString)'));
