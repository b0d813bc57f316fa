// Errors escaping vm code: Node's displayErrors arrow (file:line, source line, caret) and the
// first lines of the stack, for errors thrown in the script and in host code it calls.
'use strict';
const vm = require('vm');
const here = (s) => s.split(__dirname).join('<DIR>');
function head(e, n = 6) {
  console.log(here(String(e.stack).split('\n').slice(0, n).join('\n')));
  console.log('--');
}
const sandbox = { results: [], add(x) { return this.results.push(x); } };
vm.createContext(sandbox);
try { vm.runInContext('add(1)', sandbox); } catch (e) { head(e); }
try { vm.runInContext('let a = 1;\n  throw new Error("in script")', sandbox, 'file.vm'); } catch (e) { head(e, 5); }
try { vm.runInContext('null.prop', sandbox, { filename: 'p.vm' }); } catch (e) { head(e, 5); }
try { vm.runInNewContext('undefinedFn()', {}, 'u.vm'); } catch (e) { head(e, 5); }
try { vm.runInNewContext('obj.method()', { obj: {} }, 'm.vm'); } catch (e) { head(e, 5); }
try { vm.runInNewContext('new Error("x")', {}, 'n.vm'); } catch (e) { head(e, 5); }
const made = vm.runInNewContext('new Error("made")', {}, 'made.vm');
head(made, 2);
try { vm.runInNewContext('throw new TypeError("t")', {}, { filename: 'nd.vm', displayErrors: false }); } catch (e) { head(e, 2); }
try { new vm.Script('var = 1', { filename: 'syntax.vm' }); } catch (e) { head(e, 5); }
try { vm.runInNewContext('function f() {\n  return 1 +;\n}', {}, 'syntax2.vm'); } catch (e) { head(e, 5); }
