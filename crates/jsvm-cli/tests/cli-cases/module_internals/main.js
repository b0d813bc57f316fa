// Parts of the module system that loaders and tools read: the extension table (a native addon
// fails with ERR_DLOPEN_FAILED, which packages with a JavaScript fallback catch), globalPaths,
// runMain.
const Module = require('module');
const fs = require('fs');
const path = require('path');
console.log(Object.keys(Module._extensions).join(), typeof Module._extensions['.cjs'], typeof Module.runMain);
console.log(Module.globalPaths.map((p) => p.replace(process.env.HOME, '~')).slice(0, 2));
fs.writeFileSync(path.join(__dirname, 'addon.node'), 'not an addon');
try { require('./addon.node') } catch (e) { console.log(e.code) }
let viaFallback;
try { viaFallback = require('./addon.node') } catch { viaFallback = 'javascript fallback' }
console.log(viaFallback);
fs.unlinkSync(path.join(__dirname, 'addon.node'));
fs.writeFileSync(path.join(__dirname, 'other.cjs'), 'module.exports = "cjs loaded"');
console.log(require('./other.cjs'));
fs.unlinkSync(path.join(__dirname, 'other.cjs'));
