//! Array methods that walk an array-like index by index in C, made stoppable.
//!
//! QuickJS's `join`, `reverse`, `slice`, `sort` ... visit every index below `length` of their
//! receiver without polling the interrupt handler, and an absent index (a hole) costs a
//! property lookup that neither calls code nor allocates. A sparse array or an array-like
//! (`Array(2 ** 32 - 1).join('')`, `Array.prototype.reverse.call({ length: 2 ** 31 })`) thus
//! makes one step of billions of lookups that no timeout, token or memory refusal ends.
//!
//! Every realm gets these methods wrapped: a receiver whose walk may be long (its `length` is
//! over [`SHORT`], or cannot be read without running code) is handed to the engine's method
//! behind a proxy whose traps forward each access to the receiver. A trap is a call, and the
//! engine polls its interrupt handler on calls, so the walk stops like any code. A short
//! receiver goes to the engine's method as it is, at no cost. `concat` does the same for the
//! parts it spreads (it reads their `Symbol.isConcatSpreadable` first, so a part it appends
//! whole keeps its identity), `String.raw` for its template's `raw` list (the engine ignores its failed appends, so
//! not even a refused allocation ended that walk).

use std::ffi::{c_int, CStr};

use rquickjs::qjs;
use smallvec::SmallVec;

use crate::natives::{self, Args, NativeTable};

/// The atom of "length": one of the engine's predefined atoms, the same in every runtime and
/// never freed, so it is looked up once.
unsafe fn length_atom(ctx: *mut qjs::JSContext) -> qjs::JSAtom {
    use std::sync::atomic::{AtomicU32, Ordering};
    static LENGTH: AtomicU32 = AtomicU32::new(qjs::JS_ATOM_NULL);
    let known = LENGTH.load(Ordering::Relaxed);
    if known != qjs::JS_ATOM_NULL {
        return known;
    }
    let atom = qjs::JS_NewAtom(ctx, c"length".as_ptr());
    LENGTH.store(atom, Ordering::Relaxed);
    atom
}

/// The atom of `Symbol.isConcatSpreadable`: a predefined atom (the same in every runtime, never
/// freed), read from the intrinsic `Symbol` of the first realm installed.
static SPREADABLE: std::sync::atomic::AtomicU32 =
    std::sync::atomic::AtomicU32::new(qjs::JS_ATOM_NULL);

/// Reads [`SPREADABLE`] from `builtins` (a realm's intrinsics, before any code ran) once.
unsafe fn learn_spreadable(ctx: *mut qjs::JSContext, builtins: qjs::JSValue) {
    use std::sync::atomic::Ordering;
    if SPREADABLE.load(Ordering::Relaxed) != qjs::JS_ATOM_NULL {
        return;
    }
    let symbol = qjs::JS_GetPropertyStr(ctx, builtins, c"Symbol".as_ptr());
    let key = qjs::JS_GetPropertyStr(ctx, symbol, c"isConcatSpreadable".as_ptr());
    qjs::JS_FreeValue(ctx, symbol);
    if qjs::JS_VALUE_GET_TAG(key) == qjs::JS_TAG_SYMBOL {
        let atom = qjs::JS_ValueToAtom(ctx, key);
        SPREADABLE.store(atom, Ordering::Relaxed);
    } else if qjs::JS_IsException(key) {
        let e = qjs::JS_GetException(ctx);
        qjs::JS_FreeValue(ctx, e);
    }
    qjs::JS_FreeValue(ctx, key);
}

/// Lengths up to this are walked by the engine directly: a walk of this many holes is short.
const SHORT: u64 = 1 << 16;

/// The engine's class ids of ordinary objects, arrays and `arguments` objects: their `length`
/// can be read without running code (quickjs.c's `JS_CLASS_*`, fixed for the pinned engine).
const PLAIN_CLASSES: [qjs::JSClassID; 4] = [1, 2, 8, 9];

