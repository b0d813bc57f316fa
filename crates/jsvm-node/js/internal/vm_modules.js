// vm.Module, vm.SourceTextModule, vm.SyntheticModule and the importModuleDynamically
// plumbing of Script, compileFunction and createContext: Node's API, validation, status
// rules and error codes over the jsvm library's modules (binding.vm.modules).
// Available without a flag; `--experimental-vm-modules` changes nothing.
'use strict';

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_SCRIPT_EXECUTION_TIMEOUT,
    ERR_VM_MODULE_STATUS,
    ERR_VM_MODULE_ALREADY_LINKED,
    ERR_VM_MODULE_DIFFERENT_CONTEXT,
    ERR_VM_MODULE_LINK_FAILURE,
    ERR_VM_MODULE_NOT_MODULE,
    ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA,
    ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING,
    ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG,
  },
  validateString, validateInt32, validateUint32, isArrayBufferView,
} = require('internal/errors');

const native = binding.vm.modules;
// Node's own symbol names: they show in util.inspect(module, { customInspect: false }).
const kWrap = Symbol('kWrap');
const kContext = Symbol('kContext');
const kDependencySpecifiers = Symbol('kDependencySpecifiers');
const kLink = Symbol('kLink');
const kPerContextModuleId = Symbol('kPerContextModuleId');
const kNoError = Symbol('kNoError');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

let globalModuleId = 0;

function util() {
  return require('util');
}

function codedError(Ctor, code, message) {
  return util()._errors.codedError(Ctor, code, message);
}

function vmConstants() {
  return require('vm').constants;
}

function isContext(object) {
  return require('vm').isContext(object);
}

// What Node takes for a module: an object with its own Symbol(kWrap).
function isModule(value) {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, kWrap);
}

function isNamespace(value) {
  return util().types.isModuleNamespaceObject(value);
}

// Errors the library throws carry `code`; give them Node's shape.
function rethrow(e) {
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    switch (e.code) {
      case 'ERR_SCRIPT_EXECUTION_TIMEOUT': {
        const ms = /after (\d+)ms/.exec(e.message);
        throw ERR_SCRIPT_EXECUTION_TIMEOUT(ms ? ms[1] : 0);
      }
      case 'ERR_SCRIPT_EXECUTION_INTERRUPTED':
      case 'ERR_VM_MODULE_CACHED_DATA_REJECTED':
      case 'ERR_VM_MODULE_STATUS':
      case 'ERR_VM_MODULE_LINK_FAILURE':
        throw codedError(Error, e.code, e.message);
      default:
    }
  }
  throw e;
}

// Node 20 calls a user's import callback only under --experimental-vm-modules (the host
// loader, USE_MAIN_CONTEXT_DEFAULT_LOADER, needs no flag).
const vmModulesFlag = Array.isArray(require('process').execArgv) &&
  require('process').execArgv.includes('--experimental-vm-modules');

let vmModulesWarned = false;

// The wrapper Node puts around an importModuleDynamically callback: the answer is a module
// namespace, or a module whose namespace is taken.
// The errors it makes itself are the importing context's (`importerError`, from the library):
// Node's are the host's, and `e.constructor.constructor` of one is the host's `Function`.
function wrapImportCallback(callback, getReferrer) {
  return async (specifier, attributes, importerError) => {
    const own = (made) => (importerError ? importerError(made.name, made.message, made.code) : made);
    if (!vmModulesFlag) throw own(ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG());
    const m = await callback(specifier, getReferrer(), attributes);
    if (isNamespace(m)) return m;
    if (!isModule(m)) throw own(ERR_VM_MODULE_NOT_MODULE());
    if (m.status === 'errored') throw m.error;
    const status = native.status(handleOf(m));
    if (status === 'unlinked' || status === 'linking') {
      throw own(ERR_VM_MODULE_STATUS('must not be unlinked or linking'));
    }
    return m.namespace;
  };
}

