//! `WebAssembly.Global`: a global of the realm's store, made by the constructor, exported by an
//! instance or imported by one (a `WebAssembly.Global` of the same realm, or for an immutable
//! global a number, a BigInt or a reference). One object per global, so an instance exports
//! the object it imported. Its `value` reads and writes the global as JavaScript values
//! (values.rs); a function reference is one of the realm's exported-function objects.

use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::{Class, Ctx, JsLifetime, Object, Value};
use wasmi::{Global, GlobalType, Mutability, Nullable, Val, ValType};

use super::function::{export_function, exported_func};
use super::functions::{arg, type_error};
use super::realm::{plain_class, Res, WasmRealm};
use super::values::{to_js, to_wasm};

/// Bytes a global is charged: wasmi keeps it in the store until the store goes, and the realm
/// keeps its object by its handle.
const GLOBAL_BYTES: usize = 128;

/// A `WebAssembly.Global`: a global of its realm's store.
pub(crate) struct WasmGlobal<'js> {
    pub(super) realm: Class<'js, WasmRealm<'js>>,
    pub(super) global: Global,
}

plain_class!(WasmGlobal<'js>, "Global", 'js, |s, t| { t.mark(s.realm.as_value()) });
unsafe impl<'js> JsLifetime<'js> for WasmGlobal<'js> {
    type Changed<'to> = WasmGlobal<'to>;
}

/// The `WebAssembly.Global` of `global` (made once per global), with prototype `proto` when
/// made by `new`.
pub(super) fn global_object<'js>(
    r: &WasmRealm<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    global: Global,
    proto: Option<Object<'js>>,
) -> Res<'js, Value<'js>> {
    let key = format!("{global:?}");
    if let Some(o) = r.globals.borrow().get(&key) {
        return Ok(o.clone());
    }
    let proto = proto.unwrap_or_else(|| r.made().global_proto.clone());
    let object = Class::instance_proto(
        WasmGlobal {
            realm: realm.clone(),
            global,
        },
        proto,
    )?
    .into_value();
    r.globals.borrow_mut().insert(key, object.clone());
    Ok(object)
}

/// The value type a descriptor's `value` names (V8's names), if any.
fn value_type(name: &str) -> Option<ValType> {
    Some(match name {
        "i32" => ValType::I32,
        "i64" => ValType::I64,
        "f32" => ValType::F32,
        "f64" => ValType::F64,
        "externref" => ValType::ExternRef,
        "anyfunc" | "funcref" => ValType::FuncRef,
        _ => return None,
    })
}

/// The wasm value of JavaScript `v` for a global of type `ty` (`api` opens the messages): a
/// function reference must be null or one of the realm's exported functions.
fn value_of<'js>(r: &WasmRealm<'js>, v: &Value<'js>, ty: ValType, api: &str) -> Res<'js, Val> {
    if ty != ValType::FuncRef {
        return to_wasm(r, v, ty);
    }
    if v.is_null() {
        return Ok(Val::FuncRef(Nullable::Null));
    }
    match exported_func(r, v) {
        Some(f) => Ok(Val::FuncRef(Nullable::Val(f))),
        None => type_error(
            &r.ctx,
            &format!(
                "{api}: function-typed object must be null (if nullable) or a Wasm function object"
            ),
        ),
    }
}

/// A new global of the realm's store holding `value`, charged to the memory limit.
pub(super) fn make_global<'js>(
    r: &WasmRealm<'js>,
    value: Val,
    mutability: Mutability,
    api: &str,
) -> Res<'js, Global> {
    let made = r.with_room(
        |mut s| {
            s.data_mut()
                .limiter
                .hold(GLOBAL_BYTES)
                .then(|| Global::new(&mut s, value.clone(), mutability))
        },
        Option::is_none,
    );
    match made {
        Some(Some(g)) => Ok(g),
        _ => Err(rquickjs::Exception::throw_range(
            &r.ctx,
            &format!("{api}: Out of memory: Cannot allocate the global within the memory limit"),
        )),
    }
}

