// Without --experimental-vm-modules, Node 20 never calls a user's importModuleDynamically
// callback: import() rejects with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG. The host
// loader (USE_MAIN_CONTEXT_DEFAULT_LOADER) needs no flag.
const vm = require('vm');

async function main() {
  const called = [];
  const script = new vm.Script('import("fs")', {
    importModuleDynamically() { called.push('script'); },
  });
  try {
    await script.runInThisContext();
  } catch (e) {
    console.log('Script:', e.name, e.code, e.message);
  }
  const fn = vm.compileFunction('return import("fs")', [], {
    importModuleDynamically() { called.push('function'); },
  });
  try {
    await fn();
  } catch (e) {
    console.log('compileFunction:', e.name, e.code);
  }
  const loader = new vm.Script('import("fs")', {
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const fs = await loader.runInThisContext();
  console.log('main loader:', typeof fs.readFileSync);
  console.log('callbacks called:', called.length);
}
main();
