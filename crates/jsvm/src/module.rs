//! ES modules in contexts: Node's `vm.SourceTextModule` and `vm.SyntheticModule`, the
//! runtime's module loader, and dynamic `import()` callbacks.
//!
//! # How QuickJS-ng is used
//! QuickJS keeps modules per realm (`JSContext`) in a list searched by name, and resolves an
//! import by calling the runtime's *one* normalizer (`(referrer name, specifier) -> name`) and
//! loader (`name -> module`). The library installs both (see [`Runtime::set_host_loader`] for
//! the embedder's part):
//! - every library module gets a name unique in its context: its identifier, with ` [N]`
//!   appended only when another module of that context already has the name (the name is
//!   also the filename of its code, so stack traces show the identifier, as in Node);
//! - during linking, (referrer, specifier, attributes) resolve through the link map the user's
//!   linker produced ([`Module::link`]);
//! - `import()` resolves through the callback registered for the calling code (a module, a
//!   script's filename, or the context); in the main context, names the library does not know
//!   go to the host loader; in other contexts, code with no callback (eval'd code, say) gets
//!   `ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING`, as in Node.
//!
//! QuickJS has no "link without evaluating" entry point: [`Module::instantiate`] evaluates a
//! throwaway *probe* module `import "<stopper>"; import "<module>";` whose first dependency
//! throws when evaluated. QuickJS links the whole graph (exports checked, bindings created,
//! function declarations hoisted) and the evaluation stops before the module runs: the
//! module is `linked`, exactly as after V8's `InstantiateModule`. Each probe costs one small
//! module record in its context (QuickJS frees module records only with their context).
//!
//! QuickJS's loader is synchronous while Node's `importModuleDynamically` may return a promise.
//! Rather than draining promise jobs inside the loader, the loader answers `import()` with a
//! tiny *shim* module whose only export is `then`: the engine resolves the `import()` promise
//! with the shim's namespace, which is a thenable, so the promise adopts whatever the callback
//! returned (a namespace, or a promise of one). No job runs inside the loader, nothing waits,
//! and an asynchronous callback (that links and evaluates modules of its own) just works. The
//! cost is two extra promise ticks before `import()` settles, and the callback runs in the
//! import job (QuickJS defers `import()` to a job) rather than during the `import()` call.
//! Shims are pooled per context: their number is the largest count of imports pending at once.
//!
//! Module status is read from the engine's module record (QuickJS has no accessor for it); the
//! layout is checked against the engine on first use.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ffi::{c_char, c_int, CStr, CString};
use std::rc::Rc;

use oxc_allocator::Allocator;
use oxc_ast::ast::{ImportAttributeKey, ModuleDeclaration, WithClause};
use oxc_span::SourceType;
use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::loader::{Loader, Resolver};
use rquickjs::{qjs, Class, Ctx, Function, JsLifetime, Object, Persistent, Promise, Value};

use crate::cached_data;
use crate::context::{describe_value, ContextHandle};
use crate::error::{Error, Result};
use crate::runtime::RuntimeState;
use crate::script::RunOptions;

// ---- public types ---------------------------------------------------------------------------

/// A module's state, as Node's `module.status`.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
///     let m = jsvm::Module::source_text(&main, "throw new Error('boom')", Default::default()).unwrap();
///     assert_eq!(m.status(), jsvm::ModuleStatus::Unlinked);
///     m.link(&[]).unwrap();
///     m.instantiate().unwrap();
///     assert_eq!(m.status().as_str(), "linked");
///     let _ = m.evaluate(&Default::default());
///     assert_eq!(m.status(), jsvm::ModuleStatus::Errored);
/// });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleStatus {
    /// Compiled; dependencies not linked yet.
    Unlinked,
    /// Linking is under way.
    Linking,
    /// Linked: bindings exist, the code has not run.
    Linked,
    /// Evaluation is under way (synchronous part).
    Evaluating,
    /// Evaluated (or, with top-level await, its evaluation has started and not failed yet).
    Evaluated,
    /// Evaluation threw; see [`Module::error`].
    Errored,
}

impl ModuleStatus {
    /// Node's name for the status (`'unlinked'`, `'linking'`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ModuleStatus::Unlinked => "unlinked",
            ModuleStatus::Linking => "linking",
            ModuleStatus::Linked => "linked",
            ModuleStatus::Evaluating => "evaluating",
            ModuleStatus::Evaluated => "evaluated",
            ModuleStatus::Errored => "errored",
        }
    }
}

/// One `import`/`export ... from` of a module: the specifier and its import attributes
/// (`with { type: 'json' }`), in source order. Requests with the same specifier and attributes
/// are one request.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
///     let source = "import data from './d.json' with { type: 'json' }; import './b.js';";
///     let m = jsvm::Module::source_text(&main, source, Default::default()).unwrap();
///     let requests = m.requests();
///     assert_eq!(requests[0].specifier, "./d.json");
///     assert_eq!(requests[0].attributes, vec![("type".to_string(), "json".to_string())]);
///     assert_eq!(requests[1].specifier, "./b.js");
/// });
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ModuleRequest {
    /// The specifier string.
    pub specifier: String,
    /// The attributes, in source order.
    pub attributes: Vec<(String, String)>,
}

/// What answers `import()` for some code.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
///     let options = jsvm::SourceTextOptions {
///         dynamic_import: Some(jsvm::DynamicImport::Missing),
///         ..Default::default()
///     };
///     let m = jsvm::Module::source_text(&main, "export const p = import('x');", options).unwrap();
///     m.link(&[]).unwrap();
///     m.instantiate().unwrap();
///     m.evaluate(&Default::default()).unwrap();
///     while ctx.execute_pending_job() {}
///     let p: jsvm::rquickjs::Promise = m.namespace().unwrap().get("p").unwrap();
///     assert!(p.result::<jsvm::rquickjs::Value>().unwrap().is_err()); // rejected
/// });
/// ```
#[derive(Clone)]
pub enum DynamicImport<'js> {
    /// `import()` rejects with `ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING`.
    Missing,
    /// The host loader answers (Node's `vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER`): the
    /// module loads in the main context.
    Host,
    /// `callback(specifier, attributes)` answers; `import()` settles with what it returns
    /// (promises are followed). The Node layer returns a module namespace.
    Callback(Function<'js>),
}

/// Options of [`Module::source_text`].
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
///     let options = jsvm::SourceTextOptions {
///         identifier: Some("tenant.mjs".into()),
///         line_offset: 10,
///         ..Default::default()
///     };
///     let m = jsvm::Module::source_text(&main, "export default 1", options).unwrap();
///     assert_eq!(m.identifier(), "tenant.mjs");
/// });
/// ```
#[derive(Clone, Default)]
pub struct SourceTextOptions<'js> {
    /// The identifier (Node's default is `vm:module(N)`); shown in stack traces.
    pub identifier: Option<String>,
    /// Added to line numbers.
    pub line_offset: i32,
    /// Added to columns on the first line.
    pub column_offset: i32,
    /// Cached data from [`Module::cached_data`] for the same source (made with the runtime's
    /// cached data key, if it has one).
    pub cached_data: Option<Vec<u8>>,
    /// Called as `f(meta)` before the module first runs, when its code uses `import.meta`.
    pub initialize_import_meta: Option<Function<'js>>,
    /// What answers `import()` in this module's code (default: [`DynamicImport::Missing`]).
    pub dynamic_import: Option<DynamicImport<'js>>,
}

/// Options of [`Module::synthetic`].
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
///     let steps = jsvm::rquickjs::Function::new(ctx.clone(), || {}).unwrap();
///     let options = jsvm::SyntheticOptions { identifier: Some("host:config".into()) };
///     let m = jsvm::Module::synthetic(&main, &["port"], steps, options).unwrap();
///     assert_eq!(m.identifier(), "host:config");
///     assert!(m.is_synthetic());
/// });
/// ```
#[derive(Clone, Default)]
pub struct SyntheticOptions {
    /// The identifier (default `vm:module(N)`).
    pub identifier: Option<String>,
}

/// Evaluation options of [`Module::evaluate`] (timeout and cancellation, as for scripts).
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
///     let m = jsvm::Module::source_text(&main, "for (;;) {}", Default::default()).unwrap();
///     m.link(&[]).unwrap();
///     m.instantiate().unwrap();
///     let options = jsvm::EvaluateOptions { timeout_ms: Some(10), ..Default::default() };
///     assert!(m.evaluate(&options).is_err());
/// });
/// ```
pub type EvaluateOptions = RunOptions;

static NEXT_DEFAULT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

// ---- the engine's module record -------------------------------------------------------------

/// Offsets in QuickJS-ng 0.16's `struct JSModuleDef` (x86_64 / aarch64, checked at run time by
/// `check_layout`).
mod layout {
    pub(super) const STATUS: usize = 147;
    pub(super) const EVAL_HAS_EXCEPTION: usize = 256;
    pub(super) const EVAL_EXCEPTION: usize = 264;
    pub(super) const FUNC_CREATED: usize = 146;
}

const S_UNLINKED: u8 = 0;
const S_LINKING: u8 = 1;
const S_LINKED: u8 = 2;
const S_EVALUATING: u8 = 3;
const S_EVALUATING_ASYNC: u8 = 4;
const S_EVALUATED: u8 = 5;

unsafe fn raw_status(def: *mut qjs::JSModuleDef) -> u8 {
    *(def as *const u8).add(layout::STATUS)
}
unsafe fn raw_has_exception(def: *mut qjs::JSModuleDef) -> bool {
    *(def as *const u8).add(layout::EVAL_HAS_EXCEPTION) != 0
}
unsafe fn raw_exception(def: *mut qjs::JSModuleDef) -> qjs::JSValue {
    std::ptr::read_unaligned((def as *const u8).add(layout::EVAL_EXCEPTION) as *const qjs::JSValue)
}

