//! How the namespace's functions are made and entered: engine C functions with the realm's
//! record as their data, one entry point per part (the namespace's, an exported function's),
//! each going through [`enter`]; and the small helpers every part uses to define properties,
//! read arguments and throw.

use std::ffi::{c_int, CString};
use std::ptr::NonNull;

use rquickjs::{qjs, Class, Ctx, Object, Value};

use super::realm::{Res, WasmRealm};

/// An engine C function with data: what [`native`] makes.
pub(super) type Entry = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
) -> qjs::JSValue;

/// A C function `entry` with the realm's record as its data, `magic` its operation and
/// `extra` a number it keeps (an exported function's index).
pub(super) fn native<'js>(
    ctx: &Ctx<'js>,
    realm: &Value<'js>,
    entry: Entry,
    magic: i32,
    name: &str,
    length: i32,
    extra: Option<i32>,
) -> Res<'js, Value<'js>> {
    let name = CString::new(name).map_err(|_| rquickjs::Error::Unknown)?;
    let c = ctx.as_raw().as_ptr();
    let mut data = [
        unsafe { qjs::JS_DupValue(c, realm.as_raw()) },
        qjs::JS_MKVAL(qjs::JS_TAG_INT, extra.unwrap_or(0)),
    ];
    let f = unsafe {
        let f = qjs::JS_NewCFunctionData2(
            c,
            Some(entry),
            name.as_ptr(),
            length,
            magic,
            2,
            data.as_mut_ptr(),
        );
        qjs::JS_FreeValue(c, data[0]);
        f
    };
    if unsafe { qjs::JS_IsException(f) } {
        return Err(rquickjs::Error::Exception);
    }
    Ok(unsafe { Value::from_raw(ctx.clone(), f) })
}

/// What a call of a function made by [`native`] hands its body: the realm's record, `this`,
/// the arguments and the function's `extra`.
pub(super) struct Call<'a, 'js> {
    pub(super) ctx: &'a Ctx<'js>,
    pub(super) realm: &'a Class<'js, WasmRealm<'js>>,
    pub(super) this: &'a Value<'js>,
    pub(super) args: &'a [Value<'js>],
    pub(super) magic: c_int,
    pub(super) extra: i32,
}

/// The body of an [`Entry`]: runs `body` with the call's values and gives its result to the
/// engine (an error thrown as an exception; a panic as an internal error, never an unwind
/// into C).
///
/// # Safety
/// The arguments of an engine call of a function made by [`native`].
pub(super) unsafe fn enter(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    data: *mut qjs::JSValue,
    body: for<'a, 'js> fn(Call<'a, 'js>) -> Res<'js, Value<'js>>,
) -> qjs::JSValue {
    let Some(raw) = NonNull::new(ctx) else {
        return qjs::JS_EXCEPTION;
    };
    let c = Ctx::from_raw(raw);
    let args: Vec<Value> = (0..argc.max(0) as usize)
        .map(|i| Value::from_raw(c.clone(), qjs::JS_DupValue(ctx, *argv.add(i))))
        .collect();
    let this = Value::from_raw(c.clone(), qjs::JS_DupValue(ctx, this));
    let realm = Value::from_raw(c.clone(), qjs::JS_DupValue(ctx, *data));
    let mut extra = 0;
    qjs::JS_ToInt32(ctx, &mut extra, *data.add(1));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let realm = Class::<WasmRealm>::from_value(&realm)?;
        body(Call {
            ctx: &c,
            realm: &realm,
            this: &this,
            args: &args,
            magic,
            extra,
        })
    }));
    match r {
        Ok(Ok(v)) => qjs::JS_DupValue(ctx, v.as_raw()),
        Ok(Err(rquickjs::Error::Exception)) => qjs::JS_EXCEPTION,
        Ok(Err(e)) => {
            let _ = rquickjs::Exception::throw_internal(&c, &e.to_string());
            qjs::JS_EXCEPTION
        }
        Err(_) => {
            let _ = rquickjs::Exception::throw_internal(&c, "jsvm: WebAssembly failed");
            qjs::JS_EXCEPTION
        }
    }
}

