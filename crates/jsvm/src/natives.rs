//! The engine's own C functions behind builtin methods the library wraps (hole_walks.rs,
//! realm/triggers.rs), so a realm's wrappers can call them without the realm's original
//! function objects.
//!
//! The engine makes a prototype's methods only when they are first read (auto-init
//! properties). Wrapping them at once made the originals and the wrappers in every realm
//! (for the 13 hole-walk methods, about 4 KB and 60 K instructions per context). Instead, the
//! C function and its calling convention are read once per process from a realm's originals,
//! and each realm gets its wrappers as auto-init properties too (`JS_SetPropertyFunctionList`),
//! made on first read.
//!
//! Reading a function object's fields needs the engine's layout of `struct JSObject`, which
//! the API does not expose: [`layout_holds`] checks it on functions of known fields first, and
//! when it does not hold, the callers keep their eager ways.

pub(crate) mod autoinit;

use std::ffi::c_int;
use std::ptr;
use std::sync::OnceLock;

use rquickjs::qjs;

pub(crate) use autoinit::{original_member, remove_members, retarget_member, unmade_entry, Hint};

// Where QuickJS-ng 0.16 (rquickjs-sys 0.14.0, pinned) keeps a C function's fields on 64-bit
// targets: `class_id` after the GC link and flag bits, then `u.cfunc` in the object's union
// (`realm`, `c_function`, `length`, `cproto`, `magic`). Checked by [`layout_holds`].
const CLASS_ID: usize = 18;
const REALM: usize = 48;
const C_FUNCTION: usize = 56;
const LENGTH: usize = 64;
const CPROTO: usize = 65;
const MAGIC: usize = 66;

/// How the engine calls one of its C functions (`JSCFunctionEnum`): the two protocols a
/// method's function has.
const GENERIC: u8 = qjs::JSCFunctionEnum_JS_CFUNC_generic as u8;
const GENERIC_MAGIC: u8 = qjs::JSCFunctionEnum_JS_CFUNC_generic_magic as u8;
/// A constructor's protocols: the generic signature, `this` being `new.target` (undefined
/// for a call without `new` of one that may be called so).
const CONSTRUCTOR: u8 = qjs::JSCFunctionEnum_JS_CFUNC_constructor as u8;
const CONSTRUCTOR_OR_FUNC: u8 = qjs::JSCFunctionEnum_JS_CFUNC_constructor_or_func as u8;

type Generic = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
) -> qjs::JSValue;
pub(crate) type GenericMagic = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
    c_int,
) -> qjs::JSValue;

/// A call's arguments, on the stack for the few most calls have.
pub(crate) type Args = smallvec::SmallVec<[qjs::JSValue; 4]>;

/// One of the engine's C functions, as its function object records it.
#[derive(Clone, Copy)]
pub(crate) struct Native {
    function: usize,
    cproto: u8,
    magic: i16,
    /// The arguments it may read: the engine pads a call's to this many.
    length: u8,
}

/// The natives of one list of methods, in order, read once per process.
pub(crate) struct NativeTable(OnceLock<Option<Vec<Native>>>);

impl NativeTable {
    pub(crate) const fn new() -> Self {
        NativeTable(OnceLock::new())
    }

    /// The natives, read from `originals` (the realm's methods in the table's order, owned,
    /// each with the `length` the caller expects) the first time; `None` when the layout or a
    /// method did not check out.
    ///
    /// # Safety
    /// `ctx` is a live realm; `originals` gives values of it.
    pub(crate) unsafe fn get(
        &self,
        ctx: *mut qjs::JSContext,
        originals: impl FnOnce() -> Vec<(qjs::JSValue, u8)>,
    ) -> Option<&[Native]> {
        self.0
            .get_or_init(|| {
                if !layout_holds(ctx) {
                    return None;
                }
                let originals = originals();
                let natives: Vec<Native> = originals
                    .iter()
                    .filter_map(|&(f, length)| native_of(ctx, f, length))
                    .collect();
                for (f, _) in &originals {
                    qjs::JS_FreeValue(ctx, *f);
                }
                (natives.len() == originals.len()).then_some(natives)
            })
            .as_deref()
    }

    /// The natives `find` reads (all of them, or `None`), the first time, when the layout
    /// holds.
    ///
    /// # Safety
    /// `ctx` is a live realm.
    pub(crate) unsafe fn get_with(
        &self,
        ctx: *mut qjs::JSContext,
        find: impl FnOnce() -> Option<Vec<Native>>,
    ) -> Option<&[Native]> {
        self.0
            .get_or_init(|| if layout_holds(ctx) { find() } else { None })
            .as_deref()
    }

