//! `WebAssembly.Instance`: instantiating a module in the realm's store with the imports
//! JavaScript gives (functions, memories, tables of the same realm), its start function run
//! on fuel, and its frozen exports object.

use std::rc::Rc;

use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::{qjs, Class, Ctx, JsLifetime, Object, Value};
use wasmi::{Extern, ExternType};

use super::buffer::refresh_buffers;
use super::bytes;
use super::errors::wasm_failure;
use super::function::{export_function, import_function};
use super::functions::{define_flags, range_error, type_error};
use super::global::{global_import, global_object};
use super::memory::{memory_object, WasmMemory};
use super::module::{compile_code, WasmModule};
use super::realm::{plain_class, Kind, Res, WasmRealm};
use super::store::{self, Failure};
use super::table::{table_import_check, table_object, WasmTable};

/// An instance: its exports object.
pub(crate) struct WasmInstance<'js> {
    pub(super) exports: Value<'js>,
}

plain_class!(WasmInstance<'js>, "Instance", 'js, |s, t| { t.mark(&s.exports) });
unsafe impl<'js> JsLifetime<'js> for WasmInstance<'js> {
    type Changed<'to> = WasmInstance<'to>;
}

/// Reads `imports[module][name]` as the JS API's instantiation does, for import `index`.
pub(super) fn import_value<'js>(
    r: &WasmRealm<'js>,
    name: &str,
    imports: &Value<'js>,
    index: usize,
    module: &str,
    field: &str,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let obj = imports.as_object().ok_or(rquickjs::Error::Unknown)?;
    let m: Value = obj.get(module)?;
    let Some(m) = m.as_object() else {
        return type_error(
            ctx,
            &format!("{name}: Import #{index} module=\"{module}\" error: module is not an object or function"),
        );
    };
    m.get(field)
}

