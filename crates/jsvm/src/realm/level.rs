//! Which of the engine's builtins a realm keeps: all of them (the default), or only those of a
//! named runtime's language (Node 20's V8 11.3), the newer ones taken out as each group of
//! intrinsics is added, before anything can read them.
//!
//! Code feature-tests (`typeof Promise.withResolvers`, `'union' in Set.prototype`) and lists
//! builtins; under Node's surface a program must see what it sees under node. Taking them out
//! as their group is made costs a context nothing for the groups made on first use (Map/Set,
//! typed arrays, Promise...); the base objects' (`Object.groupBy`, the iterator helpers) are
//! deleted at creation, `Math`'s and `JSON`'s taken out of their lists while still unmade
//! (natives/autoinit.rs), so neither is made for it.

use std::ffi::CStr;

use rquickjs::qjs;

use crate::natives::{self, Hint};

/// The language a runtime's realms (its main one and every context's) offer: which of the
/// engine's builtins they keep.
///
/// [`LanguageLevel::Full`], the default, is the engine's whole ECMAScript (QuickJS-ng's, with
/// the stage-4 additions newer than any Node release: `Iterator` and its helpers, the `Set`
/// methods, `Promise.withResolvers`, `Float16Array`...). [`LanguageLevel::Node20`] is Node
/// 20's V8 11.3: what it lacks is not there (a program feature-testing `Object.groupBy` takes
/// its fallback, as under node). Set with [`RuntimeBuilder::language_level`]; see
/// docs/design.md, "The language level".
///
/// [`RuntimeBuilder::language_level`]: crate::RuntimeBuilder::language_level
///
/// ```
/// use jsvm::{LanguageLevel, Runtime};
/// let full = Runtime::new().unwrap();
/// assert_eq!(full.main_context().eval::<String>("typeof Object.groupBy").unwrap(), "function");
/// let node20 = Runtime::builder().language_level(LanguageLevel::Node20).build().unwrap();
/// let ctx = node20.new_context(&serde_json::json!({}), Default::default()).unwrap();
/// assert_eq!(ctx.eval::<String>("typeof Object.groupBy").unwrap(), "undefined");
/// assert_eq!(ctx.eval::<String>("typeof Set.prototype.union").unwrap(), "undefined");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LanguageLevel {
    /// Every builtin of the engine.
    #[default]
    Full,
    /// The builtins of Node 20 (V8 11.3): none newer.
    Node20,
}

/// The globals newer than Node 20's (each with the group that adds it: base objects, Promise,
/// typed arrays).
pub(crate) const NEWER_GLOBALS: [&CStr; 5] = [
    c"SuppressedError",
    c"Iterator",
    c"DisposableStack",
    c"AsyncDisposableStack",
    c"Float16Array",
];