/// What a wrapped method walks besides (or instead of) its receiver.
const WALKS_ARGUMENTS: c_int = 1;
/// The second argument only, not the receiver (`JSON.stringify`'s replacer list).
const WALKS_REPLACER: c_int = 2;
/// The `raw` list of its first argument (`String.raw`), whose failed appends the engine ignores:
/// a refused allocation does not end its walk.
const WALKS_RAW: c_int = 16;
/// An empty replacement of a long string (`replaceAll`): the engine's loop over the matches
/// then neither allocates nor polls (its appends of nothing fail silently once refused).
const WALKS_MATCHES: c_int = 32;
/// Nested arrays, as deep as the first argument says (`flat`).
const WALKS_NESTED: c_int = 4;
/// The arrays its callback answers (`flatMap`).
const WALKS_MAPPED: c_int = 8;

/// Where a wrapped method lives: on `Array.prototype`, on `JSON` or on `String`.
#[derive(Clone, Copy, PartialEq)]
enum Holder {
    ArrayPrototype,
    Json,
    String,
    StringPrototype,
}

/// The methods wrapped, with the flags above and their `length`.
const METHODS: [(Holder, &CStr, c_int, u8); 15] = [
    (Holder::ArrayPrototype, c"join", 0, 1),
    (Holder::ArrayPrototype, c"toLocaleString", 0, 0),
    (Holder::ArrayPrototype, c"reverse", 0, 0),
    (Holder::ArrayPrototype, c"copyWithin", 0, 2),
    (Holder::ArrayPrototype, c"slice", 0, 2),
    (Holder::ArrayPrototype, c"splice", 0, 2),
    (Holder::ArrayPrototype, c"unshift", 0, 1),
    (Holder::ArrayPrototype, c"shift", 0, 0),
    (Holder::ArrayPrototype, c"sort", 0, 1),
    (Holder::ArrayPrototype, c"flat", WALKS_NESTED, 0),
    (Holder::ArrayPrototype, c"flatMap", WALKS_MAPPED, 1),
    (Holder::ArrayPrototype, c"concat", WALKS_ARGUMENTS, 1),
    (Holder::Json, c"stringify", WALKS_REPLACER, 3),
    (Holder::String, c"raw", WALKS_RAW, 1),
    (Holder::StringPrototype, c"replaceAll", WALKS_MATCHES, 2),
];

/// The wrappers as the engine's auto-init entries (made on first read, in the realm that
/// reads them): `magic` is the index in [`METHODS`].
struct Entries([qjs::JSCFunctionListEntry; METHODS.len()]);

// The entries hold pointers to static names only.
unsafe impl Sync for Entries {}

static ENTRIES: Entries = Entries(entries());

const fn entries() -> [qjs::JSCFunctionListEntry; METHODS.len()] {
    const fn entry(i: usize) -> qjs::JSCFunctionListEntry {
        let (_, name, _, length) = METHODS[i];
        natives::entry(name, length, i as i16, lazy_guarded)
    }
    let mut out = [entry(0); METHODS.len()];
    let mut i = 1;
    while i < METHODS.len() {
        out[i] = entry(i);
        i += 1;
    }
    out
}

/// The engine's functions of [`METHODS`].
static NATIVES: NativeTable = NativeTable::new();

/// Where `JSON` was found last among the builtins (natives/autoinit.rs).
static JSON: natives::Hint = natives::Hint::new();

/// Where each of [`METHODS`] was found last (natives/autoinit.rs).
static HINTS: [natives::Hint; METHODS.len()] = [const { natives::Hint::new() }; METHODS.len()];

/// `JS_CLASS_ARRAY` and `JS_CLASS_STRING` of the pinned engine, whose class prototypes are the
/// realm's `Array.prototype` and `String.prototype`.
const JS_CLASS_ARRAY: qjs::JSClassID = 2;
const JS_CLASS_STRING: qjs::JSClassID = 5;

