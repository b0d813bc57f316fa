//! V8's legacy static properties of `RegExp` (`RegExp.$1`-`$9`, `input`/`$_`, `lastMatch`/`$&`,
//! `lastParen`/`$+`, `leftContext`/`` $` ``, `rightContext`/`$'`), which the engine lacks and
//! older packages read after a match (linkedom takes a doctype's name from `RegExp.$1`).
//!
//! Every match of the realm's regexps goes through `RegExp.prototype.exec` (`test`, and
//! `String.prototype.replace`, `match`, `split`... call it by name, as the specification says),
//! so the realm's `exec` is wrapped: a successful match is kept in a slot of the realm (the
//! class prototype of a class of the runtime's that makes no objects, so the realm's GC marks it
//! and frees it with the realm), with the subject string, and the accessors read from it.
//! Like V8's, the record is per realm, and failed matches leave it as it was. Unlike V8's
//! copy, it is the match's result array (three stores a match, not one per capture): code that
//! changes that array changes what the accessors read.

use std::ffi::{c_int, CStr};

use rquickjs::qjs;

use crate::natives::{self, NativeTable, StaticEntry};

/// The slots of the realm's record (an array): the last match's result, and `RegExp.input`
/// when code assigned it since (`undefined`: the result's own `input`, its subject; a match
/// stores two slots and reads nothing, as every `test`, `replace` and `split` pays for it).
const RESULT: u32 = 0;
const INPUT: u32 = 1;

static EXEC: NativeTable = NativeTable::new();
static EXEC_ENTRY: StaticEntry = StaticEntry::new(natives::entry(c"exec", 1, 0, exec));

/// The accessors, in V8's order, each with what its getter reads.
const NAMES: [(&CStr, Read); 19] = [
    (c"input", Read::Input),
    (c"$_", Read::Input),
    (c"lastMatch", Read::Capture(0)),
    (c"$&", Read::Capture(0)),
    (c"lastParen", Read::LastParen),
    (c"$+", Read::LastParen),
    (c"leftContext", Read::Left),
    (c"$`", Read::Left),
    (c"rightContext", Read::Right),
    (c"$'", Read::Right),
    (c"$1", Read::Capture(1)),
    (c"$2", Read::Capture(2)),
    (c"$3", Read::Capture(3)),
    (c"$4", Read::Capture(4)),
    (c"$5", Read::Capture(5)),
    (c"$6", Read::Capture(6)),
    (c"$7", Read::Capture(7)),
    (c"$8", Read::Capture(8)),
    (c"$9", Read::Capture(9)),
];

#[derive(Clone, Copy)]
enum Read {
    Input,
    Capture(u32),
    LastParen,
    Left,
    Right,
}

struct Entries([qjs::JSCFunctionListEntry; NAMES.len()]);

// The entries hold pointers to static names and functions only.
unsafe impl Sync for Entries {}

static ENTRIES: Entries = Entries({
    let mut out = [accessor(c"", 0); NAMES.len()];
    let mut i = 0;
    while i < NAMES.len() {
        out[i] = accessor(NAMES[i].0, i as i16);
        i += 1;
    }
    out
});

/// A `JS_DEF_CGETSET_MAGIC` entry: a getter and a setter, not enumerable, configurable.
const fn accessor(name: &'static CStr, magic: i16) -> qjs::JSCFunctionListEntry {
    qjs::JSCFunctionListEntry {
        name: name.as_ptr(),
        prop_flags: qjs::JS_PROP_CONFIGURABLE as u8,
        def_type: qjs::JS_DEF_CGETSET_MAGIC as u8,
        magic,
        u: qjs::JSCFunctionListEntry__bindgen_ty_1 {
            getset: qjs::JSCFunctionListEntry__bindgen_ty_1__bindgen_ty_2 {
                get: qjs::JSCFunctionType {
                    getter_magic: Some(get),
                },
                set: qjs::JSCFunctionType {
                    setter_magic: Some(set),
                },
            },
        },
    }
}

/// The runtime's class whose prototype slot holds each realm's record, kept with the runtime
/// (its user data) so the engine's callbacks of any of its realms find it.
#[derive(Clone, Copy)]
struct LastMatchClass(qjs::JSClassID);

unsafe impl<'js> rquickjs::JsLifetime<'js> for LastMatchClass {
    type Changed<'to> = LastMatchClass;
}

