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
  },
  validateString, validateInt32, validateUint32, isArrayBufferView,
} = require('internal/errors');

const native = binding.vm.modules;
const kNative = Symbol('kNative');
const kContext = Symbol('kContext');
const kLink = Symbol('kLink');
const kPerContextModuleId = Symbol('kPerContextModuleId');
const kNoError = Symbol('kNoError');
const kIdentifier = Symbol('kIdentifier');
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

function isModule(value) {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, kNative);
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

// The wrapper Node puts around an importModuleDynamically callback: the answer is a module
// namespace, or a module whose namespace is taken.
function wrapImportCallback(callback, getReferrer) {
  return async (specifier, attributes) => {
    const m = await callback(specifier, getReferrer(), attributes);
    if (isNamespace(m)) return m;
    if (!isModule(m)) throw ERR_VM_MODULE_NOT_MODULE();
    if (m.status === 'errored') throw m.error;
    return m.namespace;
  };
}

// What the library gets for an importModuleDynamically option: a function, `true` for the
// host loader (USE_MAIN_CONTEXT_DEFAULT_LOADER), undefined for none.
function importHandler(option, getReferrer) {
  if (option === undefined) return undefined;
  if (option === vmConstants().USE_MAIN_CONTEXT_DEFAULT_LOADER) return true;
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
  if (typeof options !== 'object' || options === null) {
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

// `this` of a synthetic module's evaluation steps (Node's internal ModuleWrap).
class ModuleWrap {
  constructor(url, wrap) {
    this.url = url;
    Object.defineProperty(this, kNative, { value: wrap });
  }

  setExport(name, value) {
    native.setExport(this[kNative], `${name}`, value);
  }
}

class Module {
  constructor(options) {
    if (new.target === Module) {
      throw new TypeError('Module is not a constructor');
    }
    // Node (with --experimental-vm-modules) warns 'VM Modules is an experimental feature';
    // here the API is part of vm, so nothing is printed.
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
        wrap = native.createSourceText(sourceText, {
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
      } else {
        wrap = native.createSynthetic(syntheticExportNames,
          function () { return syntheticEvaluationSteps.call(this); }, identifier, context);
        native.setThis(wrap, new ModuleWrap(identifier, wrap));
      }
    } catch (e) {
      rethrow(e);
    }
    Object.defineProperty(this, kNative, { value: wrap });
    Object.defineProperty(this, kContext, { value: context });
    Object.defineProperty(this, kIdentifier, { value: identifier });
  }

  get identifier() {
    if (!isModule(this)) throw ERR_VM_MODULE_NOT_MODULE();
    return this[kIdentifier];
  }

  get context() {
    if (!isModule(this)) throw ERR_VM_MODULE_NOT_MODULE();
    return this[kContext];
  }

  get namespace() {
    if (!isModule(this)) throw ERR_VM_MODULE_NOT_MODULE();
    const status = native.status(this[kNative]);
    if (status === 'unlinked' || status === 'linking') {
      throw ERR_VM_MODULE_STATUS('must not be unlinked or linking');
    }
    return native.namespace(this[kNative]);
  }

  get status() {
    if (!isModule(this)) throw ERR_VM_MODULE_NOT_MODULE();
    return native.status(this[kNative]);
  }

  get error() {
    if (!isModule(this)) throw ERR_VM_MODULE_NOT_MODULE();
    if (native.status(this[kNative]) !== 'errored') {
      throw ERR_VM_MODULE_STATUS('must be errored');
    }
    return native.error(this[kNative]);
  }

  async link(linker) {
    if (!isModule(this)) throw ERR_VM_MODULE_NOT_MODULE();
    if (typeof linker !== 'function') {
      throw ERR_INVALID_ARG_TYPE('linker', 'function', linker);
    }
    if (this.status === 'linked') throw ERR_VM_MODULE_ALREADY_LINKED();
    if (this.status !== 'unlinked') throw ERR_VM_MODULE_STATUS('must be unlinked');
    await this[kLink](linker);
    try {
      native.instantiate(this[kNative]);
    } catch (e) {
      rethrow(e);
    }
  }

  async evaluate(options = {}) {
    if (!isModule(this)) throw ERR_VM_MODULE_NOT_MODULE();
    const { timeout, breakOnSigint } = validateTimeout(options);
    const status = native.status(this[kNative]);
    if (status !== 'linked' && status !== 'evaluated' && status !== 'errored') {
      throw ERR_VM_MODULE_STATUS('must be one of linked, evaluated, or errored');
    }
    let promise;
    try {
      promise = native.evaluate(this[kNative], timeout, breakOnSigint);
    } catch (e) {
      rethrow(e);
    }
    await promise;
  }

  [customInspect](depth, options) {
    if (!isModule(this)) throw ERR_VM_MODULE_NOT_MODULE();
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

class SourceTextModule extends Module {
  #error = kNoError;
  #statusOverride;
  #linked = false;
  #dependencySpecifiers;

  constructor(sourceText, options = {}) {
    validateString(sourceText, 'sourceText');
    if (typeof options !== 'object' || options === null) {
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
  }

  async [kLink](linker) {
    if (this.#linked) return;
    this.#statusOverride = 'linking';
    const requests = native.requests(this[kNative]);
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
      if (!native.isLinked(this[kNative])) {
        native.link(this[kNative], modules.map((m) => m[kNative]));
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
    if (!(#error in this)) throw ERR_INVALID_ARG_TYPE('this', 'SourceTextModule', this);
    if (this.#dependencySpecifiers === undefined) {
      this.#dependencySpecifiers = native.requests(this[kNative]).map((r) => r.specifier);
    }
    return this.#dependencySpecifiers;
  }

  get status() {
    if (!(#error in this)) throw ERR_INVALID_ARG_TYPE('this', 'SourceTextModule', this);
    if (this.#error !== kNoError) return 'errored';
    if (this.#statusOverride) return this.#statusOverride;
    return super.status;
  }

  get error() {
    if (!(#error in this)) throw ERR_INVALID_ARG_TYPE('this', 'SourceTextModule', this);
    if (this.#error !== kNoError) return this.#error;
    return super.error;
  }

  createCachedData() {
    const { status } = this;
    if (status === 'evaluating' || status === 'evaluated' || status === 'errored') {
      throw ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA();
    }
    const bytes = native.cachedData(this[kNative]);
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
    if (typeof options !== 'object' || options === null) {
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
    if (!isModule(this)) throw ERR_VM_MODULE_NOT_MODULE();
    validateString(name, 'name');
    const status = native.status(this[kNative]);
    if (status === 'unlinked' || status === 'linking') {
      throw ERR_VM_MODULE_STATUS('must be linked');
    }
    try {
      native.setExport(this[kNative], name, value);
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
