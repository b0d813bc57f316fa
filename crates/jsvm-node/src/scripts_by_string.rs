//! Scripts by the JavaScript string they were compiled from: V8's in-isolate compilation
//! cache, for large sources.
//!
//! `new vm.Script(source)` again with the same string (a server compiling one program per
//! request, a loader re-reading a bundle) would convert a large source to UTF-8, hash it for
//! the library's compile cache and, with `cachedData`, hash the data: several passes over
//! megabytes. Engine strings are immutable, so the string itself (kept alive here, which keeps
//! its address unique) is the key, checked before any of that work.

use std::cell::RefCell;
use std::collections::VecDeque;

use jsvm::engine::rquickjs::{qjs, Ctx, JsLifetime, Persistent, Value};
use jsvm::Script;

/// Strings kept, at most, and their sources' bytes at most (each entry keeps its string and its
/// script's source and bytecode alive).
const ENTRIES: usize = 8;
const MAX_BYTES: usize = 16 << 20;
/// Smaller sources are cheap to convert and hash: the library's compile cache serves them.
pub(crate) const MIN_SOURCE_BYTES: usize = 64 << 10;

/// What a compilation depends on besides the source.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Key {
    string: usize,
    filename: String,
    line_offset: i32,
    column_offset: i32,
    realm: u64,
}

impl Key {
    /// The key for compiling `code` (if it is a string) with these options in `realm`.
    pub(crate) fn of(
        code: &Value<'_>,
        filename: &str,
        line_offset: i32,
        column_offset: i32,
        realm: u64,
    ) -> Option<Key> {
        code.is_string().then(|| Key {
            string: unsafe { qjs::JS_VALUE_GET_PTR(code.as_raw()) } as usize,
            filename: filename.to_string(),
            line_offset,
            column_offset,
            realm,
        })
    }
}

struct Entry {
    key: Key,
    /// Keeps the string, so no other string takes its address while the entry lives.
    _string: Persistent<Value<'static>>,
    script: Script,
}

#[derive(Default)]
struct ScriptsByString(RefCell<VecDeque<Entry>>);

unsafe impl<'js> JsLifetime<'js> for ScriptsByString {
    type Changed<'to> = ScriptsByString;
}

/// The script compiled from exactly this string with these options, if still held.
pub(crate) fn lookup(ctx: &Ctx<'_>, key: &Key) -> Option<Script> {
    let cache = ctx.userdata::<ScriptsByString>()?;
    let entries = cache.0.borrow();
    entries
        .iter()
        .find(|e| &e.key == key)
        .map(|e| e.script.clone())
}

/// Holds `script` as compiled from `string` (newest last; the oldest goes past `ENTRIES`).
pub(crate) fn remember<'js>(ctx: &Ctx<'js>, string: &Value<'js>, key: Key, script: Script) {
    if ctx.userdata::<ScriptsByString>().is_none()
        && ctx.store_userdata(ScriptsByString::default()).is_err()
    {
        return;
    }
    let Some(cache) = ctx.userdata::<ScriptsByString>() else {
        return;
    };
    let size = script.source().len();
    if size > MAX_BYTES / 4 {
        return;
    }
    let mut entries = cache.0.borrow_mut();
    while entries.len() >= ENTRIES
        || entries
            .iter()
            .map(|e| e.script.source().len())
            .sum::<usize>()
            + size
            > MAX_BYTES
    {
        if entries.pop_front().is_none() {
            break;
        }
    }
    entries.push_back(Entry {
        key,
        _string: Persistent::save(ctx, string.clone()),
        script,
    });
}
