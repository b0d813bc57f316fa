//! `String.prototype.match`, `matchAll` and `search`: the engine's methods make a RegExp from a
//! string argument through the realm's RegExp constructor, which a lazy realm makes only when
//! needed. Each realm gets them wrapped (auto-init wrappers of the engine's own functions,
//! natives.rs, made on first read as the engine's methods are): a call makes the RegExp group
//! first, then runs the engine's method.

use std::ffi::{c_int, CStr};

use rquickjs::qjs;

use super::lazy_group::{ensure_raw, REGEXP};
use crate::natives::{self, Args, NativeTable};

/// The wrapped methods of `String.prototype`, with their `length`.
const METHODS: [(&CStr, u8); 3] = [(c"match", 1), (c"matchAll", 1), (c"search", 1)];

struct Entries([qjs::JSCFunctionListEntry; METHODS.len()]);

// The entries hold pointers to static names only.
unsafe impl Sync for Entries {}

static ENTRIES: Entries = Entries([
    natives::entry(METHODS[0].0, METHODS[0].1, 0, triggering),
    natives::entry(METHODS[1].0, METHODS[1].1, 1, triggering),
    natives::entry(METHODS[2].0, METHODS[2].1, 2, triggering),
]);

static NATIVES: NativeTable = NativeTable::new();

/// Where each method was found last (natives/autoinit.rs).
static HINTS: [natives::Hint; METHODS.len()] = [const { natives::Hint::new() }; METHODS.len()];

/// `JS_CLASS_STRING` of the pinned engine: the realm's `String.prototype` is its class prototype.
const JS_CLASS_STRING: qjs::JSClassID = 5;

/// Wraps the methods of the realm's `String.prototype`. False when they could not be wrapped
/// (the caller then makes the RegExp group at once).
///
/// # Safety
/// `c` is a live realm whose base objects were added, before any code ran in it.
pub(crate) unsafe fn install(c: *mut qjs::JSContext) -> bool {
    let proto = qjs::JS_GetClassProto(c, JS_CLASS_STRING);
    let ok = qjs::JS_IsObject(proto)
        && NATIVES
            .get(c, || {
                METHODS
                    .iter()
                    .zip(&HINTS)
                    .map(|(&(name, length), hint)| {
                        (natives::original(c, proto, name, hint), length)
                    })
                    .collect()
            })
            .is_some()
        && METHODS
            .iter()
            .zip(&ENTRIES.0)
            .zip(&HINTS)
            .all(|((&(name, _), entry), hint)| {
                natives::replace_by_entry(c, proto, name, entry, hint)
            });
    qjs::JS_FreeValue(c, proto);
    ok
}

unsafe extern "C" fn triggering(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
) -> qjs::JSValue {
    let native = match NATIVES.known(ctx, magic as usize) {
        Ok(native) => native,
        Err(e) => return e,
    };
    if !ensure_raw(ctx, REGEXP) {
        return qjs::JS_EXCEPTION;
    }
    // Borrowed: the engine's method takes its arguments as the call gave them.
    let mut args: Args = (0..argc.max(0) as usize).map(|i| *argv.add(i)).collect();
    natives::call(ctx, native, this, &mut args)
}
