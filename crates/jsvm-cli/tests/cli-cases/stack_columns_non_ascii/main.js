// Stack columns count UTF-16 units, as V8's (QuickJS counts bytes of UTF-8): lines with
// accented letters, CJK and an astral character before the failing expression.
const vm = require('vm');
const frame = (f) => { try { f(); } catch (e) { return e.stack.split('\n')[1].trim().replace(__dirname, '<DIR>'); } };
console.log(frame(() => { const v = 'éé'; x; }));
console.log(frame(() => { const v = '日本語'; v.missing(); }));
console.log(frame(() => { const v = '😀'; null.foo; }));
console.log(vm.runInNewContext("const s = 'ünïcödé'; try { y } catch (e) { e.stack.split('\\n')[1] }", {}, 'u.vm'));
function thrower() { throw new Error('é') }
console.log(frame(() => { const s = 'ñ'; thrower(); }).replace(__dirname, '<DIR>'));
console.log(new Error('x').stack.split('\n')[1].replace(__dirname, '<DIR>'), 'ø');
