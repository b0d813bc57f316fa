//! A compile that met the engine's stack limit fails as V8's does, with `RangeError: Maximum
//! call stack size exceeded`, never with a syntax error of the place the parse stopped at.
//!
//! QuickJS's parser looks ahead over a parenthesized list (a function's parameters, an arrow's
//! head) without checking whether the look-ahead met the stack limit: the parse then goes on
//! from the wrong token, and the `RangeError` is replaced by a `SyntaxError` there ("Missing
//! formal parameter"). Which one a source gets depends on where exactly the limit falls, which
//! moves with the stack's alignment from process to process: the vm-attack `cjs_export_names`
//! (a 20 000-deep chain of `require`s, each compiling its wrapper) failed either way.
//!
//! A compile that ends in a `SyntaxError` is therefore compiled once more with the limit
//! [`EXTRA`] bytes deeper (the compile runs no code): if that one succeeds or fails otherwise,
//! the first met the limit; the same error again (its message and place) is the source's own.

use rquickjs::{qjs, Ctx, Value};

/// How much deeper the second compile may go: far more than the frames of one look-ahead.
const EXTRA: usize = 64 << 10;

/// Runs `compile` (an engine compile of one source, returning the function or an exception)
/// and returns its function, or what it threw; see the module's comment.
pub(crate) fn compile<'js>(
    ctx: &Ctx<'js>,
    mut compile: impl FnMut() -> qjs::JSValue,
) -> Result<Value<'js>, Value<'js>> {
    let first = unsafe { Value::from_raw(ctx.clone(), compile()) };
    if !first.is_exception() {
        return Ok(first);
    }
    let error = ctx.catch();
    if !is_syntax_error(ctx, &error) {
        return Err(error);
    }
    let heap = crate::runtime::state::RuntimeState::of(ctx).heap.clone();
    let Some(second) = heap.with_deeper_stack_limit(EXTRA, compile) else {
        return Err(error);
    };
    let second = unsafe { Value::from_raw(ctx.clone(), second) };
    if second.is_exception() && same_error(ctx, &error, &ctx.catch()) {
        return Err(error);
    }
    drop(second);
    unsafe { qjs::JS_ThrowRangeError(ctx.as_raw().as_ptr(), c"%s".as_ptr(), STACK.as_ptr()) };
    Err(ctx.catch())
}

/// The engine's (and V8's) message.
const STACK: &std::ffi::CStr = c"Maximum call stack size exceeded";

/// Whether `v` is an error the engine's parser made: an object of the realm's `SyntaxError`.
fn is_syntax_error<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    let c = ctx.as_raw().as_ptr();
    unsafe {
        if !qjs::JS_IsError(obj.as_raw()) {
            return false;
        }
        let proto = qjs::JS_GetPrototype(c, obj.as_raw());
        // Borrowed: the object holds its prototype.
        qjs::JS_FreeValue(c, proto);
        let ctor = own_data(c, proto, c"constructor");
        let name = ctor.map(|f| {
            let n = own_data(c, f, c"name");
            qjs::JS_FreeValue(c, f);
            n
        });
        match name.flatten() {
            Some(n) => {
                let s = qjs::JS_ToCString(c, n);
                let is = !s.is_null() && std::ffi::CStr::from_ptr(s) == c"SyntaxError";
                if !s.is_null() {
                    qjs::JS_FreeCString(c, s);
                }
                qjs::JS_FreeValue(c, n);
                is
            }
            None => false,
        }
    }
}

/// Whether two errors of the parser say the same at the same place: their own `message` and
/// `stack` (whose first frame is the place) are the same strings. An error whose texts cannot
/// be read as data counts as the same (the first error stands).
fn same_error<'js>(ctx: &Ctx<'js>, a: &Value<'js>, b: &Value<'js>) -> bool {
    let c = ctx.as_raw().as_ptr();
    [c"message", c"stack"].iter().all(|key| unsafe {
        match (own_data(c, a.as_raw(), key), own_data(c, b.as_raw(), key)) {
            (Some(x), Some(y)) => {
                let same = qjs::JS_IsString(x) && qjs::JS_IsStrictEqual(c, x, y);
                qjs::JS_FreeValue(c, x);
                qjs::JS_FreeValue(c, y);
                same
            }
            (x, y) => {
                for v in [x, y].into_iter().flatten() {
                    qjs::JS_FreeValue(c, v);
                }
                true
            }
        }
    })
}

/// The value of `obj`'s own data property `key` (owned), or `None` (no such property, an
/// accessor, an exotic object: nothing is called).
unsafe fn own_data(
    c: *mut qjs::JSContext,
    obj: qjs::JSValue,
    key: &std::ffi::CStr,
) -> Option<qjs::JSValue> {
    if !qjs::JS_IsObject(obj) || qjs::JS_IsProxy(obj) {
        return None;
    }
    let atom = qjs::JS_NewAtom(c, key.as_ptr());
    let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = qjs::JS_GetOwnProperty(c, &mut desc, obj, atom);
    qjs::JS_FreeAtom(c, atom);
    if r < 0 {
        qjs::JS_FreeValue(c, qjs::JS_GetException(c));
        return None;
    }
    if r == 0 {
        return None;
    }
    qjs::JS_FreeValue(c, desc.getter);
    qjs::JS_FreeValue(c, desc.setter);
    if desc.flags & qjs::JS_PROP_GETSET as i32 != 0 {
        qjs::JS_FreeValue(c, desc.value);
        return None;
    }
    Some(desc.value)
}
