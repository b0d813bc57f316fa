//! Values the serde data model has no JavaScript twin for: class checks, bytes from typed
//! arrays and `ArrayBuffer`s, dates.

use rquickjs::{function::This, qjs, Ctx, Function, Object, Value};

use super::error::{ConvertError, OrConvert, Result};
use super::limits::{Budget, MAX_DEPTH};
use super::numbers::MAX_SAFE_INTEGER;
use super::strings::js_string;

// Class checks answered from the object's class id alone: no JS runs and
// nothing is thrown.
pub(super) fn typed_array_type(value: &Value<'_>) -> Option<u32> {
    // SAFETY: `as_raw` is a live value owned by `value`; the call only reads its class id.
    let kind = unsafe { qjs::JS_GetTypedArrayType(value.as_raw()) };
    u32::try_from(kind).ok()
}

pub(super) fn is_array_buffer(value: &Value<'_>) -> bool {
    // SAFETY: as above.
    unsafe { qjs::JS_IsArrayBuffer(value.as_raw()) }
}

pub(super) fn is_date(value: &Value<'_>) -> bool {
    // SAFETY: as above.
    unsafe { qjs::JS_IsDate(value.as_raw()) }
}

pub(super) fn is_byte_array(value: &Value<'_>) -> bool {
    matches!(
        typed_array_type(value),
        Some(
            qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8
                | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8C
        )
    )
}

/// `Array.isArray` semantics: proxies count when their target chain ends in an array.
pub(super) fn is_array_like<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<bool> {
    let mut current = value.clone();
    for _ in 0..MAX_DEPTH {
        if current.is_array() {
            return Ok(true);
        }
        match current.as_proxy() {
            Some(proxy) => current = proxy.target().or_convert(ctx)?.into_value(),
            None => return Ok(false),
        }
    }
    Err(ConvertError::new(format!(
        "proxy chain longer than {MAX_DEPTH} proxies"
    )))
}

/// Copies the bytes a typed array views, or all of an `ArrayBuffer`, counting
/// them against [`Limits::max_bytes`] before the copy.
pub(super) fn read_bytes<'js>(
    ctx: &Ctx<'js>,
    budget: &Budget,
    object: &Object<'js>,
) -> Result<Vec<u8>> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let (buffer, window) = if typed_array_type(object.as_value()).is_some() {
        // The length comes from `byteLength`: for a view that tracks a
        // resizable buffer, the C API reports the length it had when created.
        // This runs JS, so it happens before any pointer is taken.
        let byte_length: Value = object.get("byteLength").or_convert(ctx)?;
        let length = byte_length
            .as_number()
            .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= MAX_SAFE_INTEGER)
            .ok_or_else(|| ConvertError::new("typed array has an invalid byteLength"))?;
        let mut offset: qjs::size_t = 0;
        // SAFETY: `object` is a live typed array and `offset` a valid local;
        // the returned buffer reference is owned and handed to `Value`.
        let buffer = unsafe {
            let raw = qjs::JS_GetTypedArrayBuffer(
                raw_ctx,
                object.as_raw(),
                &mut offset,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            if qjs::JS_IsException(raw) {
                // Detached, or out of bounds of a shrunk buffer.
                return Err(ConvertError::from_rquickjs(ctx, rquickjs::Error::Exception));
            }
            Value::from_raw(ctx.clone(), raw)
        };
        match (usize::try_from(offset), usize::try_from(length as u64)) {
            (Ok(offset), Ok(length)) => (buffer, Some((offset, length))),
            _ => return Err(ConvertError::new("typed array too large")),
        }
    } else {
        (object.clone().into_value(), None)
    };

    let mut size: qjs::size_t = 0;
    // SAFETY: `buffer` is a live ArrayBuffer. The returned pointer stays valid
    // until JavaScript runs again, and none runs before the copy below, which
    // stays within the `size` bytes QuickJS reports.
    unsafe {
        let data = qjs::JS_GetArrayBuffer(raw_ctx, &mut size, buffer.as_raw());
        if data.is_null() {
            if ctx.has_exception() {
                // Detached buffer.
                return Err(ConvertError::from_rquickjs(ctx, rquickjs::Error::Exception));
            }
            return Ok(Vec::new());
        }
        let size = usize::try_from(size).map_err(|_| ConvertError::new("ArrayBuffer too large"))?;
        let (offset, length) = window.unwrap_or((0, size));
        match offset.checked_add(length) {
            Some(end) if end <= size => {
                budget.bytes(length)?;
                Ok(std::slice::from_raw_parts(data.add(offset), length).to_vec())
            }
            _ => Err(ConvertError::new(
                "typed array is out of bounds of its buffer",
            )),
        }
    }
}

pub(super) fn date_to_iso<'js>(ctx: &Ctx<'js>, date: &Object<'js>) -> Result<String> {
    let to_iso: Function = date.get("toISOString").or_convert(ctx)?;
    let iso: Value = to_iso.call((This(date.clone()),)).or_convert(ctx)?;
    match iso.as_string() {
        Some(s) => js_string(s).or_convert(ctx),
        None => Err(ConvertError::new(
            "Date.prototype.toISOString did not return a string",
        )),
    }
}