// What the library gets for an importModuleDynamically option: a function, `true` for the
// host loader (USE_MAIN_CONTEXT_DEFAULT_LOADER), undefined for none.
let mainLoaderWarned = false;
function importHandler(option, getReferrer) {
  if (option === undefined) return undefined;
  if (option === vmConstants().USE_MAIN_CONTEXT_DEFAULT_LOADER) {
    if (!mainLoaderWarned && typeof require('process').emitWarning === 'function') {
      mainLoaderWarned = true;
      require('process').emitWarning(
        'vm.USE_MAIN_CONTEXT_DEFAULT_LOADER is an experimental feature and might change at any time',
        'ExperimentalWarning');
    }
    return true;
  }
  return wrapImportCallback(option, getReferrer);
}

// Registrations of scripts with a callback end with the script object.
const scriptRegistry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((name) => native.unregisterScript(name))
  : undefined;

function weakRef(target) {
  if (typeof WeakRef === 'function') {
    const ref = new WeakRef(target);
    return () => ref.deref();
  }
  return () => target;
}

// vm.Script / compileFunction: the filename their code compiles with, so that import() in
// it reaches its own callback. `holder.target` is the referrer (set by the caller once known).
function scriptImportFilename(filename, option, holder) {
  const handler = importHandler(option, () => holder.get && holder.get());
  const name = native.registerScript(filename, handler);
  if (name !== filename) {
    holder.track = (target) => {
      holder.get = weakRef(target);
      if (scriptRegistry) scriptRegistry.register(target, name);
    };
  } else {
    holder.track = () => {};
  }
  return name;
}

// vm.createContext({ importModuleDynamically }).
function setContextImport(contextObject, option) {
  const handler = importHandler(option, weakRef(contextObject));
  if (handler !== undefined) native.setContextImport(contextObject, handler);
}

function validateTimeout(options) {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  let timeout = options.timeout;
  if (timeout === undefined) {
    timeout = -1;
  } else {
    validateUint32(timeout, 'options.timeout', true);
  }
  const { breakOnSigint = false } = options;
  if (typeof breakOnSigint !== 'boolean') {
    throw ERR_INVALID_ARG_TYPE('options.breakOnSigint', 'boolean', breakOnSigint);
  }
  return { timeout, breakOnSigint };
}

// A module's native record, in the shape of Node's internal ModuleWrap: the module keeps it
// under Symbol(kWrap) (an enumerable own property, as Node's instances have, which is what
// `util.inspect(m, { customInspect: false })` and the depth limit show), with the identifier
// as `url` and, for a source text module, `sourceMapURL` before it. A synthetic module's
// evaluation steps run with it as `this`, setExport included.
class ModuleWrap {
  #handle;
  #synthetic;

  constructor(handle, url, synthetic) {
    this.#handle = handle;
    this.#synthetic = synthetic;
    // Node's value is the source's `//# sourceMappingURL=` comment; modules here do not read
    // it (there is no native for it, and scanning the source in JavaScript costs a quarter
    // of compiling it), so a source text module's is always undefined.
    if (!synthetic) this.sourceMapURL = undefined;
    this.url = url;
  }

  static handleOf(wrap) {
    return wrap.#handle;
  }

  static isSynthetic(wrap) {
    return wrap.#synthetic;
  }

