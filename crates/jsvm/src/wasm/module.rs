//! `WebAssembly.Module`: compiling and validating bytes with the realm's engine (charged to
//! its store first), the compile errors in V8's words, and the module's static reflection
//! (`Module.exports`, `Module.imports`, `Module.customSections`).

use std::rc::Rc;

use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::{qjs, Ctx, JsLifetime, Object, Value};
use wasmi::ExternType;

use super::bytes;
use super::functions::{range_error, type_error};
use super::realm::{plain_class, Kind, Res, WasmRealm};
use super::store::Shared;
use crate::realm::lazy_group;

/// A compiled module, compiled by the engine of the realm that made it; an `Instance` of
/// another realm compiles its bytes again with its own engine.
pub(crate) struct WasmModule {
    pub(super) module: wasmi::Module,
    /// The store of the realm that compiled it, which holds its charge (and its engine) while
    /// the module lives.
    pub(super) _store: Rc<Shared>,
    /// The bytes compiled (rewritten without their start section), for another realm.
    pub(super) code: Rc<[u8]>,
    pub(super) footprint: bytes::Footprint,
    /// Export names in the module's order.
    pub(super) exports: Vec<String>,
    /// The interpreter's imports (by their index in `module.imports()`) in the module's order.
    pub(super) imports: Vec<usize>,
    /// Whether the module was rewritten to export its start function (bytes.rs).
    pub(super) has_start: bool,
}

plain_class!(WasmModule, "Module", 'js, |_s, _t| {});
unsafe impl<'js> JsLifetime<'js> for WasmModule {
    type Changed<'to> = WasmModule;
}

/// Compiles the buffer source `source` in the realm of `r` (`name` opens the messages).
pub(super) fn compile<'js>(
    r: &WasmRealm<'js>,
    name: &str,
    source: &Value<'js>,
) -> Res<'js, WasmModule> {
    let ctx = &r.ctx;
    let Some(bytes) = bytes::buffer_source(ctx, source)? else {
        return type_error(ctx, &format!("{name}: Argument 0 must be a buffer source"));
    };
    if r.forbidden() {
        return Err(r.throw(
            Kind::Compile,
            &format!("{name}: Wasm code generation disallowed by embedder"),
        ));
    }
    let rewritten = bytes::without_start(&bytes);
    let has_start = rewritten.is_some();
    let code: Rc<[u8]> = match rewritten {
        Some(rewritten) => rewritten.into(),
        None => bytes.as_slice().into(),
    };
    let (module, footprint) = compile_code(r, name, &code, &bytes)?;
    let imports = declared_order(&module, bytes::import_kinds(&bytes));
    Ok(WasmModule {
        module,
        _store: r.shared.clone(),
        exports: bytes::export_names(&bytes),
        imports,
        code,
        footprint,
        has_start,
    })
}

/// Compiles `code` (the bytes `original` as the library rewrote them) with the engine of the
/// realm of `r`, charged to its store first: wasmi's engine keeps what it compiled until it
/// goes, so the charge stays with the store.
pub(super) fn compile_code<'js>(
    r: &WasmRealm<'js>,
    name: &str,
    code: &[u8],
    original: &[u8],
) -> Res<'js, (wasmi::Module, bytes::Footprint)> {
    let footprint = bytes::footprint(code);
    let engine = r.shared.engine().ok_or(rquickjs::Error::Unknown)?;
    let held = r.with_room(
        |mut s| s.data_mut().limiter.hold(footprint.compiled),
        |held| !held,
    );
    if held != Some(true) {
        return range_error(
            &r.ctx,
            &format!("{name}: Out of memory: Cannot compile the module within the memory limit"),
        );
    }
    match wasmi::Module::new(&engine, code) {
        Ok(m) => Ok((m, footprint)),
        Err(e) => {
            // The message of the bytes as given (the rewritten ones have other offsets).
            let e = match wasmi::Module::validate(&engine, original) {
                Err(first) => first,
                Ok(()) => e,
            };
            Err(r.throw(
                Kind::Compile,
                &format!("{name}: {}", compile_message(original, &e)),
            ))
        }
    }
}

