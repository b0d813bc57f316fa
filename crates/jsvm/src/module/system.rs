//! The module system of a runtime: module names per context, what answers scripts' `import()`,
//! the host loader.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use rquickjs::class::{Trace, Tracer};
use rquickjs::loader::{Loader, Resolver};
use rquickjs::{Ctx, Function, JsLifetime, Object, Persistent, Value};

use super::record::{ModuleCallbacks, ModuleShared};

pub(super) enum Entry {
    Library(Rc<ModuleShared>),
    /// A module the host loader made.
    Host,
}

pub(super) type HostPair = (Box<dyn Resolver>, Box<dyn Loader>);

/// Per-runtime state of the module loader.
pub(crate) struct ModuleSystem {
    /// The embedder's resolver and loader. Called re-entrantly (compiling a module resolves
    /// its imports, which loads more modules), through a pointer, as rquickjs itself does.
    pub(super) host: Cell<*mut HostPair>,
    /// Module names per engine context.
    pub(super) names: RefCell<HashMap<(usize, String), Entry>>,
    /// Removals that arrived while `names` was borrowed (from a finalizer).
    pub(super) pending_forget: RefCell<Vec<(usize, String)>>,
    /// Filenames of scripts and functions (vm.Script, compileFunction) and what answers their
    /// `import()`; callbacks live in `callbacks` under the same key.
    pub(super) scripts: RefCell<HashMap<String, ScriptImport>>,
    pub(super) callbacks: Persistent<Object<'static>>,
    /// WeakMap: a context's global -> its default callback (or `true` for the host loader).
    pub(super) context_defaults: Persistent<Object<'static>>,
    /// While > 0, resolution is static (linking through the link maps).
    pub(super) linking: Cell<u32>,
    /// While > 0, a module compiles only to find its syntax errors: resolution stops.
    pub(super) checking: Cell<u32>,
    pub(super) next: Cell<u64>,
    /// Makes the error of an `import()` with no callback (the embedder's, e.g. Node's coded
    /// error); the library's plain TypeError when unset.
    pub(super) missing_error: RefCell<Option<Persistent<Function<'static>>>>,
    /// Pending `import()` answers: (context, shim index) -> value.
    pub(super) shims: RefCell<HashMap<(usize, u32), Persistent<Value<'static>>>>,
    pub(super) main_ctx: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ScriptImport {
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
    pub(super) static SYSTEM: RefCell<std::rc::Weak<ModuleSystem>> = const { RefCell::new(std::rc::Weak::new()) };
}

pub(super) struct SystemSlot(pub(super) Rc<ModuleSystem>);

unsafe impl<'js> JsLifetime<'js> for SystemSlot {
    type Changed<'to> = SystemSlot;
}

pub(super) const STOPPER: &str = "jsvm:link-stop";

pub(super) const PROBE_PREFIX: &str = "jsvm:link-probe:";

pub(super) const SHIM_PREFIX: &str = "jsvm:import:";

/// The error that stops a syntax-check compile at its first import.
pub(super) const CHECK_STOP: &str = "jsvm: syntax check done";

impl ModuleSystem {
    pub(super) fn of(ctx: &Ctx<'_>) -> Rc<ModuleSystem> {
        ctx.userdata::<SystemSlot>()
            .map(|s| s.0.clone())
            .expect("runtime not created by jsvm::Runtime")
    }

    pub(super) fn forget(&self, ctx: usize, name: &str) {
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

    pub(super) fn flush_forgotten(&self) {
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

    pub(super) fn library(&self, ctx: usize, name: &str) -> Option<Rc<ModuleShared>> {
        self.flush_forgotten();
        match self.names.borrow().get(&(ctx, name.to_string())) {
            Some(Entry::Library(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// A name for a new module of context `ctx`: the identifier, made unique.
    pub(super) fn unique_name(&self, ctx: usize, identifier: &str) -> String {
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

    pub(super) fn next_id(&self) -> u64 {
        let n = self.next.get();
        self.next.set(n + 1);
        n
    }
}

/// The engine-side slot of a module (its `private_value`): lives exactly as long as the
/// engine's module record, holds the module's callbacks, and tells the Rust side when the
/// record goes away.
pub(super) struct ModuleSlot<'js> {
    pub(super) shared: Rc<ModuleShared>,
    pub(super) callbacks: ModuleCallbacks<'js>,
    pub(super) this_value: RefCell<Option<Value<'js>>>,
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

crate::engine_class::realmless_class!(ModuleSlot, "ModuleSlot");

impl Drop for ModuleSlot<'_> {
    fn drop(&mut self) {
        self.shared.def.set(std::ptr::null_mut());
        self.shared.discarded.set(true);
        if let Some(sys) = SYSTEM.with(|s| s.borrow().upgrade()) {
            sys.forget(self.shared.ctx, &self.shared.name);
        }
    }
}