  setExport(name, value) {
    native.setExport(this.#handle, `${name}`, value);
  }
}

// The brand checks of Node 20: a Module (or a SyntheticModule, for setExport) is an object
// with its own Symbol(kWrap), a SourceTextModule one with its own
// Symbol(kDependencySpecifiers); anything else is ERR_INVALID_ARG_TYPE for "this".
function validateModule(value, className) {
  if (!isModule(value)) throw ERR_INVALID_ARG_TYPE('this', className, value);
}

function validateSourceTextModule(value) {
  if (value === null || typeof value !== 'object' ||
      !Object.prototype.hasOwnProperty.call(value, kDependencySpecifiers)) {
    throw ERR_INVALID_ARG_TYPE('this', 'SourceTextModule', value);
  }
}

function handleOf(module) {
  return ModuleWrap.handleOf(module[kWrap]);
}

class Module {
  constructor(options) {
    if (new.target === Module) {
      throw new TypeError('Module is not a constructor');
    }
    // Without the flag the API is still there (part of vm here), and nothing is printed; with
    // it, Node's warning, once per process, before anything is checked.
    if (vmModulesFlag && !vmModulesWarned) {
      vmModulesWarned = true;
      globalThis.process.emitWarning(
        'VM Modules is an experimental feature and might change at any time', 'ExperimentalWarning');
    }
    const { context, sourceText, syntheticExportNames, syntheticEvaluationSteps } = options;
    if (context !== undefined) {
      if (typeof context !== 'object' || context === null) {
        throw ERR_INVALID_ARG_TYPE('context', 'object', context);
      }
      if (!isContext(context)) {
        throw ERR_INVALID_ARG_TYPE('options.context', 'vm.Context', context);
      }
    }
    let { identifier } = options;
    if (identifier !== undefined) {
      validateString(identifier, 'options.identifier');
    } else if (context === undefined) {
      identifier = `vm:module(${globalModuleId++})`;
    } else if (context[kPerContextModuleId] !== undefined) {
      identifier = `vm:module(${context[kPerContextModuleId]})`;
      context[kPerContextModuleId] += 1;
    } else {
      identifier = 'vm:module(0)';
      Object.defineProperty(context, kPerContextModuleId, {
        value: 1, writable: true, enumerable: false, configurable: true,
      });
    }
    let wrap;
    try {
      if (sourceText !== undefined) {
        const getSelf = weakRef(this);
        const { initializeImportMeta, importModuleDynamically } = options;
        const handle = native.createSourceText(sourceText, {
          identifier,
          context,
          lineOffset: options.lineOffset,
          columnOffset: options.columnOffset,
          cachedData: options.cachedData === undefined ? undefined
            : new Uint8Array(options.cachedData.buffer, options.cachedData.byteOffset,
              options.cachedData.byteLength),
          initializeImportMeta: initializeImportMeta === undefined ? undefined
            : (meta) => { initializeImportMeta(meta, getSelf()); },
          importHandler: importModuleDynamically === undefined ? undefined
            : wrapImportCallback(importModuleDynamically, getSelf),
        });
        wrap = new ModuleWrap(handle, identifier, false);
      } else {
        const handle = native.createSynthetic(syntheticExportNames,
          function () { return syntheticEvaluationSteps.call(this); }, identifier, context);
        wrap = new ModuleWrap(handle, identifier, true);
        native.setThis(handle, wrap);
      }
    } catch (e) {
      rethrow(e);
    }
    this[kWrap] = wrap;
    this[kContext] = context;
  }

  get identifier() {
    validateModule(this, 'Module');
    return this[kWrap].url;
  }

  get context() {
    validateModule(this, 'Module');
    return this[kContext];
  }

  get namespace() {
    validateModule(this, 'Module');
    const handle = handleOf(this);
    const status = native.status(handle);
    if (status === 'unlinked' || status === 'linking') {
      throw ERR_VM_MODULE_STATUS('must not be unlinked or linking');
    }
    return native.namespace(handle);
  }

  get status() {
    validateModule(this, 'Module');
    return native.status(handleOf(this));
  }

  get error() {
    validateModule(this, 'Module');
    const handle = handleOf(this);
    if (native.status(handle) !== 'errored') {
      throw ERR_VM_MODULE_STATUS('must be errored');
    }
    return native.error(handle);
  }

  // link and evaluate are async: a wrong `this` rejects, before any argument is looked at.
  async link(linker) {
    validateModule(this, 'Module');
    if (typeof linker !== 'function') {
      throw ERR_INVALID_ARG_TYPE('linker', 'function', linker);
    }
    if (this.status === 'linked') throw ERR_VM_MODULE_ALREADY_LINKED();
    if (this.status !== 'unlinked') throw ERR_VM_MODULE_STATUS('must be unlinked');
    await this[kLink](linker);
    try {
      native.instantiate(handleOf(this));
    } catch (e) {
      rethrow(e);
    }
  }