/// Checks the layout assumptions on a freshly compiled module (unlinked, not created).
fn check_layout(ctx: &Ctx<'_>, def: *mut qjs::JSModuleDef) {
    thread_local!(static CHECKED: Cell<bool> = const { Cell::new(false) });
    if CHECKED.with(|c| c.get()) {
        return;
    }
    let raw = ctx.as_raw().as_ptr();
    let ok = unsafe {
        let atom = qjs::JS_GetModuleName(raw, def);
        let first = *(def as *const u32);
        qjs::JS_FreeAtom(raw, atom);
        let flags = *(def as *const u8).add(layout::FUNC_CREATED);
        first == atom
            && raw_status(def) == S_UNLINKED
            && flags == 0
            && !raw_has_exception(def)
            && std::mem::size_of::<qjs::JSValue>() == 16
    };
    assert!(
        ok,
        "jsvm: the QuickJS module record layout is not the one this library was built for"
    );
    CHECKED.with(|c| c.set(true));
}

fn tag_of(v: qjs::JSValue) -> i32 {
    unsafe { qjs::JS_VALUE_GET_TAG(v) }
}

fn ptr_of(v: qjs::JSValue) -> *mut std::ffi::c_void {
    unsafe { qjs::JS_VALUE_GET_PTR(v) }
}

fn module_value(def: *mut qjs::JSModuleDef) -> qjs::JSValue {
    qjs::JS_MKPTR(qjs::JS_TAG_MODULE, def.cast())
}

// ---- shared per-module data -----------------------------------------------------------------

enum Kind {
    Source {
        source: String,
        /// The source as given to QuickJS (offsets applied, NUL-terminated).
        compiled: Vec<u8>,
        line_num: i32,
        line_offset: i32,
        column_offset: i32,
        /// Accepted cached data (name + bytecode), read when the module is materialized.
        cached: RefCell<Option<Vec<u8>>>,
        requests: Vec<ModuleRequest>,
        uses_import_meta: bool,
        /// The module's bytecode as compiled (for createCachedData).
        bytecode: RefCell<Option<Vec<u8>>>,
    },
    Synthetic {
        exports: Vec<String>,
    },
}

/// Rust-side facts of one module, reachable from its context's name table.
struct ModuleShared {
    ctx: usize,
    name: String,
    identifier: String,
    /// The engine's record; null until the module is compiled (modules with imports compile
    /// when linked) and once the engine freed it.
    def: Cell<*mut qjs::JSModuleDef>,
    /// The engine freed the record (see [`ModuleSlot`]).
    discarded: Cell<bool>,
    kind: Kind,
    /// For each request (in order), the internal name of the linked module.
    links: RefCell<Option<Vec<String>>>,
    meta_initialized: Cell<bool>,
    /// The evaluation was stopped by a timeout or cancellation (Node then reports `error` as
    /// null).
    stopped: Cell<bool>,
}

impl ModuleShared {
    fn def(&self) -> Result<*mut qjs::JSModuleDef> {
        let d = self.def.get();
        if self.discarded.get() {
            Err(Error::InvalidArgument(
                "the engine discarded this module (its context failed to resolve an import)".into(),
            ))
        } else if d.is_null() {
            Err(coded(
                "Error",
                "ERR_VM_MODULE_STATUS",
                "Module status must not be unlinked or linking",
            ))
        } else {
            Ok(d)
        }
    }
    fn requests(&self) -> &[ModuleRequest] {
        match &self.kind {
            Kind::Source { requests, .. } => requests,
            Kind::Synthetic { .. } => &[],
        }
    }
}

/// The engine-side slot of a module (its `private_value`): lives exactly as long as the
/// engine's module record, holds the module's callbacks, and tells the Rust side when the
/// record goes away.
struct ModuleSlot<'js> {
    shared: Rc<ModuleShared>,
    callbacks: ModuleCallbacks<'js>,
    this_value: RefCell<Option<Value<'js>>>,
}

impl<'js> Trace<'js> for ModuleSlot<'js> {
    fn trace<'a>(&self, tracer: Tracer<'a, 'js>) {
        self.callbacks.trace(tracer);
        if let Ok(t) = self.this_value.try_borrow() {
            if let Some(v) = &*t {
                tracer.mark(v);
            }
        }
    }
}

unsafe impl<'js> JsLifetime<'js> for ModuleSlot<'js> {
    type Changed<'to> = ModuleSlot<'to>;
}

impl<'js> JsClass<'js> for ModuleSlot<'js> {
    const NAME: &'static str = "ModuleSlot";
    type Mutable = Readable;
    fn constructor(
        _ctx: &Ctx<'js>,
    ) -> rquickjs::Result<Option<rquickjs::function::Constructor<'js>>> {
        Ok(None)
    }
}

impl Drop for ModuleSlot<'_> {
    fn drop(&mut self) {
        self.shared.def.set(std::ptr::null_mut());
        self.shared.discarded.set(true);
        if let Some(sys) = SYSTEM.with(|s| s.borrow().upgrade()) {
            sys.forget(self.shared.ctx, &self.shared.name);
        }
    }
}

/// A module's callbacks, kept by its record until the engine has made the module, then by its
/// [`ModuleSlot`].
struct ModuleCallbacks<'js> {
    import_meta: Option<Function<'js>>,
    dynamic_import: DynamicImport<'js>,
    /// Synthetic modules: the evaluation steps, called with the slot's `this_value`.
    evaluate: Option<Function<'js>>,
}

impl<'js> ModuleCallbacks<'js> {
    fn trace<'a>(&self, tracer: Tracer<'a, 'js>) {
        if let Some(f) = &self.import_meta {
            tracer.mark(f.as_value());
        }
        if let DynamicImport::Callback(f) = &self.dynamic_import {
            tracer.mark(f.as_value());
        }
        if let Some(f) = &self.evaluate {
            tracer.mark(f.as_value());
        }
    }
}

/// The record behind a [`Module`] handle.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
///     let m = jsvm::Module::source_text(&main, "export default 1", Default::default()).unwrap();
///     // A module is a JavaScript object holding its record: it can be kept in JavaScript values
///     // and found again.
///     let again = jsvm::Module::from_object(m.as_object()).unwrap();
///     assert!(again.same(&m));
/// });
/// ```
pub struct ModuleRecord<'js> {
    shared: Rc<ModuleShared>,
    context: ContextHandle<'js>,
    /// The modules linked to the requests, in order.
    links: RefCell<Vec<Module<'js>>>,
    slot_init: RefCell<Option<ModuleCallbacks<'js>>>,
}

impl<'js> Trace<'js> for ModuleRecord<'js> {
    fn trace<'a>(&self, tracer: Tracer<'a, 'js>) {
        tracer.mark(self.context.as_object().as_value());
        if let Ok(links) = self.links.try_borrow() {
            for m in links.iter() {
                tracer.mark(m.0.as_value());
            }
        }
        if let Ok(init) = self.slot_init.try_borrow() {
            if let Some(i) = &*init {
                i.trace(tracer);
            }
        }
    }
}

unsafe impl<'js> JsLifetime<'js> for ModuleRecord<'js> {
    type Changed<'to> = ModuleRecord<'to>;
}

impl<'js> JsClass<'js> for ModuleRecord<'js> {
    const NAME: &'static str = "ModuleRecord";
    type Mutable = Readable;
    fn constructor(
        _ctx: &Ctx<'js>,
    ) -> rquickjs::Result<Option<rquickjs::function::Constructor<'js>>> {
        Ok(None)
    }
}

// ---- the module system of a runtime ---------------------------------------------------------

enum Entry {
    Library(Rc<ModuleShared>),
    /// A module the host loader made.
    Host,
}

type HostPair = (Box<dyn Resolver>, Box<dyn Loader>);

/// Per-runtime state of the module loader.
pub(crate) struct ModuleSystem {
    /// The embedder's resolver and loader. Called re-entrantly (compiling a module resolves
    /// its imports, which loads more modules), through a pointer, as rquickjs itself does.
    host: Cell<*mut HostPair>,
    /// Module names per engine context.
    names: RefCell<HashMap<(usize, String), Entry>>,
    /// Removals that arrived while `names` was borrowed (from a finalizer).
    pending_forget: RefCell<Vec<(usize, String)>>,
    /// Filenames of scripts and functions (vm.Script, compileFunction) and what answers their
    /// `import()`; callbacks live in `callbacks` under the same key.
    scripts: RefCell<HashMap<String, ScriptImport>>,
    callbacks: Persistent<Object<'static>>,
    /// WeakMap: a context's global -> its default callback (or `true` for the host loader).
    context_defaults: Persistent<Object<'static>>,
    /// While > 0, resolution is static (linking through the link maps).
    linking: Cell<u32>,
    /// While > 0, a module compiles only to find its syntax errors: resolution stops.
    checking: Cell<u32>,
    next: Cell<u64>,
    /// Makes the error of an `import()` with no callback (the embedder's, e.g. Node's coded
    /// error); the library's plain TypeError when unset.
    missing_error: RefCell<Option<Persistent<Function<'static>>>>,
    /// Pending `import()` answers: (context, shim index) -> value.
    shims: RefCell<HashMap<(usize, u32), Persistent<Value<'static>>>>,
    main_ctx: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ScriptImport {
    Missing,
    Host,
    Callback,
}

impl Drop for ModuleSystem {
    fn drop(&mut self) {
        let host = self.host.replace(std::ptr::null_mut());
        if !host.is_null() {
            drop(unsafe { Box::from_raw(host) });
        }
    }
}

thread_local! {
    static SYSTEM: RefCell<std::rc::Weak<ModuleSystem>> = const { RefCell::new(std::rc::Weak::new()) };
}

struct SystemSlot(Rc<ModuleSystem>);

unsafe impl<'js> JsLifetime<'js> for SystemSlot {
    type Changed<'to> = SystemSlot;
}

const STOPPER: &str = "jsvm:link-stop";
const PROBE_PREFIX: &str = "jsvm:link-probe:";
const SHIM_PREFIX: &str = "jsvm:import:";
const SCRIPT_MARK: &str = "#jsvm-import-";
/// The error that stops a syntax-check compile at its first import.
const CHECK_STOP: &str = "jsvm: syntax check done";

impl ModuleSystem {
    fn of(ctx: &Ctx<'_>) -> Rc<ModuleSystem> {
        ctx.userdata::<SystemSlot>()
            .map(|s| s.0.clone())
            .expect("runtime not created by jsvm::Runtime")
    }

    fn forget(&self, ctx: usize, name: &str) {
        match self.names.try_borrow_mut() {
            Ok(mut names) => {
                names.remove(&(ctx, name.to_string()));
            }
            Err(_) => {
                if let Ok(mut p) = self.pending_forget.try_borrow_mut() {
                    p.push((ctx, name.to_string()));
                }
            }
        }
    }