/// Registers the class whose prototype slot holds each realm's record in the runtime of `ctx`,
/// and keeps it with the runtime. 0 when it could not be registered.
///
/// # Safety
/// `ctx` is a live realm.
pub(crate) unsafe fn register(ctx: &rquickjs::Ctx<'_>) -> qjs::JSClassID {
    let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
    let mut id: qjs::JSClassID = 0;
    qjs::JS_NewClassID(rt, &mut id);
    let def = qjs::JSClassDef {
        class_name: c"RegExpLastMatch".as_ptr(),
        finalizer: None,
        gc_mark: None,
        call: None,
        exotic: std::ptr::null_mut(),
    };
    if qjs::JS_NewClass(rt, id, &def) != 0 || ctx.store_userdata(LastMatchClass(id)).is_err() {
        return 0;
    }
    id
}

/// The class of the runtime of `ctx` (0 when none was registered).
pub(crate) fn class_of(ctx: *mut qjs::JSContext) -> qjs::JSClassID {
    let Some(realm) = std::ptr::NonNull::new(ctx) else {
        return 0;
    };
    let c = unsafe { rquickjs::Ctx::from_raw(realm) };
    let class = c.userdata::<LastMatchClass>().map_or(0, |k| k.0);
    class
}

/// `JS_CLASS_REGEXP` of the pinned engine (as realm.rs's `group_made` reads it).
const REGEXP_CLASS: qjs::JSClassID = 19;

/// Gives the realm's `RegExp`, just made, the legacy accessors and its prototype the recording
/// `exec`, the record kept in the prototype slot of `class`. Reached through the realm's class
/// table (where the engine's globals are, the global, a holder or a context's scope, does not
/// matter). Nothing is done for class 0 (not registered) or when the engine's `exec` could not
/// be read (its layout, see natives.rs). False on an exception.
///
/// # Safety
/// `c` is a live realm.
pub(crate) unsafe fn install(c: *mut qjs::JSContext, class: qjs::JSClassID) -> bool {
    if class == 0 {
        return true;
    }
    let proto = qjs::JS_GetClassProto(c, REGEXP_CLASS);
    if !qjs::JS_IsObject(proto) {
        qjs::JS_FreeValue(c, proto);
        return true;
    }
    // The engine's own data property, made with the prototype: no code runs.
    let ctor = qjs::JS_GetPropertyStr(c, proto, c"constructor".as_ptr());
    if !qjs::JS_IsObject(ctor) {
        let failed = qjs::JS_IsException(ctor);
        qjs::JS_FreeValue(c, ctor);
        qjs::JS_FreeValue(c, proto);
        return !failed;
    }
    let record = qjs::JS_NewArray(c);
    let ok = !qjs::JS_IsException(record)
        && [RESULT, INPUT].iter().all(|&slot| {
            let v = match slot {
                RESULT => qjs::JS_NULL,
                _ => qjs::JS_NewAtomString(c, c"".as_ptr()),
            };
            qjs::JS_SetPropertyUint32(c, record, slot, v) >= 0
        });
    if !ok {
        qjs::JS_FreeValue(c, record);
        qjs::JS_FreeValue(c, ctor);
        qjs::JS_FreeValue(c, proto);
        return false;
    }
    qjs::JS_SetClassProto(c, class, record);
    // `wrap_method` frees `proto`.
    let ok = natives::wrap_method(c, proto, c"exec", 1, &EXEC, &EXEC_ENTRY)
        && qjs::JS_SetPropertyFunctionList(c, ctor, ENTRIES.0.as_ptr(), NAMES.len() as c_int) >= 0;
    qjs::JS_FreeValue(c, ctor);
    ok
}

/// The record of the realm of `ctx` (owned), `JS_NULL` when it has none.
unsafe fn record(ctx: *mut qjs::JSContext) -> qjs::JSValue {
    let class = class_of(ctx);
    if class == 0 {
        return qjs::JS_NULL;
    }
    qjs::JS_GetClassProto(ctx, class)
}

/// `RegExp.prototype.exec`: the engine's, then a match recorded.
unsafe extern "C" fn exec(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
) -> qjs::JSValue {
    let result = natives::call_through(ctx, &EXEC, 0, this, argc, argv);
    if !qjs::JS_IsObject(result) {
        return result;
    }
    let record = record(ctx);
    if qjs::JS_IsObject(record) {
        let ok = qjs::JS_SetPropertyUint32(ctx, record, RESULT, qjs::JS_DupValue(ctx, result)) >= 0
            && qjs::JS_SetPropertyUint32(ctx, record, INPUT, qjs::JS_UNDEFINED) >= 0;
        qjs::JS_FreeValue(ctx, record);
        if !ok {
            qjs::JS_FreeValue(ctx, result);
            return qjs::JS_EXCEPTION;
        }
    }
    result
}