/// What of a group a Node 20 realm goes without, taken out right after the group is added
/// (`builtins`: the object the engine defined its names on).
pub(crate) type Trim = unsafe fn(c: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool;

/// `Math`, `JSON` and `Atomics`, found among the builtins.
static MATH: Hint = Hint::new();
static JSON: Hint = Hint::new();
static ATOMICS: Hint = Hint::new();
static ATOMICS_NEWER: [&CStr; 1] = [c"pause"];
static MATH_NEWER: [&CStr; 2] = [c"f16round", c"sumPrecise"];
static JSON_NEWER: [&CStr; 2] = [c"rawJSON", c"isRawJSON"];

/// The base objects: `Object.groupBy`, `Error.isError`, the iterator helpers on
/// `%IteratorPrototype%` (with its `constructor`, `@@toStringTag` and `@@dispose`: the realm
/// gets a plain one instead), `Math.f16round`/`sumPrecise`, and QuickJS's
/// `Function.prototype.fileName`/`lineNumber`/`columnNumber` (V8 has none).
pub(crate) unsafe fn trim_base(c: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    let function_proto = qjs::JS_GetFunctionProto(c);
    let ok = on_member(c, builtins, c"Object", None, &[c"groupBy"])
        && on_member(c, builtins, c"Error", None, &[c"isError"])
        && delete(
            c,
            function_proto,
            &[c"fileName", c"lineNumber", c"columnNumber"],
        )
        && plain_iterator_prototype(c, builtins)
        && unmade_or_made(c, builtins, c"Math", &MATH, &MATH_NEWER);
    qjs::JS_FreeValue(c, function_proto);
    ok
}

/// `JS_CLASS_ITERATOR` of the pinned engine, and the classes whose prototypes are made from it
/// that code reaches without the newer builtins: Map, Set, array, string and RegExp string
/// iterators, generators (in a context's realm, the Map/Set and RegExp ones are made later,
/// from the new prototype; the main realm has them already). The iterator helpers' and
/// `Iterator.from`'s are reached only through what the level takes out.
const ITERATOR_CLASS: qjs::JSClassID = 40;
const FROM_ITERATOR: [qjs::JSClassID; 6] = [44, 45, 46, 47, 48, 49];

/// Where `%IteratorPrototype%`'s `@@iterator` was found last.
static ITERATOR: Hint = Hint::new();

/// Gives the realm a `%IteratorPrototype%` with only `@@iterator`, as V8 11.3's: deleting its
/// 18 other properties one by one cost a context 10 K instructions; a fresh object given the
/// engine's own entry for `@@iterator` (still unmade: natives/autoinit.rs) and six prototype
/// links cost a few hundred. Where the entry is not found (made already, or the layout did
/// not check out), the properties are deleted.
unsafe fn plain_iterator_prototype(c: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    let old = qjs::JS_GetClassProto(c, ITERATOR_CLASS);
    if !qjs::JS_IsObject(old) {
        qjs::JS_FreeValue(c, old);
        return true;
    }
    let Some(entry) = natives::unmade_entry(c, old, c"[Symbol.iterator]", &ITERATOR) else {
        let ok = delete(c, old, &ITERATOR_NEWER)
            && delete_symbols(c, builtins, old, &[c"dispose", c"toStringTag"]);
        qjs::JS_FreeValue(c, old);
        return ok;
    };
    qjs::JS_FreeValue(c, old);
    let fresh = qjs::JS_NewObject(c);
    let ok = !qjs::JS_IsException(fresh)
        && qjs::JS_SetPropertyFunctionList(c, fresh, entry, 1) >= 0
        && FROM_ITERATOR.iter().all(|&class| {
            let proto = qjs::JS_GetClassProto(c, class);
            let ok = !qjs::JS_IsObject(proto) || qjs::JS_SetPrototype(c, proto, fresh) >= 0;
            qjs::JS_FreeValue(c, proto);
            ok
        });
    if !ok {
        qjs::JS_FreeValue(c, fresh);
        return false;
    }
    // The class's prototype now: what the Map/Set and RegExp groups make their iterators'
    // prototypes from.
    qjs::JS_SetClassProto(c, ITERATOR_CLASS, fresh);
    true
}

/// `%IteratorPrototype%`'s string-keyed properties newer than V8 11.3 (all but `@@iterator`
/// with the two symbol-keyed ones).
const ITERATOR_NEWER: [&CStr; 16] = [
    c"constructor",
    c"chunks",
    c"drop",
    c"filter",
    c"flatMap",
    c"map",
    c"take",
    c"windows",
    c"every",
    c"find",
    c"forEach",
    c"some",
    c"includes",
    c"join",
    c"reduce",
    c"toArray",
];

/// `JSON.rawJSON`/`isRawJSON`.
pub(crate) unsafe fn trim_json(c: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    unmade_or_made(c, builtins, c"JSON", &JSON, &JSON_NEWER)
}

/// `RegExp.escape`.
pub(crate) unsafe fn trim_regexp(c: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    on_member(c, builtins, c"RegExp", None, &[c"escape"])
}

/// `Map.groupBy`, `getOrInsert`/`getOrInsertComputed` of Map and WeakMap, the Set methods.
pub(crate) unsafe fn trim_map_set(c: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    const GET_OR_INSERT: &[&CStr] = &[c"getOrInsert", c"getOrInsertComputed"];
    on_member(c, builtins, c"Map", None, &[c"groupBy"])
        && on_member(c, builtins, c"Map", Some(c"prototype"), GET_OR_INSERT)
        && on_member(c, builtins, c"WeakMap", Some(c"prototype"), GET_OR_INSERT)
        && on_member(
            c,
            builtins,
            c"Set",
            Some(c"prototype"),
            &[
                c"union",
                c"intersection",
                c"difference",
                c"symmetricDifference",
                c"isSubsetOf",
                c"isSupersetOf",
                c"isDisjointFrom",
            ],
        )
}

/// `ArrayBuffer.prototype.transfer` and the rest of the resizable/immutable buffer additions
/// V8 11.3 lacks, `DataView`'s float16 accessors, `Uint8Array`'s base64/hex, `Atomics.pause`.
pub(crate) unsafe fn trim_typed_arrays(c: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    on_member(
        c,
        builtins,
        c"ArrayBuffer",
        Some(c"prototype"),
        &[
            c"detached",
            c"transfer",
            c"transferToFixedLength",
            c"immutable",
            c"sliceToImmutable",
            c"transferToImmutable",
        ],
    ) && on_member(
        c,
        builtins,
        c"DataView",
        Some(c"prototype"),
        &[c"getFloat16", c"setFloat16"],
    ) && on_member(
        c,
        builtins,
        c"Uint8Array",
        None,
        &[c"fromBase64", c"fromHex"],
    ) && on_member(
        c,
        builtins,
        c"Uint8Array",
        Some(c"prototype"),
        &[c"toBase64", c"toHex", c"setFromBase64", c"setFromHex"],
    ) && unmade_or_made(c, builtins, c"Atomics", &ATOMICS, &ATOMICS_NEWER)
}

/// `Promise.try`/`withResolvers`, and `@@asyncDispose` of `%AsyncIteratorPrototype%`.
pub(crate) unsafe fn trim_promise(c: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    // `JS_CLASS_ASYNC_GENERATOR` of the pinned engine: its prototype's prototype is
    // `%AsyncIteratorPrototype%`.
    let generator = qjs::JS_GetClassProto(c, 60);
    let proto = if qjs::JS_IsObject(generator) {
        qjs::JS_GetPrototype(c, generator)
    } else {
        qjs::JS_UNDEFINED
    };
    qjs::JS_FreeValue(c, generator);
    let ok = on_member(c, builtins, c"Promise", None, &[c"try", c"withResolvers"])
        && delete_symbols(c, builtins, proto, &[c"asyncDispose"]);
    qjs::JS_FreeValue(c, proto);
    ok
}

/// Deletes `names` from `builtins[ctor]` (or its `member`).
unsafe fn on_member(
    c: *mut qjs::JSContext,
    builtins: qjs::JSValue,
    ctor: &CStr,
    member: Option<&CStr>,
    names: &[&CStr],
) -> bool {
    let mut target = qjs::JS_GetPropertyStr(c, builtins, ctor.as_ptr());
    if let Some(member) = member {
        if qjs::JS_IsObject(target) {
            let m = qjs::JS_GetPropertyStr(c, target, member.as_ptr());
            qjs::JS_FreeValue(c, target);
            target = m;
        }
    }
    let ok = !qjs::JS_IsException(target) && delete(c, target, names);
    qjs::JS_FreeValue(c, target);
    ok
}

/// Takes `names` out of the list of the unmade object `builtins[object]`, or deletes them from
/// it once made.
unsafe fn unmade_or_made(
    c: *mut qjs::JSContext,
    builtins: qjs::JSValue,
    object: &CStr,
    hint: &Hint,
    names: &'static [&'static CStr],
) -> bool {
    natives::remove_members(c, builtins, object, hint, names)
        || on_member(c, builtins, object, None, names)
}