    fn flush_forgotten(&self) {
        let pending: Vec<_> = match self.pending_forget.try_borrow_mut() {
            Ok(mut p) => std::mem::take(&mut *p),
            Err(_) => return,
        };
        if let Ok(mut names) = self.names.try_borrow_mut() {
            for k in pending {
                names.remove(&k);
            }
        }
    }

    fn library(&self, ctx: usize, name: &str) -> Option<Rc<ModuleShared>> {
        self.flush_forgotten();
        match self.names.borrow().get(&(ctx, name.to_string())) {
            Some(Entry::Library(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// A name for a new module of context `ctx`: the identifier, made unique.
    fn unique_name(&self, ctx: usize, identifier: &str) -> String {
        self.flush_forgotten();
        let names = self.names.borrow();
        let taken = |n: &str| {
            names.contains_key(&(ctx, n.to_string()))
                || n == STOPPER
                || n.starts_with(PROBE_PREFIX)
                || n.starts_with(SHIM_PREFIX)
        };
        if !taken(identifier) && !identifier.is_empty() {
            return identifier.to_string();
        }
        let mut n = 2;
        loop {
            let candidate = format!("{identifier} [{n}]");
            if !taken(&candidate) {
                return candidate;
            }
            n += 1;
        }
    }

    fn next_id(&self) -> u64 {
        let n = self.next.get();
        self.next.set(n + 1);
        n
    }
}

/// Installs the library's module loader on a new runtime (called by `RuntimeBuilder::build`).
pub(crate) fn install(ctx: &Ctx<'_>) -> Result<()> {
    let new_map = |name: &str| -> Result<Persistent<Object<'static>>> {
        let ctor: rquickjs::Constructor = ctx.globals().get(name)?;
        let map: Object = ctor.construct(())?;
        Ok(Persistent::save(ctx, map))
    };
    let system = Rc::new(ModuleSystem {
        host: Cell::new(std::ptr::null_mut()),
        names: RefCell::new(HashMap::new()),
        pending_forget: RefCell::new(Vec::new()),
        scripts: RefCell::new(HashMap::new()),
        callbacks: new_map("Map")?,
        context_defaults: new_map("WeakMap")?,
        linking: Cell::new(0),
        checking: Cell::new(0),
        missing_error: RefCell::new(None),
        next: Cell::new(1),
        shims: RefCell::new(HashMap::new()),
        main_ctx: ctx.as_raw().as_ptr() as usize,
    });
    SYSTEM.with(|s| *s.borrow_mut() = Rc::downgrade(&system));
    let _ = ctx.store_userdata(SystemSlot(system));
    unsafe {
        let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
        qjs::JS_SetModuleLoaderFunc2(rt, None, Some(load_raw), None, std::ptr::null_mut());
        qjs::JS_SetModuleNormalizeFunc2(rt, Some(normalize_raw));
    }
    Ok(())
}

impl crate::Runtime {
    /// Registers the embedder's module resolver and loader: they answer the imports of modules
    /// the library does not own (program files, builtin modules) and `import()` from code with
    /// no callback of its own outside vm scripts. Use this instead of
    /// `engine().set_loader(...)`, which would replace the library's own loader.
    ///
    /// Import attributes are not passed on (`None`): rquickjs gives no way to make its
    /// `ImportAttributes` outside its own loader.
    ///
    /// ```
    /// use jsvm::rquickjs::{loader::{Resolver, Loader, ImportAttributes}, module::Declared, Ctx, Module};
    /// struct R;
    /// impl Resolver for R {
    ///     fn resolve<'js>(&mut self, _: &Ctx<'js>, _: &str, name: &str, _: Option<ImportAttributes<'js>>) -> jsvm::rquickjs::Result<String> {
    ///         Ok(format!("mem:{name}"))
    ///     }
    /// }
    /// struct L;
    /// impl Loader for L {
    ///     fn load<'js>(&mut self, ctx: &Ctx<'js>, name: &str, _: Option<ImportAttributes<'js>>) -> jsvm::rquickjs::Result<Module<'js, Declared>> {
    ///         Module::declare(ctx.clone(), name, "export default 7")
    ///     }
    /// }
    /// let rt = jsvm::Runtime::new().unwrap();
    /// rt.set_host_loader(R, L);
    /// rt.with(|ctx| {
    ///     let p: jsvm::rquickjs::Promise = ctx.eval("import('seven')").unwrap();
    ///     while ctx.execute_pending_job() {}
    ///     let ns: jsvm::rquickjs::Object = p.result().unwrap().unwrap();
    ///     assert_eq!(ns.get::<_, i32>("default").unwrap(), 7);
    /// });
    /// ```
    pub fn set_host_loader<R, L>(&self, resolver: R, loader: L)
    where
        R: Resolver + 'static,
        L: Loader + 'static,
    {
        self.with(|ctx| {
            let sys = ModuleSystem::of(&ctx);
            let new: HostPair = (Box::new(resolver), Box::new(loader));
            let old = sys.host.replace(Box::into_raw(Box::new(new)));
            if !old.is_null() {
                // Replaced while no engine call is under way (we hold the engine lock here).
                drop(unsafe { Box::from_raw(old) });
            }
        })
    }
}

// ---- dynamic import registration --------------------------------------------------------------

/// Registers what answers `import()` in scripts and functions compiled with `filename`, and
/// returns the filename to compile them with.
///
/// With [`DynamicImport::Missing`] the filename is kept. A callback or the host loader is
/// specific to one script, while QuickJS only tells which filename the calling code has: the
/// filename then gets a unique suffix (`#jsvm-import-N`), which stack traces show; give the
/// returned name to [`crate::ScriptOptions::filename`] and release it with
/// [`unregister_script_import`] when the script is gone.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let cb = jsvm::rquickjs::Function::new(ctx.clone(), |spec: String| format!("answer to {spec}")).unwrap();
///     let name = jsvm::register_script_import(&ctx, "job.js", jsvm::DynamicImport::Callback(cb)).unwrap();
///     let script = jsvm::Script::compile(&ctx, "import('q')", jsvm::ScriptOptions {
///         filename: Some(name), ..Default::default() }).unwrap();
///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
///     let p: jsvm::rquickjs::Promise = main.run(&script, &Default::default()).unwrap().into_promise().unwrap();
///     while ctx.execute_pending_job() {}
///     assert_eq!(p.result::<String>().unwrap().unwrap(), "answer to q");
/// });
/// ```
pub fn register_script_import<'js>(
    ctx: &Ctx<'js>,
    filename: &str,
    handler: DynamicImport<'js>,
) -> Result<String> {
    let sys = ModuleSystem::of(ctx);
    let (name, kind) = match &handler {
        DynamicImport::Missing => (filename.to_string(), ScriptImport::Missing),
        DynamicImport::Host => (
            format!("{filename}{SCRIPT_MARK}{}", sys.next_id()),
            ScriptImport::Host,
        ),
        DynamicImport::Callback(f) => {
            let name = format!("{filename}{SCRIPT_MARK}{}", sys.next_id());
            let map = sys.callbacks.clone().restore(ctx)?;
            let set: Function = map.get("set")?;
            set.call::<_, ()>((rquickjs::function::This(map), name.as_str(), f.clone()))?;
            (name, ScriptImport::Callback)
        }
    };
    let mut scripts = sys.scripts.borrow_mut();
    match (kind, scripts.get(&name)) {
        // A filename used with a callback somewhere keeps its own entries.
        (ScriptImport::Missing, Some(_)) => {}
        _ => {
            scripts.insert(name.clone(), kind);
        }
    }
    Ok(name)
}

/// Forgets a registration made by [`register_script_import`] (`import()` in code compiled
/// with that name then goes to the host loader).
pub fn unregister_script_import(ctx: &Ctx<'_>, name: &str) -> Result<()> {
    let sys = ModuleSystem::of(ctx);
    if sys.scripts.borrow_mut().remove(name).is_some() {
        let map = sys.callbacks.clone().restore(ctx)?;
        let del: Function = map.get("delete")?;
        del.call::<_, ()>((rquickjs::function::This(map), name))?;
    }
    Ok(())
}

/// Sets the function that makes the error an `import()` with no callback rejects with (called
/// with no arguments; Node's layer gives its coded `ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING`).
pub fn set_missing_import_error<'js>(ctx: &Ctx<'js>, factory: Function<'js>) {
    *ModuleSystem::of(ctx).missing_error.borrow_mut() = Some(Persistent::save(ctx, factory));
}

/// The filename a user gave, without the suffix [`register_script_import`] may add.
pub fn display_filename(name: &str) -> &str {
    match name.rfind(SCRIPT_MARK) {
        Some(i)
            if name[i + SCRIPT_MARK.len()..]
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            &name[..i]
        }
        _ => name,
    }
}

/// Sets what answers `import()` in code of `context` that has no answer of its own (Node's
/// `createContext({ importModuleDynamically })`).
pub fn set_context_import<'js>(
    context: &ContextHandle<'js>,
    handler: DynamicImport<'js>,
) -> Result<()> {
    let ctx = context.ctx();
    let sys = ModuleSystem::of(&ctx);
    let map = sys.context_defaults.clone().restore(&ctx)?;
    let value = match handler {
        DynamicImport::Missing => {
            let del: Function = map.get("delete")?;
            del.call::<_, ()>((rquickjs::function::This(map), context.global()))?;
            return Ok(());
        }
        DynamicImport::Host => Value::new_bool(ctx.clone(), true),
        DynamicImport::Callback(f) => f.into_value(),
    };
    let set: Function = map.get("set")?;
    set.call::<_, ()>((rquickjs::function::This(map), context.global(), value))?;
    Ok(())
}

// ---- modules ------------------------------------------------------------------------------------

