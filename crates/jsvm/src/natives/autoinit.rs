//! The engine's auto-init properties, found and retargeted in place.
//!
//! The engine defines the methods of its function lists (`Array.prototype.join`, `JSON`, ...)
//! as auto-init properties: a slot naming the list entry to make the value from on first read.
//! Putting a wrapper's entry in place of a method took deleting the property and defining a new
//! one (a shape change each, the name hashed twice, the wrapper moved to the end of the
//! object's keys): for a realm's 20 wrapped methods about a tenth of a context's creation.
//! Here the slot itself is given the wrapper's entry: the property keeps its place, flags and
//! realm, and the engine makes the wrapper where it would have made its method.
//!
//! This needs the engine's layout of `struct JSObject`, `struct JSShape` and `JSProperty`, which
//! the API does not expose: [`layout_holds`] checks it, once, on an object given entries of
//! known addresses; where it does not hold, nothing is found and callers keep their ways.

use std::ffi::{c_int, CStr};
use std::ptr;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::OnceLock;

use rquickjs::qjs;

// QuickJS-ng of rquickjs-sys 0.14.0 (pinned), 64-bit: `JSObject.shape` and `.prop`; in
// `JSShape`, `prop_hash_mask`, `prop_count` and the hash table, after which come the
// `JSShapeProperty` entries (a word of `hash_next:26, flags:6`, then the atom); a `JSProperty`
// of an auto-init slot is `realm_and_id` (the realm, the init kind in its low 2 bits) and the
// entry.
const OBJECT_SHAPE: usize = 24;
const OBJECT_PROP: usize = 32;
const SHAPE_HASH_MASK: usize = 24;
const SHAPE_PROP_COUNT: usize = 32;
const SHAPE_HASH_TABLE: usize = 56;
const SHAPE_PROP_SIZE: usize = 8;
const FLAGS_SHIFT: u32 = 26;
const PROP_SIZE: usize = 16;
/// `JS_AUTOINIT_ID_PROP`: the slot's value is made from a function list entry.
const ID_PROP: usize = 2;
const AUTOINIT: u32 = qjs::JS_PROP_AUTOINIT;
const TMASK: u32 = qjs::JS_PROP_TMASK;

/// Where a method's slot was found last (in an earlier realm, whose objects are built alike),
/// and the engine's entry there: checked against the object before use, then no search.
pub(crate) struct Hint {
    index: AtomicU32,
    engine: AtomicUsize,
}

impl Hint {
    pub(crate) const fn new() -> Hint {
        Hint {
            index: AtomicU32::new(0),
            engine: AtomicUsize::new(0),
        }
    }
}

/// An auto-init property still unmade, made from the engine's entry `entry`. Valid until the
/// object's properties change.
pub(crate) struct Unmade {
    prop: *mut usize,
    pub(crate) entry: *const qjs::JSCFunctionListEntry,
}

impl Unmade {
    /// Makes the property from `ours` instead, when it is first read (`ours` must make a value
    /// for the same name: the slot keeps the name and the property's flags).
    pub(crate) unsafe fn retarget(&self, ours: &'static qjs::JSCFunctionListEntry) {
        self.prop.add(1).write(ours as *const _ as usize);
    }

    /// A new function of the realm `ctx` made from the engine's entry, as reading the property
    /// would make it (the property itself stays unmade); an exception when the entry is no
    /// function's.
    pub(crate) unsafe fn original(&self, ctx: *mut qjs::JSContext) -> qjs::JSValue {
        let e = &*self.entry;
        if e.def_type != qjs::JS_DEF_CFUNC as u8 {
            return qjs::JS_ThrowInternalError(ctx, c"not a method".as_ptr());
        }
        qjs::JS_NewCFunction2(
            ctx,
            e.u.func.cfunc.generic,
            e.name,
            e.u.func.length as c_int,
            e.u.func.cproto as qjs::JSCFunctionEnum,
            e.magic as c_int,
        )
    }
}

