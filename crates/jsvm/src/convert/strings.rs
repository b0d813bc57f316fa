//! JavaScript strings read into Rust: lone surrogates replaced.

/// Reads a JS string into Rust, replacing each lone surrogate with U+FFFD.
///
/// QuickJS encodes a lone surrogate as its 3-byte generalized-UTF-8 form
/// (WTF-8), which is not valid UTF-8: `rquickjs::String::to_string` fails on
/// it and `CString::as_str` would hand out an invalid `&str`, so the bytes are
/// decoded here.
pub(super) fn js_string(s: &rquickjs::String<'_>) -> rquickjs::Result<String> {
    let cstr = rquickjs::CString::from_string(s.clone())?;
    // SAFETY: `cstr` owns a buffer of exactly `len()` bytes that stays alive
    // and unchanged until `cstr` is dropped, after the bytes have been copied.
    let bytes = unsafe { std::slice::from_raw_parts(cstr.as_ptr().cast::<u8>(), cstr.len()) };
    Ok(decode_wtf8_lossy(bytes))
}

pub(super) fn decode_wtf8_lossy(bytes: &[u8]) -> String {
    let mut rest = bytes;
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return out;
            }
            Err(err) => {
                let (valid, invalid) = rest.split_at(err.valid_up_to());
                out.push_str(&String::from_utf8_lossy(valid));
                out.push(char::REPLACEMENT_CHARACTER);
                // A surrogate (U+D800..U+DFFF) is ED A0..BF 80..BF: one UTF-16
                // unit, so one replacement character for all three bytes.
                let is_surrogate = matches!(invalid, [0xED, 0xA0..=0xBF, 0x80..=0xBF, ..]);
                let skip = if is_surrogate {
                    3
                } else {
                    err.error_len().unwrap_or(invalid.len())
                };
                rest = &invalid[skip..];
            }
        }
    }
}