/// A module of a context: source text or synthetic (Node's `vm.SourceTextModule` /
/// `vm.SyntheticModule`), used inside the engine lock.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with(|ctx| {
///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
///     let dep = jsvm::Module::source_text(&main, "export const n = 40;", Default::default()).unwrap();
///     let root = jsvm::Module::source_text(&main,
///         "import { n } from 'dep'; export default n + 2;", Default::default()).unwrap();
///     assert_eq!(root.requests()[0].specifier, "dep");
///     root.link(&[dep]).unwrap();
///     root.instantiate().unwrap();
///     root.evaluate(&Default::default()).unwrap();
///     while ctx.execute_pending_job() {}
///     assert_eq!(root.status(), jsvm::ModuleStatus::Evaluated);
///     assert_eq!(root.namespace().unwrap().get::<_, i32>("default").unwrap(), 42);
/// });
/// ```
#[derive(Clone)]
pub struct Module<'js>(Class<'js, ModuleRecord<'js>>);

impl<'js> Module<'js> {
    /// Compiles a source text module in `context` (syntax errors are reported now).
    pub fn source_text(
        context: &ContextHandle<'js>,
        source: &str,
        options: SourceTextOptions<'js>,
    ) -> Result<Module<'js>> {
        let ctx = context.ctx();
        let sys = ModuleSystem::of(&ctx);
        let ctx_key = ctx.as_raw().as_ptr() as usize;
        let identifier = options
            .identifier
            .clone()
            .unwrap_or_else(default_identifier);
        let scan = scan_module(source);
        let name = sys.unique_name(ctx_key, &identifier);
        let (compiled, line_num) =
            crate::script::prepare_source(source, options.line_offset, options.column_offset);
        let hash = cached_data::source_hash("", source);
        let mut from_cache = None;
        if let Some(data) = &options.cached_data {
            let state = crate::runtime::RuntimeState::of(&ctx);
            match cached_data::decode(data, hash, state.cached_data_key.as_ref()) {
                Some(payload) => from_cache = Some(payload.to_vec()),
                None => {
                    return Err(coded(
                        "Error",
                        "ERR_VM_MODULE_CACHED_DATA_REJECTED",
                        "cachedData buffer was rejected",
                    ))
                }
            }
        }
        crate::runtime::RuntimeState::of(&ctx).remember_source(
            &name,
            crate::stack::SourceLines::new(std::sync::Arc::new(compiled.clone()), line_num),
        );
        let has_requests = !scan.requests.is_empty();
        let shared = Rc::new(ModuleShared {
            ctx: ctx_key,
            name: name.clone(),
            identifier,
            def: Cell::new(std::ptr::null_mut()),
            discarded: Cell::new(false),
            kind: Kind::Source {
                source: source.to_string(),
                compiled,
                line_num,
                line_offset: options.line_offset,
                column_offset: options.column_offset,
                requests: scan.requests,
                uses_import_meta: scan.uses_import_meta,
                bytecode: RefCell::new(None),
                cached: RefCell::new(from_cache),
            },
            links: RefCell::new(if has_requests { None } else { Some(Vec::new()) }),
            meta_initialized: Cell::new(false),
            stopped: Cell::new(false),
        });
        if has_requests {
            // QuickJS resolves imports while compiling, and they are not known before
            // linking: compile now only to report syntax errors (the check stops at the first
            // import, and the engine frees the module); the module compiles when it is linked.
            sys.checking.set(sys.checking.get() + 1);
            let r = compile_source(&ctx, &shared);
            sys.checking.set(sys.checking.get() - 1);
            match r {
                Ok(_) => unreachable!("a module with imports cannot resolve while checking"),
                Err(Error::Thrown(t)) if t.message == CHECK_STOP => {}
                Err(e) => return Err(e),
            }
        } else {
            materialize(&ctx, &shared)?;
        }
        let slot = ModuleCallbacks {
            import_meta: options.initialize_import_meta,
            dynamic_import: options.dynamic_import.unwrap_or(DynamicImport::Missing),
            evaluate: None,
        };
        Self::register(context, &ctx, shared, slot)
    }

    /// Creates a synthetic module in `context`: it exports `export_names`; evaluating it calls
    /// `evaluate` (with `this` set by [`Module::set_this`], default undefined), which sets the
    /// exports with [`Module::set_export`].
    ///
    /// ```
    /// let rt = jsvm::Runtime::new().unwrap();
    /// rt.with(|ctx| {
    ///     let main = jsvm::ContextHandle::main(&ctx).unwrap();
    ///     let steps = jsvm::rquickjs::Function::new(ctx.clone(), || {}).unwrap();
    ///     let m = jsvm::Module::synthetic(&main, &["x"], steps, Default::default()).unwrap();
    ///     m.instantiate().unwrap();
    ///     m.set_export("x", jsvm::rquickjs::Value::new_int(ctx.clone(), 1)).unwrap();
    ///     m.evaluate(&Default::default()).unwrap();
    ///     m.set_export("x", jsvm::rquickjs::Value::new_int(ctx.clone(), 2)).unwrap();
    ///     assert_eq!(m.namespace().unwrap().get::<_, i32>("x").unwrap(), 2);
    /// });
    /// ```
    pub fn synthetic(
        context: &ContextHandle<'js>,
        export_names: &[&str],
        evaluate: Function<'js>,
        options: SyntheticOptions,
    ) -> Result<Module<'js>> {
        let ctx = context.ctx();
        let sys = ModuleSystem::of(&ctx);
        let ctx_key = ctx.as_raw().as_ptr() as usize;
        let identifier = options
            .identifier
            .clone()
            .unwrap_or_else(default_identifier);
        let name = sys.unique_name(ctx_key, &identifier);
        let cname = CString::new(name.replace('\0', "")).expect("no NUL left");
        let raw = ctx.as_raw().as_ptr();
        let def = unsafe { qjs::JS_NewCModule(raw, cname.as_ptr(), Some(synthetic_init)) };
        if def.is_null() {
            return Err(crate::context::describe_caught(&ctx));
        }
        for n in export_names {
            let c = CString::new(n.replace('\0', "")).expect("no NUL left");
            if unsafe { qjs::JS_AddModuleExport(raw, def, c.as_ptr()) } < 0 {
                return Err(crate::context::describe_caught(&ctx));
            }
        }
        // A module without requests resolves at once: it is then safe from the engine's
        // sweep of unresolved modules.
        unsafe { qjs::JS_ResolveModule(raw, module_value(def)) };
        let shared = Rc::new(ModuleShared {
            ctx: ctx_key,
            name,
            identifier,
            def: Cell::new(def),
            discarded: Cell::new(false),
            kind: Kind::Synthetic {
                exports: export_names.iter().map(|s| s.to_string()).collect(),
            },
            links: RefCell::new(Some(Vec::new())),
            meta_initialized: Cell::new(true),
            stopped: Cell::new(false),
        });
        let slot = ModuleCallbacks {
            import_meta: None,
            dynamic_import: DynamicImport::Missing,
            evaluate: Some(evaluate),
        };
        Self::register(context, &ctx, shared, slot)
    }

    fn register(
        context: &ContextHandle<'js>,
        ctx: &Ctx<'js>,
        shared: Rc<ModuleShared>,
        slot: ModuleCallbacks<'js>,
    ) -> Result<Module<'js>> {
        let sys = ModuleSystem::of(ctx);
        sys.names.borrow_mut().insert(
            (shared.ctx, shared.name.clone()),
            Entry::Library(shared.clone()),
        );
        let record = ModuleRecord {
            shared,
            context: context.clone(),
            links: RefCell::new(Vec::new()),
            slot_init: RefCell::new(Some(slot)),
        };
        let m = Module(Class::instance(context.ctx(), record)?);
        m.attach_slot(ctx)?;
        Ok(m)
    }

    /// Gives the engine's record its slot, once the record exists.
    fn attach_slot(&self, ctx: &Ctx<'js>) -> Result<()> {
        let shared = self.shared();
        let def = shared.def.get();
        if def.is_null() {
            return Ok(());
        }
        let Some(init) = self.0.borrow().slot_init.borrow_mut().take() else {
            return Ok(());
        };
        let slot = ModuleSlot {
            shared,
            callbacks: init,
            this_value: RefCell::new(None),
        };
        let slot = Class::instance(ctx.clone(), slot)?;
        unsafe {
            qjs::JS_SetModulePrivateValue(
                ctx.as_raw().as_ptr(),
                def,
                qjs::JS_DupValue(ctx.as_raw().as_ptr(), slot.as_raw()),
            );
        }
        Ok(())
    }

    /// The modules reachable from this one through the link maps (itself first).
    fn graph(&self) -> Vec<Module<'js>> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut stack = vec![self.clone()];
        while let Some(m) = stack.pop() {
            if !seen.insert(Rc::as_ptr(&m.shared()) as usize) {
                continue;
            }
            stack.extend(m.0.borrow().links.borrow().iter().cloned());
            out.push(m);
        }
        out
    }

    fn shared(&self) -> Rc<ModuleShared> {
        self.0.borrow().shared.clone()
    }

    fn slot(&self) -> Option<Class<'js, ModuleSlot<'js>>> {
        let s = self.shared();
        let def = s.def().ok()?;
        let ctx = self.ctx();
        let v = unsafe {
            Value::from_raw(
                ctx.clone(),
                qjs::JS_GetModulePrivateValue(ctx.as_raw().as_ptr(), def),
            )
        };
        Class::<ModuleSlot>::from_value(&v).ok()
    }

    fn ctx(&self) -> Ctx<'js> {
        self.0.borrow().context.ctx()
    }

    /// The context the module belongs to.
    pub fn context(&self) -> ContextHandle<'js> {
        self.0.borrow().context.clone()
    }
    /// The identifier given at creation (or the default `vm:module(N)`).
    pub fn identifier(&self) -> String {
        self.shared().identifier.clone()
    }
    /// The module's name in the engine (its identifier, made unique in its context).
    pub fn internal_name(&self) -> String {
        self.shared().name.clone()
    }
    /// Whether this is a synthetic module.
    pub fn is_synthetic(&self) -> bool {
        matches!(self.shared().kind, Kind::Synthetic { .. })
    }
    /// The import requests, in source order (empty for synthetic modules).
    pub fn requests(&self) -> Vec<ModuleRequest> {
        self.shared().requests().to_vec()
    }
    /// Whether two handles are the same module.
    pub fn same(&self, other: &Module<'js>) -> bool {
        Rc::ptr_eq(&self.shared(), &other.shared())
    }
    /// The JavaScript object holding the module's record (to keep it from JavaScript).
    pub fn as_object(&self) -> &Object<'js> {
        self.0.as_object().expect("a class instance is an object")
    }
    /// The module handle held by an object from [`Module::as_object`].
    pub fn from_object(object: &Object<'js>) -> Option<Self> {
        Class::<ModuleRecord>::from_object(object).map(Module)
    }

    /// The current status.
    pub fn status(&self) -> ModuleStatus {
        let s = self.shared();
        if s.discarded.get() {
            return ModuleStatus::Errored;
        }
        let def = s.def.get();
        if def.is_null() {
            return ModuleStatus::Unlinked;
        }
        match unsafe { raw_status(def) } {
            S_UNLINKED => ModuleStatus::Unlinked,
            S_LINKING => ModuleStatus::Linking,
            S_LINKED => ModuleStatus::Linked,
            S_EVALUATING => ModuleStatus::Evaluating,
            S_EVALUATING_ASYNC => ModuleStatus::Evaluated,
            S_EVALUATED if unsafe { raw_has_exception(def) } => ModuleStatus::Errored,
            _ => ModuleStatus::Evaluated,
        }
    }

    /// The exception evaluation threw (`None` unless [`ModuleStatus::Errored`]; `Some(null)`
    /// after a timeout or cancellation, as in Node).
    pub fn error(&self) -> Option<Value<'js>> {
        if self.status() != ModuleStatus::Errored {
            return None;
        }
        let s = self.shared();
        let ctx = self.ctx();
        if s.stopped.get() {
            return Some(Value::new_null(ctx));
        }
        let def = s.def().ok()?;
        let v = unsafe { raw_exception(def) };
        Some(unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), v)) })
    }

    /// The module namespace object (after linking).
    pub fn namespace(&self) -> Result<Object<'js>> {
        let s = self.shared();
        let def = s.def()?;
        if unsafe { *(def as *const u8).add(layout::FUNC_CREATED) } == 0 {
            return Err(Error::InvalidArgument("the module is not linked".into()));
        }
        let ctx = self.ctx();
        let v = unsafe {
            Value::from_raw(
                ctx.clone(),
                qjs::JS_GetModuleNamespace(ctx.as_raw().as_ptr(), def),
            )
        };
        if v.is_exception() {
            return Err(crate::context::describe_caught(&ctx));
        }
        v.into_object()
            .ok_or_else(|| Error::InvalidArgument("no namespace".into()))
    }

    /// Links each request (in the order of [`Module::requests`]) to a module. The modules
    /// must belong to this module's context (an error with code `ERR_VM_MODULE_DIFFERENT_CONTEXT` otherwise);
    /// they may be unlinked (link them before [`Module::instantiate`]).
    pub fn link(&self, modules: &[Module<'js>]) -> Result<()> {
        let s = self.shared();
        if s.links.borrow().is_some() && !s.requests().is_empty() {
            return Err(coded(
                "Error",
                "ERR_VM_MODULE_ALREADY_LINKED",
                "Module has already been linked",
            ));
        }
        if modules.len() != s.requests().len() {
            return Err(Error::InvalidArgument(format!(
                "{} modules given for {} requests",
                modules.len(),
                s.requests().len()
            )));
        }
        let context = self.context();
        let mut names = Vec::with_capacity(modules.len());
        for m in modules {
            if !m.context().same(&context) {
                return Err(coded(
                    "Error",
                    "ERR_VM_MODULE_DIFFERENT_CONTEXT",
                    "Linked modules must use the same context",
                ));
            }
            names.push(m.shared().name.clone());
        }
        *s.links.borrow_mut() = Some(names);
        *self.0.borrow().links.borrow_mut() = modules.to_vec();
        Ok(())
    }

    /// Whether [`Module::link`] was called (always true for synthetic modules).
    pub fn is_linked(&self) -> bool {
        self.shared().links.borrow().is_some()
    }

    /// Instantiates the module graph: every module reachable through the link maps must be
    /// linked. Imports are checked and bindings created (a missing export is a SyntaxError,
    /// and the modules go back to unlinked); nothing runs.
    pub fn instantiate(&self) -> Result<()> {
        let s = self.shared();
        if s.discarded.get() {
            s.def()?;
        }
        let def = s.def.get();
        if !def.is_null() && unsafe { raw_status(def) } != S_UNLINKED {
            return Ok(());
        }
        let ctx = self.ctx();
        let sys = ModuleSystem::of(&ctx);
        // Resolution must not fail inside the engine (it would then drop every unresolved
        // module of the context): check the link maps first.
        let graph = self.graph();
        for m in &graph {
            let ms = m.shared();
            if ms.discarded.get() {
                ms.def()?;
            }
            if ms.links.borrow().is_none() {
                return Err(coded(
                    "Error",
                    "ERR_VM_MODULE_LINK_FAILURE",
                    &format!("module '{}' is not linked", ms.identifier),
                ));
            }
        }
        // Compile what is not compiled yet: the root here, its dependencies through the
        // loader as the engine resolves the imports.
        sys.linking.set(sys.linking.get() + 1);
        let r = materialize(&ctx, &s).and_then(|def| {
            let raw = ctx.as_raw().as_ptr();
            if unsafe { qjs::JS_ResolveModule(raw, module_value(def)) } < 0 {
                Err(crate::context::describe_caught(&ctx))
            } else {
                Ok(def)
            }
        });
        sys.linking.set(sys.linking.get() - 1);
        r?;
        for m in &graph {
            m.attach_slot(&ctx)?;
        }
        let probe_name = format!("{PROBE_PREFIX}{}", sys.next_id());
        let probe_src = format!(
            "import {}; import {};\0",
            js_string(STOPPER),
            js_string(&s.name)
        );
        let raw = ctx.as_raw().as_ptr();
        let cname = CString::new(probe_name).expect("no NUL");
        let mut opts = qjs::JSEvalOptions {
            version: 1,
            eval_flags: (qjs::JS_EVAL_TYPE_MODULE | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as c_int,
            filename: cname.as_ptr(),
            line_num: 1,
        };
        let pv = unsafe {
            qjs::JS_Eval2(
                raw,
                probe_src.as_ptr().cast(),
                (probe_src.len() - 1) as _,
                &mut opts,
            )
        };
        if tag_of(pv) != qjs::JS_TAG_MODULE {
            return Err(crate::context::describe_caught(&ctx));
        }
        sys.linking.set(sys.linking.get() + 1);
        let resolved = unsafe { qjs::JS_ResolveModule(raw, pv) };
        let result = if resolved < 0 {
            Err(ctx.catch())
        } else {
            let r = unsafe { qjs::JS_EvalFunction(raw, qjs::JS_DupValue(raw, pv)) };
            let r = unsafe { Value::from_raw(ctx.clone(), r) };
            if r.is_exception() {
                Err(ctx.catch())
            } else {
                // The probe's promise is rejected by the stopper: handle it.
                if let Some(p) = r.as_promise() {
                    let noop = Function::new(ctx.clone(), || {})?;
                    mark_handled(&ctx, p, noop);
                }
                Ok(())
            }
        };
        sys.linking.set(sys.linking.get() - 1);
        match result {
            Ok(()) => Ok(()),
            Err(e) => Err(self.describe_link_error(&ctx, &e)),
        }
    }

    /// A link error in V8's words: `The requested module 'x' does not provide an export
    /// named 'y'`, `x` being the specifier the importing module used.
    fn describe_link_error(&self, ctx: &Ctx<'js>, e: &Value<'js>) -> Error {
        let err = describe_value(ctx, e);
        let s = match &err {
            Error::Thrown(t) if t.name == "SyntaxError" => crate::Thrown {
                name: t.name.clone(),
                message: t.message.clone(),
                stack: None,
                code: None,
            },
            Error::Syntax(s) => crate::Thrown {
                name: "SyntaxError".into(),
                message: s.message.clone(),
                stack: None,
                code: None,
            },
            _ => return err,
        };
        let sys = ModuleSystem::of(ctx);
        let specifier_of = |target: &str| -> String {
            let names = sys.names.borrow();
            for ((c, _), entry) in names.iter() {
                if *c != self.shared().ctx {
                    continue;
                }
                if let Entry::Library(m) = entry {
                    if let Some(links) = m.links.borrow().as_ref() {
                        if let Some(i) = links.iter().position(|l| l == target) {
                            return m.requests()[i].specifier.clone();
                        }
                    }
                }
            }
            target.to_string()
        };
        let parse = |msg: &str, pre: &str, mid: &str| -> Option<(String, String)> {
            let rest = msg.strip_prefix(pre)?;
            let (a, b) = rest.split_once(mid)?;
            Some((a.to_string(), b.strip_suffix('\'')?.to_string()))
        };
        let message = if let Some((export, module)) =
            parse(&s.message, "Could not find export '", "' in module '")
        {
            format!(
                "The requested module '{}' does not provide an export named '{export}'",
                specifier_of(&module)
            )
        } else if let Some((export, module)) = parse(&s.message, "export '", "' in module '")
            .and_then(|(e, m)| m.strip_suffix("' is ambiguous").map(|m| (e, m.to_string())))
        {
            format!(
                "The requested module '{}' contains conflicting star exports for name '{export}'",
                specifier_of(&module)
            )
        } else {
            s.message.clone()
        };
        Error::Thrown(crate::Thrown {
            name: "SyntaxError".into(),
            message,
            stack: None,
            code: None,
        })
    }

    /// Evaluates the module graph (linking it first if needed) and returns the evaluation
    /// promise: it settles when the module and its dependencies have run, top-level awaits
    /// included. A module that throws is [`ModuleStatus::Errored`], and evaluating it again
    /// gives a promise rejected with the same error. The timeout and cancel token cover the
    /// synchronous part; when one fires the module is errored (with a null error, as in Node)
    /// and the call fails with [`Error::Timeout`] / [`Error::Interrupted`].
    pub fn evaluate(&self, options: &EvaluateOptions) -> Result<Promise<'js>> {
        let s = self.shared();
        if s.def.get().is_null() || unsafe { raw_status(s.def()?) } == S_UNLINKED {
            self.instantiate()?;
        }
        let def = s.def()?;
        let ctx = self.ctx();
        self.initialize_import_meta(&ctx)?;
        let state = RuntimeState::of(&ctx);
        let raw = ctx.as_raw().as_ptr();
        // Where this evaluation's jobs start, in `afterEvaluate` mode (see
        // `settle_stopped_jobs`).
        let mark = (self.context().options().microtask_mode
            == crate::context::MicrotaskMode::AfterEvaluate)
            .then(|| crate::context::JobMark::set(&ctx));
        let frame = state
            .interrupts
            .enter(options.timeout_ms, options.cancel.clone());
        let r = unsafe { qjs::JS_EvalFunction(raw, qjs::JS_DupValue(raw, module_value(def))) };
        let r = unsafe { Value::from_raw(ctx.clone(), r) };
        if mark.is_some() && !r.is_exception() && !frame.fired_here() {
            // The context's own jobs (a top-level await's continuation among them), inside
            // the frame as for a script's run: otherwise they wait for the context's next run
            // and the evaluation never settles (Node rejects it when the timeout fires).
            while let Some(res) = crate::jobs::run_own_job(&state, raw) {
                if res < 0 {
                    let err = ctx.catch();
                    if frame.fired_here() || frame.outer_fired() {
                        drop(err);
                        break;
                    }
                }
            }
        }
        if let Some(stop) = frame.take_stop() {
            drop(frame);
            let failure = self.stopped(&ctx, &r, stop);
            if let Some(mark) = mark {
                crate::context::settle_stopped_jobs(&ctx, &state.interrupts, mark);
            }
            return Err(failure);
        }
        if r.is_exception() {
            return Err(crate::context::describe_caught(&ctx));
        }
        r.into_promise()
            .ok_or_else(|| Error::InvalidArgument("module evaluation gave no promise".into()))
    }

    /// An evaluation stopped by its limit: the error, with the engine's state cleaned up.
    fn stopped(&self, ctx: &Ctx<'js>, r: &Value<'js>, stop: crate::interrupt::Stop) -> Error {
        unsafe { qjs::JS_ResetUncatchableError(ctx.as_raw().as_ptr()) };
        if r.is_exception() {
            let _ = ctx.catch();
        }
        // The promise was rejected with the interruption: mark it handled.
        if let Some(p) = r.as_promise() {
            if let Ok(noop) = Function::new(ctx.clone(), || {}) {
                mark_handled(ctx, p, noop);
            }
        }
        self.mark_stopped(ctx);
        match stop {
            crate::interrupt::Stop::Timeout(ms) => Error::Timeout { ms },
            crate::interrupt::Stop::Cancelled => Error::Interrupted,
        }
    }

    /// After an interruption, every module of the graph the interruption errored reports a
    /// null error.
    fn mark_stopped(&self, ctx: &Ctx<'js>) {
        let sys = ModuleSystem::of(ctx);
        let mut seen = HashSet::new();
        let mut stack = vec![self.shared()];
        while let Some(m) = stack.pop() {
            if !seen.insert(m.name.clone()) {
                continue;
            }
            if let Ok(def) = m.def() {
                if unsafe { raw_status(def) == S_EVALUATED && raw_has_exception(def) } {
                    m.stopped.set(true);
                }
            }
            if let Some(links) = m.links.borrow().as_ref() {
                for l in links {
                    if let Some(d) = sys.library(m.ctx, l) {
                        stack.push(d);
                    }
                }
            }
        }
    }

    /// Runs the `import.meta` initializers of the graph's modules that use `import.meta`,
    /// once, before their code runs.
    fn initialize_import_meta(&self, ctx: &Ctx<'js>) -> Result<()> {
        let sys = ModuleSystem::of(ctx);
        let mut seen = HashSet::new();
        let mut stack = vec![self.shared()];
        let mut todo = Vec::new();
        while let Some(m) = stack.pop() {
            if !seen.insert(m.name.clone()) {
                continue;
            }
            if let Kind::Source {
                uses_import_meta: true,
                ..
            } = m.kind
            {
                if !m.meta_initialized.get() {
                    todo.push(m.clone());
                }
            }
            if let Some(links) = m.links.borrow().as_ref() {
                for l in links {
                    if let Some(d) = sys.library(m.ctx, l) {
                        stack.push(d);
                    }
                }
            }
        }
        for m in todo {
            m.meta_initialized.set(true);
            let def = m.def()?;
            let v = unsafe {
                Value::from_raw(
                    ctx.clone(),
                    qjs::JS_GetModulePrivateValue(ctx.as_raw().as_ptr(), def),
                )
            };
            let Ok(slot) = Class::<ModuleSlot>::from_value(&v) else {
                continue;
            };
            let Some(init) = slot.borrow().callbacks.import_meta.clone() else {
                continue;
            };
            let meta = unsafe {
                Value::from_raw(
                    ctx.clone(),
                    qjs::JS_GetImportMeta(ctx.as_raw().as_ptr(), def),
                )
            };
            if meta.is_exception() {
                return Err(crate::context::describe_caught(ctx));
            }
            init.call::<_, ()>((meta,))
                .map_err(|_| crate::context::describe_caught(ctx))?;
        }
        Ok(())
    }

    /// Sets an export of a synthetic module (after instantiation); the new value is seen
    /// through every import of it (live binding).
    pub fn set_export(&self, name: &str, value: Value<'js>) -> Result<()> {
        let s = self.shared();
        let Kind::Synthetic { exports } = &s.kind else {
            return Err(Error::InvalidArgument("not a synthetic module".into()));
        };
        if !exports.iter().any(|e| e == name) {
            return Err(Error::Thrown(crate::Thrown {
                name: "ReferenceError".into(),
                message: format!("Export '{name}' is not defined in module"),
                stack: None,
                code: None,
            }));
        }
        let def = s.def()?;
        if unsafe { *(def as *const u8).add(layout::FUNC_CREATED) } == 0 {
            return Err(coded(
                "Error",
                "ERR_VM_MODULE_STATUS",
                "Module status must be linked",
            ));
        }
        let ctx = self.ctx();
        let c = CString::new(name.replace('\0', "")).expect("no NUL left");
        let raw = ctx.as_raw().as_ptr();
        let r = unsafe {
            qjs::JS_SetModuleExport(raw, def, c.as_ptr(), qjs::JS_DupValue(raw, value.as_raw()))
        };
        if r < 0 {
            return Err(crate::context::describe_caught(&ctx));
        }
        Ok(())
    }

    /// The `this` value the evaluation steps of a synthetic module are called with.
    pub fn set_this(&self, value: Value<'js>) {
        if let Some(slot) = self.slot() {
            *slot.borrow().this_value.borrow_mut() = Some(value);
        }
    }

    /// Cached data for this source text module (its bytecode behind the library's header,
    /// tagged with the runtime's cached data key if it has one); give it to
    /// [`SourceTextOptions::cached_data`] with the same source to skip parsing.
    pub fn cached_data(&self) -> Result<Vec<u8>> {
        let s = self.shared();
        let Kind::Source {
            source, bytecode, ..
        } = &s.kind
        else {
            return Err(Error::InvalidArgument("not a source text module".into()));
        };
        // A module with imports has no bytecode before it is linked (QuickJS resolves
        // imports while compiling): its data then only names the source, and the module
        // given it compiles from source.
        let bytes = bytecode.borrow().clone().unwrap_or_default();
        let mut payload = Vec::with_capacity(bytes.len() + s.name.len() + 4);
        payload.extend_from_slice(&(s.name.len() as u32).to_le_bytes());
        payload.extend_from_slice(s.name.as_bytes());
        payload.extend_from_slice(&bytes);
        let state = crate::runtime::RuntimeState::of(&self.ctx());
        Ok(cached_data::encode(
            cached_data::source_hash("", source),
            &payload,
            state.cached_data_key.as_ref(),
        ))
    }
}

