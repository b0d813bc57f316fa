//! JavaScript source handed to the vm natives, as the `&str` the library compiles.
//!
//! A JavaScript string may hold lone surrogates (`'"' + '\uD800' + '"'` is a valid program),
//! which UTF-8 cannot: the engine's own conversion writes them as three-byte WTF-8 sequences,
//! and rquickjs's `String` conversion then fails. Such a source gets each lone surrogate
//! written as a `\uXXXX` escape, which means the same code unit in string, template and regular
//! expression literals (only a template's raw text and `Function.prototype.toString` show the
//! escape). A valid source, the common case, is used where the engine wrote it: no copy.

use std::ops::Deref;

use jsvm::engine::rquickjs::{qjs, Ctx, Error, FromJs, Result, Value};

pub(crate) enum SourceText<'js> {
    /// The engine's UTF-8 copy of the string, checked valid; freed on drop.
    Engine {
        ctx: Ctx<'js>,
        ptr: *const std::ffi::c_char,
        len: usize,
    },
    /// Rewritten: lone surrogates escaped.
    Escaped(String),
}

impl<'js> FromJs<'js> for SourceText<'js> {
    fn from_js(ctx: &Ctx<'js>, value: Value<'js>) -> Result<Self> {
        if !value.is_string() {
            return Err(Error::new_from_js(value.type_name(), "string"));
        }
        let mut len = 0;
        let ptr = unsafe { qjs::JS_ToCStringLen(ctx.as_raw().as_ptr(), &mut len, value.as_raw()) };
        if ptr.is_null() {
            return Err(Error::Exception);
        }
        let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
        if std::str::from_utf8(bytes).is_ok() {
            return Ok(SourceText::Engine {
                ctx: ctx.clone(),
                ptr,
                len,
            });
        }
        let escaped = escape_lone_surrogates(bytes);
        unsafe { qjs::JS_FreeCString(ctx.as_raw().as_ptr(), ptr) };
        Ok(SourceText::Escaped(escaped))
    }
}

impl Deref for SourceText<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            SourceText::Engine { ptr, len, .. } => unsafe {
                // Checked by from_js; the engine keeps the bytes until drop.
                std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr.cast::<u8>(), *len))
            },
            SourceText::Escaped(s) => s,
        }
    }
}

impl Drop for SourceText<'_> {
    fn drop(&mut self) {
        if let SourceText::Engine { ctx, ptr, .. } = self {
            unsafe { qjs::JS_FreeCString(ctx.as_raw().as_ptr(), *ptr) };
        }
    }
}

/// WTF-8 to UTF-8: a surrogate's three-byte form (ED A0..BF xx) becomes `\uXXXX`; anything
/// else invalid (the engine writes nothing else) becomes U+FFFD.
fn escape_lone_surrogates(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 16);
    while !bytes.is_empty() {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).expect("checked prefix"));
                match rest {
                    [0xED, b1 @ 0xA0..=0xBF, b2, ..] if b2 & 0xC0 == 0x80 => {
                        let unit = 0xD000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
                        out.push_str(&format!("\\u{unit:04X}"));
                        bytes = &rest[3..];
                    }
                    _ => {
                        out.push('\u{FFFD}');
                        bytes = &rest[e.error_len().unwrap_or(rest.len()).max(1)..];
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_lone_surrogates;

    #[test]
    fn lone_surrogates_become_escapes() {
        assert_eq!(escape_lone_surrogates(b"\"\xED\xA0\x80x\""), "\"\\uD800x\"");
        assert_eq!(escape_lone_surrogates(b"a\xED\xB0\x80"), "a\\uDC00");
        assert_eq!(
            escape_lone_surrogates("é\u{1F600}".as_bytes()),
            "é\u{1F600}"
        );
        assert_eq!(escape_lone_surrogates(b"\xFFz"), "\u{FFFD}z");
    }
}