  async evaluate(options = {}) {
    validateModule(this, 'Module');
    const { timeout, breakOnSigint } = validateTimeout(options);
    const handle = handleOf(this);
    const status = native.status(handle);
    if (status !== 'linked' && status !== 'evaluated' && status !== 'errored') {
      throw ERR_VM_MODULE_STATUS('must be one of linked, evaluated, or errored');
    }
    let promise;
    try {
      promise = native.evaluate(handle, timeout, breakOnSigint);
    } catch (e) {
      rethrow(e);
    }
    await promise;
  }

  // Below the inspection depth (depth < 0) the module itself goes back to util, which shows
  // it as `[SourceTextModule]` (it has own keys, the internal symbols); otherwise an object
  // with the module's prototype, status, identifier and context, inspected without this hook.
  [customInspect](depth, options) {
    validateModule(this, 'Module');
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = Object.getPrototypeOf(this).constructor || Module;
    const o = Object.create({ constructor });
    o.status = this.status;
    o.identifier = this.identifier;
    o.context = this.context;
    Object.setPrototypeOf(o, Object.getPrototypeOf(this));
    Object.defineProperty(o, Symbol.toStringTag, { value: constructor.name, configurable: true });
    return util().inspect(o, { ...options, customInspect: false });
  }
}

// V8's message for reading a private field of an object without it (a Proxy of a module
// passes the own-property brand checks, then fails here as in Node).
const kNoPrivateError = 'Cannot read private member #error from an object whose class did not declare it';

class SourceTextModule extends Module {
  #error = kNoError;
  #statusOverride;
  #linked = false;

  constructor(sourceText, options = {}) {
    validateString(sourceText, 'sourceText');
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const {
      lineOffset = 0,
      columnOffset = 0,
      initializeImportMeta,
      importModuleDynamically,
      context,
      identifier,
      cachedData,
    } = options;
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    if (initializeImportMeta !== undefined && typeof initializeImportMeta !== 'function') {
      throw ERR_INVALID_ARG_TYPE('options.initializeImportMeta', 'function', initializeImportMeta);
    }
    if (importModuleDynamically !== undefined && typeof importModuleDynamically !== 'function') {
      throw ERR_INVALID_ARG_TYPE('options.importModuleDynamically', 'function', importModuleDynamically);
    }
    if (cachedData !== undefined && !isArrayBufferView(cachedData)) {
      throw ERR_INVALID_ARG_TYPE('options.cachedData', ['Buffer', 'TypedArray', 'DataView'], cachedData);
    }
    super({
      sourceText, context, identifier, lineOffset, columnOffset, cachedData,
      initializeImportMeta, importModuleDynamically,
    });
    // Filled by the first read of dependencySpecifiers; its presence is the class's brand.
    this[kDependencySpecifiers] = undefined;
  }