impl<'js> rquickjs::IntoJs<'js> for Module<'js> {
    fn into_js(self, _ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        Ok(self.0.into_value())
    }
}

/// A thrown error of class `name` with Node's `code`.
fn coded(name: &str, code: &str, message: &str) -> Error {
    Error::Thrown(crate::Thrown {
        name: name.into(),
        message: message.into(),
        stack: None,
        code: Some(code.into()),
    })
}

fn default_identifier() -> String {
    let n = NEXT_DEFAULT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("vm:module({n})")
}

fn payload_for_name<'a>(payload: &'a [u8], name: &str) -> Option<&'a [u8]> {
    let len = u32::from_le_bytes(payload.get(..4)?.try_into().ok()?) as usize;
    let stored = payload.get(4..4 + len)?;
    if stored != name.as_bytes() {
        return None;
    }
    Some(&payload[4 + len..])
}

fn js_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Makes the engine's record of a module if it has none yet: reads accepted cached data, or
/// compiles the source (which resolves its imports: call with the link maps in place).
fn materialize(ctx: &Ctx<'_>, shared: &ModuleShared) -> Result<*mut qjs::JSModuleDef> {
    if shared.discarded.get() {
        return shared.def();
    }
    let d = shared.def.get();
    if !d.is_null() {
        return Ok(d);
    }
    let Kind::Source {
        cached, bytecode, ..
    } = &shared.kind
    else {
        return shared.def();
    };
    let mut def: *mut qjs::JSModuleDef = std::ptr::null_mut();
    let payload = cached.borrow_mut().take();
    if let Some(payload) = &payload {
        // The payload starts with the name the bytecode carries: usable only under it.
        if let Some(bytes) = payload_for_name(payload, &shared.name).filter(|b| !b.is_empty()) {
            let v = unsafe {
                qjs::JS_ReadObject(
                    ctx.as_raw().as_ptr(),
                    bytes.as_ptr(),
                    bytes.len() as _,
                    qjs::JS_READ_OBJ_BYTECODE as c_int,
                )
            };
            if tag_of(v) == qjs::JS_TAG_MODULE {
                def = ptr_of(v).cast();
                *bytecode.borrow_mut() = Some(bytes.to_vec());
            } else if tag_of(v) == qjs::JS_TAG_EXCEPTION {
                let _ = ctx.catch();
            }
        }
    }
    if def.is_null() {
        def = compile_source(ctx, shared)?;
        *bytecode.borrow_mut() = write_module(ctx, def).ok();
    }
    check_layout(ctx, def);
    shared.def.set(def);
    Ok(def)
}

