//! The scope object's hooks: the sandbox's properties, and its prototype chain, as names of
//! the global scope (Node's interceptors, on the object behind the global).

use std::ffi::c_int;
use std::ptr;

use rquickjs::qjs;

use super::builtin_table::builtin_descriptor;
use super::data;
use super::layout;
use super::property_writes::set_on_sandbox;

/// A sandbox property reads as an own data property of the scope; getters on the sandbox run
/// here (Node calls them too, it does not copy them).
pub(super) unsafe extern "C" fn scope_get_own_property(
    ctx: *mut qjs::JSContext,
    desc: *mut qjs::JSPropertyDescriptor,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
) -> c_int {
    let Some(d) = data(obj) else { return 0 };
    // Own properties first (the common case: one lookup); getters run with the sandbox as
    // `this`. Then the sandbox's prototype chain, as Node's interceptor sees it.
    // (With an exotic global, the global has answered for the sandbox's own ones already.)
    let mut own: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = if d.exotic_global {
        0
    } else {
        qjs::JS_GetOwnProperty(ctx, &mut own, d.sandbox, prop)
    };
    if r < 0 {
        return -1;
    }
    let value = if r > 0 {
        if own.flags & qjs::JS_PROP_GETSET as c_int != 0 {
            qjs::JS_FreeValue(ctx, own.value);
            qjs::JS_FreeValue(ctx, own.setter);
            if qjs::JS_IsUndefined(own.getter) {
                qjs::JS_UNDEFINED
            } else {
                let v = qjs::JS_Call(ctx, own.getter, d.sandbox, 0, ptr::null_mut());
                qjs::JS_FreeValue(ctx, own.getter);
                v
            }
        } else {
            qjs::JS_FreeValue(ctx, own.getter);
            qjs::JS_FreeValue(ctx, own.setter);
            own.value
        }
    } else {
        let has = qjs::JS_HasProperty(ctx, d.sandbox, prop);
        if has < 0 {
            return has;
        }
        if has == 0 {
            // Not in the sandbox: the global's own property, if a script defined one.
            let real = d.real.get();
            if qjs::JS_IsObject(real) {
                let r = qjs::JS_GetOwnProperty(ctx, desc, real, prop);
                if r != 0 {
                    return r;
                }
            }
            // Else the realm's builtin, if it is one (non-enumerable, as on a global).
            return builtin_descriptor(ctx, d, desc, prop);
        }
        match inherited_from_a_realms_object_prototype(ctx, obj, d.sandbox, prop) {
            Err(()) => return -1,
            // `__proto__` read as a global name is the sandbox's prototype in Node (its
            // interceptor runs the accessor on the sandbox): vm2 sets it to the context's
            // `Object.prototype` and checks `global.__proto__ === Object.prototype`.
            Ok(true) if prop == qjs::JS_ATOM___proto__ as qjs::JSAtom => {
                match sandbox_prototype_here(ctx, obj, d.sandbox) {
                    Ok(v) => v,
                    Err(()) => return -1,
                }
            }
            // Left to the scope's own chain: this realm's `Object.prototype` answers.
            Ok(true) => return 0,
            Ok(false) => qjs::JS_GetProperty(ctx, d.sandbox, prop),
        }
    };
    if qjs::JS_IsException(value) {
        return -1;
    }
    // A sandbox holding itself (`sandbox.self = sandbox`, `ctx.window = ctx`) reads as the
    // global, as Node's interceptor answers: `self === this` inside.
    let value = if qjs::JS_IsObject(value)
        && qjs::JS_VALUE_GET_PTR(value) == qjs::JS_VALUE_GET_PTR(d.sandbox)
    {
        qjs::JS_FreeValue(ctx, value);
        qjs::JS_DupValue(ctx, d.global)
    } else {
        value
    };
    if desc.is_null() {
        qjs::JS_FreeValue(ctx, value);
    } else {
        (*desc).flags = qjs::JS_PROP_C_W_E as c_int;
        (*desc).value = value;
        (*desc).getter = qjs::JS_UNDEFINED;
        (*desc).setter = qjs::JS_UNDEFINED;
    }
    1
}

