// A caller's frame at a call whose arguments run over many lines (tsc's `(0, m.f)({` with a
// property a line, and a call among them) is at the callee, as V8 puts it; a method called by
// a literal key (Babel's `(0, _x["default"])(...)`) is at the arguments' `(`.
const frame = (e) => e.stack.split('\n')[2].trim().replace(__dirname, '');
const configuration_1 = { findAndReadConfig() { return new Error('x'); } };
const _x = { default() { return new Error('d'); }, f() { return new Error('f'); } };
function dir(a) { return a; }
function phase3(p) {
  const { emit, files, pretty, typeCheck, transpiler, swc, compilerHost, ignore } = p;
  const { logError, project, skipProject, skipIgnore, compiler, scope, esm } = p;
  const preloadedConfig = (0, configuration_1.findAndReadConfig)({
    emit,
    files,
    pretty,
    typeCheck,
    transpiler,
    swc,
    compilerHost,
    ignore,
    logError,
    projectSearchDir: dir(emit),
    project,
    skipProject,
    skipIgnore,
    compiler,
    scope,
    esm,
    experimentalSpecifierResolution: esm,
  });
  return preloadedConfig;
}
console.log(frame(phase3({})));
console.log(frame((0, _x["default"])(1)));
console.log(frame(_x['default'](1)));
console.log(frame(_x['f'](1, 2)));
console.log(frame((0, _x.f)(1)));
const y = (0, _x["default"])({
  a: 1,
});
console.log(frame(y));
