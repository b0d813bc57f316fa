//! The engine's record of the exception in flight (`JSContext.error_back_trace`), emptied where
//! its API has no way: at a throw the engine passes the value to the stack formatter only while
//! the record is empty (it empties it at each `catch`), and it fills it with the first stack it
//! formats after that. An exception caught by the engine itself (an async function's, a
//! promise executor's) leaves it filled, and the next throw of an error made earlier would pass
//! unseen (Node's arrow would mark where it was made, not thrown).
//!
//! `js_std_cmd(2, ctx, &v)` takes the record out (the engine's integration point for its libc,
//! not public API): only on the engine release it was read from, and only once a probe at
//! runtime start found it behaving so (an error made fills the record; taking it empties it).

use std::sync::atomic::{AtomicU8, Ordering};

use rquickjs::{qjs, Ctx};

/// The QuickJS-ng release whose `js_std_cmd` commands this module uses (pinned in Cargo.toml).
const ENGINE_VERSION: &str = "0.16.2";
/// `js_std_cmd`'s command taking the record out (`ErrorBackTrace`).
const TAKE_ERROR_BACK_TRACE: i32 = 2;

/// 0: not probed; 1: the command does what this module expects; 2: it does not.
static WORKS: AtomicU8 = AtomicU8::new(0);

/// Takes the record out of `c`'s realm: the value it held (the caller's).
unsafe fn take(c: *mut qjs::JSContext) -> qjs::JSValue {
    let mut v = qjs::JS_UNDEFINED;
    qjs::js_std_cmd(TAKE_ERROR_BACK_TRACE, c, &mut v as *mut qjs::JSValue);
    v
}

/// Checks the command once per process, in `ctx` (a realm with no code running).
pub(crate) fn probe(ctx: &Ctx<'_>) {
    crate::frames::layout_probe::once(&WORKS, None, || unsafe {
        let version = std::ffi::CStr::from_ptr(qjs::JS_GetVersion());
        if version.to_bytes() != ENGINE_VERSION.as_bytes() {
            return false;
        }
        let c = ctx.as_raw().as_ptr();
        qjs::JS_FreeValue(c, take(c));
        let emptied = qjs::JS_IsUndefined(take(c));
        let error = qjs::JS_NewError(c);
        if qjs::JS_IsException(error) {
            drop(ctx.catch());
            return false;
        }
        let filled = take(c);
        let holds = emptied && !qjs::JS_IsUndefined(filled) && qjs::JS_IsUndefined(take(c));
        qjs::JS_FreeValue(c, filled);
        qjs::JS_FreeValue(c, error);
        holds
    });
}

/// Empties the record of `ctx`'s realm, so the next throw reaches the stack formatter (when
/// the probe held; else nothing).
pub(crate) fn forget(ctx: &Ctx<'_>) {
    if WORKS.load(Ordering::Relaxed) != 1 {
        return;
    }
    let c = ctx.as_raw().as_ptr();
    // SAFETY: a live realm; the value taken is ours to free.
    unsafe { qjs::JS_FreeValue(c, take(c)) };
}
