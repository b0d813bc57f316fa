//! V8's `console` in a context: every method prints nothing (outside the inspector), made on
//! first use.

use std::ffi::c_int;

use rquickjs::qjs;

use super::ScopeData;

/// The methods of V8's console (all silent here).
const CONSOLE_METHODS: &[&std::ffi::CStr] = &[
    c"debug",
    c"error",
    c"info",
    c"log",
    c"warn",
    c"dir",
    c"dirxml",
    c"table",
    c"trace",
    c"group",
    c"groupCollapsed",
    c"groupEnd",
    c"clear",
    c"count",
    c"countReset",
    c"assert",
    c"profile",
    c"profileEnd",
    c"time",
    c"timeLog",
    c"timeEnd",
    c"timeStamp",
];

unsafe extern "C" fn silent(
    _ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_UNDEFINED
}

/// The context's silent console, made on first use.
pub(super) unsafe fn silent_console(
    ctx: *mut qjs::JSContext,
    d: &ScopeData,
) -> Option<qjs::JSValue> {
    let existing = d.console.get();
    if qjs::JS_IsObject(existing) {
        return Some(existing);
    }
    let console = qjs::JS_NewObject(ctx);
    if qjs::JS_IsException(console) {
        return None;
    }
    for name in CONSOLE_METHODS {
        let f = qjs::JS_NewCFunction2(
            ctx,
            Some(silent),
            name.as_ptr(),
            0,
            qjs::JSCFunctionEnum_JS_CFUNC_generic,
            0,
        );
        if qjs::JS_IsException(f) || qjs::JS_SetPropertyStr(ctx, console, name.as_ptr(), f) < 0 {
            qjs::JS_FreeValue(ctx, console);
            return None;
        }
    }
    d.console.set(console);
    Some(console)
}
