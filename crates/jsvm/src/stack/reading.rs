//! How the stack formatter reads an error's `name`, `message` and `constructor`: as any code
//! would, only within the error's own realm, or not at all (see [`Reading`]).

use rquickjs::function::This;
use rquickjs::{qjs, Ctx, FromJs, Function, Object, Value};

use super::own::{own_descriptor, own_property, Own};
use crate::runtime::state::RuntimeState;

/// Whether the engine calls [`super::prepare`] for `value` to give it a stack (an error, or a
/// `DOMException`, made now), not for a throw of it (any other value).
pub(super) fn made_with_stack(value: &Value<'_>) -> bool {
    const JS_CLASS_ERROR: u32 = 3;
    const JS_CLASS_DOM_EXCEPTION: u32 = 64;
    value.as_object().is_some_and(|o| {
        let class = unsafe { qjs::JS_GetClassID(o.as_raw()) };
        class == JS_CLASS_ERROR || class == JS_CLASS_DOM_EXCEPTION
    })
}

/// How [`super::format`] reads the error's `name` and `message`.
pub(super) enum Reading<'a, 'js> {
    /// As any property: code called the formatter itself, with an error it holds.
    Any,
    /// Without running code of another realm: the engine formats every exception that passes
    /// through a frame of this realm (whose `Error` this is), a context's error passing
    /// through the host's frames too. Getters run only for errors and when they are this
    /// realm's functions; proxies and exotic objects are not looked into; only primitives are
    /// converted.
    OwnRealm(&'a Object<'js>),
    /// Not at all: the library makes this error, with this header (made_error.rs).
    Made(String),
}

/// Whether `func` is a function of the realm whose `Error` is `error_ctor`; `None` when that
/// cannot be told. The engine has no accessor for a function's realm but uses it: `new Error`
/// with a `new.target` whose `prototype` is not an object takes the prototype from the realm of
/// `new.target`. That `new.target` is a proxy of the function whose `get` trap is
/// `Function.prototype` (which answers `undefined`), so no code runs. A class (whose
/// `prototype` is fixed: the proxy may not hide it) cannot be told.
pub(super) fn of_realm<'js>(
    ctx: &Ctx<'js>,
    error_ctor: &Object<'js>,
    func: qjs::JSValue,
) -> Option<bool> {
    let c = ctx.as_raw().as_ptr();
    let handler = Object::new(ctx.clone()).ok()?;
    handler.set_prototype(None).ok()?;
    let trap = unsafe { Value::from_raw(ctx.clone(), qjs::JS_GetFunctionProto(c)) };
    handler.set("get", trap).ok()?;
    let made = unsafe {
        let proxy = Value::from_raw(ctx.clone(), qjs::JS_NewProxy(c, func, handler.as_raw()));
        let made = match proxy.is_exception() {
            true => qjs::JS_EXCEPTION,
            false => qjs::JS_CallConstructor2(
                c,
                error_ctor.as_raw(),
                proxy.as_raw(),
                0,
                std::ptr::null_mut(),
            ),
        };
        Value::from_raw(ctx.clone(), made)
    };
    if made.is_exception() {
        drop(ctx.catch());
        return None;
    }
    let own: Object = error_ctor.get("prototype").ok()?;
    Some(made.as_object()?.get_prototype()? == own)
}

/// `Name: message`, as V8's ErrorUtils::ToString.
pub(super) fn header<'js>(error: &Value<'js>, reading: &Reading<'_, 'js>) -> String {
    let Some(obj) = error.as_object() else {
        return String::new();
    };
    let name = text_of(obj, "name", reading).unwrap_or_else(|| "Error".into());
    let message = text_of(obj, "message", reading).unwrap_or_default();
    match (name.is_empty(), message.is_empty()) {
        (_, true) => name,
        (true, false) => message,
        (false, false) => format!("{name}: {message}"),
    }
}