/// The own property `name` of `obj` (a realm `ctx`'s object, borrowed) when it is an auto-init
/// property of the engine's function lists not yet made: `None` when made, absent, changed, or
/// when the layout did not check out.
pub(crate) unsafe fn unmade(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    name: &CStr,
    hint: &Hint,
) -> Option<Unmade> {
    if !qjs::JS_IsObject(obj) || !layout_holds(ctx) {
        return None;
    }
    let p = qjs::JS_VALUE_GET_PTR(obj) as *const u8;
    let shape = ptr::read(p.add(OBJECT_SHAPE) as *const *const u8);
    let props = ptr::read(p.add(OBJECT_PROP) as *const *mut usize);
    let mask = ptr::read(shape.add(SHAPE_HASH_MASK) as *const u32) as usize;
    let count = ptr::read(shape.add(SHAPE_PROP_COUNT) as *const i32).max(0) as usize;
    let shape_props = shape.add(SHAPE_HASH_TABLE + 4 * (mask + 1));
    // The slot `i` as an unmade property of this realm's: its entry.
    let slot = |i: usize| -> Option<Unmade> {
        let word = ptr::read(shape_props.add(i * SHAPE_PROP_SIZE) as *const u32);
        let atom = ptr::read(shape_props.add(i * SHAPE_PROP_SIZE + 4) as *const u32);
        let prop = props.add(i * PROP_SIZE / std::mem::size_of::<usize>());
        let realm_and_id = prop.read();
        let unmade = atom != qjs::JS_ATOM_NULL
            && (word >> FLAGS_SHIFT) & TMASK == AUTOINIT
            && realm_and_id & 3 == ID_PROP
            && realm_and_id & !3 == ctx as usize;
        unmade.then(|| Unmade {
            prop,
            entry: prop.add(1).read() as *const qjs::JSCFunctionListEntry,
        })
    };
    let at = hint.index.load(Ordering::Relaxed) as usize;
    let engine = hint.engine.load(Ordering::Relaxed);
    if at < count {
        if let Some(u) = slot(at).filter(|u| u.entry as usize == engine) {
            return Some(u);
        }
    }
    let found = (0..count).find_map(|i| {
        slot(i)
            .filter(|u| CStr::from_ptr((*u.entry).name) == name)
            .map(|u| (i, u))
    });
    let (i, u) = found?;
    hint.index.store(i as u32, Ordering::Relaxed);
    hint.engine.store(u.entry as usize, Ordering::Relaxed);
    Some(u)
}

/// The engine's list entry the own property `name` of `obj` would be made from, while still
/// unmade (see [`unmade`]): the entry lives as long as the process (the engine's lists are
/// static), so another object may be given the same property, unmade, with
/// `JS_SetPropertyFunctionList`.
///
/// # Safety
/// As [`unmade`].
pub(crate) unsafe fn unmade_entry(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    name: &CStr,
    hint: &Hint,
) -> Option<*const qjs::JSCFunctionListEntry> {
    unmade(ctx, obj, name, hint).map(|u| u.entry)
}

/// How many property slots `obj` (an object of realm `ctx`) has (deleted ones included): a
/// bound on what listing its keys costs, read without listing them. `None` when the layout did
/// not check out.
pub(crate) unsafe fn slot_count(ctx: *mut qjs::JSContext, obj: qjs::JSValue) -> Option<usize> {
    if !qjs::JS_IsObject(obj) || !layout_holds(ctx) {
        return None;
    }
    let p = qjs::JS_VALUE_GET_PTR(obj) as *const u8;
    let shape = ptr::read(p.add(OBJECT_SHAPE) as *const *const u8);
    Some(ptr::read(shape.add(SHAPE_PROP_COUNT) as *const i32).max(0) as usize)
}

unsafe extern "C" fn probe(
    _ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_UNDEFINED
}

struct Probe([qjs::JSCFunctionListEntry; 3]);

// Pointers to static names and a function only.
unsafe impl Sync for Probe {}

static PROBE: Probe = Probe([
    probe_entry(c"length", 1),
    probe_entry(c"name", 2),
    probe_entry(c"name", 3),
]);