/// Wraps the methods of the realm's `Array.prototype`, `String`, `String.prototype` and `JSON`
/// (`String` and `JSON` read from `builtins`: the global or the holder of the builtins; `JSON`
/// only when it was made already). Runs before any code of the realm. False on an exception
/// (out of memory).
///
/// The wrappers are made on first read, as the engine's methods are, when the engine's
/// functions could be read (`natives`); else at once, each holding the realm's original.
///
/// # Safety
/// `ctx` is a live realm whose base objects were added; `builtins` is borrowed.
pub(crate) unsafe fn install(ctx: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    learn_spreadable(ctx, builtins);
    // The prototypes are the realm's class prototypes (no code ran yet to change them).
    let array_proto = qjs::JS_GetClassProto(ctx, JS_CLASS_ARRAY);
    let string = qjs::JS_GetPropertyStr(ctx, builtins, c"String".as_ptr());
    let string_proto = qjs::JS_GetClassProto(ctx, JS_CLASS_STRING);
    // `JSON` is read only where its list could not be given the wrappers unmade.
    let read_json = || qjs::JS_GetPropertyStr(ctx, builtins, c"JSON".as_ptr());
    let mut json = qjs::JS_UNDEFINED;
    let holder = |h: Holder, json: qjs::JSValue| match h {
        Holder::ArrayPrototype => array_proto,
        Holder::Json => json,
        Holder::String => string,
        Holder::StringPrototype => string_proto,
    };
    let mut ok =
        qjs::JS_IsObject(array_proto) && qjs::JS_IsObject(string) && qjs::JS_IsObject(string_proto);
    let lazy = ok
        && NATIVES
            .get(ctx, || {
                METHODS
                    .iter()
                    .zip(&HINTS)
                    .map(|(&(h, name, _, length), hint)| {
                        let f = match h {
                            Holder::Json => {
                                natives::original_member(ctx, builtins, c"JSON", &JSON, name)
                                    .unwrap_or_else(|| {
                                        let json = read_json();
                                        let f = qjs::JS_GetPropertyStr(ctx, json, name.as_ptr());
                                        qjs::JS_FreeValue(ctx, json);
                                        f
                                    })
                            }
                            _ => natives::original(ctx, holder(h, qjs::JS_UNDEFINED), name, hint),
                        };
                        (f, length)
                    })
                    .collect()
            })
            .is_some();
    for (i, &(h, name, flags, _)) in METHODS.iter().enumerate() {
        if !ok {
            break;
        }
        if h == Holder::Json {
            let entry = &ENTRIES.0[i];
            if lazy && natives::retarget_member(ctx, builtins, c"JSON", &JSON, name, entry) {
                continue;
            }
            if qjs::JS_IsUndefined(json) {
                json = read_json();
                if !qjs::JS_IsObject(json) {
                    ok = false;
                    break;
                }
            }
        }
        let on = holder(h, json);
        ok = if lazy && natives::replace_by_entry(ctx, on, name, &ENTRIES.0[i], &HINTS[i]) {
            true
        } else {
            wrap_now(ctx, on, name, flags)
        };
    }
    qjs::JS_FreeValue(ctx, string_proto);
    qjs::JS_FreeValue(ctx, string);
    qjs::JS_FreeValue(ctx, json);
    qjs::JS_FreeValue(ctx, array_proto);
    ok
}

/// Wraps the method `name` of `on` at once, the wrapper holding the realm's original. False
/// on an exception.
unsafe fn wrap_now(ctx: *mut qjs::JSContext, on: qjs::JSValue, name: &CStr, flags: c_int) -> bool {
    let original = qjs::JS_GetPropertyStr(ctx, on, name.as_ptr());
    if !qjs::JS_IsObject(original) {
        let failed = qjs::JS_IsException(original);
        qjs::JS_FreeValue(ctx, original);
        return !failed;
    }
    let length = qjs::JS_GetPropertyStr(ctx, original, c"length".as_ptr());
    let length = if qjs::JS_VALUE_GET_TAG(length) == qjs::JS_TAG_INT {
        qjs::JS_VALUE_GET_INT(length)
    } else {
        0
    };
    // The realm's `Function.prototype` names the realm (see `guarded`).
    let mut data = [original, qjs::JS_GetFunctionProto(ctx)];
    let wrapped = qjs::JS_NewCFunctionData2(
        ctx,
        Some(guarded),
        name.as_ptr(),
        length,
        flags,
        2,
        data.as_mut_ptr(),
    );
    qjs::JS_FreeValue(ctx, data[1]);
    qjs::JS_FreeValue(ctx, original);
    // A [[Set]] of an existing data property keeps it non-enumerable.
    !qjs::JS_IsException(wrapped) && qjs::JS_SetPropertyStr(ctx, on, name.as_ptr(), wrapped) >= 0
}

