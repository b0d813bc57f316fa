//! ECMA-402 (`Intl`) for the en-US locale: the JavaScript of `intl/intl.js`, compiled once per
//! process and run in a realm the first time its `Intl` is reached (realm.rs makes it a lazy
//! group), with two natives: text segmentation (the `unicode-segmentation` crate) and the local
//! time zone's name. The script is a function of the realm's original builtins, handed to it
//! here, so nothing of it depends on what a sandbox calls `Object` or `Math`.

use std::ffi::c_int;
use std::ptr::NonNull;
use std::sync::OnceLock;

use rquickjs::{qjs, Ctx, Function, Object};
use unicode_segmentation::UnicodeSegmentation;

const SOURCE: &str = include_str!("intl/intl.js");

/// The builtins the script takes (it reads nothing off the global).
pub(crate) const PRIMORDIALS: [&std::ffi::CStr; 11] = [
    c"Object",
    c"Array",
    c"Math",
    c"Symbol",
    c"String",
    c"Number",
    c"Date",
    c"TypeError",
    c"RangeError",
    c"BigInt",
    c"Reflect",
];

/// The script's bytecode, compiled by the first realm that needs it (the engine of one
/// process reads its own bytecode in any runtime).
static BYTECODE: OnceLock<Vec<u8>> = OnceLock::new();

unsafe fn bytecode(ctx: *mut qjs::JSContext) -> Option<&'static [u8]> {
    if let Some(b) = BYTECODE.get() {
        return Some(b);
    }
    let src = std::ffi::CString::new(SOURCE).ok()?;
    let f = qjs::JS_Eval(
        ctx,
        src.as_ptr(),
        SOURCE.len() as _,
        c"node:internal/intl".as_ptr(),
        (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY | qjs::JS_EVAL_FLAG_STRICT)
            as c_int,
    );
    if qjs::JS_IsException(f) {
        return None;
    }
    let mut len = 0;
    // Without source text and line tables: each realm reads its own copy of the bytecode, and
    // builtins show neither (`[native code]`, as V8's).
    let flags =
        qjs::JS_WRITE_OBJ_BYTECODE | qjs::JS_WRITE_OBJ_STRIP_SOURCE | qjs::JS_WRITE_OBJ_STRIP_DEBUG;
    let buf = qjs::JS_WriteObject(ctx, &mut len, f, flags as c_int);
    qjs::JS_FreeValue(ctx, f);
    if buf.is_null() {
        return None;
    }
    let bytes = std::slice::from_raw_parts(buf, len as usize).to_vec();
    qjs::js_free(ctx, buf.cast());
    Some(BYTECODE.get_or_init(|| bytes))
}

/// Runs the script in realm `ctx` with `primordials` (borrowed, an object holding the realm's
/// [`PRIMORDIALS`]): the realm's `[Intl, locale methods]` (owned), or `JS_EXCEPTION`.
pub(crate) unsafe fn make(ctx: *mut qjs::JSContext, primordials: qjs::JSValue) -> qjs::JSValue {
    let Some(code) = bytecode(ctx) else {
        return qjs::JS_EXCEPTION;
    };
    let f = qjs::JS_ReadObject(
        ctx,
        code.as_ptr(),
        code.len() as _,
        qjs::JS_READ_OBJ_BYTECODE as c_int,
    );
    if qjs::JS_IsException(f) {
        return f;
    }
    let factory = qjs::JS_EvalFunction(ctx, f);
    if qjs::JS_IsException(factory) {
        return factory;
    }
    let natives = match natives(ctx) {
        Some(n) => n,
        None => {
            qjs::JS_FreeValue(ctx, factory);
            return qjs::JS_EXCEPTION;
        }
    };
    let mut args = [primordials, natives];
    let r = qjs::JS_Call(ctx, factory, qjs::JS_UNDEFINED, 2, args.as_mut_ptr());
    qjs::JS_FreeValue(ctx, natives);
    qjs::JS_FreeValue(ctx, factory);
    r
}

