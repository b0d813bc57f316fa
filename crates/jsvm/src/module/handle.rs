//! The [`Module`] handle: making source text and synthetic modules, and reading them.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::ffi::CString;
use std::rc::Rc;

use rquickjs::{qjs, Class, Ctx, Function, Object, Value};

use crate::cached_data;
use crate::context::ContextHandle;
use crate::error::{Error, Result};

use super::compile::{compile_source, materialize, scan_module};
use super::errors::coded;
use super::raw_record::{
    layout, module_value, raw_exception, raw_has_exception, raw_status, S_EVALUATED, S_EVALUATING,
    S_EVALUATING_ASYNC, S_LINKED, S_LINKING, S_UNLINKED,
};
use super::record::{
    DynamicImport, Kind, Module, ModuleCallbacks, ModuleRecord, ModuleRequest, ModuleShared,
    ModuleStatus,
};
use super::synthetic::synthetic_init;
use super::system::{Entry, ModuleSlot, ModuleSystem, CHECK_STOP};

/// Options of [`Module::source_text`].
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
///     let options = jsvm::engine::SourceTextOptions {
///         identifier: Some("tenant.mjs".into()),
///         line_offset: 10,
///         ..Default::default()
///     };
///     let m = jsvm::engine::Module::source_text(&main, "export default 1", options).unwrap();
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
/// rt.with_ctx(|ctx| {
///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
///     let steps = jsvm::engine::rquickjs::Function::new(ctx.clone(), || {}).unwrap();
///     let options = jsvm::engine::SyntheticOptions { identifier: Some("host:config".into()) };
///     let m = jsvm::engine::Module::synthetic(&main, &["port"], steps, options).unwrap();
///     assert_eq!(m.identifier(), "host:config");
///     assert!(m.is_synthetic());
/// });
/// ```
#[derive(Clone, Default)]
pub struct SyntheticOptions {
    /// The identifier (default `vm:module(N)`).
    pub identifier: Option<String>,
}

pub(super) static NEXT_DEFAULT_ID: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(0);

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
        let scan = scan_module(source).ok_or(Error::StackOverflow)?;
        let name = sys.unique_name(ctx_key, &identifier);
        let (compiled, line_num) =
            crate::script::prepare_source(source, options.line_offset, options.column_offset);
        let hash = cached_data::source_hash("", source);
        let mut from_cache = None;
        if let Some(data) = &options.cached_data {
            let state = crate::runtime::state::RuntimeState::of(&ctx);
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
        crate::runtime::state::RuntimeState::of(&ctx).remember_source(
            &name,
            crate::source_lines::SourceLines::new(std::sync::Arc::new(compiled.clone()), line_num),
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
    /// rt.with_ctx(|ctx| {
    ///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
    ///     let steps = jsvm::engine::rquickjs::Function::new(ctx.clone(), || {}).unwrap();
    ///     let m = jsvm::engine::Module::synthetic(&main, &["x"], steps, Default::default()).unwrap();
    ///     m.instantiate().unwrap();
    ///     m.set_export("x", jsvm::engine::rquickjs::Value::new_int(ctx.clone(), 1)).unwrap();
    ///     m.evaluate(&Default::default()).unwrap();
    ///     m.set_export("x", jsvm::engine::rquickjs::Value::new_int(ctx.clone(), 2)).unwrap();
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
            return Err(crate::exception::describe_caught(&ctx));
        }
        for n in export_names {
            let c = CString::new(n.replace('\0', "")).expect("no NUL left");
            if unsafe { qjs::JS_AddModuleExport(raw, def, c.as_ptr()) } < 0 {
                return Err(crate::exception::describe_caught(&ctx));
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
    pub(super) fn register(
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
    pub(super) fn attach_slot(&self, ctx: &Ctx<'js>) -> Result<()> {
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
    pub(super) fn graph(&self) -> Vec<Module<'js>> {
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
    pub(super) fn shared(&self) -> Rc<ModuleShared> {
        self.0.borrow().shared.clone()
    }
    pub(super) fn slot(&self) -> Option<Class<'js, ModuleSlot<'js>>> {
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
    pub(super) fn ctx(&self) -> Ctx<'js> {
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
            return Err(crate::exception::describe_caught(&ctx));
        }
        v.into_object()
            .ok_or_else(|| Error::InvalidArgument("no namespace".into()))
    }
}

pub(super) fn default_identifier() -> String {
    let n = NEXT_DEFAULT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("vm:module({n})")
}
