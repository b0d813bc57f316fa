//! The engine's normalizer and loader callbacks: resolution through link maps, callbacks and the
//! host loader.

use std::ffi::{c_char, c_int, CStr, CString};

use rquickjs::{qjs, Class, Ctx, Function, Value};

use super::attributes::{attributes_of, same_attributes};
use super::compile::materialize;
use super::dynamic_import::{dynamic, host_resolve, shim_init, DynamicImportKind};
use super::errors::{throw_coded, throw_rust_error};
use super::record::DynamicImport;
use super::system::{
    Entry, ModuleSlot, ModuleSystem, ScriptImport, CHECK_STOP, PROBE_PREFIX, SHIM_PREFIX, STOPPER,
};

pub(super) unsafe extern "C" fn normalize_raw(
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

pub(super) fn normalize<'js>(
    ctx: &Ctx<'js>,
    base: &str,
    name: &str,
    attributes: qjs::JSValue,
) -> rquickjs::Result<String> {
    // `import()` in code of `eval` or `new Function`: from the code that called them.
    let base = crate::filename::eval_referrer(base).unwrap_or(base);
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

pub(super) unsafe extern "C" fn load_raw(
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

pub(super) fn load<'js>(
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
        return materialize(ctx, &m).map_err(|e| crate::exception::throw_error(ctx, &e));
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
pub(super) fn declared_ptr(
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

pub(super) unsafe extern "C" fn stopper_init(
    ctx: *mut qjs::JSContext,
    _m: *mut qjs::JSModuleDef,
) -> c_int {
    let ctx = Ctx::from_raw(std::ptr::NonNull::new_unchecked(ctx));
    let _ = throw_coded(&ctx, "Error", "jsvm link probe", None);
    -1
}