/// Instantiates `module` in the realm of `r` with `imports`, the instance's prototype
/// `proto`.
pub(super) fn instantiate<'js>(
    r: &WasmRealm<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    name: &str,
    module: &Class<'js, WasmModule>,
    imports: &Value<'js>,
    proto: Object<'js>,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let m = module.borrow();
    let wanted: Vec<_> = m
        .module
        .imports()
        .map(|i| (i.module().to_string(), i.name().to_string(), i.ty().clone()))
        .collect();
    if !imports.is_undefined() && !imports.is_object() {
        return type_error(ctx, &format!("{name}: Argument 1 must be an object"));
    }
    if !wanted.is_empty() && imports.is_undefined() {
        return type_error(
            ctx,
            &format!("{name}: Imports argument must be present and must be an object"),
        );
    }
    // Read first, all of them, then checked, in the module's order (as V8 does); handed to
    // the interpreter in its own.
    let mut values = Vec::with_capacity(wanted.len());
    for (index, &at) in m.imports.iter().enumerate() {
        let (module_name, field, _) = &wanted[at];
        values.push(import_value(r, name, imports, index, module_name, field)?);
    }
    let mut externs: Vec<Option<Extern>> = vec![None; wanted.len()];
    for (index, (&at, v)) in m.imports.iter().zip(values).enumerate() {
        let (module_name, field, ty) = &wanted[at];
        let slot = &mut externs[at];
        let link = |what: &str| {
            Err(r.throw(
                Kind::Link,
                &format!("{name}: Import #{index} module=\"{module_name}\" function=\"{field}\" error: {what}"),
            ))
        };
        match ty {
            ExternType::Func(ft) => {
                if !v.is_function() {
                    return link("function import requires a callable");
                }
                *slot = Some(Extern::Func(import_function(r, v, ft.clone())?));
            }
            ExternType::Memory(mt) => {
                let Some(mem) = v.as_object().and_then(Class::<WasmMemory>::from_object) else {
                    return link("memory import must be a WebAssembly.Memory object");
                };
                let mem = mem.borrow();
                let owner = mem.realm.borrow();
                if !Rc::ptr_eq(&owner.shared, &r.shared) {
                    return link(
                        "memory import of another realm (jsvm links memories within a realm)",
                    );
                }
                let memory = owner.memories.borrow()[mem.slot].memory;
                let have = r
                    .shared
                    .with(|s| memory.ty(&s))
                    .ok_or(rquickjs::Error::Unknown)?;
                let cur = r.shared.with(|s| memory.size(&s)).unwrap_or(0);
                if cur < mt.minimum() {
                    return link("memory import has no maximum limit, expected at most");
                }
                if let Some(max) = mt.maximum() {
                    if have.maximum().is_none_or(|h| h > max) {
                        return link("memory import has a larger maximum size than the module's declared maximum");
                    }
                }
                *slot = Some(Extern::Memory(memory));
            }
            ExternType::Table(tt) => {
                let Some(t) = v.as_object().and_then(Class::<WasmTable>::from_object) else {
                    return link("table import requires a WebAssembly.Table");
                };
                let checked = table_import_check(r, &t.borrow(), tt);
                match checked {
                    Ok(table) => *slot = Some(Extern::Table(table)),
                    Err(what) => return link(what),
                }
            }
            ExternType::Global(gt) => match global_import(r, &v, gt, name)? {
                Ok(g) => *slot = Some(Extern::Global(g)),
                Err(what) => return link(what),
            },
        }
    }
    let externs: Vec<Extern> = externs
        .into_iter()
        .collect::<Option<_>>()
        .ok_or(rquickjs::Error::Unknown)?;
    // A module of another realm's engine is compiled again with this one's (wasmi resolves a
    // module's functions in the engine of the store it is instantiated in).
    let engine = r.shared.engine().ok_or(rquickjs::Error::Unknown)?;
    let recompiled = if wasmi::Engine::same(m.module.engine(), &engine) {
        None
    } else {
        Some(compile_code(r, name, &m.code, &m.code)?.0)
    };
    let module = recompiled.as_ref().unwrap_or(&m.module);
    // What the instance holds in the store (its functions, globals, segments) until the store
    // goes: wasmi frees no instance before.
    let held = r.with_room(
        |mut s| s.data_mut().limiter.hold(m.footprint.instance),
        |held| !held,
    );
    if held != Some(true) {
        return range_error(
            ctx,
            &format!("{name}: Out of memory: Cannot allocate Wasm memory for new instance"),
        );
    }
    let instance = r.with_room(
        |mut s| wasmi::Instance::new(&mut s, module, &externs),
        Result::is_err,
    );
    let instance = match instance {
        Some(Ok(i)) => i,
        Some(Err(e)) => return Err(wasm_failure(r, name, Failure::Wasm(e))),
        None => return Err(wasm_failure(r, name, Failure::Busy)),
    };
    if m.has_start {
        let start = r
            .shared
            .with(|s| instance.get_func(&s, bytes::START_EXPORT))
            .flatten();
        if let Some(start) = start {
            let result = store::call(&r.shared, &start, &[], &mut []);
            refresh_buffers(r);
            if let Err(f) = result {
                return Err(wasm_failure(r, name, f));
            }
        }
    }
    let exports = unsafe {
        let o = qjs::JS_NewObjectProto(ctx.as_raw().as_ptr(), qjs::JS_NULL);
        if qjs::JS_IsException(o) {
            return Err(rquickjs::Error::Exception);
        }
        Object::from_value(Value::from_raw(ctx.clone(), o))?
    };
    for export in &m.exports {
        let Some(ext) = r.shared.with(|s| instance.get_export(&s, export)).flatten() else {
            continue;
        };
        let value = match ext {
            Extern::Func(f) => export_function(r, realm, f)?,
            Extern::Memory(mem) => memory_object(r, realm, mem, None)?,
            Extern::Table(t) => table_object(r, realm, t, None)?,
            Extern::Global(g) => global_object(r, realm, g, None)?,
        };
        define_flags(&exports, export, &value, qjs::JS_PROP_ENUMERABLE)?;
    }
    // Frozen, as the JS API has it.
    if unsafe { qjs::JS_FreezeObject(ctx.as_raw().as_ptr(), exports.as_raw()) } < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(Class::instance_proto(
        WasmInstance {
            exports: exports.into_value(),
        },
        proto,
    )?
    .into_value())
}
