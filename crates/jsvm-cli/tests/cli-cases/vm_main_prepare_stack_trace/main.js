// The main context's Error.prepareStackTrace also formats errors made in a vm context that has
// none of its own (Node's lib/internal/errors.js); the context's own comes first. The error
// escaping the run keeps Node's arrow (file:line, source, caret) before that stack.
const vm = require('vm');
Error.prepareStackTrace = (e, cs) => 'PST:' + e.message + ':' + cs.length;
try { vm.runInNewContext('throw new Error("inner")'); } catch (e) { console.log(e.stack); }
Error.prepareStackTrace = (e, cs) => {
  const s = cs[0];
  return [e.name, e.message, e.cause, typeof e.stack, s.getFileName(), s.getLineNumber(),
    s.getColumnNumber(), s.getFunctionName(), s.isNative(), s.isConstructor(), String(s),
    cs.length].join('|');
};
const code = 'function f() {\n  throw new TypeError("bad", { cause: "why" });\n}\nf()';
try { vm.runInNewContext(code, {}, 'ctx.js'); } catch (e) { console.log(e.stack); }
try { vm.runInNewContext('null.x', {}, 'null.js'); } catch (e) { console.log(e.stack); }
try { vm.runInNewContext('class K { constructor() { throw new RangeError("k"); } }\nnew K()', {}, 'k.js'); } catch (e) { console.log(e.stack); }
// Errors caught inside the context are formatted the same way.
console.log(vm.runInNewContext('try { undefined.y } catch (e) { e.stack }', {}, 'caught.js'));
Error.prepareStackTrace = () => 'MAIN';
console.log(vm.runInNewContext('Error.prepareStackTrace = () => "OWN"; new Error("x").stack'));
console.log(vm.runInNewContext('new Error("x").stack'));
Error.prepareStackTrace = () => 7;
console.log(vm.runInNewContext('typeof new Error("x").stack'));
Error.prepareStackTrace = undefined;
console.log(vm.runInNewContext('new Error("x").stack.split("\\n")[0]'));