/// `{ segment, timeZone, knownZone }`, functions of realm `ctx` (owned), or `None` on an exception.
unsafe fn natives(ctx: *mut qjs::JSContext) -> Option<qjs::JSValue> {
    let c = Ctx::from_raw(NonNull::new(ctx)?);
    let made = (|| -> rquickjs::Result<Object> {
        let o = Object::new(c.clone())?;
        o.set(
            "segment",
            own_realm(&c, Function::new(c.clone(), segment)?)?,
        )?;
        o.set(
            "timeZone",
            own_realm(&c, Function::new(c.clone(), local_time_zone)?)?,
        )?;
        o.set(
            "knownZone",
            own_realm(&c, Function::new(c.clone(), known_zone)?)?,
        )?;
        Ok(o)
    })();
    match made {
        Ok(o) => Some(qjs::JS_DupValue(ctx, o.as_raw())),
        Err(_) => None,
    }
}

/// A function of realm `c` (rquickjs gives its functions the first realm's prototype).
fn own_realm<'js>(c: &Ctx<'js>, f: Function<'js>) -> rquickjs::Result<Function<'js>> {
    let proto = unsafe {
        rquickjs::Value::from_raw(c.clone(), qjs::JS_GetFunctionProto(c.as_raw().as_ptr()))
    };
    f.set_prototype(Some(&Object::from_value(proto)?))?;
    Ok(f)
}

/// The segments of `text` by `granularity` (0 grapheme, 1 word, 2 sentence), as flat triples
/// of start and end (UTF-16 indices) and word-likeness (1: has a letter or digit).
fn segment(text: rquickjs::String<'_>, granularity: i32) -> rquickjs::Result<Vec<f64>> {
    // Lone surrogates read as U+FFFD: one UTF-16 unit either way, so indices hold.
    let s = text.to_string()?;
    let pieces: Vec<&str> = match granularity {
        0 => s.graphemes(true).collect(),
        1 => s.split_word_bounds().collect(),
        _ => s.split_sentence_bounds().collect(),
    };
    let mut out = Vec::with_capacity(pieces.len() * 3);
    let mut at = 0usize;
    for p in pieces {
        let len = p.encode_utf16().count();
        let word = p.chars().any(char::is_alphanumeric);
        out.extend([at as f64, (at + len) as f64, word as u8 as f64]);
        at += len;
    }
    Ok(out)
}

/// The process's time zone: `TZ` (a name, `:name` or a zoneinfo path), else where
/// /etc/localtime points, else UTC.
fn local_time_zone() -> String {
    fn from_path(p: &str) -> Option<String> {
        let i = p.find("zoneinfo/")?;
        Some(p[i + "zoneinfo/".len()..].to_string())
    }
    let name = match std::env::var("TZ") {
        Ok(tz) => {
            let tz = tz.strip_prefix(':').unwrap_or(&tz).to_string();
            if tz.is_empty() {
                "UTC".to_string()
            } else if tz.starts_with('/') {
                from_path(&tz).unwrap_or_else(|| "UTC".to_string())
            } else {
                tz
            }
        }
        Err(_) => std::fs::read_link("/etc/localtime")
            .ok()
            .and_then(|p| from_path(&p.to_string_lossy()))
            .unwrap_or_else(|| "UTC".to_string()),
    };
    match name.as_str() {
        "Etc/UTC" | "Etc/UCT" | "UCT" | "Etc/Universal" | "Universal" | "Etc/Zulu" | "Zulu"
        | "GMT" | "Etc/GMT" | "Etc/GMT0" | "GMT0" | "Etc/Greenwich" | "Greenwich" => {
            "UTC".to_string()
        }
        // ICU (Node 20) keeps the older names of these zones as their canonical ones.
        "Asia/Kolkata" => "Asia/Calcutta".to_string(),
        "Asia/Ho_Chi_Minh" => "Asia/Saigon".to_string(),
        "Asia/Kathmandu" => "Asia/Katmandu".to_string(),
        "Asia/Yangon" => "Asia/Rangoon".to_string(),
        "Europe/Kyiv" => "Europe/Kiev".to_string(),
        "Atlantic/Faroe" => "Atlantic/Faeroe".to_string(),
        "America/Nuuk" => "America/Godthab".to_string(),
        "America/Argentina/Buenos_Aires" => "America/Buenos_Aires".to_string(),
        "America/Indiana/Indianapolis" => "America/Indianapolis".to_string(),
        "America/Kentucky/Louisville" => "America/Louisville".to_string(),
        _ => name,
    }
}

