//! `JSON.parse`'s refusals in V8's words. Programs print them (`Unexpected token '<', "<html>..."
//! is not valid JSON`) and test for them; QuickJS words them otherwise and its message lacks the
//! text V8 quotes. A realm's `JSON.parse` is the engine's, called through an auto-init wrapper
//! (made on first read, as the engine's own methods are: `natives.rs`); when the engine refuses a
//! string, the text is scanned again here as V8's parser does, to find the fault V8 reports.
//! Only a string argument is read (anything else would be converted by running code), and the
//! scan walks the engine's UTF-8 copy of it: nothing the size of the text is allocated outside
//! the memory limit.

use std::ffi::c_int;

use rquickjs::qjs;

use crate::natives::{self, NativeTable, StaticEntry};

/// The engine's `JSON.parse`.
static NATIVES: NativeTable = NativeTable::new();

static ENTRY: StaticEntry = StaticEntry::new(natives::entry(c"parse", 2, 0, parse));

/// Puts the wrapper in place of `JSON.parse` of the realm whose builtins `builtins` holds
/// (borrowed). Without the engine's function (its layout did not check out), the engine's own
/// stays, with its own words. False on an exception (out of memory).
///
/// # Safety
/// `ctx` is a live realm whose base objects were added.
pub(crate) unsafe fn install(ctx: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    // While `JSON` is unmade, its list is given the wrapper (natives/autoinit.rs): no `JSON`
    // is made for it.
    let known = NATIVES
        .get(ctx, || {
            let parse = natives::original_member(ctx, builtins, c"JSON", &JSON, c"parse")
                .unwrap_or_else(|| {
                    let json = qjs::JS_GetPropertyStr(ctx, builtins, c"JSON".as_ptr());
                    let parse = qjs::JS_GetPropertyStr(ctx, json, c"parse".as_ptr());
                    qjs::JS_FreeValue(ctx, json);
                    parse
                });
            vec![(parse, 2)]
        })
        .is_some();
    if known && natives::retarget_member(ctx, builtins, c"JSON", &JSON, c"parse", &ENTRY.0) {
        return true;
    }
    let json = qjs::JS_GetPropertyStr(ctx, builtins, c"JSON".as_ptr());
    natives::wrap_method(ctx, json, c"parse", 2, &NATIVES, &ENTRY)
}

/// Where `JSON` was found last among the builtins.
static JSON: natives::Hint = natives::Hint::new();

unsafe extern "C" fn parse(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
) -> qjs::JSValue {
    let result = natives::call_through(ctx, &NATIVES, 0, this, argc, argv);
    if !qjs::JS_IsException(result) {
        return result;
    }
    // The text parsed: a string as given; `undefined` (or nothing) as the string it converts
    // to, which takes no code to make (anything else may have run code converting it).
    let text = match argc {
        0 => qjs::JS_UNDEFINED,
        _ => *argv,
    };
    if !qjs::JS_IsString(text) && !qjs::JS_IsUndefined(text) {
        return result;
    }
    let error = qjs::JS_GetException(ctx);
    let text = if qjs::JS_IsString(text) {
        qjs::JS_DupValue(ctx, text)
    } else {
        qjs::JS_NewStringLen(ctx, c"undefined".as_ptr(), "undefined".len() as _)
    };
    if qjs::JS_IsString(text) {
        reword(ctx, error, text);
    } else {
        // Out of memory making it: the engine's error goes on as it is.
        let e = qjs::JS_GetException(ctx);
        qjs::JS_FreeValue(ctx, e);
    }
    qjs::JS_FreeValue(ctx, text);
    qjs::JS_Throw(ctx, error)
}

/// Gives `error` V8's message for `text`, when it is the engine's refusal of it: an error
/// object whose own message is one of the parser's (not a limit's interruption; a reviver's
/// throw comes only after the text parsed, and V8's scan then finds no fault).
unsafe fn reword(ctx: *mut qjs::JSContext, error: qjs::JSValue, text: qjs::JSValue) {
    const JS_CLASS_ERROR: u32 = 3;
    if !qjs::JS_IsObject(error)
        || qjs::JS_GetClassID(error) != JS_CLASS_ERROR
        || qjs::JS_IsUncatchableError(error)
    {
        return;
    }
    let atom = qjs::JS_NewAtom(ctx, c"message".as_ptr());
    let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let own = qjs::JS_GetOwnProperty(ctx, &mut desc, error, atom);
    if own < 0 {
        let e = qjs::JS_GetException(ctx);
        qjs::JS_FreeValue(ctx, e);
    }
    let mut engine_words = false;
    if own > 0 {
        if qjs::JS_IsString(desc.value) {
            let mut len = 0;
            let s = qjs::JS_ToCStringLen(ctx, &mut len, desc.value);
            if !s.is_null() {
                let bytes = std::slice::from_raw_parts(s.cast::<u8>(), len);
                // The parser's refusals (not a limit's: out of memory, stack overflow).
                engine_words = memchr::memmem::find(bytes, b"JSON").is_some()
                    || bytes.starts_with(b"Unexpected token")
                    || bytes.starts_with(b"unexpected");
                qjs::JS_FreeCString(ctx, s);
            }
        }
        crate::descriptor::free(ctx, &desc);
    }
    let mut len = 0;
    let s = if engine_words {
        qjs::JS_ToCStringLen(ctx, &mut len, text)
    } else {
        std::ptr::null()
    };
    if !s.is_null() {
        let bytes = std::slice::from_raw_parts(s.cast::<u8>(), len);
        if let Some(message) = v8_message(bytes) {
            let v = qjs::JS_NewStringLen(ctx, message.as_ptr().cast(), message.len() as _);
            let flags = qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE;
            if qjs::JS_DefinePropertyValue(ctx, error, atom, v, flags as c_int) < 0 {
                let e = qjs::JS_GetException(ctx);
                qjs::JS_FreeValue(ctx, e);
            }
        }
        qjs::JS_FreeCString(ctx, s);
    }
    qjs::JS_FreeAtom(ctx, atom);
}