    /// Native `i`, for an auto-init wrapper called in `ctx`: the wrappers exist only once a
    /// realm has read the natives, so a miss is the library's error, thrown as an internal one.
    pub(crate) unsafe fn known(
        &self,
        ctx: *mut qjs::JSContext,
        i: usize,
    ) -> Result<&Native, qjs::JSValue> {
        self.0
            .get()
            .and_then(|n| n.as_deref())
            .and_then(|n| n.get(i))
            .ok_or_else(|| qjs::JS_ThrowInternalError(ctx, c"method unavailable".as_ptr()))
    }
}

/// Puts `entry` (a `JS_DEF_CFUNC` entry of a static table) in place of the property of the same
/// name of `on`, which the engine then makes on first read. While the engine's own method is
/// still unmade, its slot is given `entry` (natives/autoinit.rs; `hint` remembers where it
/// was); otherwise the property is taken away and defined anew. False when the property could
/// not be taken away first (the engine aborts on an auto-init property that exists).
///
/// # Safety
/// `ctx` is a live realm, `on` an object of it (borrowed), `entry` lives for the process.
pub(crate) unsafe fn replace_by_entry(
    ctx: *mut qjs::JSContext,
    on: qjs::JSValue,
    name: &std::ffi::CStr,
    entry: &'static qjs::JSCFunctionListEntry,
    hint: &Hint,
) -> bool {
    if let Some(slot) = autoinit::unmade(ctx, on, name, hint) {
        slot.retarget(entry);
        return true;
    }
    let atom = qjs::JS_NewAtom(ctx, name.as_ptr());
    if atom == qjs::JS_ATOM_NULL {
        let e = qjs::JS_GetException(ctx);
        qjs::JS_FreeValue(ctx, e);
        return false;
    }
    let gone = qjs::JS_DeleteProperty(ctx, on, atom, 0) == 1
        && qjs::JS_GetOwnProperty(ctx, std::ptr::null_mut(), on, atom) == 0;
    qjs::JS_FreeAtom(ctx, atom);
    if !gone {
        let e = qjs::JS_GetException(ctx);
        qjs::JS_FreeValue(ctx, e);
        return false;
    }
    qjs::JS_SetPropertyFunctionList(ctx, on, entry, 1) >= 0
}

/// The engine's method `name` of `on` (borrowed) as a new function of the realm, for
/// [`NativeTable::get`]: made from the engine's entry when the property is still unmade, so
/// reading the native leaves the property to be retargeted; else the property's value.
///
/// # Safety
/// `ctx` is a live realm, `on` a value of it.
pub(crate) unsafe fn original(
    ctx: *mut qjs::JSContext,
    on: qjs::JSValue,
    name: &std::ffi::CStr,
    hint: &Hint,
) -> qjs::JSValue {
    match autoinit::unmade(ctx, on, name, hint) {
        Some(slot) => slot.original(ctx),
        None => qjs::JS_GetPropertyStr(ctx, on, name.as_ptr()),
    }
}

/// One auto-init entry in a static (it holds pointers to static names only), with where its
/// method was found last.
pub(crate) struct StaticEntry(pub(crate) qjs::JSCFunctionListEntry, pub(crate) Hint);

unsafe impl Sync for StaticEntry {}

impl StaticEntry {
    pub(crate) const fn new(entry: qjs::JSCFunctionListEntry) -> StaticEntry {
        StaticEntry(entry, Hint::new())
    }
}

/// Puts the auto-init `entry` in place of the method `name` of `on` (owned: freed here), the
/// engine's function read into `table` (of that one method, `length` its arguments) the first
/// time. Without the holder or the engine's function (its layout did not check out), the
/// method stays as it is. False when the replacement failed (out of memory) or `on` is an
/// exception.
///
/// # Safety
/// `ctx` is a live realm, `on` a value of it, `entry` lives for the process.
pub(crate) unsafe fn wrap_method(
    ctx: *mut qjs::JSContext,
    on: qjs::JSValue,
    name: &'static std::ffi::CStr,
    length: u8,
    table: &NativeTable,
    entry: &'static StaticEntry,
) -> bool {
    let ok = if qjs::JS_IsObject(on) {
        let known = table
            .get(ctx, || vec![(original(ctx, on, name, &entry.1), length)])
            .is_some();
        !known || replace_by_entry(ctx, on, name, &entry.0, &entry.1)
    } else {
        !qjs::JS_IsException(on)
    };
    qjs::JS_FreeValue(ctx, on);
    ok
}

