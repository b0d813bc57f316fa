//! Values crossing between JavaScript and wasm: a wasm value as JavaScript sees it and back
//! (the JS API's ToJSValue and ToWebAssemblyValue), and the numbers of descriptors and
//! arguments read as V8 reads them.

use std::ffi::c_int;

use rquickjs::{qjs, Ctx, Object, Value};
use wasmi::{AsContext, ExternRef, Nullable, Val, ValType};

use super::functions::{range_error, type_error};
use super::realm::{Externs, Res, WasmRealm};

/// Bytes an `externref` value is charged: its place in the realm's list and the store's
/// `ExternRef` entity (both kept while the store lives).
const EXTERN_BYTES: usize = 128;

/// The JavaScript value of a wasm value of the realm of `r`.
pub(super) fn to_js<'js>(r: &WasmRealm<'js>, v: &Val) -> Res<'js, Value<'js>> {
    let ctx = &r.ctx;
    let c = ctx.as_raw().as_ptr();
    Ok(match v {
        Val::I32(i) => Value::new_int(ctx.clone(), *i),
        Val::I64(i) => unsafe {
            let b = qjs::JS_NewBigInt64(c, *i);
            if qjs::JS_IsException(b) {
                return Err(rquickjs::Error::Exception);
            }
            Value::from_raw(ctx.clone(), b)
        },
        Val::F32(f) => Value::new_float(ctx.clone(), f64::from(f32::from(*f))),
        Val::F64(f) => Value::new_float(ctx.clone(), f64::from(*f)),
        Val::ExternRef(e) => extern_to_js(r, e)?,
        Val::FuncRef(f) if f.is_null() => Value::new_null(ctx.clone()),
        _ => return type_error(ctx, "type incompatibility when transforming from/to JS"),
    })
}

/// The JavaScript value an `externref` of the realm's store names (null for a null one).
pub(super) fn extern_to_js<'js>(
    r: &WasmRealm<'js>,
    e: &Nullable<ExternRef>,
) -> Res<'js, Value<'js>> {
    let Some(e) = e.val() else {
        return Ok(Value::new_null(r.ctx.clone()));
    };
    let index = r
        .shared
        .with(|s| e.data(s.as_context()).downcast_ref::<usize>().copied())
        .flatten()
        .ok_or(rquickjs::Error::Unknown)?;
    let externs = r.externs.borrow();
    let (v, _) = externs.values.get(index).ok_or(rquickjs::Error::Unknown)?;
    Ok(v.clone())
}

/// The `externref` of JavaScript `v` in the realm's store (null for `null`): the same one
/// each time for the same value, charged to the memory limit when new.
pub(super) fn extern_of<'js>(r: &WasmRealm<'js>, v: &Value<'js>) -> Res<'js, Nullable<ExternRef>> {
    if v.is_null() {
        return Ok(Nullable::Null);
    }
    let key = Externs::key(v);
    if let Some(&i) = r.externs.borrow().index.get(&key) {
        return Ok(Nullable::Val(r.externs.borrow().values[i].1));
    }
    let index = r.externs.borrow().values.len();
    let made = r.with_room(
        |mut s| {
            s.data_mut()
                .limiter
                .hold(EXTERN_BYTES)
                .then(|| ExternRef::new(&mut s, index))
        },
        Option::is_none,
    );
    let Some(Some(e)) = made else {
        return range_error(
            &r.ctx,
            "Out of memory: Cannot hold the value as an externref within the memory limit",
        );
    };
    let mut externs = r.externs.borrow_mut();
    externs.values.push((v.clone(), e));
    externs.index.insert(key, index);
    Ok(Nullable::Val(e))
}