/// The name of the error's constructor (`error.constructor.name`), as `reading` allows.
pub(super) fn constructor_name<'js>(
    error: &Value<'js>,
    reading: &Reading<'_, 'js>,
) -> Option<String> {
    let obj = error.as_object()?;
    let ctor: Object = match reading {
        Reading::Made(_) => return None,
        Reading::Any => obj.get::<_, Value>("constructor").ok()?.into_object()?,
        Reading::OwnRealm(error_ctor) => {
            own_realm_get(obj.ctx(), error_ctor, obj, "constructor")?.into_object()?
        }
    };
    // A function's own `name`, read without running code.
    match own_descriptor(obj.ctx(), &ctor, "name", false)? {
        Own::Data(v) => v.as_string()?.to_string().ok().filter(|n| !n.is_empty()),
        _ => None,
    }
}

/// The text of `obj[key]` as `reading` allows (`None` when undefined or not to be read).
pub(super) fn text_of<'js>(
    obj: &Object<'js>,
    key: &str,
    reading: &Reading<'_, 'js>,
) -> Option<String> {
    let ctx = obj.ctx();
    let v: Value = match reading {
        Reading::Made(_) => return None,
        Reading::Any => obj.get(key).ok()?,
        Reading::OwnRealm(error_ctor) => {
            let v = own_realm_get(ctx, error_ctor, obj, key)?;
            if v.is_object() {
                return None;
            }
            v
        }
    };
    if v.is_undefined() {
        return None;
    }
    match rquickjs::Coerced::<String>::from_js(ctx, v) {
        Ok(c) => Some(c.0),
        Err(_) => {
            drop(ctx.catch());
            None
        }
    }
}

/// `obj[key]` read along the prototype chain (of ordinary objects) without running code of
/// another realm than the one whose `Error` is `error_ctor`.
fn own_realm_get<'js>(
    ctx: &Ctx<'js>,
    error_ctor: &Object<'js>,
    obj: &Object<'js>,
    key: &str,
) -> Option<Value<'js>> {
    let mut at = obj.clone();
    // Chains are short; a bound keeps a crafted one from costing much.
    for _ in 0..32 {
        match own_property(ctx, &at, key) {
            Some(Own::Data(v)) => return Some(v),
            Some(Own::Accessor(getter)) => {
                // Only an error's getters: the engine also formats any other value thrown
                // (V8 reads nothing of those), and the getters of a limit that fired never.
                let is_error = unsafe { qjs::JS_IsError(obj.as_raw()) } || made_with_stack(obj);
                if !is_error || RuntimeState::of(ctx).interrupts.fired().is_some() {
                    return None;
                }
                let getter = getter.into_function()?;
                if of_realm(ctx, error_ctor, getter.as_raw()) != Some(true) {
                    return None;
                }
                return match getter.call::<_, Value>((This(obj.clone()),)) {
                    Ok(v) => Some(v),
                    Err(_) => {
                        drop(ctx.catch());
                        None
                    }
                };
            }
            None => {
                let class = unsafe { qjs::JS_GetClassID(at.as_raw()) };
                // An ordinary object, an error, or a DOMException.
                if unsafe { qjs::JS_IsProxy(at.as_raw()) } || !matches!(class, 1 | 3 | 64) {
                    return None;
                }
                at = at.get_prototype()?;
            }
        }
    }
    None
}

/// The `Function.prototype.toString` the runtime's main realm had when it was made (see
/// [`function_to_string`]): what every realm reads functions' sources with. A function's
/// source is no realm's, and this copy is out of code's reach, so no realm keeps its own.
pub(super) fn function_source_reader<'js>(ctx: &Ctx<'js>) -> Option<Function<'js>> {
    let state = RuntimeState::of(ctx);
    let main = state.main_realm.borrow();
    main.as_ref()?.function_to_string.clone()?.restore(ctx).ok()
}

/// This realm's `Function.prototype.toString`, read before any code of it runs.
pub(crate) fn function_to_string<'js>(ctx: &Ctx<'js>) -> Option<Function<'js>> {
    let function_proto =
        unsafe { Value::from_raw(ctx.clone(), qjs::JS_GetFunctionProto(ctx.as_raw().as_ptr())) };
    function_proto
        .as_object()?
        .get::<_, Function>("toString")
        .ok()
}
