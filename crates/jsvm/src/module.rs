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
use std::collections::HashMap;
use std::rc::Rc;

use rquickjs::loader::{Loader, Resolver};
use rquickjs::{qjs, Ctx, Object, Persistent};

use crate::error::Result;

// Bottom first: each file uses only files listed before it (tests/layers.rs).
mod attributes;
mod compile;
mod dynamic_import;
mod errors;
mod evaluate;
mod handle;
mod link;
mod loader;
mod raw_record;
mod record;
mod synthetic;
mod system;

use loader::{load_raw, normalize_raw};
use system::{HostPair, ModuleSystem, SystemSlot, SYSTEM};

pub use dynamic_import::{
    register_script_import, set_context_import, set_missing_import_error, unregister_script_import,
};
pub use evaluate::EvaluateOptions;
pub use handle::{SourceTextOptions, SyntheticOptions};
pub use link::js_string_literal;
pub use record::{DynamicImport, Module, ModuleRecord, ModuleRequest, ModuleStatus};

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

/// Installs the embedder's resolver and loader (see [`crate::Runtime::set_host_loader`]).
pub(crate) fn set_host_loader<R, L>(ctx: &Ctx<'_>, resolver: R, loader: L)
where
    R: Resolver + 'static,
    L: Loader + 'static,
{
    let sys = ModuleSystem::of(ctx);
    let new: HostPair = (Box::new(resolver), Box::new(loader));
    let old = sys.host.replace(Box::into_raw(Box::new(new)));
    if !old.is_null() {
        // Replaced while no engine call is under way (we hold the engine lock here).
        drop(unsafe { Box::from_raw(old) });
    }
}
