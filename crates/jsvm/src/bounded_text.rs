//! Strings copied out of the engine's heap, which its memory limit does not cover: at most a
//! given number of bytes of each.

use rquickjs::{qjs, Ctx, Value};

/// The most bytes of a name (a type's, a key's) copied out of the heap for a stack's frames.
const MAX_NAME: usize = 1 << 10;

/// The string `v` as a name for a frame: at most [`MAX_NAME`] bytes of it.
pub(crate) fn bounded_name<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Option<String> {
    bounded(ctx, v, MAX_NAME)
}

/// The string `v`, its first `max` bytes of UTF-8 (then `…`).
pub(crate) fn bounded<'js>(ctx: &Ctx<'js>, v: &Value<'js>, max: usize) -> Option<String> {
    let s = v.as_string()?;
    let raw = ctx.as_raw().as_ptr();
    let mut len: qjs::size_t = 0;
    let ptr = unsafe { qjs::JS_ToCStringLen2(raw, &mut len, s.as_raw(), false) };
    let len = len as usize;
    if ptr.is_null() {
        // Its UTF-8 did not fit the heap: no text.
        drop(ctx.catch());
        return None;
    }
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    let text = if len <= max {
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        let mut cut = max;
        while cut > 0 && (bytes[cut] & 0xC0) == 0x80 {
            cut -= 1;
        }
        let mut kept = String::from_utf8_lossy(&bytes[..cut]).into_owned();
        kept.push('…');
        kept
    };
    unsafe { qjs::JS_FreeCString(raw, ptr) };
    Some(text)
}