  async [kLink](linker) {
    if (this.#linked) return;
    this.#statusOverride = 'linking';
    const requests = native.requests(handleOf(this));
    // The linker is called for every request first (a synchronous throw leaves the module
    // 'linking', as in Node), then the answers are awaited together.
    const promises = requests.map(({ specifier, attributes }) => {
      const answer = linker(specifier, this, { attributes, assert: attributes });
      return (async () => {
        const module = await answer;
        if (!isModule(module)) throw ERR_VM_MODULE_NOT_MODULE();
        if (module.context !== this.context) throw ERR_VM_MODULE_DIFFERENT_CONTEXT();
        if (module.status === 'errored') {
          throw ERR_VM_MODULE_LINK_FAILURE(`request for '${specifier}' resolved to an errored module`,
            module.error);
        }
        if (module.status === 'unlinked') await module[kLink](linker);
        return module;
      })();
    });
    try {
      const modules = await Promise.all(promises);
      const handle = handleOf(this);
      if (!native.isLinked(handle)) {
        native.link(handle, modules.map(handleOf));
      }
      this.#linked = true;
    } catch (e) {
      this.#error = e;
      throw e;
    } finally {
      this.#statusOverride = undefined;
    }
  }

  get dependencySpecifiers() {
    validateSourceTextModule(this);
    this[kDependencySpecifiers] ??= native.requests(handleOf(this)).map((r) => r.specifier);
    return this[kDependencySpecifiers];
  }

  get status() {
    validateSourceTextModule(this);
    if (!(#error in this)) throw new TypeError(kNoPrivateError);
    if (this.#error !== kNoError) return 'errored';
    if (this.#statusOverride) return this.#statusOverride;
    return super.status;
  }

  get error() {
    validateSourceTextModule(this);
    if (!(#error in this)) throw new TypeError(kNoPrivateError);
    if (this.#error !== kNoError) return this.#error;
    return super.error;
  }

  // As in Node: the status is read first (any object with a harmless `status` gets that
  // far), then the module's native record; the failures carry V8's wording.
  createCachedData() {
    if (this === undefined || this === null) {
      throw new TypeError(`Cannot destructure property 'status' of 'this' as it is ${this}.`);
    }
    const { status } = this;
    if (status === 'evaluating' || status === 'evaluated' || status === 'errored') {
      throw ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA();
    }
    const wrap = this[kWrap];
    if (wrap === undefined || wrap === null) {
      throw new TypeError(`Cannot read properties of ${wrap} (reading 'createCachedData')`);
    }
    // A SyntheticModule here aborts Node 20 (an assertion in ModuleWrap).
    if (ModuleWrap.isSynthetic(wrap)) throw ERR_INVALID_ARG_TYPE('this', 'SourceTextModule', this);
    const bytes = native.cachedData(ModuleWrap.handleOf(wrap));
    const { Buffer } = require('buffer');
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

class SyntheticModule extends Module {
  constructor(exportNames, evaluateCallback, options = {}) {
    if (!Array.isArray(exportNames) || exportNames.some((e) => typeof e !== 'string')) {
      throw ERR_INVALID_ARG_TYPE('exportNames', 'Array of unique strings', exportNames);
    }
    exportNames.forEach((name, i) => {
      if (exportNames.indexOf(name, i + 1) !== -1) {
        throw ERR_INVALID_ARG_VALUE(`exportNames.${name}`, name, 'is duplicated');
      }
    });
    if (typeof evaluateCallback !== 'function') {
      throw ERR_INVALID_ARG_TYPE('evaluateCallback', 'function', evaluateCallback);
    }
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const { context, identifier } = options;
    super({
      syntheticExportNames: exportNames,
      syntheticEvaluationSteps: evaluateCallback,
      context,
      identifier,
    });
  }

  async [kLink]() {}

  setExport(name, value) {
    // Node checks for any module here (naming SyntheticModule): a linked SourceTextModule
    // gets past it and aborts Node 20; here it is the same TypeError as other wrong `this`.
    validateModule(this, 'SyntheticModule');
    validateString(name, 'name');
    const wrap = this[kWrap];
    const handle = ModuleWrap.handleOf(wrap);
    const status = native.status(handle);
    if (status === 'unlinked' || status === 'linking') {
      throw ERR_VM_MODULE_STATUS('must be linked');
    }
    if (!ModuleWrap.isSynthetic(wrap)) throw ERR_INVALID_ARG_TYPE('this', 'SyntheticModule', this);
    try {
      native.setExport(handle, name, value);
    } catch (e) {
      if (e && e.name === 'ReferenceError') throw new ReferenceError(e.message);
      rethrow(e);
    }
  }
}

// Code run by vm.runInThisContext/runInContext without options has Node's default filename
// and no callback: import() there rejects.
native.registerScript('evalmachine.<anonymous>', undefined);
native.setMissingImportError(() => ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING());

module.exports = {
  Module,
  SourceTextModule,
  SyntheticModule,
};

// Used by vm.js (not part of the vm module's API).
Object.defineProperty(module.exports, 'internal', {
  value: { scriptImportFilename, setContextImport, ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING },
  enumerable: false,
});
