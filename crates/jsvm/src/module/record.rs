//! The library's record of a module (what it was made from, its links, its engine record, its
//! callbacks) and the module's status and requests as Node reports them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rquickjs::class::{Trace, Tracer};
use rquickjs::{qjs, Class, Ctx, Function, Value};

use crate::context::ContextHandle;
use crate::error::{Error, Result};

use super::errors::coded;

/// A module's state, as Node's `module.status`.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
///     let m = jsvm::engine::Module::source_text(&main, "throw new Error('boom')", Default::default()).unwrap();
///     assert_eq!(m.status(), jsvm::engine::ModuleStatus::Unlinked);
///     m.link(&[]).unwrap();
///     m.instantiate().unwrap();
///     assert_eq!(m.status().as_str(), "linked");
///     let _ = m.evaluate(&Default::default());
///     assert_eq!(m.status(), jsvm::engine::ModuleStatus::Errored);
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
/// rt.with_ctx(|ctx| {
///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
///     let source = "import data from './d.json' with { type: 'json' }; import './b.js';";
///     let m = jsvm::engine::Module::source_text(&main, source, Default::default()).unwrap();
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

pub(super) enum Kind {
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
pub(super) struct ModuleShared {
    pub(super) ctx: usize,
    pub(super) name: String,
    pub(super) identifier: String,
    /// The engine's record; null until the module is compiled (modules with imports compile
    /// when linked) and once the engine freed it.
    pub(super) def: Cell<*mut qjs::JSModuleDef>,
    /// The engine freed the record (see [`ModuleSlot`]).
    pub(super) discarded: Cell<bool>,
    pub(super) kind: Kind,
    /// For each request (in order), the internal name of the linked module.
    pub(super) links: RefCell<Option<Vec<String>>>,
    pub(super) meta_initialized: Cell<bool>,
    /// The evaluation was stopped by a timeout or cancellation (Node then reports `error` as
    /// null).
    pub(super) stopped: Cell<bool>,
}

impl ModuleShared {
    pub(super) fn def(&self) -> Result<*mut qjs::JSModuleDef> {
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
    pub(super) fn requests(&self) -> &[ModuleRequest] {
        match &self.kind {
            Kind::Source { requests, .. } => requests,
            Kind::Synthetic { .. } => &[],
        }
    }
}

/// A module's callbacks, kept by its record until the engine has made the module, then by its
/// [`ModuleSlot`].
pub(super) struct ModuleCallbacks<'js> {
    pub(super) import_meta: Option<Function<'js>>,
    pub(super) dynamic_import: DynamicImport<'js>,
    /// Synthetic modules: the evaluation steps, called with the slot's `this_value`.
    pub(super) evaluate: Option<Function<'js>>,
}

impl<'js> ModuleCallbacks<'js> {
    pub(super) fn trace<'a>(&self, tracer: Tracer<'a, 'js>) {
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
/// rt.with_ctx(|ctx| {
///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
///     let m = jsvm::engine::Module::source_text(&main, "export default 1", Default::default()).unwrap();
///     // A module is a JavaScript object holding its record: it can be kept in JavaScript values
///     // and found again.
///     let again = jsvm::engine::Module::from_object(m.as_object()).unwrap();
///     assert!(again.same(&m));
/// });
/// ```
pub struct ModuleRecord<'js> {
    pub(super) shared: Rc<ModuleShared>,
    pub(super) context: ContextHandle<'js>,
    /// The modules linked to the requests, in order.
    pub(super) links: RefCell<Vec<Module<'js>>>,
    pub(super) slot_init: RefCell<Option<ModuleCallbacks<'js>>>,
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

crate::engine_class::realmless_class!(ModuleRecord, "ModuleRecord");

/// A module of a context: source text or synthetic (Node's `vm.SourceTextModule` /
/// `vm.SyntheticModule`), used inside the engine lock.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
///     let dep = jsvm::engine::Module::source_text(&main, "export const n = 40;", Default::default()).unwrap();
///     let root = jsvm::engine::Module::source_text(&main,
///         "import { n } from 'dep'; export default n + 2;", Default::default()).unwrap();
///     assert_eq!(root.requests()[0].specifier, "dep");
///     root.link(&[dep]).unwrap();
///     root.instantiate().unwrap();
///     root.evaluate(&Default::default()).unwrap();
///     while ctx.execute_pending_job() {}
///     assert_eq!(root.status(), jsvm::engine::ModuleStatus::Evaluated);
///     assert_eq!(root.namespace().unwrap().get::<_, i32>("default").unwrap(), 42);
/// });
/// ```
#[derive(Clone)]
pub struct Module<'js>(pub(super) Class<'js, ModuleRecord<'js>>);

impl<'js> rquickjs::IntoJs<'js> for Module<'js> {
    fn into_js(self, _ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        Ok(self.0.into_value())
    }
}

/// What answers `import()` for some code.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
///     let options = jsvm::engine::SourceTextOptions {
///         dynamic_import: Some(jsvm::engine::DynamicImport::Missing),
///         ..Default::default()
///     };
///     let m = jsvm::engine::Module::source_text(&main, "export const p = import('x');", options).unwrap();
///     m.link(&[]).unwrap();
///     m.instantiate().unwrap();
///     m.evaluate(&Default::default()).unwrap();
///     while ctx.execute_pending_job() {}
///     let p: jsvm::engine::rquickjs::Promise = m.namespace().unwrap().get("p").unwrap();
///     assert!(p.result::<jsvm::engine::rquickjs::Value>().unwrap().is_err()); // rejected
/// });
/// ```
#[derive(Clone)]
pub enum DynamicImport<'js> {
    /// `import()` rejects with `ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING`.
    Missing,
    /// The host loader answers (Node's `vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER`): the
    /// module loads in the main context.
    Host,
    /// `callback(specifier, attributes, importerError)` answers; `import()` settles with what
    /// it returns (promises are followed). The Node layer returns a module namespace.
    /// `importerError(name, message, code?)` makes an error (`Error`, `TypeError`,
    /// `RangeError`) of the importing context, running none of its code: a rejection the host
    /// makes itself should be one, since an error of the host's realm hands the importing
    /// code the host's `Function` (`e.constructor.constructor`).
    Callback(Function<'js>),
}