/// Compiles a source text module (QuickJS resolves its imports as part of this).
fn compile_source(ctx: &Ctx<'_>, shared: &ModuleShared) -> Result<*mut qjs::JSModuleDef> {
    let Kind::Source {
        source,
        compiled,
        line_num,
        line_offset,
        column_offset,
        ..
    } = &shared.kind
    else {
        return shared.def();
    };
    let name = &shared.name;
    let cname = CString::new(name.replace('\0', "")).expect("no NUL left");
    let mut opts = qjs::JSEvalOptions {
        version: 1,
        eval_flags: (qjs::JS_EVAL_TYPE_MODULE | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as c_int,
        filename: cname.as_ptr(),
        line_num: *line_num,
    };
    let v = unsafe {
        qjs::JS_Eval2(
            ctx.as_raw().as_ptr(),
            compiled.as_ptr().cast(),
            (compiled.len() - 1) as _,
            &mut opts,
        )
    };
    if tag_of(v) == qjs::JS_TAG_MODULE {
        // The returned reference is kept: a module's count must never reach zero.
        return Ok(ptr_of(v).cast());
    }
    let thrown = ctx.catch();
    match describe_value(ctx, &thrown) {
        Error::Syntax(s) => Err(Error::Syntax(crate::script::locate_syntax_error(
            s,
            source,
            name,
            *line_offset,
            *column_offset,
        ))),
        other => Err(other),
    }
}

fn write_module(ctx: &Ctx<'_>, def: *mut qjs::JSModuleDef) -> Result<Vec<u8>> {
    crate::script::write_object(ctx, module_value(def))
}

struct Scan {
    requests: Vec<ModuleRequest>,
    uses_import_meta: bool,
}

/// The import requests of a module (QuickJS has no API listing them), and whether it uses
/// `import.meta`. A source that does not parse gives nothing (the engine reports the error).
fn scan_module(source: &str) -> Scan {
    let allocator = Allocator::default();
    let ret = oxc_parser::Parser::new(&allocator, source, SourceType::mjs()).parse();
    let mut requests: Vec<ModuleRequest> = Vec::new();
    let attrs = |w: &Option<oxc_allocator::Box<'_, WithClause<'_>>>| -> Vec<(String, String)> {
        let Some(w) = w else { return Vec::new() };
        w.with_entries
            .iter()
            .map(|a| {
                let key = match &a.key {
                    ImportAttributeKey::Identifier(i) => i.name.as_str().to_string(),
                    ImportAttributeKey::StringLiteral(s) => s.value.as_str().to_string(),
                };
                (key, a.value.value.as_str().to_string())
            })
            .collect()
    };
    for stmt in &ret.program.body {
        let Some(decl) = stmt.as_module_declaration() else {
            continue;
        };
        let (spec, attributes) = match decl {
            ModuleDeclaration::ImportDeclaration(d) => {
                (d.source.value.as_str(), attrs(&d.with_clause))
            }
            ModuleDeclaration::ExportAllDeclaration(d) => {
                (d.source.value.as_str(), attrs(&d.with_clause))
            }
            ModuleDeclaration::ExportFromDeclaration(d) => {
                (d.source.value.as_str(), attrs(&d.with_clause))
            }
            _ => continue,
        };
        let req = ModuleRequest {
            specifier: spec.to_string(),
            attributes,
        };
        let same = |a: &ModuleRequest| {
            a.specifier == req.specifier && {
                let mut x = a.attributes.clone();
                let mut y = req.attributes.clone();
                x.sort();
                y.sort();
                x == y
            }
        };
        if !requests.iter().any(same) {
            requests.push(req);
        }
    }
    Scan {
        requests,
        uses_import_meta: !ret.module_record.import_metas.is_empty(),
    }
}

// ---- the engine's callbacks -----------------------------------------------------------------------

fn attributes_of<'js>(ctx: &Ctx<'js>, attributes: qjs::JSValue) -> Vec<(String, String)> {
    let v = unsafe {
        Value::from_raw(
            ctx.clone(),
            qjs::JS_DupValue(ctx.as_raw().as_ptr(), attributes),
        )
    };
    let Some(o) = v.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for k in o.keys::<String>().flatten() {
        if let Ok(val) = o.get::<_, String>(k.as_str()) {
            out.push((k, val));
        }
    }
    out
}

