//! Engine property descriptors as `JS_GetOwnProperty` fills them: what the library reads to
//! look at a property without running code, then gives back.

use rquickjs::qjs;

/// Frees the three values a filled descriptor holds (value, getter, setter).
///
/// # Safety
/// `desc` was filled by `JS_GetOwnProperty` on `ctx` (or zeroed), and is not used after.
pub(crate) unsafe fn free(ctx: *mut qjs::JSContext, desc: &qjs::JSPropertyDescriptor) {
    qjs::JS_FreeValue(ctx, desc.value);
    qjs::JS_FreeValue(ctx, desc.getter);
    qjs::JS_FreeValue(ctx, desc.setter);
}