/// Whether `prop`, which the sandbox inherits, comes from the `Object.prototype` of a realm (a
/// plain `{}` sandbox made by the host inherits the host's) and this context's own
/// `Object.prototype` has it too. Node answers such names from the sandbox's chain, so
/// `this.constructor.constructor('return process')()` in a context reaches the host's
/// `Function`; jsvm answers them from the context's own `Object.prototype`, which has the same
/// members, so a context made from a plain object reaches nothing of the host's. Only ordinary
/// objects are walked (no proxy trap or getter runs); anything else keeps Node's answer.
unsafe fn inherited_from_a_realms_object_prototype(
    ctx: *mut qjs::JSContext,
    scope: qjs::JSValue,
    sandbox: qjs::JSValue,
    prop: qjs::JSAtom,
) -> Result<bool, ()> {
    let ordinary = |v: qjs::JSValue| {
        qjs::JS_IsObject(v) && qjs::JS_GetClassID(v) == layout::CLASS_OBJECT as qjs::JSClassID
    };
    if !ordinary(sandbox) {
        return Ok(false);
    }
    // The holder: the first object of the chain with `prop` as its own property.
    let mut holder = qjs::JS_GetPrototype(ctx, sandbox);
    loop {
        if !ordinary(holder) {
            qjs::JS_FreeValue(ctx, holder);
            return Ok(false);
        }
        match qjs::JS_GetOwnProperty(ctx, ptr::null_mut(), holder, prop) {
            r if r < 0 => {
                qjs::JS_FreeValue(ctx, holder);
                return Err(());
            }
            0 => {
                let next = qjs::JS_GetPrototype(ctx, holder);
                qjs::JS_FreeValue(ctx, holder);
                holder = next;
            }
            _ => break,
        }
    }
    let is_object_prototype = is_a_realms_object_prototype(ctx, holder);
    qjs::JS_FreeValue(ctx, holder);
    if !is_object_prototype? {
        return Ok(false);
    }
    // This realm's `Object.prototype` (the scope's prototype) must answer for it.
    let own_proto = qjs::JS_GetPrototype(ctx, scope);
    let r = if ordinary(own_proto) {
        qjs::JS_GetOwnProperty(ctx, ptr::null_mut(), own_proto, prop)
    } else {
        0
    };
    qjs::JS_FreeValue(ctx, own_proto);
    if r < 0 {
        return Err(());
    }
    Ok(r > 0)
}

/// The sandbox's prototype as the context sees it: another realm's `Object.prototype` (a plain
/// `{}` made by the host) reads as this context's own, as its members do (see above).
unsafe fn sandbox_prototype_here(
    ctx: *mut qjs::JSContext,
    scope: qjs::JSValue,
    sandbox: qjs::JSValue,
) -> Result<qjs::JSValue, ()> {
    let proto = qjs::JS_GetPrototype(ctx, sandbox);
    if !qjs::JS_IsObject(proto) {
        return Ok(proto);
    }
    let foreign = match is_a_realms_object_prototype(ctx, proto) {
        Ok(b) => b,
        Err(()) => {
            qjs::JS_FreeValue(ctx, proto);
            return Err(());
        }
    };
    if foreign {
        qjs::JS_FreeValue(ctx, proto);
        return Ok(qjs::JS_GetPrototype(ctx, scope));
    }
    Ok(proto)
}