fn attributes_object<'js>(
    ctx: &Ctx<'js>,
    attributes: &[(String, String)],
) -> rquickjs::Result<Object<'js>> {
    let o = unsafe {
        let raw = qjs::JS_NewObjectProto(ctx.as_raw().as_ptr(), qjs::JS_NULL);
        Value::from_raw(ctx.clone(), raw)
    };
    let o = o.into_object().ok_or(rquickjs::Error::Exception)?;
    for (k, v) in attributes {
        o.set(k.as_str(), v.as_str())?;
    }
    Ok(o)
}

/// Attaches a handler that ignores the rejection (the promise is the library's own).
fn mark_handled<'js>(ctx: &Ctx<'js>, p: &Promise<'js>, handler: Function<'js>) {
    let r = (|| -> rquickjs::Result<()> {
        let catch: Function = p.get("catch")?;
        catch.call::<_, Value>((rquickjs::function::This(p.clone()), handler))?;
        Ok(())
    })();
    if r.is_err() {
        let _ = ctx.catch();
    }
}

/// Throws an rquickjs error that is not a pending exception, as an Error.
/// Reports a failure to the engine as a pending exception, unless one is pending already.
fn throw_rust_error(ctx: &Ctx<'_>, e: &rquickjs::Error) {
    if matches!(e, rquickjs::Error::Exception) || ctx.has_exception() {
        return;
    }
    let _ = rquickjs::Exception::throw_message(ctx, &e.to_string());
}

fn same_attributes(a: &[(String, String)], b: &[(String, String)]) -> bool {
    let mut x = a.to_vec();
    let mut y = b.to_vec();
    x.sort();
    y.sort();
    x == y
}

fn throw_coded<'js>(
    ctx: &Ctx<'js>,
    ctor: &str,
    message: &str,
    code: Option<&str>,
) -> rquickjs::Error {
    let make = || -> rquickjs::Result<Value<'js>> {
        let c: rquickjs::Constructor = ctx.globals().get(ctor)?;
        let e: Object = c.construct((message,))?;
        if let Some(code) = code {
            e.set("code", code)?;
        }
        Ok(e.into_value())
    };
    match make() {
        Ok(v) => ctx.throw(v),
        Err(e) => e,
    }
}

unsafe extern "C" fn normalize_raw(
    ctx: *mut qjs::JSContext,
    base: *const c_char,
    name: *const c_char,
    attributes: qjs::JSValue,
    _opaque: *mut std::ffi::c_void,
) -> *mut c_char {
    let ctx = Ctx::from_raw(std::ptr::NonNull::new_unchecked(ctx));
    let base = CStr::from_ptr(base).to_string_lossy().into_owned();
    let name = CStr::from_ptr(name).to_string_lossy().into_owned();
    match normalize(&ctx, &base, &name, attributes) {
        Ok(s) => qjs::js_strndup(ctx.as_raw().as_ptr(), s.as_ptr().cast(), s.len() as _),
        Err(e) => {
            throw_rust_error(&ctx, &e);
            std::ptr::null_mut()
        }
    }
}

fn normalize<'js>(
    ctx: &Ctx<'js>,
    base: &str,
    name: &str,
    attributes: qjs::JSValue,
) -> rquickjs::Result<String> {
    let sys = ModuleSystem::of(ctx);
    let key = ctx.as_raw().as_ptr() as usize;
    let answer = |kind| dynamic(ctx, &sys, base, name, attributes, kind);
    if sys.checking.get() > 0 {
        return Err(throw_coded(ctx, "Error", CHECK_STOP, None));
    }
    if base.starts_with(PROBE_PREFIX) {
        return Ok(name.to_string());
    }
    if let Some(m) = sys.library(key, base) {
        if sys.linking.get() > 0 {
            let attrs = attributes_of(ctx, attributes);
            let links = m.links.borrow();
            if let Some(links) = links.as_ref() {
                for (i, r) in m.requests().iter().enumerate() {
                    if r.specifier == name && same_attributes(&r.attributes, &attrs) {
                        return Ok(links[i].clone());
                    }
                }
            }
            return Err(throw_coded(
                ctx,
                "Error",
                &format!("request for '{name}' is not in the module's link map"),
                Some("ERR_VM_MODULE_LINK_FAILURE"),
            ));
        }
        // import() from a library module: its own callback.
        let def = m.def.get();
        if def.is_null() {
            return answer(DynamicImportKind::Missing);
        }
        let v = unsafe {
            Value::from_raw(
                ctx.clone(),
                qjs::JS_GetModulePrivateValue(ctx.as_raw().as_ptr(), def),
            )
        };
        let handler = Class::<ModuleSlot>::from_value(&v)
            .map(|s| s.borrow().callbacks.dynamic_import.clone())
            .unwrap_or(DynamicImport::Missing);
        return answer(handler.into());
    }
    let script = sys.scripts.borrow().get(base).copied();
    match script {
        Some(ScriptImport::Missing) => return answer(DynamicImportKind::Missing),
        Some(ScriptImport::Host) => return answer(DynamicImportKind::Host),
        Some(ScriptImport::Callback) => {
            let map = sys.callbacks.clone().restore(ctx)?;
            let get: Function = map.get("get")?;
            let f: Value = get.call((rquickjs::function::This(map), base))?;
            return match f.into_function() {
                Some(f) => answer(DynamicImportKind::Callback(f)),
                None => answer(DynamicImportKind::Missing),
            };
        }
        None => {}
    }
    // The context's default (createContext's importModuleDynamically).
    if key != sys.main_ctx {
        let map = sys.context_defaults.clone().restore(ctx)?;
        let get: Function = map.get("get")?;
        let v: Value = get.call((rquickjs::function::This(map), ctx.globals()))?;
        if let Some(f) = v.clone().into_function() {
            return answer(DynamicImportKind::Callback(f));
        }
        if v.as_bool() == Some(true) {
            return answer(DynamicImportKind::Host);
        }
        // Code of a context with no callback of its own (eval'd code, say): Node's vm never
        // falls back to the host loader there.
        return answer(DynamicImportKind::Missing);
    }
    host_resolve(ctx, &sys, base, name)
}

enum DynamicImportKind<'js> {
    Missing,
    Host,
    Callback(Function<'js>),
}