/// Calls native `i` of `table` with a wrapper's own receiver and arguments (borrowed), as the
/// engine would have called it.
///
/// # Safety
/// `ctx` is a live realm; `this` and `argv` (of `argc` values) are the wrapper's call's.
pub(crate) unsafe fn call_through(
    ctx: *mut qjs::JSContext,
    table: &NativeTable,
    i: usize,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let native = match table.known(ctx, i) {
        Ok(native) => native,
        Err(e) => return e,
    };
    let mut args: Args = (0..argc.max(0) as usize).map(|i| *argv.add(i)).collect();
    call(ctx, native, this, &mut args)
}

/// A `JS_DEF_CFUNC` entry for a wrapper of the `generic_magic` protocol, as the engine's
/// function lists declare methods (writable, configurable, not enumerable).
pub(crate) const fn entry(
    name: &'static std::ffi::CStr,
    length: u8,
    magic: i16,
    wrapper: GenericMagic,
) -> qjs::JSCFunctionListEntry {
    qjs::JSCFunctionListEntry {
        name: name.as_ptr(),
        prop_flags: (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as u8,
        def_type: qjs::JS_DEF_CFUNC as u8,
        magic,
        u: qjs::JSCFunctionListEntry__bindgen_ty_1 {
            func: qjs::JSCFunctionListEntry__bindgen_ty_1__bindgen_ty_1 {
                length,
                cproto: qjs::JSCFunctionEnum_JS_CFUNC_generic_magic as u8,
                cfunc: qjs::JSCFunctionType {
                    generic_magic: Some(wrapper),
                },
            },
        },
    }
}

/// `f`'s native, when `f` is one of this realm's C functions of a method's protocol and of the
/// `length` expected.
unsafe fn native_of(ctx: *mut qjs::JSContext, f: qjs::JSValue, length: u8) -> Option<Native> {
    if !qjs::JS_IsObject(f) {
        return None;
    }
    let fields = read(f);
    let native = Native {
        function: fields.function,
        cproto: fields.cproto,
        magic: fields.magic,
        length: fields.length,
    };
    (qjs::JS_GetClassID(f) == C_FUNCTION_CLASS
        && fields.class_id as qjs::JSClassID == C_FUNCTION_CLASS
        && fields.realm == ctx as usize
        && fields.function != 0
        && fields.length == length
        && (fields.cproto == GENERIC || fields.cproto == GENERIC_MAGIC))
        .then_some(native)
}

/// The native of `f`, one of the realm `ctx`'s C functions made as a constructor (the
/// engine's builtins such as `WeakRef`), of the `length`
/// expected, when the layout holds. [`call`] calls it with `new.target` as the receiver.
///
/// # Safety
/// `ctx` is a live realm, `f` a value of it.
pub(crate) unsafe fn constructor_native(
    ctx: *mut qjs::JSContext,
    f: qjs::JSValue,
    length: u8,
) -> Option<Native> {
    if !qjs::JS_IsObject(f) || qjs::JS_GetClassID(f) != C_FUNCTION_CLASS || !layout_holds(ctx) {
        return None;
    }
    let fields = read(f);
    (fields.class_id as qjs::JSClassID == C_FUNCTION_CLASS
        && fields.realm == ctx as usize
        && fields.function != 0
        && fields.length == length
        && (fields.cproto == CONSTRUCTOR || fields.cproto == CONSTRUCTOR_OR_FUNC))
        .then_some(Native {
            function: fields.function,
            cproto: fields.cproto,
            magic: fields.magic,
            length: fields.length,
        })
}

/// `JS_CLASS_C_FUNCTION`.
const C_FUNCTION_CLASS: qjs::JSClassID = 12;

/// The native of `f`, one of the realm `ctx`'s C functions, when the layout holds (checked
/// here: for a one-time lookup, not a hot path). Compared later with [`builtin_called`].
///
/// # Safety
/// `ctx` is a live realm, `f` a value of it.
pub(crate) unsafe fn native_address(ctx: *mut qjs::JSContext, f: qjs::JSValue) -> Option<usize> {
    if !qjs::JS_IsObject(f) || qjs::JS_GetClassID(f) != C_FUNCTION_CLASS || !layout_holds(ctx) {
        return None;
    }
    let fields = read(f);
    (fields.realm == ctx as usize && fields.function != 0).then_some(fields.function)
}

/// When `f` is an engine C function whose native is one of `natives` (found by
/// [`native_address`], so the layout held): the realm it belongs to.
///
/// # Safety
/// `f` is a live value; a non-zero entry of `natives` came from [`native_address`].
pub(crate) unsafe fn builtin_called(
    f: qjs::JSValue,
    natives: &[usize],
) -> Option<*mut qjs::JSContext> {
    if !qjs::JS_IsObject(f) || qjs::JS_GetClassID(f) != C_FUNCTION_CLASS {
        return None;
    }
    let fields = read(f);
    (fields.function != 0 && natives.contains(&fields.function) && fields.realm != 0)
        .then_some(fields.realm as *mut qjs::JSContext)
}

struct Fields {
    class_id: u16,
    realm: usize,
    function: usize,
    length: u8,
    cproto: u8,
    magic: i16,
}

unsafe fn read(f: qjs::JSValue) -> Fields {
    let p = qjs::JS_VALUE_GET_PTR(f) as *const u8;
    Fields {
        class_id: ptr::read_unaligned(p.add(CLASS_ID) as *const u16),
        realm: ptr::read_unaligned(p.add(REALM) as *const usize),
        function: ptr::read_unaligned(p.add(C_FUNCTION) as *const usize),
        length: *p.add(LENGTH),
        cproto: *p.add(CPROTO),
        magic: ptr::read_unaligned(p.add(MAGIC) as *const i16),
    }
}

unsafe extern "C" fn probe(
    _ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_UNDEFINED
}

/// Whether C functions made with known fields read them back where [`read`] looks.
unsafe fn layout_holds(ctx: *mut qjs::JSContext) -> bool {
    if std::mem::size_of::<usize>() != 8 || std::mem::size_of::<qjs::JSValue>() != 16 {
        return false;
    }
    [(3, GENERIC, 0x2345), (5, GENERIC_MAGIC, -7)]
        .into_iter()
        .all(|(length, cproto, magic)| {
            let f = qjs::JS_NewCFunction2(
                ctx,
                Some(probe),
                c"probe".as_ptr(),
                length as c_int,
                cproto as qjs::JSCFunctionEnum,
                magic as c_int,
            );
            if !qjs::JS_IsObject(f) {
                qjs::JS_FreeValue(ctx, f);
                return false;
            }
            let fields = read(f);
            let holds = qjs::JS_GetClassID(f) == C_FUNCTION_CLASS
                && fields.class_id as qjs::JSClassID == C_FUNCTION_CLASS
                && fields.realm == ctx as usize
                && fields.function == probe as Generic as usize
                && fields.length == length
                && fields.cproto == cproto
                && fields.magic == magic;
            qjs::JS_FreeValue(ctx, f);
            holds
        })
}

/// [`call`] with `magic` in place of the native's own: for a native that serves several
/// classes by its magic (`Map.prototype.forEach` also walks a weak collection's records).
///
/// # Safety
/// As [`call`]; `magic` is one the native takes, for the receiver's class.
pub(crate) unsafe fn call_with_magic(
    ctx: *mut qjs::JSContext,
    native: &Native,
    magic: c_int,
    receiver: qjs::JSValue,
    args: &mut Args,
) -> qjs::JSValue {
    let native = Native {
        magic: magic as i16,
        cproto: GENERIC_MAGIC,
        ..*native
    };
    call(ctx, &native, receiver, args)
}

/// Calls `native` as the engine would have called its function: `args` holds the call's
/// `argc` arguments and is padded here to the native's `length` with `undefined` (what the
/// engine guarantees a C function may read).
///
/// # Safety
/// `ctx` is a live realm, `receiver` and `args` are its values (borrowed).
pub(crate) unsafe fn call(
    ctx: *mut qjs::JSContext,
    native: &Native,
    receiver: qjs::JSValue,
    args: &mut Args,
) -> qjs::JSValue {
    let argc = args.len() as c_int;
    while args.len() < native.length as usize {
        args.push(qjs::JS_UNDEFINED);
    }
    match native.cproto {
        GENERIC | CONSTRUCTOR | CONSTRUCTOR_OR_FUNC => {
            let f: Generic = std::mem::transmute::<usize, Generic>(native.function);
            f(ctx, receiver, argc, args.as_mut_ptr())
        }
        _ => {
            let f: GenericMagic = std::mem::transmute::<usize, GenericMagic>(native.function);
            f(
                ctx,
                receiver,
                argc,
                args.as_mut_ptr(),
                native.magic as c_int,
            )
        }
    }
}