/// A getter: what the last match gives for accessor `magic`, a string (empty before any).
unsafe extern "C" fn get(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    magic: c_int,
) -> qjs::JSValue {
    let Some(&(_, read)) = NAMES.get(magic as usize) else {
        return qjs::JS_UNDEFINED;
    };
    let record = record(ctx);
    if !qjs::JS_IsObject(record) {
        qjs::JS_FreeValue(ctx, record);
        return qjs::JS_NewAtomString(ctx, c"".as_ptr());
    }
    let value = read_record(ctx, record, read);
    qjs::JS_FreeValue(ctx, record);
    value
}

unsafe fn read_record(ctx: *mut qjs::JSContext, record: qjs::JSValue, read: Read) -> qjs::JSValue {
    let empty = || qjs::JS_NewAtomString(ctx, c"".as_ptr());
    if let Read::Input = read {
        let input = qjs::JS_GetPropertyUint32(ctx, record, INPUT);
        if !qjs::JS_IsUndefined(input) {
            return input;
        }
    }
    let result = qjs::JS_GetPropertyUint32(ctx, record, RESULT);
    if !qjs::JS_IsObject(result) {
        qjs::JS_FreeValue(ctx, result);
        return empty();
    }
    // The subject: the result's own `input`, a data property the engine made.
    let subject = || qjs::JS_GetPropertyStr(ctx, result, c"input".as_ptr());
    // The result array's elements, `index` and `length`: data properties the engine made (code
    // that redefined them as accessors runs here, as when it reads them).
    let element = |i: u32| {
        let v = qjs::JS_GetPropertyUint32(ctx, result, i);
        if qjs::JS_IsUndefined(v) {
            return empty();
        }
        let text = qjs::JS_ToString(ctx, v);
        qjs::JS_FreeValue(ctx, v);
        text
    };
    let value = match read {
        Read::Input => subject(),
        Read::Capture(i) => element(i),
        Read::LastParen => {
            let mut length: i64 = 0;
            if qjs::JS_GetLength(ctx, result, &mut length) < 0 {
                qjs::JS_FreeValue(ctx, result);
                return qjs::JS_EXCEPTION;
            }
            match length > 1 {
                true => element((length - 1) as u32),
                false => empty(),
            }
        }
        Read::Left | Read::Right => {
            let subject = subject();
            let index = qjs::JS_GetPropertyStr(ctx, result, c"index".as_ptr());
            let matched = element(0);
            let v = context(ctx, subject, index, matched, matches!(read, Read::Left));
            qjs::JS_FreeValue(ctx, subject);
            qjs::JS_FreeValue(ctx, index);
            qjs::JS_FreeValue(ctx, matched);
            v
        }
    };
    qjs::JS_FreeValue(ctx, result);
    value
}

/// The subject before the match (`left`) or after it, by `String.prototype.slice`'s rules.
unsafe fn context(
    ctx: *mut qjs::JSContext,
    subject: qjs::JSValue,
    index: qjs::JSValue,
    matched: qjs::JSValue,
    left: bool,
) -> qjs::JSValue {
    let (mut at, mut len) = (0i64, 0i64);
    if qjs::JS_IsException(matched)
        || qjs::JS_ToInt64(ctx, &mut at, index) < 0
        || qjs::JS_GetLength(ctx, matched, &mut len) < 0
    {
        return qjs::JS_EXCEPTION;
    }
    let (start, end) = match left {
        true => (0.0, at as f64),
        false => ((at + len) as f64, f64::INFINITY),
    };
    let mut args = [qjs::JS_NewFloat64(start), qjs::JS_NewFloat64(end)];
    let slice = qjs::JS_NewAtom(ctx, c"slice".as_ptr());
    let v = qjs::JS_Invoke(ctx, subject, slice, 2, args.as_mut_ptr());
    qjs::JS_FreeAtom(ctx, slice);
    v
}

/// A setter: `input` and `$_` take the value as a string; the others ignore it, as V8's do.
unsafe extern "C" fn set(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    value: qjs::JSValue,
    magic: c_int,
) -> qjs::JSValue {
    if !matches!(NAMES.get(magic as usize), Some((_, Read::Input))) {
        return qjs::JS_UNDEFINED;
    }
    let text = qjs::JS_ToString(ctx, value);
    if qjs::JS_IsException(text) {
        return text;
    }
    let record = record(ctx);
    let r = match qjs::JS_IsObject(record) {
        true => qjs::JS_SetPropertyUint32(ctx, record, INPUT, text),
        false => {
            qjs::JS_FreeValue(ctx, text);
            0
        }
    };
    qjs::JS_FreeValue(ctx, record);
    match r < 0 {
        true => qjs::JS_EXCEPTION,
        false => qjs::JS_UNDEFINED,
    }
}
