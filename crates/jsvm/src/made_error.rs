//! Errors the library makes in a context's realm (a run's timeout, a bad argument) without
//! running any of the context's code.
//!
//! Such an error is often made when the run's limit is over (the timeout error itself), so no
//! code of the context may run: not its `Error` (code may replace the global), nor its
//! `Error.prepareStackTrace`, nor getters on its prototypes (`name`, `message`, a `code`
//! setter), nor the `valueOf` of an object it gave `Error.stackTraceLimit`. The error is made
//! from the realm's own prototype (as Node, whose timeout error belongs to the context), its
//! stack is formatted with a header given here (stack.rs reads nothing of the error while
//! [`in_making`] says so), and its properties are defined, not assigned.

use std::cell::RefCell;
use std::ffi::CString;

use rquickjs::{qjs, Ctx, Value};

use crate::runtime::state::RuntimeState;

thread_local! {
    /// The stack header of the error being made on this thread.
    static HEADER: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The stack header of the error the library is making, if it is making one: the engine's
/// stack formatter then formats the call sites under it and runs nothing.
pub(crate) fn in_making() -> Option<String> {
    HEADER.with(|h| h.borrow().clone())
}

/// The native error classes the library throws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Error,
    TypeError,
    RangeError,
    SyntaxError,
    InternalError,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Error => "Error",
            Kind::TypeError => "TypeError",
            Kind::RangeError => "RangeError",
            Kind::SyntaxError => "SyntaxError",
            Kind::InternalError => "InternalError",
        }
    }
}

/// Clears the header and the interrupt handler's stop when the error is made (or on unwind).
struct Making<'a> {
    state: &'a RuntimeState,
}

impl Drop for Making<'_> {
    fn drop(&mut self) {
        HEADER.with(|h| *h.borrow_mut() = None);
        self.state.interrupts.end_quiet();
    }
}

/// An error of `kind` of `ctx`'s realm with `message` (own, not enumerable), `code` (own,
/// enumerable, as Node's coded errors) and a stack of `header` (default `Name: message`)
/// followed by the frames on the stack.
pub(crate) fn make<'js>(
    ctx: &Ctx<'js>,
    kind: Kind,
    message: &str,
    code: Option<&str>,
    header: Option<&str>,
) -> rquickjs::Result<Value<'js>> {
    let header = header.map(str::to_string).unwrap_or_else(|| {
        if message.is_empty() {
            kind.name().to_string()
        } else {
            format!("{}: {message}", kind.name())
        }
    });
    let c = ctx.as_raw().as_ptr();
    let state = RuntimeState::of(ctx);
    let raw = {
        // While the engine makes the error, its interrupt handler stops any code at once
        // (`Error.stackTraceLimit` is converted to a number, which may call `valueOf`; the
        // engine then drops the interruption and takes no frames).
        state.interrupts.begin_quiet();
        HEADER.with(|h| *h.borrow_mut() = Some(header));
        let _making = Making { state: &state };
        let fmt = c"%s".as_ptr();
        let empty = c"".as_ptr();
        unsafe {
            match kind {
                Kind::Error => qjs::JS_NewPlainError(c, fmt, empty),
                Kind::TypeError => qjs::JS_NewTypeError(c, fmt, empty),
                Kind::RangeError => qjs::JS_NewRangeError(c, fmt, empty),
                Kind::SyntaxError => qjs::JS_NewSyntaxError(c, fmt, empty),
                Kind::InternalError => qjs::JS_NewInternalError(c, fmt, empty),
            }
        }
    };
    let error = unsafe { Value::from_raw(ctx.clone(), raw) };
    if error.is_exception() {
        return Err(rquickjs::Error::Exception);
    }
    // The engine's message is cut at 256 bytes: the whole one, as an own data property.
    define(ctx, &error, "message", message, false)?;
    if let Some(code) = code {
        define(ctx, &error, "code", code, true)?;
    }
    Ok(error)
}

/// Defines `key` as an own writable, configurable string property of `target` (no setter of
/// its prototypes runs).
fn define<'js>(
    ctx: &Ctx<'js>,
    target: &Value<'js>,
    key: &str,
    text: &str,
    enumerable: bool,
) -> rquickjs::Result<()> {
    let c = ctx.as_raw().as_ptr();
    let key = CString::new(key).expect("a property name without NUL");
    let mut flags = qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE;
    if enumerable {
        flags |= qjs::JS_PROP_ENUMERABLE;
    }
    let r = unsafe {
        let value = qjs::JS_NewStringLen(c, text.as_ptr().cast(), text.len() as _);
        if qjs::JS_VALUE_GET_TAG(value) == qjs::JS_TAG_EXCEPTION {
            return Err(rquickjs::Error::Exception);
        }
        qjs::JS_DefinePropertyValueStr(c, target.as_raw(), key.as_ptr(), value, flags as _)
    };
    if r < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(())
}

/// QuickJS's refusal of a string beyond its length limit (a rope's concatenation, a bytecode
/// string), which it throws as `InternalError: string too long`.
const TOO_LONG: &str = "string too long";

/// Makes `error`, an error the engine is making in `ctx`'s realm (its stack not yet given),
/// V8's where QuickJS's class differs: its refusal of an over-long string is V8's
/// `RangeError: Invalid string length`. Nothing of the realm runs: the message is an own data
/// property read as such, the prototypes compared and set are the realm's intrinsic ones (of
/// errors the engine makes here, which call no hook while a stack is being built).
pub(crate) fn as_v8_class<'js>(ctx: &Ctx<'js>, error: &Value<'js>) {
    let Some(obj) = error.as_object() else {
        return;
    };
    let c = ctx.as_raw().as_ptr();
    // An engine error is an ordinary object: reading its own property runs nothing. Only as
    // much of the message is copied out as the comparison needs.
    let is_too_long = crate::descriptor::own_named(ctx, error, "message")
        .filter(|p| !p.is_accessor())
        .and_then(|p| crate::bounded_text::bounded(ctx, &p.value, TOO_LONG.len() + 1))
        .is_some_and(|m| m == TOO_LONG);
    if !is_too_long {
        return;
    }
    // The realm's intrinsic prototypes, from errors made for them (no hook runs for them: the
    // engine calls none while it builds a stack, its `in_prepare_stack_trace` guard).
    let intrinsic = |make: unsafe extern "C" fn(
        *mut qjs::JSContext,
        *const std::ffi::c_char,
        ...
    ) -> qjs::JSValue| {
        let made = unsafe { Value::from_raw(ctx.clone(), make(c, c"%s".as_ptr(), c"".as_ptr())) };
        if made.is_exception() {
            // Out of memory: the error stays as made (the one in flight is saved meanwhile).
            drop(ctx.catch());
        }
        made.as_object().and_then(|o| o.get_prototype())
    };
    let Some(internal) = intrinsic(qjs::JS_NewInternalError) else {
        return;
    };
    if obj.get_prototype().as_ref() != Some(&internal) {
        // Code's own error with those words (no engine refusal).
        return;
    }
    let Some(range) = intrinsic(qjs::JS_NewRangeError) else {
        return;
    };
    if obj.set_prototype(Some(&range)).is_err()
        || define(ctx, error, "message", "Invalid string length", false).is_err()
    {
        drop(ctx.catch());
    }
}