const fn probe_entry(name: &'static CStr, length: u8) -> qjs::JSCFunctionListEntry {
    qjs::JSCFunctionListEntry {
        name: name.as_ptr(),
        prop_flags: (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as u8,
        def_type: qjs::JS_DEF_CFUNC as u8,
        magic: 0,
        u: qjs::JSCFunctionListEntry__bindgen_ty_1 {
            func: qjs::JSCFunctionListEntry__bindgen_ty_1__bindgen_ty_1 {
                length,
                cproto: qjs::JSCFunctionEnum_JS_CFUNC_generic as u8,
                cfunc: qjs::JSCFunctionType {
                    generic: Some(probe),
                },
            },
        },
    }
}

/// Whether auto-init properties are where [`unmade`] looks, checked once per process: an
/// object given two entries must show them, in order, as unmade slots of this realm; one
/// retargeted must be made from the entry it was given.
unsafe fn layout_holds(ctx: *mut qjs::JSContext) -> bool {
    static HOLDS: OnceLock<bool> = OnceLock::new();
    *HOLDS.get_or_init(|| {
        if std::mem::size_of::<usize>() != 8 || std::mem::size_of::<qjs::JSValue>() != 16 {
            return false;
        }
        let obj = qjs::JS_NewObjectProto(ctx, qjs::JS_NULL);
        if !qjs::JS_IsObject(obj) {
            qjs::JS_FreeValue(ctx, obj);
            return false;
        }
        let holds = qjs::JS_SetPropertyFunctionList(ctx, obj, PROBE.0.as_ptr(), 2) >= 0 && {
            let p = qjs::JS_VALUE_GET_PTR(obj) as *const u8;
            let shape = ptr::read(p.add(OBJECT_SHAPE) as *const *const u8);
            let props = ptr::read(p.add(OBJECT_PROP) as *const *mut usize);
            let mask = ptr::read(shape.add(SHAPE_HASH_MASK) as *const u32) as usize;
            let count = ptr::read(shape.add(SHAPE_PROP_COUNT) as *const i32);
            let shape_props = shape.add(SHAPE_HASH_TABLE + 4 * (mask + 1));
            let atoms = [c"length", c"name"].map(|n| qjs::JS_NewAtom(ctx, n.as_ptr()));
            let slots_hold = count == 2
                && (0..2).all(|i| {
                    let word = ptr::read(shape_props.add(i * SHAPE_PROP_SIZE) as *const u32);
                    let atom = ptr::read(shape_props.add(i * SHAPE_PROP_SIZE + 4) as *const u32);
                    let prop = props.add(i * 2);
                    atom == atoms[i]
                        && (word >> FLAGS_SHIFT) & TMASK == AUTOINIT
                        && prop.read() == ctx as usize | ID_PROP
                        && prop.add(1).read() == &PROBE.0[i] as *const _ as usize
                });
            for a in atoms {
                qjs::JS_FreeAtom(ctx, a);
            }
            // Retargeted: the value is made from the other entry (its `length`).
            slots_hold && {
                props.add(3).write(&PROBE.0[2] as *const _ as usize);
                let f = qjs::JS_GetPropertyStr(ctx, obj, c"name".as_ptr());
                let length = qjs::JS_GetPropertyStr(ctx, f, c"length".as_ptr());
                let made = qjs::JS_IsFunction(ctx, f)
                    && qjs::JS_VALUE_GET_TAG(length) == qjs::JS_TAG_INT
                    && qjs::JS_VALUE_GET_INT(length) == 3;
                qjs::JS_FreeValue(ctx, length);
                qjs::JS_FreeValue(ctx, f);
                made
            }
        };
        qjs::JS_FreeValue(ctx, obj);
        if !holds {
            // An exception (out of memory) while probing is not the realm's.
            let e = qjs::JS_GetException(ctx);
            qjs::JS_FreeValue(ctx, e);
        }
        holds
    })
}

/// The lists made for [`retarget_member`] and [`remove_members`]: the entry of an object
/// (`from`) with a method given a wrapper's entry (`ours`), or without a set of members (`ours`
/// their list's address), is `to`; `root` is the engine's own entry it came from.
struct Derived {
    from: usize,
    ours: usize,
    to: usize,
    root: usize,
}

static DERIVED: std::sync::Mutex<Vec<Derived>> = std::sync::Mutex::new(Vec::new());

/// Gives the method `name` of the object `object` of `on` (an object the engine makes from
/// its function list on first read, as `JSON`, still unmade) the wrapper's entry `ours`: the
/// object's slot is given a copy of its list with `ours` in the method's place (made once per
/// process for each list and wrapper, and kept). False when the object is made already, or
/// the list has no such method: the caller then reads the object and replaces the method.
///
/// # Safety
/// As [`unmade`]; `ours` makes a function named `name`.
pub(crate) unsafe fn retarget_member(
    ctx: *mut qjs::JSContext,
    on: qjs::JSValue,
    object: &CStr,
    hint: &Hint,
    name: &CStr,
    ours: &'static qjs::JSCFunctionListEntry,
) -> bool {
    let key = ours as *const _ as usize;
    derive_list(ctx, on, object, hint, key, |entries| {
        let method = entries
            .iter_mut()
            .find(|m| m.def_type == qjs::JS_DEF_CFUNC as u8 && CStr::from_ptr(m.name) == name)?;
        *method = *ours;
        Some(())
    })
}

/// Takes the members `names` out of the object `object` of `on` (an object the engine makes
/// from its function list on first read, as `Math`, still unmade): the object's slot is given
/// a copy of its list without them (made once per process for each list and set of names, and
/// kept), so nothing is made or deleted. False when the object is made already: the caller
/// then deletes the members from the made object.
///
/// # Safety
/// As [`unmade`].
pub(crate) unsafe fn remove_members(
    ctx: *mut qjs::JSContext,
    on: qjs::JSValue,
    object: &CStr,
    hint: &Hint,
    names: &'static [&'static CStr],
) -> bool {
    // The set of names is the derivation's key, as a wrapper's entry is for `retarget_member`.
    let key = names.as_ptr() as usize;
    derive_list(ctx, on, object, hint, key, |entries| {
        entries.retain(|m| !names.contains(&CStr::from_ptr(m.name)));
        Some(())
    })
}