/// A proxy handler (of no prototype, reachable from no code) whose traps forward to the target
/// with the target as receiver, as the engine's method would have accessed it. With a `depth`
/// (`flat`'s), the arrays read through it that the engine will flatten further are handed out
/// behind such proxies in turn, one level less deep.
unsafe fn forwarding_handler(ctx: *mut qjs::JSContext, depth: Option<f64>) -> qjs::JSValue {
    let handler = qjs::JS_NewObjectProto(ctx, qjs::JS_NULL);
    if qjs::JS_IsException(handler) {
        return handler;
    }
    let get = match depth {
        None => qjs::JS_NewCFunction2(
            ctx,
            Some(trap_get),
            c"get".as_ptr(),
            3,
            qjs::JSCFunctionEnum_JS_CFUNC_generic,
            0,
        ),
        Some(d) => {
            let mut data = [qjs::JS_NewFloat64(d)];
            qjs::JS_NewCFunctionData2(
                ctx,
                Some(trap_get_nested),
                c"get".as_ptr(),
                3,
                0,
                1,
                data.as_mut_ptr(),
            )
        }
    };
    if qjs::JS_IsException(get) || qjs::JS_SetPropertyStr(ctx, handler, c"get".as_ptr(), get) < 0 {
        qjs::JS_FreeValue(ctx, handler);
        return qjs::JS_EXCEPTION;
    }
    let traps: [(&CStr, qjs::JSCFunction, c_int); 3] = [
        (c"set", Some(trap_set), 4),
        (c"has", Some(trap_has), 2),
        (c"deleteProperty", Some(trap_delete), 2),
    ];
    for (name, f, length) in traps {
        let trap = qjs::JS_NewCFunction2(
            ctx,
            f,
            name.as_ptr(),
            length,
            qjs::JSCFunctionEnum_JS_CFUNC_generic,
            0,
        );
        if qjs::JS_IsException(trap)
            || qjs::JS_SetPropertyStr(ctx, handler, name.as_ptr(), trap) < 0
        {
            qjs::JS_FreeValue(ctx, handler);
            return qjs::JS_EXCEPTION;
        }
    }
    handler
}

