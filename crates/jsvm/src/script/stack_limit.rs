//! A compile that met the engine's stack limit fails as V8's does, with `RangeError: Maximum
//! call stack size exceeded`, never with a syntax error of the place the parse stopped at.
//!
//! QuickJS's parser looks ahead over a parenthesized list (a function's parameters, an arrow's
//! head) without checking whether the look-ahead met the stack limit: the parse then goes on
//! from the wrong token, and the `RangeError` is replaced by a `SyntaxError` there ("missing
//! formal parameter"). Which one a source gets depends on where exactly the limit falls, which
//! moves with the stack's alignment from process to process: the vm-attack `cjs_export_names`
//! (a 20 000-deep chain of `require`s, each compiling its wrapper) failed either way, and
//! `'()=>'.repeat(200000)` did at some depths of the caller.
//!
//! Whether a parse came to the limit is read off the stack itself: before the compile, the
//! [`BAND`] bytes just above the limit are filled with a mark; a compile that fails with a
//! `SyntaxError` and left the mark changed (its frames reached there, where the engine's
//! checks fire) met the limit. Only the band is written, far below the frames in use (a caller
//! already that close to the limit gets the `RangeError` for any `SyntaxError`).

use rquickjs::{qjs, Ctx, Value};

/// The bytes above the engine's limit that a parse meeting it reaches (its checks leave 1000
/// bytes for a token's scan; the frames of the check itself come on top).
const BAND: usize = 8 << 10;

/// Left unwritten below the frame that marks the band.
const CLEAR: usize = 4 << 10;

/// The mark: a word no frame is likely to hold in every slot it writes.
const MARK: u64 = 0x6a73_766d_5354_4b21;

/// Runs `compile` (an engine compile of one source, returning the function or an exception)
/// and returns its function, or what it threw; see the module's comment.
pub(crate) fn compile<'js>(
    ctx: &Ctx<'js>,
    compile: impl FnOnce() -> qjs::JSValue,
) -> Result<Value<'js>, Value<'js>> {
    let limit = crate::runtime::state::RuntimeState::of(ctx)
        .heap
        .engine_stack_limit();
    let band = limit.map_or(Band::Unknown, mark_band);
    let result = unsafe { Value::from_raw(ctx.clone(), compile()) };
    if !result.is_exception() {
        return Ok(result);
    }
    let error = ctx.catch();
    let met = match band {
        Band::Unknown => false,
        Band::Near => true,
        Band::Marked(low, high) => reached(low, high),
    };
    if !met || !is_syntax_error(ctx, &error) {
        return Err(error);
    }
    unsafe { qjs::JS_ThrowRangeError(ctx.as_raw().as_ptr(), c"%s".as_ptr(), STACK.as_ptr()) };
    Err(ctx.catch())
}

/// The engine's (and V8's) message.
const STACK: &std::ffi::CStr = c"Maximum call stack size exceeded";

/// What [`mark_band`] did.
enum Band {
    /// Nothing: the limit is not on this thread's stack as this thread knows it.
    Unknown,
    /// Nothing: the caller is already within the band.
    Near,
    /// The span of addresses marked.
    Marked(usize, usize),
}

/// This thread's stack: its lowest address and its size (`None`: unknown).
pub(crate) fn thread_stack() -> Option<(usize, usize)> {
    thread_local! {
        static STACK: Option<(usize, usize)> = unsafe {
            let mut attr: libc::pthread_attr_t = std::mem::zeroed();
            if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
                None
            } else {
                let mut low: *mut libc::c_void = std::ptr::null_mut();
                let mut size: libc::size_t = 0;
                let ok = libc::pthread_attr_getstack(&attr, &mut low, &mut size) == 0;
                libc::pthread_attr_destroy(&mut attr);
                ok.then_some((low as usize, size))
            }
        };
    }
    STACK.with(|s| *s)
}

/// Fills the words of `[limit, limit + BAND)` that lie [`CLEAR`] bytes or more below this
/// frame with [`MARK`], when all of them lie on this thread's stack, above its last 64 KiB.
#[inline(never)]
fn mark_band(limit: usize) -> Band {
    let here = std::hint::black_box(&limit) as *const usize as usize;
    let low = (limit + 7) & !7;
    let Some((bottom, size)) = thread_stack() else {
        return Band::Unknown;
    };
    if low < bottom + (64 << 10) || here >= bottom + size || here <= low {
        return Band::Unknown;
    }
    let high = (limit + BAND).min(here.saturating_sub(CLEAR)) & !7;
    if high <= low + 64 {
        return Band::Near;
    }
    // SAFETY: the thread's own stack, below every frame in use (the engine's limit lies within
    // the thread's stack, and this frame is `CLEAR` bytes above the span): no value lives there.
    unsafe {
        let mut p = low;
        while p < high {
            std::ptr::write_volatile(p as *mut u64, MARK);
            p += 8;
        }
    }
    Band::Marked(low, high)
}

/// Whether a frame wrote into the span [`mark_band`] marked.
fn reached(low: usize, high: usize) -> bool {
    // SAFETY: as in `mark_band`; the compile's frames are gone.
    (low..high)
        .step_by(8)
        .any(|p| unsafe { std::ptr::read_volatile(p as *const u64) } != MARK)
}

/// Whether `v` is an error the engine's parser made: an object of the realm's `SyntaxError`
/// (read from its prototype's own `constructor` and that one's own `name`, nothing called).
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