/// Gives the unmade object `object` of `on` a copy of its function list changed by `edit`
/// (`None`: the list does not fit, nothing changes), made once per process for each list and
/// `key`, and kept. False when the object is made already or the list does not fit.
unsafe fn derive_list(
    ctx: *mut qjs::JSContext,
    on: qjs::JSValue,
    object: &CStr,
    hint: &Hint,
    key: usize,
    edit: impl FnOnce(&mut Vec<qjs::JSCFunctionListEntry>) -> Option<()>,
) -> bool {
    let Some(slot) = unmade(ctx, on, object, hint) else {
        return false;
    };
    let from = slot.entry as usize;
    let Ok(mut derived) = DERIVED.lock() else {
        return false;
    };
    if let Some(d) = derived.iter().find(|d| d.from == from && d.ours == key) {
        slot.prop.add(1).write(d.to);
        return true;
    }
    let e = &*slot.entry;
    if e.def_type != qjs::JS_DEF_OBJECT as u8 {
        return false;
    }
    let list = e.u.prop_list;
    let mut entries = std::slice::from_raw_parts(list.tab, list.len.max(0) as usize).to_vec();
    if edit(&mut entries).is_none() {
        return false;
    }
    let len = entries.len() as c_int;
    let entries: &'static [qjs::JSCFunctionListEntry] = Box::leak(entries.into_boxed_slice());
    let mut made = *e;
    made.u.prop_list.tab = entries.as_ptr();
    made.u.prop_list.len = len;
    let made: &'static qjs::JSCFunctionListEntry = Box::leak(Box::new(made));
    let root = derived
        .iter()
        .find(|d| d.to == from)
        .map_or(from, |d| d.root);
    derived.push(Derived {
        from,
        ours: key,
        to: made as *const _ as usize,
        root,
    });
    slot.prop.add(1).write(made as *const _ as usize);
    true
}