/// Deletes the own properties `names` of `obj` (nothing when it is no object). False on an
/// exception.
unsafe fn delete(c: *mut qjs::JSContext, obj: qjs::JSValue, names: &[&CStr]) -> bool {
    if !qjs::JS_IsObject(obj) {
        return true;
    }
    names.iter().all(|name| {
        let atom = qjs::JS_NewAtom(c, name.as_ptr());
        if atom == qjs::JS_ATOM_NULL {
            return false;
        }
        let r = qjs::JS_DeleteProperty(c, obj, atom, 0);
        qjs::JS_FreeAtom(c, atom);
        r >= 0
    })
}

/// Deletes from `obj` the properties keyed by the well-known symbols `Symbol[names]`.
unsafe fn delete_symbols(
    c: *mut qjs::JSContext,
    builtins: qjs::JSValue,
    obj: qjs::JSValue,
    names: &[&CStr],
) -> bool {
    if !qjs::JS_IsObject(obj) {
        return true;
    }
    let symbol = qjs::JS_GetPropertyStr(c, builtins, c"Symbol".as_ptr());
    let ok = qjs::JS_IsObject(symbol)
        && names.iter().all(|name| {
            let key = qjs::JS_GetPropertyStr(c, symbol, name.as_ptr());
            if !qjs::JS_IsSymbol(key) {
                let failed = qjs::JS_IsException(key);
                qjs::JS_FreeValue(c, key);
                return !failed;
            }
            let atom = qjs::JS_ValueToAtom(c, key);
            qjs::JS_FreeValue(c, key);
            if atom == qjs::JS_ATOM_NULL {
                return false;
            }
            let r = qjs::JS_DeleteProperty(c, obj, atom, 0);
            qjs::JS_FreeAtom(c, atom);
            r >= 0
        });
    qjs::JS_FreeValue(c, symbol);
    ok
}
