//! The `var` forwarders: accessors on the global that keep a script's `var` declarations
//! live on the sandbox (QuickJS puts them on the global's shape, where no hook sees them).

use std::ffi::c_int;

use rquickjs::qjs;

use super::data;

/// Installs on `global` a configurable accessor for `prop` that reads and writes the sandbox
/// (falling back to the scope, i.e. the builtins, for reads), so that `var prop` declared by
/// a script is the sandbox's property. Returns false on an engine exception.
pub(crate) unsafe fn install_forwarder(
    ctx: *mut qjs::JSContext,
    global: qjs::JSValue,
    sandbox: qjs::JSValue,
    scope: qjs::JSValue,
    prop: qjs::JSAtom,
) -> bool {
    // A builtin of a lazy group is made before the name is declared: a frozen global would
    // keep its group from being made later.
    if data(scope).is_some_and(|d| d.ensure(prop).is_err()) {
        return false;
    }
    let key = qjs::JS_AtomToValue(ctx, prop);
    let mut data = [key, sandbox, scope];
    let getter = qjs::JS_NewCFunctionData(ctx, Some(forward_get), 0, 0, 3, data.as_mut_ptr());
    let setter = qjs::JS_NewCFunctionData(ctx, Some(forward_set), 1, 0, 3, data.as_mut_ptr());
    qjs::JS_FreeValue(ctx, key);
    if qjs::JS_IsException(getter) || qjs::JS_IsException(setter) {
        qjs::JS_FreeValue(ctx, getter);
        qjs::JS_FreeValue(ctx, setter);
        return false;
    }
    // On the global itself, not through its definer (an exotic global's would define on the
    // sandbox).
    let flags = qjs::JS_PROP_NO_EXOTIC
        | qjs::JS_PROP_HAS_GET
        | qjs::JS_PROP_HAS_SET
        | qjs::JS_PROP_HAS_CONFIGURABLE
        | qjs::JS_PROP_CONFIGURABLE
        | qjs::JS_PROP_HAS_ENUMERABLE
        | qjs::JS_PROP_ENUMERABLE;
    let r = qjs::JS_DefineProperty(
        ctx,
        global,
        prop,
        qjs::JS_UNDEFINED,
        getter,
        setter,
        flags as c_int,
    );
    qjs::JS_FreeValue(ctx, getter);
    qjs::JS_FreeValue(ctx, setter);
    r >= 0
}

unsafe extern "C" fn forward_get(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let atom = qjs::JS_ValueToAtom(ctx, *data);
    let sandbox = *data.add(1);
    let has = qjs::JS_HasProperty(ctx, sandbox, atom);
    let result = if has < 0 {
        qjs::JS_EXCEPTION
    } else if has > 0 {
        qjs::JS_GetProperty(ctx, sandbox, atom)
    } else {
        qjs::JS_GetProperty(ctx, *data.add(2), atom)
    };
    qjs::JS_FreeAtom(ctx, atom);
    result
}

unsafe extern "C" fn forward_set(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let value = if argc > 0 {
        qjs::JS_DupValue(ctx, *argv)
    } else {
        qjs::JS_UNDEFINED
    };
    let atom = qjs::JS_ValueToAtom(ctx, *data);
    let r = qjs::JS_SetProperty(ctx, *data.add(1), atom, value);
    qjs::JS_FreeAtom(ctx, atom);
    if r < 0 {
        qjs::JS_EXCEPTION
    } else {
        qjs::JS_UNDEFINED
    }
}
