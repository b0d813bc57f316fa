//! Buffer's encodings in native code, for `js/buffer.js`: reading bytes as text (utf8, latin1,
//! ascii, hex, base64, base64url) and writing text as UTF-8, or as hex or base64 when it is
//! ASCII. The engine's interpreter spent microseconds per byte on them in JavaScript.
//!
//! The bytes of a typed array are the engine's memory, valid only until JavaScript runs again:
//! each native converts its string arguments first and runs no JavaScript while it holds them.

use jsvm::engine::rquickjs::{Ctx, Object, Result, TypedArray, Value};

use crate::set_fn::set_fn;

/// The encodings `bufferSlice` reads, by the number `js/buffer.js` passes.
const UTF8: u32 = 0;
const LATIN1: u32 = 1;
const ASCII: u32 = 2;
const HEX: u32 = 3;
const BASE64: u32 = 4;
const BASE64URL: u32 = 5;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` as text in `encoding`, as js/buffer.js's encoders wrote it: UTF-8 with each maximal
/// invalid subpart replaced by U+FFFD (the WHATWG decoder, as Rust's lossy conversion), base64
/// padded with `=` and base64url not.
fn decode(bytes: &[u8], encoding: u32) -> Option<String> {
    Some(match encoding {
        UTF8 => String::from_utf8_lossy(bytes).into_owned(),
        LATIN1 => bytes.iter().map(|&b| b as char).collect(),
        ASCII => bytes.iter().map(|&b| (b & 0x7f) as char).collect(),
        HEX => {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            let mut s = String::with_capacity(bytes.len() * 2);
            for &b in bytes {
                s.push(DIGITS[(b >> 4) as usize] as char);
                s.push(DIGITS[(b & 15) as usize] as char);
            }
            s
        }
        BASE64 | BASE64URL => {
            let url = encoding == BASE64URL;
            let chars = if url { B64URL } else { B64 };
            let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
            let mut chunks = bytes.chunks_exact(3);
            for c in &mut chunks {
                let n = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
                for shift in [18, 12, 6, 0] {
                    s.push(chars[((n >> shift) & 63) as usize] as char);
                }
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                let n = (rest[0] as u32) << 16 | rest.get(1).map_or(0, |&b| (b as u32) << 8);
                let shown = rest.len() + 1;
                for shift in [18, 12, 6].iter().take(shown) {
                    s.push(chars[((n >> shift) & 63) as usize] as char);
                }
                if !url {
                    s.push_str(if rest.len() == 1 { "==" } else { "=" });
                }
            }
            s
        }
        _ => return None,
    })
}

/// Writes `text` as UTF-8 into `out`, stopping before the first character that does not fit
/// whole; the number of bytes written.
fn write_utf8(out: &mut [u8], text: &str) -> usize {
    let mut n = text.len().min(out.len());
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    out[..n].copy_from_slice(&text.as_bytes()[..n]);
    n
}

/// Node's lenient base64 (and base64url) decoding of ASCII `text` into `out`: characters of
/// neither alphabet are skipped, `=` ends the data; the number of bytes written.
fn write_base64(out: &mut [u8], text: &[u8]) -> usize {
    let mut pos = 0;
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in text {
        if pos >= out.len() || c == b'=' {
            break;
        }
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => continue,
        };
        acc = ((acc << 6) | v as u32) & 0xff_ffff;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out[pos] = (acc >> bits) as u8;
            pos += 1;
        }
    }
    pos
}

/// Node's hex decoding of ASCII `text` into `out`: pairs of digits until the first pair that is
/// not one; the number of bytes written.
fn write_hex(out: &mut [u8], text: &[u8]) -> usize {
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut n = 0;
    for (slot, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        let (Some(hi), Some(lo)) = (digit(pair[0]), digit(pair[1])) else {
            break;
        };
        *slot = hi << 4 | lo;
        n += 1;
    }
    n
}

/// A byte index or count from JavaScript (a number the caller validated), clamped.
fn index(x: f64) -> usize {
    if x.is_nan() || x <= 0.0 {
        0
    } else {
        x.min(usize::MAX as f64) as usize
    }
}

/// `write` given the bytes `[offset, offset + length)` of the Uint8Array `target` (clamped to
/// it); `None` when it is detached. `write` must run no JavaScript: the bytes are the engine's
/// memory, valid until JavaScript runs again.
fn write_into<R>(
    target: &TypedArray<'_, u8>,
    offset: usize,
    length: usize,
    write: impl FnOnce(&mut [u8]) -> R,
) -> Option<R> {
    let raw = target.as_raw()?;
    // SAFETY: the engine's live bytes of the array; nothing else holds them while `write`
    // runs, and no JavaScript runs before it returns.
    let all = unsafe { std::slice::from_raw_parts_mut(raw.as_ptr() as *mut u8, raw.len()) };
    let start = offset.min(all.len());
    let end = start.saturating_add(length).min(all.len());
    Some(write(&mut all[start..end]))
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // bufferSlice(u8, start, end, encoding): the bytes [start, end) as text (see `decode`);
    // undefined for an encoding it does not read or a value that is no Uint8Array.
    set_fn(
        ctx,
        binding,
        "bufferSlice",
        |ctx: Ctx<'js>, v: Value<'js>, start: f64, end: f64, encoding: u32| -> Result<Value<'js>> {
            let Ok(a) = TypedArray::<u8>::from_value(v) else {
                return Ok(Value::new_undefined(ctx));
            };
            // SAFETY: the bytes are copied before any JavaScript runs. Copied first, as a
            // SharedArrayBuffer's may change under another thread while they are decoded.
            let bytes = unsafe { a.as_bytes() }.unwrap_or(&[]);
            let end = index(end).min(bytes.len());
            let start = index(start).min(end);
            let bytes = bytes[start..end].to_vec();
            match decode(&bytes, encoding) {
                Some(s) => Ok(jsvm::engine::rquickjs::String::from_str(ctx, &s)?.into_value()),
                None => Ok(Value::new_undefined(ctx)),
            }
        },
    )?;
    // bufferUtf8Length(string): its length in UTF-8 (a lone surrogate counts as U+FFFD).
    set_fn(ctx, binding, "bufferUtf8Length", |text: String| -> usize {
        text.len()
    })?;
    // bufferUtf8Write(u8, string, offset, length): see `write_utf8`; -1 for a value that is
    // no Uint8Array (the caller writes it then).
    set_fn(
        ctx,
        binding,
        "bufferUtf8Write",
        |v: Value<'js>, text: String, offset: f64, length: f64| -> i64 {
            let Ok(a) = TypedArray::<u8>::from_value(v) else {
                return -1;
            };
            // The string was converted before: nothing runs while writing.
            write_into(&a, index(offset), index(length), |out| {
                write_utf8(out, &text)
            })
            .map_or(0, |n| n as i64)
        },
    )?;
    // bufferAsciiWrite(u8, string, offset, length, encoding): hex or base64 (either alphabet)
    // decoded into the bytes; -1 when the string is not ASCII or the value no Uint8Array (the
    // caller decodes it then: a string's code units, not their UTF-8, decide the bytes).
    set_fn(
        ctx,
        binding,
        "bufferAsciiWrite",
        |v: Value<'js>, text: String, offset: f64, length: f64, encoding: u32| -> i64 {
            let Ok(a) = TypedArray::<u8>::from_value(v) else {
                return -1;
            };
            if !text.is_ascii() {
                return -1;
            }
            // The string was converted before: nothing runs while writing.
            write_into(&a, index(offset), index(length), |out| match encoding {
                HEX => write_hex(out, text.as_bytes()),
                _ => write_base64(out, text.as_bytes()),
            })
            .map_or(0, |n| n as i64)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_and_url_does_not() {
        assert_eq!(decode(b"ab", BASE64).unwrap(), "YWI=");
        assert_eq!(decode(b"a", BASE64).unwrap(), "YQ==");
        assert_eq!(decode(b"ab", BASE64URL).unwrap(), "YWI");
        assert_eq!(decode(b"\xfb\xff", BASE64URL).unwrap(), "-_8");
        assert_eq!(decode(b"abc", BASE64).unwrap(), "YWJj");
    }

    #[test]
    fn utf8_write_keeps_characters_whole() {
        let mut out = [0u8; 4];
        assert_eq!(write_utf8(&mut out, "aé€"), 3);
        assert_eq!(&out[..3], "aé".as_bytes());
    }

    #[test]
    fn base64_write_is_lenient() {
        let mut out = [0u8; 8];
        assert_eq!(write_base64(&mut out, b"YW Jj\n-_8="), 5);
        assert_eq!(&out[..5], b"abc\xfb\xff");
        assert_eq!(write_hex(&mut out, b"0aFfzz11"), 2);
        assert_eq!(&out[..2], b"\x0a\xff");
    }
}
