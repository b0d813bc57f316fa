//! `Function.prototype.toString` of builtins as V8 gives it: `function max() { [native code] }`
//! on one line (QuickJS spreads it over three), and `function () { [native code] }` for bound
//! functions and proxies (QuickJS names the target). Programs print these, and compare them
//! with the text they expect of a native function. A realm's `toString` is the engine's, called
//! through an auto-init wrapper (made on first read: `natives.rs`) that reshapes only that
//! form, which no function's own source can have (`[native code]` is no JavaScript).

use std::ffi::c_int;

use rquickjs::qjs;

use crate::natives::{self, NativeTable, StaticEntry};

/// The engine's `Function.prototype.toString`.
static NATIVES: NativeTable = NativeTable::new();

static ENTRY: StaticEntry = StaticEntry::new(natives::entry(c"toString", 0, 0, to_string));

/// The longest builtin text reshaped (a name of a few hundred characters at most).
const MAX_ENGINE_TEXT: i32 = 512;

/// How the engine ends a builtin's text.
const ENGINE_TAIL: &str = "() {\n    [native code]\n}";

/// Puts the wrapper in place of `Function.prototype.toString` of the realm `ctx`. Without the
/// engine's function (its layout did not check out), the engine's own stays. False on an
/// exception (out of memory).
///
/// # Safety
/// `ctx` is a live realm whose base objects were added.
pub(crate) unsafe fn install(ctx: *mut qjs::JSContext) -> bool {
    let proto = qjs::JS_GetFunctionProto(ctx);
    natives::wrap_method(ctx, proto, c"toString", 0, &NATIVES, &ENTRY)
}

unsafe extern "C" fn to_string(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
) -> qjs::JSValue {
    let text = natives::call_through(ctx, &NATIVES, 0, this, argc, argv);
    if !qjs::JS_IsString(text) {
        return text;
    }
    // A builtin's text is short: a function's own source (any length) is not copied to be
    // looked at.
    let length = qjs::JS_GetPropertyStr(ctx, text, c"length".as_ptr());
    let short = qjs::JS_VALUE_GET_TAG(length) == qjs::JS_TAG_INT
        && qjs::JS_VALUE_GET_INT(length) <= MAX_ENGINE_TEXT;
    qjs::JS_FreeValue(ctx, length);
    if !short {
        return text;
    }
    let mut len = 0;
    let s = qjs::JS_ToCStringLen(ctx, &mut len, text);
    if s.is_null() {
        return text;
    }
    let bytes = std::slice::from_raw_parts(s.cast::<u8>(), len);
    let reshaped = std::str::from_utf8(bytes)
        .ok()
        .and_then(|t| v8_text(t, qjs::JS_IsProxy(this)));
    qjs::JS_FreeCString(ctx, s);
    match reshaped {
        Some(t) => {
            qjs::JS_FreeValue(ctx, text);
            qjs::JS_NewStringLen(ctx, t.as_ptr().cast(), t.len() as _)
        }
        None => text,
    }
}

/// V8's text for the engine's text of a builtin, bound function or proxy (`None`: any other
/// function's, left as it is).
fn v8_text(engine: &str, proxy: bool) -> Option<String> {
    let head = engine.strip_suffix(ENGINE_TAIL)?;
    if proxy || head.starts_with("function bound ") {
        return Some("function () { [native code] }".into());
    }
    Some(format!("{head}() {{ [native code] }}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_on_one_line() {
        let engine = |head: &str| format!("{head}{ENGINE_TAIL}");
        assert_eq!(
            v8_text(&engine("function max"), false).as_deref(),
            Some("function max() { [native code] }")
        );
        assert_eq!(
            v8_text(&engine("function bound f"), false).as_deref(),
            Some("function () { [native code] }")
        );
        assert_eq!(
            v8_text(&engine("function f"), true).as_deref(),
            Some("function () { [native code] }")
        );
        assert_eq!(v8_text("function f(a) { return a }", false), None);
    }
}