/// A compile error's message: V8's for a wrong header, the interpreter's otherwise.
pub(super) fn compile_message(bytes: &[u8], e: &wasmi::Error) -> String {
    const MAGIC: [u8; 4] = [0x00, 0x61, 0x73, 0x6d];
    let hex = |b: &[u8]| {
        b.iter()
            .map(|x| format!("{x:02x}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if bytes.len() < 4 {
        return "BufferSource argument is empty".to_string().replace(
            "empty",
            if bytes.is_empty() {
                "empty"
            } else {
                "too short"
            },
        );
    }
    if bytes[..4] != MAGIC {
        return format!(
            "expected magic word 00 61 73 6d, found {} @+0",
            hex(&bytes[..4])
        );
    }
    if bytes.len() >= 8 && bytes[4..8] != [1, 0, 0, 0] {
        return format!(
            "expected version 01 00 00 00, found {} @+4",
            hex(&bytes[4..8])
        );
    }
    e.to_string()
}

pub(super) fn kind_name(ty: &ExternType) -> &'static str {
    match ty {
        ExternType::Func(_) => "function",
        ExternType::Table(_) => "table",
        ExternType::Memory(_) => "memory",
        ExternType::Global(_) => "global",
    }
}

pub(super) fn module_exports<'js>(ctx: &Ctx<'js>, m: &WasmModule) -> Res<'js, Value<'js>> {
    let list = rquickjs::Array::new(ctx.clone())?;
    for (i, name) in m.exports.iter().enumerate() {
        let Some(ty) = m.module.get_export(name) else {
            continue;
        };
        let o = Object::new(ctx.clone())?;
        o.set("name", name.as_str())?;
        o.set("kind", kind_name(&ty))?;
        list.set(i, o)?;
    }
    Ok(list.into_value())
}

/// The interpreter's imports of `module` (their indices) in the order `kinds` (the kind of each
/// import in the module's order, bytes.rs) gives: the interpreter groups them by kind, each
/// kind in the module's order. Its own order when the kinds do not match it.
fn declared_order(module: &wasmi::Module, kinds: Option<Vec<u8>>) -> Vec<usize> {
    let have: Vec<u8> = module
        .imports()
        .map(|i| match i.ty() {
            ExternType::Func(_) => 0,
            ExternType::Table(_) => 1,
            ExternType::Memory(_) => 2,
            ExternType::Global(_) => 3,
        })
        .collect();
    let own = || (0..have.len()).collect();
    let Some(kinds) = kinds.filter(|k| k.len() == have.len()) else {
        return own();
    };
    let mut used = vec![false; have.len()];
    let mut order = Vec::with_capacity(have.len());
    for kind in kinds {
        let Some(i) = (0..have.len()).find(|&i| !used[i] && have[i] == kind) else {
            return own();
        };
        used[i] = true;
        order.push(i);
    }
    order
}

pub(super) fn module_imports<'js>(ctx: &Ctx<'js>, m: &WasmModule) -> Res<'js, Value<'js>> {
    let list = rquickjs::Array::new(ctx.clone())?;
    let all: Vec<_> = m.module.imports().collect();
    for (i, import) in m.imports.iter().filter_map(|&k| all.get(k)).enumerate() {
        let o = Object::new(ctx.clone())?;
        o.set("module", import.module())?;
        o.set("name", import.name())?;
        o.set("kind", kind_name(import.ty()))?;
        list.set(i, o)?;
    }
    Ok(list.into_value())
}

pub(super) fn custom_sections<'js>(
    r: &WasmRealm<'js>,
    m: &WasmModule,
    name: &Value<'js>,
) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    if name.is_undefined() {
        return type_error(
            ctx,
            "WebAssembly.Module.customSections(): Argument 1 is required",
        );
    }
    let name = name.get::<rquickjs::Coerced<String>>()?.0;
    if !lazy_group::ensure(ctx, lazy_group::TYPED_ARRAYS) {
        return Err(rquickjs::Error::Exception);
    }
    let list = rquickjs::Array::new(ctx.clone())?;
    let mut n = 0;
    for s in m.module.custom_sections() {
        if s.name() != name {
            continue;
        }
        let c = ctx.as_raw().as_ptr();
        let b = unsafe { qjs::JS_NewArrayBufferCopy(c, s.data().as_ptr(), s.data().len() as _) };
        if unsafe { qjs::JS_IsException(b) } {
            return Err(rquickjs::Error::Exception);
        }
        list.set(n, unsafe { Value::from_raw(ctx.clone(), b) })?;
        n += 1;
    }
    Ok(list.into_value())
}