impl<'js> From<DynamicImport<'js>> for DynamicImportKind<'js> {
    fn from(d: DynamicImport<'js>) -> Self {
        match d {
            DynamicImport::Missing => DynamicImportKind::Missing,
            DynamicImport::Host => DynamicImportKind::Host,
            DynamicImport::Callback(f) => DynamicImportKind::Callback(f),
        }
    }
}

fn host_resolve<'js>(
    ctx: &Ctx<'js>,
    sys: &ModuleSystem,
    base: &str,
    name: &str,
) -> rquickjs::Result<String> {
    let host = sys.host.get();
    if host.is_null() {
        return Err(throw_coded(
            ctx,
            "Error",
            &format!(
                "Cannot find module '{name}' imported from {}",
                display_filename(base)
            ),
            Some("ERR_MODULE_NOT_FOUND"),
        ));
    }
    let resolver = unsafe { &mut (*host).0 };
    resolver.resolve(ctx, display_filename(base), name, None)
}

/// `import()` answered by `handler`: a shim module whose `then` gives the answer.
fn dynamic<'js>(
    ctx: &Ctx<'js>,
    sys: &ModuleSystem,
    base: &str,
    name: &str,
    attributes: qjs::JSValue,
    handler: DynamicImportKind<'js>,
) -> rquickjs::Result<String> {
    let key = ctx.as_raw().as_ptr() as usize;
    let value: Value<'js> = match handler {
        DynamicImportKind::Missing => {
            // The host's error only for the host's own code: one made there would hand code
            // of another context the host's realm (`e.constructor.constructor`), which Node
            // does.
            let factory = sys.missing_error.borrow().clone();
            if let Some(f) = factory.filter(|_| key == sys.main_ctx) {
                let e: Value = f.restore(ctx)?.call(())?;
                return Err(ctx.throw(e));
            }
            if key != sys.main_ctx {
                const CODE: &str = "ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING";
                const MESSAGE: &str = "A dynamic import callback was not specified.";
                let e = crate::made_error::make(
                    ctx,
                    crate::made_error::Kind::TypeError,
                    MESSAGE,
                    Some(CODE),
                    Some(&format!("TypeError [{CODE}]: {MESSAGE}")),
                )?;
                return Err(ctx.throw(e));
            }
            return Err(throw_coded(
                ctx,
                "TypeError",
                "A dynamic import callback was not specified.",
                Some("ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING"),
            ));
        }
        DynamicImportKind::Host if key == sys.main_ctx => {
            return host_resolve(ctx, sys, base, name);
        }
        DynamicImportKind::Host => {
            // Load in the main context, as Node's default loader does.
            let main = ContextHandle::main(ctx).map_err(|e| crate::throw_error(ctx, &e))?;
            let mctx = main.ctx();
            let b = CString::new(display_filename(base).replace('\0', "")).expect("no NUL");
            let n = CString::new(name.replace('\0', "")).expect("no NUL");
            let p = unsafe { qjs::JS_LoadModule(mctx.as_raw().as_ptr(), b.as_ptr(), n.as_ptr()) };
            let p = unsafe { Value::from_raw(mctx.clone(), p) };
            if p.is_exception() {
                return Err(rquickjs::Error::Exception);
            }
            p
        }
        DynamicImportKind::Callback(f) => {
            let attrs = attributes_of(ctx, attributes);
            let obj = attributes_object(ctx, &attrs)?;
            f.call::<_, Value>((name, obj))?
        }
    };
    let mut shims = sys.shims.borrow_mut();
    let mut k = 0u32;
    while shims.contains_key(&(key, k)) {
        k += 1;
    }
    shims.insert((key, k), Persistent::save(ctx, value));
    Ok(format!("{SHIM_PREFIX}{k}"))
}

unsafe extern "C" fn load_raw(
    ctx: *mut qjs::JSContext,
    name: *const c_char,
    _opaque: *mut std::ffi::c_void,
    attributes: qjs::JSValue,
) -> *mut qjs::JSModuleDef {
    let ctx = Ctx::from_raw(std::ptr::NonNull::new_unchecked(ctx));
    let name = CStr::from_ptr(name).to_string_lossy().into_owned();
    match load(&ctx, &name, attributes) {
        Ok(m) => m,
        Err(e) => {
            throw_rust_error(&ctx, &e);
            std::ptr::null_mut()
        }
    }
}

fn load<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    _attributes: qjs::JSValue,
) -> rquickjs::Result<*mut qjs::JSModuleDef> {
    let sys = ModuleSystem::of(ctx);
    let key = ctx.as_raw().as_ptr() as usize;
    let raw = ctx.as_raw().as_ptr();
    if let Some(m) = sys.library(key, name) {
        // Not compiled yet (a dependency being linked), or found by name but requested
        // with other attributes.
        return materialize(ctx, &m).map_err(|e| crate::throw_error(ctx, &e));
    }
    if name == STOPPER {
        let c = CString::new(STOPPER).expect("no NUL");
        let def = unsafe { qjs::JS_NewCModule(raw, c.as_ptr(), Some(stopper_init)) };
        return if def.is_null() {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(def)
        };
    }
    if let Some(k) = name
        .strip_prefix(SHIM_PREFIX)
        .and_then(|k| k.parse::<u32>().ok())
    {
        let c = CString::new(name).expect("no NUL");
        let def = unsafe { qjs::JS_NewCModule(raw, c.as_ptr(), Some(shim_init)) };
        if def.is_null() {
            return Err(rquickjs::Error::Exception);
        }
        let t = CString::new("then").expect("no NUL");
        if unsafe { qjs::JS_AddModuleExport(raw, def, t.as_ptr()) } < 0 {
            return Err(rquickjs::Error::Exception);
        }
        let _ = k;
        return Ok(def);
    }
    let host = sys.host.get();
    if host.is_null() {
        return Err(throw_coded(
            ctx,
            "Error",
            &format!("Cannot find module '{name}'"),
            Some("ERR_MODULE_NOT_FOUND"),
        ));
    }
    let loader = unsafe { &mut (*host).1 };
    let module = loader.load(ctx, name, None)?;
    let def = declared_ptr(&module)?;
    sys.names
        .borrow_mut()
        .insert((key, name.to_string()), Entry::Host);
    Ok(def)
}

/// The engine record of a module made by rquickjs (which keeps its pointer private): read
/// from its `Debug` form (`Module { ptr: 0x..., .. }`).
fn declared_ptr(
    m: &rquickjs::Module<'_, rquickjs::module::Declared>,
) -> rquickjs::Result<*mut qjs::JSModuleDef> {
    let text = format!("{m:?}");
    let hex = text
        .split("ptr: ")
        .nth(1)
        .and_then(|r| r.strip_prefix("0x"))
        .map(|r| {
            r.chars()
                .take_while(|c| c.is_ascii_hexdigit())
                .collect::<String>()
        })
        .and_then(|h| usize::from_str_radix(&h, 16).ok());
    match hex {
        Some(p) if p != 0 => Ok(p as *mut qjs::JSModuleDef),
        _ => Err(rquickjs::Error::new_loading("the host loader's module")),
    }
}

unsafe extern "C" fn stopper_init(ctx: *mut qjs::JSContext, _m: *mut qjs::JSModuleDef) -> c_int {
    let ctx = Ctx::from_raw(std::ptr::NonNull::new_unchecked(ctx));
    let _ = throw_coded(&ctx, "Error", "jsvm link probe", None);
    -1
}

unsafe extern "C" fn shim_init(ctx: *mut qjs::JSContext, m: *mut qjs::JSModuleDef) -> c_int {
    let ctx = Ctx::from_raw(std::ptr::NonNull::new_unchecked(ctx));
    let raw = ctx.as_raw().as_ptr();
    let atom = qjs::JS_GetModuleName(raw, m);
    let name_ptr = qjs::JS_AtomToCStringLen(raw, std::ptr::null_mut(), atom);
    qjs::JS_FreeAtom(raw, atom);
    if name_ptr.is_null() {
        return -1;
    }
    let name = CStr::from_ptr(name_ptr).to_string_lossy().into_owned();
    qjs::JS_FreeCString(raw, name_ptr);
    let Some(k) = name
        .strip_prefix(SHIM_PREFIX)
        .and_then(|k| k.parse::<u32>().ok())
    else {
        return -1;
    };
    let key = raw as usize;
    let then = make_then(&ctx, key, k);
    let Ok(then) = then else { return -1 };
    let t = CString::new("then").expect("no NUL");
    if qjs::JS_SetModuleExport(raw, m, t.as_ptr(), qjs::JS_DupValue(raw, then.as_raw())) < 0 {
        return -1;
    }
    0
}

/// The `then` export of shim `k`: settles `import()` with the pending answer.
fn make_then<'js>(ctx: &Ctx<'js>, key: usize, k: u32) -> rquickjs::Result<Function<'js>> {
    Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              resolve: Function<'js>,
              reject: rquickjs::function::Opt<Function<'js>>|
              -> rquickjs::Result<()> {
            let sys = ModuleSystem::of(&ctx);
            let pending = sys.shims.borrow_mut().remove(&(key, k));
            match pending {
                Some(p) => {
                    let v = p.restore(&ctx)?;
                    resolve.call::<_, ()>((v,))
                }
                None => {
                    let e =
                        rquickjs::Exception::from_message(ctx.clone(), "import() answer missing")?;
                    match reject.0 {
                        Some(r) => r.call::<_, ()>((e,)),
                        None => Ok(()),
                    }
                }
            }
        },
    )
}

unsafe extern "C" fn synthetic_init(ctx: *mut qjs::JSContext, m: *mut qjs::JSModuleDef) -> c_int {
    let ctx = Ctx::from_raw(std::ptr::NonNull::new_unchecked(ctx));
    let raw = ctx.as_raw().as_ptr();
    let v = Value::from_raw(ctx.clone(), qjs::JS_GetModulePrivateValue(raw, m));
    let Ok(slot) = Class::<ModuleSlot>::from_value(&v) else {
        return 0;
    };
    let (f, this) = {
        let s = slot.borrow();
        let this = s.this_value.borrow().clone();
        (s.callbacks.evaluate.clone(), this)
    };
    let Some(f) = f else { return 0 };
    let this = this.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
    match f.call::<_, Value>((rquickjs::function::This(this),)) {
        Ok(_) => 0,
        Err(_) => -1,
    }
}