/// What V8's parser reports for a text it refuses.
#[derive(Debug, PartialEq)]
enum Fault {
    End,
    /// An unexpected character, at a position (in UTF-16 units).
    Token(usize, char),
    /// A number where none may be (`01`).
    Number(usize),
    /// One of V8's messages that say what was expected, with `{}` for the position.
    Expected(&'static str, usize),
}

/// V8's message for `text` (UTF-8), or `None` when V8 would parse it.
fn v8_message(text: &[u8]) -> Option<String> {
    let fault = Scan {
        text,
        at: 0,
        pos: 0,
    }
    .document()
    .err()?;
    let length = utf16_length(text);
    Some(match fault {
        Fault::End => "Unexpected end of JSON input".to_string(),
        Fault::Number(p) => format!("Unexpected number in JSON at position {p}"),
        Fault::Expected(m, p) => m.replace("{}", &p.to_string()),
        Fault::Token(_, _)
            if matches!(
                text,
                b"undefined" | b"NaN" | b"Infinity" | b"[object Object]"
            ) =>
        {
            format!("\"{}\" is not valid JSON", String::from_utf8_lossy(text))
        }
        Fault::Token(p, c) => {
            // Context: the whole text when short, else ten units on either side.
            const CONTEXT: usize = 10;
            if length < 2 * CONTEXT + 1 {
                format!(
                    "Unexpected token '{c}', \"{}\" is not valid JSON",
                    String::from_utf8_lossy(text)
                )
            } else if p < CONTEXT {
                let s = utf16_slice(text, 0, p + CONTEXT);
                format!("Unexpected token '{c}', \"{s}\"... is not valid JSON")
            } else if p < length - CONTEXT {
                let s = utf16_slice(text, p - CONTEXT, p + CONTEXT);
                format!("Unexpected token '{c}', ...\"{s}\"... is not valid JSON")
            } else {
                let s = utf16_slice(text, p - CONTEXT, length);
                format!("Unexpected token '{c}', ...\"{s}\" is not valid JSON")
            }
        }
    })
}

fn utf16_length(text: &[u8]) -> usize {
    String::from_utf8_lossy(text).encode_utf16().count()
}

/// The text between two UTF-16 positions (small: for a message).
fn utf16_slice(text: &[u8], start: usize, end: usize) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for c in String::from_utf8_lossy(text).chars() {
        if pos >= end {
            break;
        }
        if pos >= start {
            out.push(c);
        }
        pos += c.len_utf16();
    }
    out
}