/// The engine's method `name` of the object `object` of `on`, still unmade (see
/// [`retarget_member`]), as a new function of the realm `ctx`: made from the engine's own list
/// (whatever wrappers the object's slot was given since). `None` when the object is made.
///
/// # Safety
/// As [`unmade`].
pub(crate) unsafe fn original_member(
    ctx: *mut qjs::JSContext,
    on: qjs::JSValue,
    object: &CStr,
    hint: &Hint,
    name: &CStr,
) -> Option<qjs::JSValue> {
    let slot = unmade(ctx, on, object, hint)?;
    let root = {
        let derived = DERIVED.lock().ok()?;
        let at = slot.entry as usize;
        derived.iter().find(|d| d.to == at).map_or(at, |d| d.root)
    };
    let e = &*(root as *const qjs::JSCFunctionListEntry);
    if e.def_type != qjs::JS_DEF_OBJECT as u8 {
        return None;
    }
    let list = e.u.prop_list;
    let entries = std::slice::from_raw_parts(list.tab, list.len.max(0) as usize);
    let method = entries
        .iter()
        .find(|m| m.def_type == qjs::JS_DEF_CFUNC as u8 && CStr::from_ptr(m.name) == name)?;
    Some(qjs::JS_NewCFunction2(
        ctx,
        method.u.func.cfunc.generic,
        method.name,
        method.u.func.length as c_int,
        method.u.func.cproto as qjs::JSCFunctionEnum,
        method.magic as c_int,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    static TEST_JOIN: Probe = Probe([
        probe_entry(c"join", 7),
        probe_entry(c"parse", 5),
        probe_entry(c"stringify", 6),
    ]);

    /// A plain engine realm (none of the library's installs) and `f` run in it.
    fn with_realm(f: impl FnOnce(&rquickjs::Ctx<'_>)) {
        let rt = rquickjs::Runtime::new().unwrap();
        let context = rquickjs::Context::full(&rt).unwrap();
        context.with(|ctx| f(&ctx));
    }

    fn eval(ctx: &rquickjs::Ctx<'_>, code: &str) -> String {
        ctx.eval::<String, _>(code).unwrap()
    }

    #[test]
    fn an_unmade_method_is_given_another_entry_in_place() {
        static HINT: Hint = Hint::new();
        with_realm(|ctx| unsafe {
            let c = ctx.as_raw().as_ptr();
            // Not through `join`, which would make it.
            let keys = "JSON.stringify(Object.getOwnPropertyNames(Array.prototype))";
            let before = eval(ctx, keys);
            let proto = qjs::JS_GetClassProto(c, 2);
            let slot = unmade(c, proto, c"join", &HINT).expect("join is unmade");
            assert_eq!(CStr::from_ptr((*slot.entry).name), c"join");
            slot.retarget(&TEST_JOIN.0[0]);
            // Found again from the hint, at the same place.
            let at = HINT.index.load(Ordering::Relaxed) as usize;
            assert!(unmade(c, proto, c"join", &HINT).is_some());
            assert_eq!(HINT.index.load(Ordering::Relaxed) as usize, at);
            assert_eq!(eval(ctx, "String(Array.prototype.join.length)"), "7");
            assert_eq!(eval(ctx, keys), before, "the property keeps its place");
            // Made now: no longer found.
            assert!(unmade(c, proto, c"join", &HINT).is_none());
            qjs::JS_FreeValue(c, proto);
        });
    }

    #[test]
    fn a_method_of_an_unmade_object_is_given_another_entry() {
        static JSON: Hint = Hint::new();
        with_realm(|ctx| unsafe {
            let c = ctx.as_raw().as_ptr();
            let global = qjs::JS_GetGlobalObject(c);
            let parse = original_member(c, global, c"JSON", &JSON, c"parse").unwrap();
            let length = qjs::JS_GetPropertyStr(c, parse, c"length".as_ptr());
            assert_eq!(qjs::JS_VALUE_GET_INT(length), 2, "the engine's parse");
            qjs::JS_FreeValue(c, parse);
            assert!(retarget_member(
                c,
                global,
                c"JSON",
                &JSON,
                c"parse",
                &TEST_JOIN.0[1]
            ));
            assert!(retarget_member(
                c,
                global,
                c"JSON",
                &JSON,
                c"stringify",
                &TEST_JOIN.0[2]
            ));
            // The engine's method is still what the original is made from.
            let parse = original_member(c, global, c"JSON", &JSON, c"parse").unwrap();
            let length = qjs::JS_GetPropertyStr(c, parse, c"length".as_ptr());
            assert_eq!(qjs::JS_VALUE_GET_INT(length), 2);
            qjs::JS_FreeValue(c, parse);
            assert_eq!(
                eval(
                    ctx,
                    "[JSON.parse.length, JSON.stringify.length, JSON.isRawJSON.length, \
                     Reflect.ownKeys(JSON).map(String)].join()"
                ),
                "5,6,1,isRawJSON,parse,rawJSON,stringify,Symbol(Symbol.toStringTag)"
            );
            // `JSON` is made now: nothing more is given to its list.
            assert!(!retarget_member(
                c,
                global,
                c"JSON",
                &JSON,
                c"parse",
                &TEST_JOIN.0[1]
            ));
            qjs::JS_FreeValue(c, global);
        });
    }
}
