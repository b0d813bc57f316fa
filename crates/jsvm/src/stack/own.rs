//! An object's own property read as the engine holds it, without running code (a getter is
//! given, not called): what the stack formatter reads of errors, call sites and builtins.

use rquickjs::object::Property;
use rquickjs::{qjs, Ctx, Object, Value};

/// An own property as the engine holds it (an accessor by its getter).
pub(super) enum Own<'js> {
    Data(Value<'js>),
    Accessor(Value<'js>),
}

/// `obj`'s own property `key`, read without running code: `None` for a proxy or an object
/// whose properties are computed (the contextified global, class instances with exotic
/// behaviour), or when there is none.
pub(super) fn own_property<'js>(ctx: &Ctx<'js>, obj: &Object<'js>, key: &str) -> Option<Own<'js>> {
    own_descriptor(ctx, obj, key, true)
}

/// `ordinary_only`: `None` for any object but a plain object or an error (code may have made
/// it anything); otherwise the caller knows `obj` (a builtin constructor).
pub(super) fn own_descriptor<'js>(
    ctx: &Ctx<'js>,
    obj: &Object<'js>,
    key: &str,
    ordinary_only: bool,
) -> Option<Own<'js>> {
    const JS_CLASS_OBJECT: u32 = 1;
    const JS_CLASS_ERROR: u32 = 3;
    let raw = obj.as_raw();
    let class = unsafe { qjs::JS_GetClassID(raw) };
    let ordinary = class == JS_CLASS_OBJECT || class == JS_CLASS_ERROR;
    if unsafe { qjs::JS_IsProxy(raw) } || (ordinary_only && !ordinary) {
        return None;
    }
    let p = crate::descriptor::own_named(ctx, obj, key)?;
    Some(match p.is_accessor() {
        true => Own::Accessor(p.getter),
        false => Own::Data(p.value),
    })
}

/// `obj`'s own data property `key` when it is a string (read as [`own_descriptor`] reads it).
pub(super) fn own_text<'js>(
    ctx: &Ctx<'js>,
    obj: &Object<'js>,
    key: &str,
    ordinary_only: bool,
) -> Option<String> {
    match own_descriptor(ctx, obj, key, ordinary_only)? {
        Own::Data(v) => v.as_string()?.to_string().ok(),
        Own::Accessor(_) => None,
    }
}

/// Replaces the message of an error the engine made (an own data property; anything else is
/// left alone: assigning could run a setter of any realm).
pub(super) fn replace_message(error: &Object<'_>, message: &str) {
    let is_own_data = matches!(
        own_property(error.ctx(), error, "message"),
        Some(Own::Data(_))
    );
    if is_own_data {
        let _ = error.prop("message", Property::from(message).writable().configurable());
    }
}
