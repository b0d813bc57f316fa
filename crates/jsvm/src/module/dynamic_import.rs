//! Dynamic `import()`: what answers it (per module, script filename or context), and the shim
//! module that hands the answer back to the engine.

use std::ffi::{c_int, CStr, CString};

use rquickjs::{qjs, Ctx, Function, Persistent, Value};

use crate::context::ContextHandle;
use crate::error::Result;
use crate::filename::{display_filename, SCRIPT_MARK};

use super::attributes::{attributes_object, attributes_of};
use super::errors::throw_coded;
use super::record::DynamicImport;
use super::system::{ModuleSystem, ScriptImport, SHIM_PREFIX};

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
/// rt.with_ctx(|ctx| {
///     let cb = jsvm::engine::rquickjs::Function::new(ctx.clone(), |spec: String| format!("answer to {spec}")).unwrap();
///     let name = jsvm::engine::register_script_import(&ctx, "job.js", jsvm::engine::DynamicImport::Callback(cb)).unwrap();
///     let script = jsvm::Script::compile(&ctx, "import('q')", jsvm::ScriptOptions {
///         filename: Some(name), ..Default::default() }).unwrap();
///     let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
///     let p: jsvm::engine::rquickjs::Promise = main.run(&script, &Default::default()).unwrap().into_promise().unwrap();
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

pub(super) enum DynamicImportKind<'js> {
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

pub(super) fn host_resolve<'js>(
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
    let resolved = resolver.resolve(ctx, display_filename(base), name, None)?;
    let state = crate::runtime::state::RuntimeState::of(ctx);
    let order = state.next_id();
    state.import_specifiers.borrow_mut().insert(
        resolved.clone(),
        (name.to_string(), order, base.to_string()),
    );
    Ok(resolved)
}

/// `import()` answered by `handler`: a shim module whose `then` gives the answer.
pub(super) fn dynamic<'js>(
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
            let main =
                ContextHandle::main(ctx).map_err(|e| crate::exception::throw_error(ctx, &e))?;
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
            let maker = importer_error_maker(ctx)?;
            f.call::<_, Value>((name, obj, maker))?
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

/// The `importerError` argument of an import callback ([`DynamicImport::Callback`]): a function
/// of the main realm (only the host calls it) making errors of `ctx`, the importing context.
fn importer_error_maker<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Function<'js>> {
    let main = ContextHandle::main(ctx).map_err(|e| crate::exception::throw_error(ctx, &e))?;
    let mctx = main.ctx();
    // Holding the context's engine context keeps it alive while the host holds the function.
    let importer = ctx.clone();
    let make = Function::new(
        mctx.clone(),
        move |name: String,
              message: String,
              code: rquickjs::function::Opt<String>|
              -> rquickjs::Result<Value<'js>> {
            use crate::made_error::Kind;
            let kind = match name.as_str() {
                "TypeError" => Kind::TypeError,
                "RangeError" => Kind::RangeError,
                _ => Kind::Error,
            };
            let code = code.0;
            let header = match &code {
                Some(code) => format!("{} [{code}]: {message}", kind.name()),
                None => format!("{}: {message}", kind.name()),
            };
            crate::made_error::make(&importer, kind, &message, code.as_deref(), Some(&header))
        },
    )?;
    crate::realm::own_realm_function(&mctx, make)
}

pub(super) unsafe extern "C" fn shim_init(
    ctx: *mut qjs::JSContext,
    m: *mut qjs::JSModuleDef,
) -> c_int {
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
pub(super) fn make_then<'js>(
    ctx: &Ctx<'js>,
    key: usize,
    k: u32,
) -> rquickjs::Result<Function<'js>> {
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