/// V8's JSON parser, as far as where and why it fails.
struct Scan<'a> {
    text: &'a [u8],
    /// Byte offset.
    at: usize,
    /// The same place in UTF-16 units (V8's positions).
    pos: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn char_here(&self) -> char {
        let rest = &self.text[self.at..self.text.len().min(self.at + 4)];
        let s = match std::str::from_utf8(rest) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
        };
        s.chars().next().unwrap_or('\u{fffd}')
    }

    fn advance(&mut self) {
        let c = self.char_here();
        self.at += c.len_utf8().max(1);
        self.pos += c.len_utf16();
    }

    fn unexpected(&self) -> Fault {
        match self.peek() {
            None => Fault::End,
            Some(_) => Fault::Token(self.pos, self.char_here()),
        }
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.advance();
        }
    }

    fn document(&mut self) -> Result<(), Fault> {
        self.value()?;
        self.skip_blanks();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(Fault::Expected(
                "Unexpected non-whitespace character after JSON at position {}",
                self.pos,
            )),
        }
    }

    fn value(&mut self) -> Result<(), Fault> {
        self.skip_blanks();
        match self.peek() {
            Some(b'"') => self.string(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            _ => Err(self.unexpected()),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Fault> {
        for &w in word {
            if self.peek() != Some(w) {
                return Err(self.unexpected());
            }
            self.advance();
        }
        Ok(())
    }

    fn string(&mut self) -> Result<(), Fault> {
        self.advance();
        loop {
            match self.peek() {
                None => {
                    return Err(Fault::Expected(
                        "Unterminated string in JSON at position {}",
                        self.pos,
                    ))
                }
                Some(b'"') => {
                    self.advance();
                    return Ok(());
                }
                Some(b'\\') => {
                    self.advance();
                    match self.peek() {
                        None => return Err(Fault::End),
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.advance()
                        }
                        Some(b'u') => {
                            self.advance();
                            for _ in 0..4 {
                                match self.peek() {
                                    None => return Err(Fault::End),
                                    Some(h) if h.is_ascii_hexdigit() => self.advance(),
                                    Some(_) => {
                                        return Err(Fault::Expected(
                                            "Bad Unicode escape in JSON at position {}",
                                            self.pos,
                                        ))
                                    }
                                }
                            }
                        }
                        Some(_) => {
                            return Err(Fault::Expected(
                                "Bad escaped character in JSON at position {}",
                                self.pos,
                            ))
                        }
                    }
                }
                Some(c) if c < 0x20 => {
                    return Err(Fault::Expected(
                        "Bad control character in string literal in JSON at position {}",
                        self.pos,
                    ))
                }
                Some(_) => self.advance(),
            }
        }
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.advance();
        }
    }

    fn number(&mut self) -> Result<(), Fault> {
        if self.peek() == Some(b'-') {
            self.advance();
        }
        match self.peek() {
            Some(b'0') => {
                self.advance();
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(Fault::Number(self.pos));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => {
                return Err(Fault::Expected(
                    "No number after minus sign in JSON at position {}",
                    self.pos,
                ))
            }
        }
        if self.peek() == Some(b'.') {
            self.advance();
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(Fault::Expected(
                    "Unterminated fractional number in JSON at position {}",
                    self.pos,
                ));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.advance();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.advance();
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(Fault::Expected(
                    "Exponent part is missing a number in JSON at position {}",
                    self.pos,
                ));
            }
            self.digits();
        }
        Ok(())
    }

    fn object(&mut self) -> Result<(), Fault> {
        self.advance();
        self.skip_blanks();
        if self.peek() == Some(b'}') {
            self.advance();
            return Ok(());
        }
        let mut first = true;
        loop {
            self.skip_blanks();
            if self.peek() != Some(b'"') {
                let m = match first {
                    true => "Expected property name or '}' in JSON at position {}",
                    false => "Expected double-quoted property name in JSON at position {}",
                };
                return Err(Fault::Expected(m, self.pos));
            }
            self.string()?;
            self.skip_blanks();
            if self.peek() != Some(b':') {
                return Err(Fault::Expected(
                    "Expected ':' after property name in JSON at position {}",
                    self.pos,
                ));
            }
            self.advance();
            self.value()?;
            self.skip_blanks();
            match self.peek() {
                Some(b',') => {
                    self.advance();
                    first = false;
                }
                Some(b'}') => {
                    self.advance();
                    return Ok(());
                }
                _ => {
                    return Err(Fault::Expected(
                        "Expected ',' or '}' after property value in JSON at position {}",
                        self.pos,
                    ))
                }
            }
        }
    }

    fn array(&mut self) -> Result<(), Fault> {
        self.advance();
        self.skip_blanks();
        if self.peek() == Some(b']') {
            self.advance();
            return Ok(());
        }
        loop {
            self.value()?;
            self.skip_blanks();
            match self.peek() {
                Some(b',') => self.advance(),
                Some(b']') => {
                    self.advance();
                    return Ok(());
                }
                _ => {
                    return Err(Fault::Expected(
                        "Expected ',' or ']' after array element in JSON at position {}",
                        self.pos,
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_as_v8_reports_them() {
        let m = |s: &str| v8_message(s.as_bytes());
        assert_eq!(m("{\"a\": [1, 2.5e3, true, null, \"x\\u0041\"]}"), None);
        assert_eq!(m("").as_deref(), Some("Unexpected end of JSON input"));
        assert_eq!(
            m("undefined").as_deref(),
            Some("\"undefined\" is not valid JSON")
        );
        assert_eq!(
            m("{\"a\":1").as_deref(),
            Some("Expected ',' or '}' after property value in JSON at position 6")
        );
        assert_eq!(
            m("[1,]").as_deref(),
            Some("Unexpected token ']', \"[1,]\" is not valid JSON")
        );
        assert_eq!(
            m("<html><body>hello world</body></html>").as_deref(),
            Some("Unexpected token '<', \"<html><bod\"... is not valid JSON")
        );
        assert_eq!(
            m("01").as_deref(),
            Some("Unexpected number in JSON at position 1")
        );
    }
}