/// Whether the engine's walk of `value` may be long: its `length` is over [`SHORT`] or is not
/// a number held by the object itself (a getter, a proxy, an inherited or exotic length).
/// Reads nothing that could run code.
unsafe fn may_walk_long(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> bool {
    if !qjs::JS_IsObject(value) {
        return false;
    }
    if qjs::JS_IsProxy(value) || !PLAIN_CLASSES.contains(&qjs::JS_GetClassID(value)) {
        return true;
    }
    let atom = length_atom(ctx);
    let mut desc = std::mem::MaybeUninit::<qjs::JSPropertyDescriptor>::uninit();
    let found = qjs::JS_GetOwnProperty(ctx, desc.as_mut_ptr(), value, atom);
    if found <= 0 {
        if found < 0 {
            // Nothing here can throw but out of memory; the engine's method meets it again.
            let e = qjs::JS_GetException(ctx);
            qjs::JS_FreeValue(ctx, e);
        }
        return true;
    }
    let desc = desc.assume_init();
    let long = if desc.flags & qjs::JS_PROP_GETSET as c_int != 0 {
        true
    } else {
        match qjs::JS_VALUE_GET_TAG(desc.value) {
            qjs::JS_TAG_INT => qjs::JS_VALUE_GET_INT(desc.value) as i64 > SHORT as i64,
            qjs::JS_TAG_FLOAT64 => {
                let n = qjs::JS_VALUE_GET_FLOAT64(desc.value);
                n.is_nan() || n > SHORT as f64
            }
            _ => true,
        }
    };
    crate::descriptor::free(ctx, &desc);
    long
}

/// `value` behind a forwarding proxy when its walk may be long, else itself (a new reference
/// either way; an exception when the proxy cannot be made).
unsafe fn walkable(
    ctx: *mut qjs::JSContext,
    value: qjs::JSValue,
    arrays_only: bool,
) -> qjs::JSValue {
    let guard = may_walk_long(ctx, value)
        // Where only arrays are walked (a replacer list, a flatMap answer), other values are
        // used whole and keep their identity.
        && (!arrays_only || qjs::JS_IsArray(value));
    if guard {
        // Made when needed: a realm pays nothing for the guard until a long walk comes.
        let handler = forwarding_handler(ctx, None);
        if qjs::JS_IsException(handler) {
            return handler;
        }
        let proxy = qjs::JS_NewProxy(ctx, value, handler);
        qjs::JS_FreeValue(ctx, handler);
        proxy
    } else {
        qjs::JS_DupValue(ctx, value)
    }
}

/// A part of `concat` (its receiver or an argument) as the engine will get it. One whose walk
/// may be long has its `Symbol.isConcatSpreadable` read here, once, as the engine would have
/// read it first (a getter runs then, before earlier parts are copied): a part that will be
/// spread goes behind a forwarding proxy that answers `true` for that key (the engine does not
/// read it again), one that will not lands in the result as itself (the engine reads its flag
/// again: a getter answering false runs twice).
unsafe fn concat_part(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> qjs::JSValue {
    let atom = SPREADABLE.load(std::sync::atomic::Ordering::Relaxed);
    if atom == qjs::JS_ATOM_NULL {
        return walkable(ctx, value, true);
    }
    if !may_walk_long(ctx, value) {
        return qjs::JS_DupValue(ctx, value);
    }
    let flag = qjs::JS_GetProperty(ctx, value, atom);
    if qjs::JS_IsException(flag) {
        return flag;
    }
    let spread = if qjs::JS_IsUndefined(flag) {
        is_array(ctx, value)
    } else {
        qjs::JS_ToBool(ctx, flag)
    };
    qjs::JS_FreeValue(ctx, flag);
    if spread < 0 {
        return qjs::JS_EXCEPTION;
    }
    let spread = spread == 1;
    if !spread {
        return qjs::JS_DupValue(ctx, value);
    }
    let handler = forwarding_handler(ctx, None);
    if qjs::JS_IsException(handler) {
        return handler;
    }
    let get = qjs::JS_NewCFunction2(
        ctx,
        Some(trap_get_spreading),
        c"get".as_ptr(),
        3,
        qjs::JSCFunctionEnum_JS_CFUNC_generic,
        0,
    );
    if qjs::JS_IsException(get) || qjs::JS_SetPropertyStr(ctx, handler, c"get".as_ptr(), get) < 0 {
        qjs::JS_FreeValue(ctx, handler);
        return qjs::JS_EXCEPTION;
    }
    let proxy = qjs::JS_NewProxy(ctx, value, handler);
    qjs::JS_FreeValue(ctx, handler);
    proxy
}

/// `Array.isArray` of `value`, through proxies (-1 and an exception for a revoked one).
unsafe fn is_array(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> c_int {
    let mut v = qjs::JS_DupValue(ctx, value);
    while qjs::JS_IsProxy(v) {
        let target = qjs::JS_GetProxyTarget(ctx, v);
        qjs::JS_FreeValue(ctx, v);
        if qjs::JS_IsException(target) {
            return -1;
        }
        v = target;
    }
    let r = qjs::JS_IsArray(v) as c_int;
    qjs::JS_FreeValue(ctx, v);
    r
}

/// `get` of a part `concat` spreads: its flag was read (see [`concat_part`]).
unsafe extern "C" fn trap_get_spreading(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let spreadable = SPREADABLE.load(std::sync::atomic::Ordering::Relaxed);
    with_key(ctx, argc, argv, qjs::JS_EXCEPTION, |t, atom| {
        if atom == spreadable {
            qjs::JS_TRUE
        } else {
            qjs::JS_GetProperty(ctx, t, atom)
        }
    })
}

/// An eager wrapper: `data` holds the realm's original and its `Function.prototype`.
unsafe extern "C" fn guarded(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    flags: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let original = *data;
    // The engine runs a function with data in its caller's realm: a call from another realm
    // (a host calling a context's method) would make the proxy's traps, and the errors they
    // throw, in the caller's realm and hand them to this realm's code. Such calls go straight
    // to the engine's method, as any host use of a context's builtin does.
    let caller_proto = qjs::JS_GetFunctionProto(ctx);
    let same_realm = qjs::JS_VALUE_GET_PTR(caller_proto) == qjs::JS_VALUE_GET_PTR(*data.add(1));
    qjs::JS_FreeValue(ctx, caller_proto);
    if !same_realm {
        return qjs::JS_Call(ctx, original, this, argc, argv);
    }
    guard(ctx, this, argc, argv, flags, |receiver, args| {
        qjs::JS_Call(
            ctx,
            original,
            receiver,
            args.len() as c_int,
            args.as_mut_ptr(),
        )
    })
}

/// An auto-init wrapper, method `magic` of [`METHODS`]. A C function without data runs in its
/// own realm, so what the guard makes belongs to the method's realm.
unsafe extern "C" fn lazy_guarded(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
) -> qjs::JSValue {
    let i = magic as usize;
    let native = match NATIVES.known(ctx, i) {
        Ok(native) => native,
        Err(e) => return e,
    };
    guard(ctx, this, argc, argv, METHODS[i].2, |receiver, args| {
        natives::call(ctx, native, receiver, args)
    })
}

/// A wrapped method's call: its receiver and arguments whose walk may be long are handed to
/// `call` (the engine's method) behind forwarding proxies.
unsafe fn guard(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    flags: c_int,
    call: impl FnOnce(qjs::JSValue, &mut Args) -> qjs::JSValue,
) -> qjs::JSValue {
    let argc = argc.max(0) as usize;
    // Arguments on the stack: these methods are hot, and most calls have few.
    let mut args: Args = SmallVec::with_capacity(argc);
    let mut receiver = qjs::JS_UNDEFINED;
    let fail = |args: Args, receiver: qjs::JSValue| {
        for a in args {
            qjs::JS_FreeValue(ctx, a);
        }
        qjs::JS_FreeValue(ctx, receiver);
        qjs::JS_EXCEPTION
    };
    for i in 0..argc {
        let arg = *argv.add(i);
        let arg = match (i, flags) {
            (_, WALKS_ARGUMENTS) => concat_part(ctx, arg),
            (1, WALKS_REPLACER) => walkable(ctx, arg, true),
            (0, WALKS_RAW) if qjs::JS_IsObject(arg) => raw_template(ctx, arg),
            (1, WALKS_MATCHES)
                if string_length(ctx, arg) == Some(0)
                    && string_length(ctx, this).is_some_and(|n| n > SHORT as i64) =>
            {
                // A function answering the empty string replaces as the empty string does;
                // calling it for each match polls.
                qjs::JS_NewCFunction2(
                    ctx,
                    Some(empty_string),
                    c"".as_ptr(),
                    0,
                    qjs::JSCFunctionEnum_JS_CFUNC_generic,
                    0,
                )
            }
            (0, WALKS_MAPPED) if qjs::JS_IsFunction(ctx, arg) => {
                let mut data = [arg, this];
                qjs::JS_NewCFunctionData(ctx, Some(mapper), 3, 0, 2, data.as_mut_ptr())
            }
            (0, WALKS_NESTED) => {
                // Converted here, once (the engine gets the number), to know how deep to guard.
                let mut depth = 1.0;
                if !qjs::JS_IsUndefined(arg) && qjs::JS_ToFloat64(ctx, &mut depth, arg) < 0 {
                    return fail(args, receiver);
                }
                let depth = if depth.is_nan() { 0.0 } else { depth.trunc() };
                if depth >= 1.0 && qjs::JS_IsObject(this) {
                    let nested = forwarding_handler(ctx, Some(depth));
                    if qjs::JS_IsException(nested) {
                        return fail(args, receiver);
                    }
                    receiver = qjs::JS_NewProxy(ctx, this, nested);
                    qjs::JS_FreeValue(ctx, nested);
                    if qjs::JS_IsException(receiver) {
                        return fail(args, qjs::JS_UNDEFINED);
                    }
                }
                qjs::JS_NewFloat64(depth)
            }
            _ => qjs::JS_DupValue(ctx, arg),
        };
        if qjs::JS_IsException(arg) {
            return fail(args, receiver);
        }
        args.push(arg);
    }
    if qjs::JS_IsUndefined(receiver) {
        receiver = match flags {
            WALKS_REPLACER => qjs::JS_DupValue(ctx, this),
            WALKS_NESTED => {
                // `flat()` with no argument flattens one level.
                let nested = forwarding_handler(ctx, Some(1.0));
                if qjs::JS_IsException(nested) {
                    return fail(args, qjs::JS_UNDEFINED);
                }
                let r = if qjs::JS_IsObject(this) && argc == 0 {
                    qjs::JS_NewProxy(ctx, this, nested)
                } else {
                    walkable(ctx, this, false)
                };
                qjs::JS_FreeValue(ctx, nested);
                r
            }
            WALKS_RAW | WALKS_MATCHES => qjs::JS_DupValue(ctx, this),
            WALKS_ARGUMENTS => concat_part(ctx, this),
            _ => walkable(ctx, this, false),
        };
        if qjs::JS_IsException(receiver) {
            return fail(args, qjs::JS_UNDEFINED);
        }
    }
    let mut result = call(receiver, &mut args);
    // Methods that answer their receiver (`reverse`, `sort`, `copyWithin`) answer the caller's.
    if qjs::JS_IsObject(result)
        && qjs::JS_VALUE_GET_PTR(result) == qjs::JS_VALUE_GET_PTR(receiver)
        && qjs::JS_VALUE_GET_PTR(receiver) != qjs::JS_VALUE_GET_PTR(this)
    {
        qjs::JS_FreeValue(ctx, result);
        result = qjs::JS_DupValue(ctx, this);
    }
    for a in args {
        qjs::JS_FreeValue(ctx, a);
    }
    qjs::JS_FreeValue(ctx, receiver);
    result
}

/// `String.raw`'s template as the engine will read it: an object of no prototype whose `raw` is
/// the template's (read here, once, as the engine would have read it first), made an object
/// and put behind a forwarding proxy when its walk may be long. A primitive `raw` that cannot
/// be made an object is handed on for the engine to throw its own error.
unsafe fn raw_template(ctx: *mut qjs::JSContext, template: qjs::JSValue) -> qjs::JSValue {
    let raw = qjs::JS_GetPropertyStr(ctx, template, c"raw".as_ptr());
    if qjs::JS_IsException(raw) {
        return raw;
    }
    let raw = if qjs::JS_IsUndefined(raw) || qjs::JS_IsNull(raw) {
        raw
    } else {
        // A primitive's conversion runs no code (a long string becomes a long String object).
        let object = qjs::JS_ToObject(ctx, raw);
        qjs::JS_FreeValue(ctx, raw);
        if qjs::JS_IsException(object) {
            return object;
        }
        let walked = walkable(ctx, object, false);
        qjs::JS_FreeValue(ctx, object);
        walked
    };
    if qjs::JS_IsException(raw) {
        return raw;
    }
    let out = qjs::JS_NewObjectProto(ctx, qjs::JS_NULL);
    if qjs::JS_IsException(out) {
        qjs::JS_FreeValue(ctx, raw);
        return out;
    }
    // The define takes `raw`, on failure too.
    let flags = qjs::JS_PROP_C_W_E as c_int;
    if qjs::JS_DefinePropertyValueStr(ctx, out, c"raw".as_ptr(), raw, flags) < 0 {
        qjs::JS_FreeValue(ctx, out);
        return qjs::JS_EXCEPTION;
    }
    out
}

/// The length of `value` if it is a primitive string (the engine answers a string's `length`
/// itself: no code runs).
pub(crate) unsafe fn string_length(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Option<i64> {
    if qjs::JS_VALUE_GET_TAG(value) != qjs::JS_TAG_STRING {
        return None;
    }
    let length = qjs::JS_GetProperty(ctx, value, length_atom(ctx));
    match qjs::JS_VALUE_GET_TAG(length) {
        qjs::JS_TAG_INT => Some(qjs::JS_VALUE_GET_INT(length) as i64),
        _ => {
            qjs::JS_FreeValue(ctx, length);
            None
        }
    }
}

unsafe extern "C" fn empty_string(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_NewStringLen(ctx, c"".as_ptr(), 0)
}

/// `flatMap`'s callback as the engine calls it: the caller's callback, given the caller's
/// receiver (not the proxy), whose array answers are walked behind a forwarding proxy.
unsafe extern "C" fn mapper(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let (callback, receiver) = (*data, *data.add(1));
    let arg = |i: c_int| {
        if i < argc {
            *argv.add(i as usize)
        } else {
            qjs::JS_UNDEFINED
        }
    };
    let mut args = [arg(0), arg(1), receiver];
    let answer = qjs::JS_Call(ctx, callback, this, 3, args.as_mut_ptr());
    if qjs::JS_IsException(answer) {
        return answer;
    }
    let walked = walkable(ctx, answer, true);
    qjs::JS_FreeValue(ctx, answer);
    walked
}

/// The trap's property key as an atom (0 on an exception).
unsafe fn key_atom(ctx: *mut qjs::JSContext, argc: c_int, argv: *mut qjs::JSValue) -> qjs::JSAtom {
    let key = if argc > 1 {
        *argv.add(1)
    } else {
        qjs::JS_UNDEFINED
    };
    qjs::JS_ValueToAtom(ctx, key)
}

unsafe fn target(argc: c_int, argv: *mut qjs::JSValue) -> qjs::JSValue {
    if argc > 0 {
        *argv
    } else {
        qjs::JS_UNDEFINED
    }
}

/// A trap's work: `op` on the target with the key's atom (freed after).
unsafe fn with_key<T>(
    ctx: *mut qjs::JSContext,
    argc: c_int,
    argv: *mut qjs::JSValue,
    failed: T,
    op: impl FnOnce(qjs::JSValue, qjs::JSAtom) -> T,
) -> T {
    let atom = key_atom(ctx, argc, argv);
    if atom == qjs::JS_ATOM_NULL {
        return failed;
    }
    let r = op(target(argc, argv), atom);
    qjs::JS_FreeAtom(ctx, atom);
    r
}

/// An engine answer (-1 exception, 0 false, 1 true) as a trap's result.
fn answer(r: c_int) -> qjs::JSValue {
    match r {
        r if r < 0 => qjs::JS_EXCEPTION,
        0 => qjs::JS_FALSE,
        _ => qjs::JS_TRUE,
    }
}

unsafe extern "C" fn trap_get(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    with_key(ctx, argc, argv, qjs::JS_EXCEPTION, |t, atom| {
        qjs::JS_GetProperty(ctx, t, atom)
    })
}

/// `get` of a `flat` level: an array the engine will walk (it flattens it further, or it is long)
/// is handed out behind a proxy of the next level.
unsafe extern "C" fn trap_get_nested(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let value = trap_get(ctx, this, argc, argv);
    let mut depth = 0.0;
    qjs::JS_ToFloat64(ctx, &mut depth, *data);
    if depth < 1.0 || !qjs::JS_IsObject(value) || !qjs::JS_IsArray(value) {
        return value;
    }
    // Walked with depth - 1: its own arrays are walked again only while that is at least one.
    if depth < 2.0 && !may_walk_long(ctx, value) {
        return value;
    }
    let handler = forwarding_handler(ctx, Some(depth - 1.0));
    if qjs::JS_IsException(handler) {
        qjs::JS_FreeValue(ctx, value);
        return handler;
    }
    let proxy = qjs::JS_NewProxy(ctx, value, handler);
    qjs::JS_FreeValue(ctx, handler);
    qjs::JS_FreeValue(ctx, value);
    proxy
}

unsafe extern "C" fn trap_set(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let value = if argc > 2 {
        *argv.add(2)
    } else {
        qjs::JS_UNDEFINED
    };
    // Throws as the engine's method would have on the receiver itself (a read-only index).
    answer(with_key(ctx, argc, argv, -1, |t, atom| {
        qjs::JS_SetProperty(ctx, t, atom, qjs::JS_DupValue(ctx, value))
    }))
}

unsafe extern "C" fn trap_has(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    answer(with_key(ctx, argc, argv, -1, |t, atom| {
        qjs::JS_HasProperty(ctx, t, atom)
    }))
}

unsafe extern "C" fn trap_delete(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    answer(with_key(ctx, argc, argv, -1, |t, atom| {
        qjs::JS_DeleteProperty(ctx, t, atom, qjs::JS_PROP_THROW as c_int)
    }))
}
