// The `vm` module: Node's API and argument validation over the jsvm library's natives
// (binding.vm), as Node's lib/vm.js sits on its contextify binding.
'use strict';

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_CONTEXT_NOT_INITIALIZED,
  },
  validateObject, validateString, validateBoolean, validateArray, validateInt32,
  validateUint32, validateOneOf, validateBuffer, isArrayBufferView,
} = require('internal/errors');

const native = binding.vm;
// A WeakMap whose methods are WeakMap.prototype's as this module loaded (Node's SafeWeakMap):
// code replacing those neither sees nor breaks the registration of contexts.
class SafeWeakMap extends WeakMap {}
for (const key of ['get', 'set', 'has']) {
  Object.defineProperty(SafeWeakMap.prototype, key,
    { value: WeakMap.prototype[key], writable: true, configurable: true });
}
// Contextified objects -> their native context handles (what the natives take).
const handles = new SafeWeakMap();
let mainHandle;
const thisContext = () => mainHandle || (mainHandle = native.mainContext());
const kParsingContext = Symbol('script parsing context');
const kNative = Symbol('kNative');

const constants = Object.freeze(Object.setPrototypeOf({
  USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'),
  DONT_CONTEXTIFY: Symbol('vm_context_no_contextify'),
}, null));

function toBuffer(u8) {
  const { Buffer } = require('buffer');
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

// import() in vm code reaches the importModuleDynamically callback of the code's own Script,
// function or module (internal/vm_modules.js): the filename a script compiles with says which.
function importFilename(filename, importModuleDynamically, holder) {
  return require('internal/vm_modules').internal
    .scriptImportFilename(filename, importModuleDynamically, holder);
}

class Script {
  constructor(code, options = {}) {
    if (typeof code !== 'string') code = `${code}`; // a string stays itself (scripts_by_string.rs)
    if (typeof options === 'string') {
      options = { filename: options };
    } else {
      validateObject(options, 'options');
    }
    const {
      filename = 'evalmachine.<anonymous>',
      lineOffset = 0,
      columnOffset = 0,
      cachedData,
      produceCachedData = false,
      importModuleDynamically,
      [kParsingContext]: parsingContext,
    } = options;
    validateString(filename, 'options.filename');
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    if (cachedData !== undefined && !isArrayBufferView(cachedData)) {
      throw ERR_INVALID_ARG_TYPE('options.cachedData', ['Buffer', 'TypedArray', 'DataView'], cachedData);
    }
    validateBoolean(produceCachedData, 'options.produceCachedData');
    if (importModuleDynamically !== undefined && typeof importModuleDynamically !== 'function' &&
        importModuleDynamically !== constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
      throw ERR_INVALID_ARG_TYPE('options.importModuleDynamically', 'function', importModuleDynamically);
    }
    const bytes = cachedData === undefined ? undefined
      : new Uint8Array(cachedData.buffer, cachedData.byteOffset, cachedData.byteLength);
    const importHolder = {};
    const compiledName = importFilename(filename, importModuleDynamically, importHolder);
    const wrap = native.compileScript(code, compiledName, lineOffset, columnOffset, bytes,
      parsingContext === undefined ? undefined : handles.get(parsingContext));
    Object.defineProperty(this, kNative, { value: wrap });
    importHolder.track(this);
    if (cachedData !== undefined) this.cachedDataRejected = native.cachedDataRejected(wrap);
    if (produceCachedData) {
      try {
        this.cachedData = toBuffer(native.createCachedData(wrap));
        this.cachedDataProduced = true;
      } catch {
        this.cachedDataProduced = false;
      }
    }
    this.sourceMapURL = native.sourceMapURL(wrap);
  }

  runInThisContext(options) {
    if (options === undefined) return native.runScript(this[kNative], thisContext(), -1, true, false);
    const { breakOnSigint, args } = getRunInContextArgs(options);
    if (!breakOnSigint) return native.runScript(this[kNative], thisContext(), ...args);
    return runWithSigint(() => native.runScript(this[kNative], thisContext(), ...args));
  }

  runInContext(contextifiedObject, options) {
    const handle = typeof contextifiedObject === 'object' || typeof contextifiedObject === 'function'
      ? handles.get(contextifiedObject) : undefined;
    if (handle === undefined) validateContext(contextifiedObject);
    if (options === undefined) return native.runScript(this[kNative], handle, -1, true, false);
    const { breakOnSigint, args } = getRunInContextArgs(options);
    if (!breakOnSigint) return native.runScript(this[kNative], handle, ...args);
    return runWithSigint(() => native.runScript(this[kNative], handle, ...args));
  }

  runInNewContext(contextObject, options) {
    const context = createContext(contextObject, getContextOptions(options));
    return this.runInContext(context, options);
  }

  createCachedData() {
    return toBuffer(native.createCachedData(this[kNative]));
  }
}

function validateContext(contextifiedObject) {
  if (!isContext(contextifiedObject)) {
    throw ERR_INVALID_ARG_TYPE('contextifiedObject', 'vm.Context', contextifiedObject);
  }
}

function getRunInContextArgs(options = {}) {
  validateObject(options, 'options');
  let timeout = options.timeout;
  if (timeout === undefined) {
    timeout = -1;
  } else {
    validateUint32(timeout, 'options.timeout', true);
  }
  const { displayErrors = true, breakOnSigint = false } = options;
  validateBoolean(displayErrors, 'options.displayErrors');
  validateBoolean(breakOnSigint, 'options.breakOnSigint');
  return { breakOnSigint, args: [timeout, displayErrors, breakOnSigint] };
}

// While a breakOnSigint run is under way, SIGINT interrupts it instead of reaching the
// process's own listeners, which are put back afterwards (as Node does).
function runWithSigint(run) {
  const proc = require('process');
  if (!proc || typeof proc.rawListeners !== 'function' ||
      proc.listenerCount('SIGINT') === 0) {
    return run();
  }
  const listeners = proc.rawListeners('SIGINT');
  proc.removeAllListeners('SIGINT');
  try {
    return run();
  } finally {
    for (const l of listeners) proc.addListener('SIGINT', l);
  }
}

function getContextOptions(options) {
  if (!options) return {};
  const contextOptions = {
    name: options.contextName,
    origin: options.contextOrigin,
    codeGeneration: undefined,
    microtaskMode: options.microtaskMode,
  };
  if (contextOptions.name !== undefined) validateString(contextOptions.name, 'options.contextName');
  if (contextOptions.origin !== undefined) validateString(contextOptions.origin, 'options.contextOrigin');
  if (options.contextCodeGeneration !== undefined) {
    validateObject(options.contextCodeGeneration, 'options.contextCodeGeneration');
    const { strings, wasm } = options.contextCodeGeneration;
    if (strings !== undefined) validateBoolean(strings, 'options.contextCodeGeneration.strings');
    if (wasm !== undefined) validateBoolean(wasm, 'options.contextCodeGeneration.wasm');
    contextOptions.codeGeneration = { strings, wasm };
  }
  if (options.microtaskMode !== undefined) validateString(options.microtaskMode, 'options.microtaskMode');
  return contextOptions;
}

function isContext(object) {
  if (typeof object !== 'object' || object === null) {
    throw ERR_INVALID_ARG_TYPE('object', 'Object', object);
  }
  return handles.has(object);
}

let defaultContextNameIndex = 1;

// A new context with default options for `object` (an object not yet contextified): its handle.
function contextifyPlain(object) {
  const handle = native.makeContext(object, `VM Context ${defaultContextNameIndex++}`,
    undefined, true, true, false);
  handles.set(object, handle);
  return handle;
}

function createContext(contextObject = {}, options) {
  if (options === undefined && typeof contextObject === 'object' && contextObject !== null) {
    // The common form, `createContext(object)`: nothing to validate or read from options.
    if (!handles.has(contextObject)) contextifyPlain(contextObject);
    return contextObject;
  }
  if (options === undefined) options = {};
  if (contextObject !== constants.DONT_CONTEXTIFY && isContext(contextObject)) {
    return contextObject;
  }
  validateObject(options, 'options');
  const {
    name = `VM Context ${defaultContextNameIndex++}`,
    origin,
    codeGeneration,
    microtaskMode,
    importModuleDynamically,
  } = options;
  validateString(name, 'options.name');
  if (origin !== undefined) validateString(origin, 'options.origin');
  if (codeGeneration !== undefined) validateObject(codeGeneration, 'options.codeGeneration');
  let strings = true;
  let wasm = true;
  if (codeGeneration !== undefined) {
    ({ strings = true, wasm = true } = codeGeneration);
    validateBoolean(strings, 'options.codeGeneration.strings');
    validateBoolean(wasm, 'options.codeGeneration.wasm');
  }
  if (microtaskMode !== undefined) {
    validateOneOf(microtaskMode, 'options.microtaskMode', ['afterEvaluate', undefined]);
  }
  if (importModuleDynamically !== undefined && typeof importModuleDynamically !== 'function' &&
      importModuleDynamically !== constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
    throw ERR_INVALID_ARG_TYPE('options.importModuleDynamically', 'function',
      importModuleDynamically);
  }
  const sandbox = contextObject === constants.DONT_CONTEXTIFY ? undefined : contextObject;
  if (sandbox !== undefined) validateObject(sandbox, 'contextObject', { allowArray: true, allowFunction: true });
  const made = native.makeContext(sandbox, name, origin, strings, wasm,
    microtaskMode === 'afterEvaluate');
  const result = sandbox === undefined ? made[0] : sandbox;
  const handle = sandbox === undefined ? made[1] : made;
  handles.set(result, handle);
  if (importModuleDynamically !== undefined) {
    require('internal/vm_modules').internal.setContextImport(result, importModuleDynamically);
  }
  return result;
}

function createScript(code, options) {
  return new Script(code, options);
}

// The common forms, `runInContext(code, ctx)` and `runInThisContext(code)` with no options or a
// filename string: compile (through the compile cache) and run in one native call. Methods
// named as the Script methods Node's functions run the code through, so that stacks show
// Node's frames (named `Script.runInContext`, see the end of this file).
// A compile error makes them return `kCompileFailed`: the caller compiles again through
// `compileAgain`, which throws the error with Node's frames (new Script, createScript).
const kCompileFailed = Symbol('compile failed');
const scriptRuns = {
  runInContext(code, handle, filename) {
    return native.runSource(`${code}`, handle, filename, -1, 1, kCompileFailed);
  },
  runInThisContext(code, filename) {
    return native.runSource(`${code}`, thisContext(), filename, -1, 1, kCompileFailed);
  },
  runInNewContext(code, handle, filename) {
    return scriptRuns.runInContext(code, handle, filename);
  },
};
// Node's vm functions call `createScript` as a plain function (its frame has no type).
const compileAgain = function createScript(code, options) {
  return new Script(code, options);
};

function runInContext(code, contextifiedObject, options) {
  if (options === undefined || typeof options === 'string') {
    const handle = typeof contextifiedObject === 'object' && contextifiedObject !== null
      ? handles.get(contextifiedObject) : undefined;
    if (handle !== undefined) {
      const filename = options === undefined ? 'evalmachine.<anonymous>' : options;
      const result = scriptRuns.runInContext(code, handle, filename);
      if (result !== kCompileFailed) return result;
      return compileAgain(code, { filename, [kParsingContext]: contextifiedObject })
        .runInContext(contextifiedObject);
    }
  }
  validateContext(contextifiedObject);
  if (typeof options === 'string') {
    options = { filename: options, [kParsingContext]: contextifiedObject };
  } else {
    options = { ...options, [kParsingContext]: contextifiedObject };
  }
  return createScript(code, options).runInContext(contextifiedObject, options);
}

function runInNewContext(code, contextObject, options) {
  if (options === undefined || typeof options === 'string') {
    // The common forms, as runInContext's: no Script object, compiled through the compile
    // cache and run in one native call (the script's filename then registers no import
    // handler, as none was given).
    if (contextObject === undefined) contextObject = {};
    let context = contextObject;
    let handle;
    if (typeof contextObject === 'object' && contextObject !== null && !handles.has(contextObject)) {
      handle = contextifyPlain(contextObject);
    } else {
      context = createContext(contextObject);
      handle = handles.get(context);
    }
    const filename = options === undefined ? 'evalmachine.<anonymous>' : options;
    const result = scriptRuns.runInNewContext(code, handle, filename);
    if (result !== kCompileFailed) return result;
    return compileAgain(code, { filename, [kParsingContext]: context }).runInContext(context);
  }
  contextObject = createContext(contextObject, getContextOptions(options));
  options = { ...options, [kParsingContext]: contextObject };
  return createScript(code, options).runInNewContext(contextObject, options);
}

function runInThisContext(code, options) {
  if (options === undefined || typeof options === 'string') {
    const filename = options === undefined ? 'evalmachine.<anonymous>' : options;
    const result = scriptRuns.runInThisContext(code, filename);
    if (result !== kCompileFailed) return result;
    return compileAgain(code, { filename }).runInThisContext();
  }
  return createScript(code, options).runInThisContext(options);
}

function compileFunction(code, params, options = {}) {
  validateString(code, 'code');
  validateObject(options, 'options');
  if (params !== undefined) {
    validateArray(params, 'params');
    params.forEach((param, i) => validateString(param, `params[${i}]`));
  }
  const {
    filename = '',
    columnOffset = 0,
    lineOffset = 0,
    cachedData = undefined,
    produceCachedData = false,
    parsingContext = undefined,
    contextExtensions = [],
    importModuleDynamically,
  } = options;
  validateString(filename, 'options.filename');
  validateInt32(columnOffset, 'options.columnOffset');
  validateInt32(lineOffset, 'options.lineOffset');
  if (cachedData !== undefined) validateBuffer(cachedData, 'options.cachedData');
  validateBoolean(produceCachedData, 'options.produceCachedData');
  if (parsingContext !== undefined) {
    if (typeof parsingContext !== 'object' || parsingContext === null || !isContext(parsingContext)) {
      throw ERR_INVALID_ARG_TYPE('options.parsingContext', 'Context', parsingContext);
    }
  }
  validateArray(contextExtensions, 'options.contextExtensions');
  contextExtensions.forEach((extension, i) => {
    validateObject(extension, `options.contextExtensions[${i}]`, { nullable: true });
  });
  if (importModuleDynamically !== undefined && typeof importModuleDynamically !== 'function' &&
      importModuleDynamically !== constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
    throw ERR_INVALID_ARG_TYPE('options.importModuleDynamically', 'function',
      importModuleDynamically);
  }
  const importHolder = {};
  const compiledName = importFilename(filename, importModuleDynamically, importHolder);
  const result = native.compileFunction(code, params || [], {
    filename: compiledName, columnOffset, lineOffset, produceCachedData, contextExtensions,
    parsingContext: parsingContext === undefined ? undefined : handles.get(parsingContext),
    cachedData: cachedData === undefined ? undefined
      : new Uint8Array(cachedData.buffer, cachedData.byteOffset, cachedData.byteLength),
  });
  const fn = result.function;
  importHolder.track(fn);
  if (cachedData !== undefined) fn.cachedDataRejected = result.cachedDataRejected;
  if (produceCachedData) fn.cachedDataProduced = result.cachedData !== undefined;
  if (result.cachedData) fn.cachedData = toBuffer(result.cachedData);
  return fn;
}

// The engine has one heap for all contexts; a context's share is estimated as the heap
// divided evenly among the live contexts (the main one included). The range brackets it by
// the whole heap.
// Node warns once per process that the API is experimental.
let measureMemoryWarned = false;

function measureMemory(options = {}) {
  if (!measureMemoryWarned && typeof require('process').emitWarning === 'function') {
    measureMemoryWarned = true;
    require('process').emitWarning(
      'vm.measureMemory is an experimental feature and might change at any time', 'ExperimentalWarning');
  }
  validateObject(options, 'options');
  const { mode = 'summary', execution = 'default' } = options;
  validateOneOf(mode, 'options.mode', ['summary', 'detailed']);
  validateOneOf(execution, 'options.execution', ['default', 'eager']);
  const [total, used, contexts] = native.memoryUsage();
  const result = {
    total: { jsMemoryEstimate: used, jsMemoryRange: [used, total] },
  };
  if (mode === 'detailed') {
    const share = Math.round(used / (contexts + 1));
    const entry = () => ({ jsMemoryEstimate: share, jsMemoryRange: [0, used] });
    result.current = entry();
    result.other = Array.from({ length: contexts }, entry);
  }
  return Promise.resolve(result);
}

// runInDebugContext was removed in Node 10 (the V8 debug context is gone). Keeping the name
// lets old programs fail with an error that says what to use instead.
function runInDebugContext() {
  const err = new TypeError(
    'vm.runInDebugContext was removed in Node.js 10: there is no debug context. ' +
    "Use the inspector module (require('inspector')) instead.");
  err.code = 'ERR_VM_DEBUG_CONTEXT_REMOVED';
  // Point at the caller's line, not at this module.
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(err, runInDebugContext);
  throw err;
}

module.exports = {
  Script,
  createContext,
  createScript,
  runInContext,
  runInNewContext,
  runInThisContext,
  isContext,
  compileFunction,
  measureMemory,
  constants,
};
// V8 names a method's frame by its receiver's type: `Script.runInContext` for a script's,
// `Object.runInContext` for the module's functions called on it (`vm.runInContext(...)`).
native.nameFramesBy(Script.prototype, 'Script');
native.nameFramesBy(scriptRuns, 'Script');
native.nameFramesBy(module.exports, 'Object');

// Not listed (Node 20 has no such key): only there to say what replaced it.
Object.defineProperty(module.exports, 'runInDebugContext', {
  value: runInDebugContext, writable: true, configurable: true, enumerable: false,
});

// ES modules (SourceTextModule, SyntheticModule) live in vm_modules.js when present. Node
// has them only under --experimental-vm-modules; jsvm always, listed only under the flag.
try {
  const modules = require('internal/vm_modules');
  const listed = globalThis.process !== undefined && Array.isArray(globalThis.process.execArgv) &&
    globalThis.process.execArgv.includes('--experimental-vm-modules');
  for (const name of Object.keys(modules)) {
    Object.defineProperty(module.exports, name, {
      value: modules[name], writable: true, configurable: true, enumerable: listed,
    });
  }
} catch (e) {
  if (!(e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_UNKNOWN_BUILTIN_MODULE'))) throw e;
}
