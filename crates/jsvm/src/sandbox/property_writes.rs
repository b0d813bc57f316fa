//! How a write reaches the sandbox (Node's setter interceptor) and how it is refused as V8
//! refuses it; shared by both classes' hooks and the lazy groups.

use std::ffi::c_int;
use std::ptr;

use rquickjs::qjs;

use super::ScopeData;

/// Node's setter interceptor: the write goes to the sandbox. `global_writable`: the global
/// itself has a writable property of that name, which V8 assigns instead when the sandbox's is
/// read-only (unseen: reads answer from the sandbox).
pub(super) unsafe fn set_on_sandbox(
    ctx: *mut qjs::JSContext,
    d: &ScopeData,
    prop: qjs::JSAtom,
    value: qjs::JSValue,
    flags: c_int,
    global_writable: bool,
) -> c_int {
    // The common case, a writable property or an extensible sandbox, costs one [[Set]]. A frozen
    // or read-only sandbox property refuses the write: quietly in sloppy code, with V8's error
    // in strict code. JS_SetProperty always throws on a refusal, so a failure is looked at
    // afterwards: a refusal is judged by the code's strictness, a throwing setter's error stays.
    let r = qjs::JS_SetProperty(ctx, d.sandbox, prop, qjs::JS_DupValue(ctx, value));
    if r >= 0 || flags as u32 & qjs::JS_PROP_THROW != 0 {
        return r;
    }
    let exception = qjs::JS_GetException(ctx);
    match writable_on(ctx, d.sandbox, prop) {
        Writable::ReadOnly if global_writable => {
            qjs::JS_FreeValue(ctx, exception);
            1
        }
        // Strict code assigning to a read-only sandbox property: V8's definer interceptor
        // refuses with this message (a setter-only accessor is refused quietly there too).
        Writable::ReadOnly
            if flags as u32 & qjs::JS_PROP_THROW_STRICT != 0
                && assigning_code_is_strict(ctx, prop) =>
        {
            qjs::JS_FreeValue(ctx, exception);
            throw_with_name(ctx, c"Cannot redefine property: %s", prop);
            -1
        }
        Writable::No | Writable::ReadOnly => {
            qjs::JS_FreeValue(ctx, exception);
            0
        }
        Writable::Yes => {
            qjs::JS_Throw(ctx, exception);
            -1
        }
        Writable::Error => {
            qjs::JS_FreeValue(ctx, exception);
            -1
        }
    }
}

pub(super) enum Writable {
    Yes,
    /// No setter, or a missing property on a non-extensible object.
    No,
    /// A non-writable data property.
    ReadOnly,
    Error,
}

/// Whether an assignment to `prop` of `obj` can succeed, judged from its own property (or,
/// when absent, the object's extensibility); inherited setters are left to the assignment.
pub(super) unsafe fn writable_on(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    prop: qjs::JSAtom,
) -> Writable {
    let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = qjs::JS_GetOwnProperty(ctx, &mut desc, obj, prop);
    if r < 0 {
        return Writable::Error;
    }
    if r == 0 {
        return match qjs::JS_IsExtensible(ctx, obj) {
            e if e < 0 => Writable::Error,
            0 => Writable::No,
            _ => Writable::Yes,
        };
    }
    let verdict = if desc.flags & qjs::JS_PROP_GETSET as c_int != 0 {
        if qjs::JS_IsUndefined(desc.setter) {
            Writable::No
        } else {
            Writable::Yes
        }
    } else if desc.flags & qjs::JS_PROP_WRITABLE as c_int != 0 {
        Writable::Yes
    } else {
        Writable::ReadOnly
    };
    crate::descriptor::free(ctx, &desc);
    verdict
}

/// Whether the code assigning now is strict. QuickJS does not tell an exotic object, but its
/// own refusals do: defining a property on a non-extensible object throws only in strict code.
pub(super) unsafe fn assigning_code_is_strict(ctx: *mut qjs::JSContext, prop: qjs::JSAtom) -> bool {
    let probe = qjs::JS_NewObject(ctx);
    if qjs::JS_IsException(probe) {
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        return false;
    }
    qjs::JS_PreventExtensions(ctx, probe);
    let r = qjs::JS_DefineProperty(
        ctx,
        probe,
        prop,
        qjs::JS_UNDEFINED,
        qjs::JS_UNDEFINED,
        qjs::JS_UNDEFINED,
        (qjs::JS_PROP_HAS_VALUE | qjs::JS_PROP_THROW_STRICT) as c_int,
    );
    qjs::JS_FreeValue(ctx, probe);
    if r < 0 {
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        return true;
    }
    false
}

/// Whether a refusal with these flags throws (JS_PROP_THROW_STRICT: in strict code).
pub(super) unsafe fn refusal_throws(
    ctx: *mut qjs::JSContext,
    flags: c_int,
    prop: qjs::JSAtom,
) -> bool {
    let flags = flags as u32;
    flags & qjs::JS_PROP_THROW != 0
        || (flags & qjs::JS_PROP_THROW_STRICT != 0 && assigning_code_is_strict(ctx, prop))
}

pub(super) unsafe fn throw_with_name(
    ctx: *mut qjs::JSContext,
    format: &std::ffi::CStr,
    prop: qjs::JSAtom,
) {
    let name = qjs::JS_AtomToCStringLen(ctx, ptr::null_mut(), prop);
    if !name.is_null() {
        qjs::JS_ThrowTypeError(ctx, format.as_ptr(), name);
        qjs::JS_FreeCString(ctx, name);
    }
}

/// The flags that define a property exactly as a descriptor with `flags` (from
/// `JS_GetOwnProperty`) describes it: its kind and every attribute.
pub(super) fn flags_to_redefine(flags: c_int) -> c_int {
    let kind = if flags & qjs::JS_PROP_GETSET as c_int != 0 {
        qjs::JS_PROP_HAS_GET | qjs::JS_PROP_HAS_SET
    } else {
        qjs::JS_PROP_HAS_VALUE | qjs::JS_PROP_HAS_WRITABLE
    };
    let all = kind | qjs::JS_PROP_HAS_CONFIGURABLE | qjs::JS_PROP_HAS_ENUMERABLE;
    all as c_int | (flags & qjs::JS_PROP_C_W_E as c_int)
}