/// Defines a member of the namespace or a prototype as WebIDL has it: a method (writable,
/// enumerable, configurable) or, with `getter`, an accessor.
pub(super) fn define<'js>(
    obj: &Object<'js>,
    name: &str,
    value: Value<'js>,
    getter: bool,
) -> Res<'js, ()> {
    if getter {
        return define_accessor(obj, name, &value, None);
    }
    define_flags(
        obj,
        name,
        &value,
        qjs::JS_PROP_WRITABLE | qjs::JS_PROP_ENUMERABLE | qjs::JS_PROP_CONFIGURABLE,
    )
}

/// Defines an accessor (enumerable, configurable, as WebIDL's attributes) with `getter` and,
/// if given, `setter`.
pub(super) fn define_accessor<'js>(
    obj: &Object<'js>,
    name: &str,
    getter: &Value<'js>,
    setter: Option<&Value<'js>>,
) -> Res<'js, ()> {
    let ctx = obj.ctx();
    let c = ctx.as_raw().as_ptr();
    let name = CString::new(name).map_err(|_| rquickjs::Error::Unknown)?;
    let r = unsafe {
        let atom = qjs::JS_NewAtom(c, name.as_ptr());
        let r = qjs::JS_DefinePropertyGetSet(
            c,
            obj.as_raw(),
            atom,
            qjs::JS_DupValue(c, getter.as_raw()),
            setter.map_or(qjs::JS_UNDEFINED, |s| qjs::JS_DupValue(c, s.as_raw())),
            (qjs::JS_PROP_ENUMERABLE | qjs::JS_PROP_CONFIGURABLE) as c_int,
        );
        qjs::JS_FreeAtom(c, atom);
        r
    };
    if r < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(())
}

/// Defines a value with the given flags.
pub(super) fn define_flags<'js>(
    obj: &Object<'js>,
    name: &str,
    value: &Value<'js>,
    flags: u32,
) -> Res<'js, ()> {
    let c = obj.ctx().as_raw().as_ptr();
    let name = CString::new(name).map_err(|_| rquickjs::Error::Unknown)?;
    let r = unsafe {
        qjs::JS_DefinePropertyValueStr(
            c,
            obj.as_raw(),
            name.as_ptr(),
            qjs::JS_DupValue(c, value.as_raw()),
            flags as c_int,
        )
    };
    if r < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(())
}

/// `Symbol.toStringTag` of `obj`.
pub(super) fn to_string_tag<'js>(obj: &Object<'js>, tag: &str) -> Res<'js, ()> {
    let ctx = obj.ctx();
    let c = ctx.as_raw().as_ptr();
    let value = rquickjs::String::from_str(ctx.clone(), tag)?;
    let r = unsafe {
        qjs::JS_DefinePropertyValue(
            c,
            obj.as_raw(),
            qjs::JS_ATOM_Symbol_toStringTag as qjs::JSAtom,
            qjs::JS_DupValue(c, value.as_raw()),
            qjs::JS_PROP_CONFIGURABLE as c_int,
        )
    };
    if r < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(())
}

pub(super) fn arg<'js>(ctx: &Ctx<'js>, args: &[Value<'js>], i: usize) -> Value<'js> {
    args.get(i)
        .cloned()
        .unwrap_or_else(|| Value::new_undefined(ctx.clone()))
}

/// Whether a function was called with `new` (its `this` is then `new.target`, a constructor).
pub(super) fn is_new(ctx: &Ctx<'_>, this: &Value<'_>) -> bool {
    this.is_function() && unsafe { qjs::JS_IsConstructor(ctx.as_raw().as_ptr(), this.as_raw()) }
}

pub(super) fn type_error<T>(ctx: &Ctx<'_>, msg: &str) -> rquickjs::Result<T> {
    Err(rquickjs::Exception::throw_type(ctx, msg))
}

pub(super) fn range_error<T>(ctx: &Ctx<'_>, msg: &str) -> rquickjs::Result<T> {
    Err(rquickjs::Exception::throw_range(ctx, msg))
}

/// The prototype for an object made by `new` with `new_target` `this`: its `prototype` when
/// an object, else the namespace's.
pub(super) fn proto_of<'js>(
    ctx: &Ctx<'js>,
    this: &Value<'js>,
    fallback: &Object<'js>,
) -> Res<'js, Object<'js>> {
    let _ = ctx;
    let target = this.as_object().ok_or(rquickjs::Error::Unknown)?;
    let p: Value = target.get("prototype")?;
    Ok(p.into_object().unwrap_or_else(|| fallback.clone()))
}