/// Whether `obj` (an ordinary object) is some realm's `Object.prototype` as made: the end of
/// its chain, and the `prototype` of its own `constructor` (a function, not a proxy). Reads
/// data properties only; Err on an exception (left pending for the engine).
unsafe fn is_a_realms_object_prototype(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
) -> Result<bool, ()> {
    let proto = qjs::JS_GetPrototype(ctx, obj);
    let at_the_end = qjs::JS_IsNull(proto);
    qjs::JS_FreeValue(ctx, proto);
    if !at_the_end {
        return Ok(false);
    }
    // `o`'s own data property `atom` (an accessor counts as none); Err on an exception.
    let own_data = |o: qjs::JSValue, atom: qjs::JSAtom| -> Result<Option<qjs::JSValue>, ()> {
        let mut d: qjs::JSPropertyDescriptor = std::mem::zeroed();
        match qjs::JS_GetOwnProperty(ctx, &mut d, o, atom) {
            r if r < 0 => return Err(()),
            0 => return Ok(None),
            _ => {}
        }
        qjs::JS_FreeValue(ctx, d.getter);
        qjs::JS_FreeValue(ctx, d.setter);
        if d.flags & qjs::JS_PROP_GETSET as c_int != 0 {
            qjs::JS_FreeValue(ctx, d.value);
            return Ok(None);
        }
        Ok(Some(d.value))
    };
    let Some(ctor) = own_data(obj, qjs::JS_ATOM_constructor as qjs::JSAtom)? else {
        return Ok(false);
    };
    let found = if qjs::JS_IsFunction(ctx, ctor) && !qjs::JS_IsProxy(ctor) {
        own_data(ctor, qjs::JS_ATOM_prototype as qjs::JSAtom).map(|p| {
            p.is_some_and(|p| {
                let same =
                    qjs::JS_IsObject(p) && qjs::JS_VALUE_GET_PTR(p) == qjs::JS_VALUE_GET_PTR(obj);
                qjs::JS_FreeValue(ctx, p);
                same
            })
        })
    } else {
        Ok(false)
    };
    qjs::JS_FreeValue(ctx, ctor);
    found
}

pub(super) unsafe extern "C" fn scope_get_own_property_names(
    ctx: *mut qjs::JSContext,
    ptab: *mut *mut qjs::JSPropertyEnum,
    plen: *mut u32,
    obj: qjs::JSValue,
) -> c_int {
    let Some(d) = data(obj) else {
        *ptab = ptr::null_mut();
        *plen = 0;
        return 0;
    };
    qjs::JS_GetOwnPropertyNames(
        ctx,
        ptab,
        plen,
        d.sandbox,
        (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_SYMBOL_MASK | qjs::JS_GPN_ENUM_ONLY) as c_int,
    )
}

pub(super) unsafe extern "C" fn scope_delete_property(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
) -> c_int {
    let Some(d) = data(obj) else { return 1 };
    qjs::JS_DeleteProperty(ctx, d.sandbox, prop, 0)
}

/// `name in globalThis` and the engine's own "is this global defined" checks: the sandbox,
/// then the builtins, then the rest of the chain (a custom has_property replaces the walk).
pub(super) unsafe extern "C" fn scope_has_property(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
) -> c_int {
    let Some(d) = data(obj) else { return 0 };
    let has = qjs::JS_HasProperty(ctx, d.sandbox, prop);
    if has != 0 {
        return has;
    }
    let real = d.real.get();
    if qjs::JS_IsObject(real) {
        let r = qjs::JS_GetOwnProperty(ctx, ptr::null_mut(), real, prop);
        if r != 0 {
            return r;
        }
    }
    if d.holds_builtin(prop) {
        return 1;
    }
    // Then the rest of the chain (Object.prototype).
    let proto = qjs::JS_GetPrototype(ctx, obj);
    let r = if qjs::JS_IsObject(proto) {
        qjs::JS_HasProperty(ctx, proto, prop)
    } else {
        0
    };
    qjs::JS_FreeValue(ctx, proto);
    r
}

/// Every write to a global name that is not an own property of the global lands here: it goes
/// to the sandbox (Node's setter interceptor).
pub(super) unsafe extern "C" fn scope_set_property(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
    value: qjs::JSValue,
    receiver: qjs::JSValue,
    flags: c_int,
) -> c_int {
    let Some(d) = data(obj) else { return 0 };
    // An object that merely inherits from the global gets its own property, as usual.
    if qjs::JS_VALUE_GET_PTR(receiver) != qjs::JS_VALUE_GET_PTR(d.global) {
        return qjs::JS_DefinePropertyValue(
            ctx,
            receiver,
            prop,
            qjs::JS_DupValue(ctx, value),
            (qjs::JS_PROP_C_W_E | (flags as u32 & qjs::JS_PROP_THROW)) as c_int,
        );
    }
    set_on_sandbox(ctx, d, prop, value, flags, false)
}