/// The wasm value of type `ty` of a JavaScript value (the JS API's ToWebAssemblyValue), in
/// the realm of `r`.
pub(super) fn to_wasm<'js>(r: &WasmRealm<'js>, v: &Value<'js>, ty: ValType) -> Res<'js, Val> {
    let ctx = &r.ctx;
    let c = ctx.as_raw().as_ptr();
    let failed = |r: c_int| {
        if r < 0 {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(())
        }
    };
    if v.is_big_int() && matches!(ty, ValType::I32 | ValType::F32 | ValType::F64) {
        // V8's words (the engine says "Cannot mix BigInt and other types").
        return type_error(ctx, "Cannot convert a BigInt value to a number");
    }
    Ok(match ty {
        ValType::I32 => {
            let mut i = 0;
            failed(unsafe { qjs::JS_ToInt32(c, &mut i, v.as_raw()) })?;
            Val::I32(i)
        }
        ValType::I64 => {
            if v.is_number() {
                // V8's words (the engine says "cannot convert to bigint").
                let n = v.get::<rquickjs::Coerced<String>>()?.0;
                return type_error(ctx, &format!("Cannot convert {n} to a BigInt"));
            }
            let mut i = 0;
            if unsafe { qjs::JS_ToBigInt64(c, &mut i, v.as_raw()) } < 0 {
                if let Some(s) = v.as_string() {
                    // V8's words for a string that is no integer (the engine says "invalid
                    // BigInt literal"); converting a string runs no JavaScript.
                    let e = unsafe { qjs::JS_GetException(c) };
                    if unsafe { qjs::JS_IsUncatchableError(e) } {
                        unsafe { qjs::JS_Throw(c, e) };
                        return Err(rquickjs::Error::Exception);
                    }
                    unsafe { qjs::JS_FreeValue(c, e) };
                    let s = s.to_string()?;
                    return Err(rquickjs::Exception::throw_syntax(
                        ctx,
                        &format!("Cannot convert {s} to a BigInt"),
                    ));
                }
                return Err(rquickjs::Error::Exception);
            }
            Val::I64(i)
        }
        ValType::F32 => {
            let mut d = 0.0;
            failed(unsafe { qjs::JS_ToFloat64(c, &mut d, v.as_raw()) })?;
            Val::F32((d as f32).into())
        }
        ValType::F64 => {
            let mut d = 0.0;
            failed(unsafe { qjs::JS_ToFloat64(c, &mut d, v.as_raw()) })?;
            Val::F64(d.into())
        }
        ValType::ExternRef => Val::ExternRef(extern_of(r, v)?),
        ValType::FuncRef if v.is_null() => Val::FuncRef(Nullable::Null),
        _ => return type_error(ctx, "type incompatibility when transforming from/to JS"),
    })
}

/// A descriptor's limit `name` (`None` when absent), read as V8 reads it for `api`: a number,
/// not negative, at most `upper`.
pub(super) fn descriptor_limit<'js>(
    ctx: &Ctx<'js>,
    d: &Object<'js>,
    name: &str,
    api: &str,
    upper: f64,
) -> Res<'js, Option<u32>> {
    let v: Value = d.get(name)?;
    if v.is_undefined() {
        return Ok(None);
    }
    let what = format!("Property '{name}'");
    let n = index_of(ctx, &v, api, &what)? as f64;
    if n > upper {
        return range_error(
            ctx,
            &format!("{api}: {what}: value {n} is above the upper bound {upper}"),
        );
    }
    Ok(Some(n as u32))
}

/// A number of a descriptor or an argument as V8 reads it: `what` names it in the message.
pub(super) fn index_of<'js>(
    ctx: &Ctx<'js>,
    v: &Value<'js>,
    api: &str,
    what: &str,
) -> Res<'js, u64> {
    let mut n = 0.0;
    if unsafe { qjs::JS_ToFloat64(ctx.as_raw().as_ptr(), &mut n, v.as_raw()) } < 0 {
        return Err(rquickjs::Error::Exception);
    }
    if !n.is_finite() {
        return type_error(
            ctx,
            &format!("{api}: {what} must be convertible to a valid number"),
        );
    }
    if n < 0.0 {
        return type_error(ctx, &format!("{api}: {what} must be non-negative"));
    }
    // WebIDL's `[EnforceRange] unsigned long`, as V8 reads every index, size and delta.
    if n.trunc() > f64::from(u32::MAX) {
        return type_error(
            ctx,
            &format!("{api}: {what} must be in the unsigned long range"),
        );
    }
    Ok(n.trunc() as u64)
}
