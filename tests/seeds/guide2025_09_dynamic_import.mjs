// Seed: 2025 guide, section 8 "Dynamic import() Support": "Supported via
// importModuleDynamically callback or USE_MAIN_CONTEXT_DEFAULT_LOADER."
// ADDED (the guide gives no code for this section): the smallest program that
// uses both ways, with vm.Script:
//  1. importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER --
//     import() inside the script loads a builtin through Node's own loader;
//  2. an importModuleDynamically callback that answers import() with a
//     vm.SourceTextModule, and logs the specifier and import attributes.
// (A callback needs --experimental-vm-modules in Node, hence .mjs.)
import vm from 'node:vm';

const viaLoader = new vm.Script('import("node:path")', {
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const path = await viaLoader.runInThisContext();
console.log(path.join('a', 'b'));

const viaCallback = new vm.Script('import("answer")', {
  async importModuleDynamically(specifier, script, attributes) {
    console.log('import:', specifier, script === viaCallback, attributes);
    const m = new vm.SourceTextModule('export default 42; export const name = "answer";');
    await m.link(() => {});
    await m.evaluate();
    return m;
  },
});
const ns = await viaCallback.runInThisContext();
console.log(ns.default, ns.name);