/// Whether `name` is a time zone of the system's database (to tell an unknown zone from one
/// jsvm does not format in).
fn known_zone(name: String) -> bool {
    let plain = !name.is_empty()
        && name
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != ".." && !p.contains('\0'));
    plain
        && std::path::Path::new("/usr/share/zoneinfo")
            .join(&name)
            .is_file()
}

/// An object with the [`PRIMORDIALS`] read by `get` (owned), or `JS_EXCEPTION`.
pub(crate) unsafe fn primordials(
    ctx: *mut qjs::JSContext,
    mut get: impl FnMut(&std::ffi::CStr) -> qjs::JSValue,
) -> qjs::JSValue {
    let p = qjs::JS_NewObjectProto(ctx, qjs::JS_NULL);
    if qjs::JS_IsException(p) {
        return p;
    }
    for name in PRIMORDIALS {
        let v = get(name);
        if qjs::JS_IsException(v)
            || qjs::JS_DefinePropertyValueStr(ctx, p, name.as_ptr(), v, qjs::JS_PROP_C_W_E as c_int)
                < 0
        {
            qjs::JS_FreeValue(ctx, p);
            return qjs::JS_EXCEPTION;
        }
    }
    p
}

/// Defines `Intl` on `target` (the realm's global, or the object standing for it) from the
/// made pair's first element. False on an exception.
pub(crate) unsafe fn define(
    ctx: *mut qjs::JSContext,
    target: qjs::JSValue,
    primordials: qjs::JSValue,
) -> bool {
    let pair = make(ctx, primordials);
    if qjs::JS_IsException(pair) {
        return false;
    }
    let intl = qjs::JS_GetPropertyUint32(ctx, pair, 0);
    qjs::JS_FreeValue(ctx, pair);
    if qjs::JS_IsException(intl) {
        return false;
    }
    qjs::JS_DefinePropertyValueStr(
        ctx,
        target,
        c"Intl".as_ptr(),
        intl,
        (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int,
    ) >= 0
}

/// The group step of a realm made whole: its global (or holder) has the builtins.
pub(crate) unsafe extern "C" fn add_intl(ctx: *mut qjs::JSContext) -> c_int {
    let global = qjs::JS_GetGlobalObject(ctx);
    let p = primordials(ctx, |name| {
        qjs::JS_GetPropertyStr(ctx, global, name.as_ptr())
    });
    let ok = !qjs::JS_IsException(p) && define(ctx, global, p);
    qjs::JS_FreeValue(ctx, p);
    qjs::JS_FreeValue(ctx, global);
    if ok {
        0
    } else {
        -1
    }
}

/// The name only (listing a full realm's builtin names, realm.rs): nothing is run.
pub(crate) unsafe extern "C" fn add_intl_name(ctx: *mut qjs::JSContext) -> c_int {
    let global = qjs::JS_GetGlobalObject(ctx);
    let r = qjs::JS_DefinePropertyValueStr(
        ctx,
        global,
        c"Intl".as_ptr(),
        qjs::JS_UNDEFINED,
        (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int,
    );
    qjs::JS_FreeValue(ctx, global);
    if r < 0 {
        -1
    } else {
        0
    }
}
