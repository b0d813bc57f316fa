//! The entries of a `WeakMap` or `WeakSet`, for a host that shows them as V8's
//! `previewEntries` does (Node's `util.inspect(x, { showHidden: true })`). ECMAScript cannot
//! enumerate a weak collection; the engine's `Map.prototype.forEach` walks the same records,
//! so it is called directly (natives.rs) with the magic of the weak class it checks the
//! receiver against, and a native callback that only keeps the keys: no JavaScript runs, and
//! the walk is one pass over the collection's records. A `WeakMap`'s values are then read with
//! the engine's `WeakMap.prototype.get`.

use std::cell::RefCell;
use std::ffi::c_int;

use rquickjs::qjs;

use crate::natives::{self, Args, NativeTable};

/// The engine's `Map.prototype.forEach` and `WeakMap.prototype.get`, read from the main realm
/// at runtime start (before any code could replace them).
static NATIVES: NativeTable = NativeTable::new();

/// `JS_CLASS_MAP`, `JS_CLASS_WEAKMAP` and `JS_CLASS_WEAKSET` of the pinned engine: the forEach's
/// magic is the receiver's class less `JS_CLASS_MAP`.
const MAP_CLASS: qjs::JSClassID = 36;
const WEAKMAP_CLASS: qjs::JSClassID = 38;
const WEAKSET_CLASS: qjs::JSClassID = 39;

/// Reads the natives from the realm `ctx` (the main one, made whole, no code run yet).
///
/// # Safety
/// `ctx` is a live realm with its Map/Set group made.
pub(crate) unsafe fn capture(ctx: *mut qjs::JSContext) {
    NATIVES.get(ctx, || {
        let member = |class: qjs::JSClassID, name: &std::ffi::CStr| {
            let proto = qjs::JS_GetClassProto(ctx, class);
            let f = qjs::JS_GetPropertyStr(ctx, proto, name.as_ptr());
            qjs::JS_FreeValue(ctx, proto);
            (f, 1)
        };
        vec![member(MAP_CLASS, c"forEach"), member(WEAKMAP_CLASS, c"get")]
    });
}

thread_local! {
    /// The keys the walk keeps, up to its limit (owned), and how many it saw.
    static SEEN: RefCell<(Vec<qjs::JSValue>, usize, usize)> = const { RefCell::new((Vec::new(), 0, 0)) };
}

unsafe extern "C" fn keep(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    if argc > 0 {
        let key = *argv;
        SEEN.with(|s| {
            let (keys, limit, seen) = &mut *s.borrow_mut();
            *seen += 1;
            if keys.len() < *limit {
                keys.push(qjs::JS_DupValue(ctx, key));
            }
        });
    }
    qjs::JS_UNDEFINED
}

/// A weak collection's entries: how many it holds, its first keys (at most the limit asked
/// for) and, for a `WeakMap`, their values.
pub(crate) struct WeakEntries {
    pub(crate) total: usize,
    pub(crate) keys: Vec<qjs::JSValue>,
    pub(crate) values: Option<Vec<qjs::JSValue>>,
}

/// The entries of `collection` when it is a `WeakMap` or `WeakSet` (any realm's), at most
/// `limit` of them kept; `None` for anything else or where the engine's natives could not be
/// read. `Err` on an exception (out of memory), pending in `ctx`. The values are owned.
///
/// # Safety
/// `ctx` is a live realm of the runtime `collection` belongs to.
pub(crate) unsafe fn entries(
    ctx: *mut qjs::JSContext,
    collection: qjs::JSValue,
    limit: usize,
) -> Result<Option<WeakEntries>, ()> {
    let class = qjs::JS_GetClassID(collection);
    if class != WEAKMAP_CLASS && class != WEAKSET_CLASS {
        return Ok(None);
    }
    let Some(natives) = NATIVES.get(ctx, Vec::new) else {
        return Ok(None);
    };
    let (for_each, get) = (natives[0], natives[1]);
    let callback = qjs::JS_NewCFunction2(
        ctx,
        Some(keep),
        c"".as_ptr(),
        3,
        qjs::JSCFunctionEnum_JS_CFUNC_generic,
        0,
    );
    if qjs::JS_IsException(callback) {
        return Err(());
    }
    SEEN.with(|s| *s.borrow_mut() = (Vec::new(), limit, 0));
    let mut args: Args = smallvec::smallvec![callback];
    let magic = (class - MAP_CLASS) as c_int;
    let r = natives::call_with_magic(ctx, &for_each, magic, collection, &mut args);
    qjs::JS_FreeValue(ctx, callback);
    let (keys, _, total) = SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()));
    if qjs::JS_IsException(r) {
        for k in keys {
            qjs::JS_FreeValue(ctx, k);
        }
        return Err(());
    }
    qjs::JS_FreeValue(ctx, r);
    let values = if class == WEAKMAP_CLASS {
        let mut values = Vec::with_capacity(keys.len());
        for &k in &keys {
            let mut args: Args = smallvec::smallvec![k];
            let v = natives::call(ctx, &get, collection, &mut args);
            if qjs::JS_IsException(v) {
                for v in values.into_iter().chain(keys) {
                    qjs::JS_FreeValue(ctx, v);
                }
                return Err(());
            }
            values.push(v);
        }
        Some(values)
    } else {
        None
    };
    Ok(Some(WeakEntries {
        total,
        keys,
        values,
    }))
}