/// `new WebAssembly.Global(descriptor[, value])`.
pub(super) fn new_global<'js>(
    r: &WasmRealm<'js>,
    realm: &Class<'js, WasmRealm<'js>>,
    descriptor: &Value<'js>,
    value: &Value<'js>,
    proto: Object<'js>,
) -> Res<'js, Value<'js>> {
    const API: &str = "WebAssembly.Global()";
    let ctx = &r.ctx;
    let Some(d) = descriptor.as_object() else {
        return type_error(
            ctx,
            &format!("{API}: Argument 0 must be a global descriptor"),
        );
    };
    let mutable: rquickjs::Coerced<bool> = d.get("mutable")?;
    let ty: Value = d.get("value")?;
    let ty = if ty.is_undefined() {
        None
    } else {
        value_type(&ty.get::<rquickjs::Coerced<String>>()?.0)
    };
    let Some(ty) = ty else {
        return type_error(
            ctx,
            &format!("{API}: Descriptor property 'value' must be a WebAssembly type"),
        );
    };
    let initial = if value.is_undefined() {
        match ty {
            // V8 20's default for a reference global is null.
            ValType::ExternRef | ValType::FuncRef => {
                value_of(r, &Value::new_null(ctx.clone()), ty, API)?
            }
            _ => Val::default_for_ty(ty),
        }
    } else {
        value_of(r, value, ty, API)?
    };
    let mutability = if mutable.0 {
        Mutability::Var
    } else {
        Mutability::Const
    };
    let global = make_global(r, initial, mutability, API)?;
    global_object(r, realm, global, Some(proto))
}

/// `value` (get or, with `set`, set) and `valueOf` (`which`) on the global of `this`.
pub(super) fn global_method<'js>(
    ctx: &Ctx<'js>,
    this: &Value<'js>,
    which: &str,
    args: &[Value<'js>],
) -> Res<'js, Value<'js>> {
    let api = match which {
        "get" => "get WebAssembly.Global.value",
        "set" => "set WebAssembly.Global.value",
        _ => "WebAssembly.Global.valueOf()",
    };
    let Some(g) = this.as_object().and_then(Class::<WasmGlobal>::from_object) else {
        return type_error(ctx, &format!("{api}: Receiver is not a WebAssembly.Global"));
    };
    let g = g.borrow();
    let realm = g.realm.clone();
    let r = realm.borrow();
    let global = g.global;
    let ty: GlobalType = r
        .shared
        .with(|s| global.ty(&s))
        .ok_or(rquickjs::Error::Unknown)?;
    if which == "set" {
        if ty.mutability() != Mutability::Var {
            return type_error(
                ctx,
                &format!("{api}: Can't set the value of an immutable global."),
            );
        }
        if args.is_empty() {
            return type_error(ctx, &format!("{api}: Argument 0 is required"));
        }
        let value = value_of(&r, &arg(ctx, args, 0), ty.content(), api)?;
        return match r.shared.with(|mut s| global.set(&mut s, value)) {
            Some(Ok(())) => Ok(Value::new_undefined(ctx.clone())),
            _ => Err(rquickjs::Error::Unknown),
        };
    }
    let value = r
        .shared
        .with(|s| global.get(&s))
        .ok_or(rquickjs::Error::Unknown)?;
    match value {
        Val::FuncRef(Nullable::Val(f)) => export_function(&r, &realm, f),
        v => to_js(&r, &v),
    }
}

/// What `value` imports where the module declares a global of type `want` (V8's checks): a
/// `WebAssembly.Global` of this realm of the same type and mutability, or for an immutable
/// global a number (a BigInt for i64) or a reference; an error message otherwise.
pub(super) fn global_import<'js>(
    r: &WasmRealm<'js>,
    value: &Value<'js>,
    want: &GlobalType,
    api: &str,
) -> Res<'js, Result<Global, &'static str>> {
    if let Some(g) = value.as_object().and_then(Class::<WasmGlobal>::from_object) {
        let g = g.borrow();
        let owner = g.realm.borrow();
        if !std::rc::Rc::ptr_eq(&owner.shared, &r.shared) {
            return Ok(Err(
                "global import of another realm (jsvm links globals within a realm)",
            ));
        }
        let have = r
            .shared
            .with(|s| g.global.ty(&s))
            .ok_or(rquickjs::Error::Unknown)?;
        if have.mutability() != want.mutability() {
            return Ok(Err(
                "imported global does not match the expected mutability",
            ));
        }
        if have.content() != want.content() {
            return Ok(Err("imported global does not match the expected type"));
        }
        return Ok(Ok(g.global));
    }
    if want.mutability() == Mutability::Var {
        return Ok(Err(
            "imported mutable global must be a WebAssembly.Global object",
        ));
    }
    let ty = want.content();
    let fits = match ty {
        ValType::I64 => value.is_big_int(),
        ValType::I32 | ValType::F32 | ValType::F64 => value.is_number(),
        ValType::ExternRef => true,
        ValType::FuncRef => value.is_null() || exported_func(r, value).is_some(),
        _ => false,
    };
    if !fits {
        return Ok(Err(
            "global import must be a number, valid Wasm reference, or WebAssembly.Global object",
        ));
    }
    let v = value_of(r, value, ty, api)?;
    make_global(r, v, Mutability::Const, api).map(Ok)
}
