//! Node 20's `stack` seen as the data property it is: V8 (11.3) keeps an error's stack in an
//! own property that reads as data (`{value, writable: true, enumerable: false, configurable:
//! true}`) and is formatted when first read, a descriptor read included. Here each error holds
//! a lazy accessor instead (lazy.rs), which becomes that data property at its first read. The
//! builtins that would show the accessor itself, or change it as an accessor, read it first:
//! `Object.getOwnPropertyDescriptor(s)`, `Reflect.getOwnPropertyDescriptor`, `__lookupGetter__`
//! and `__lookupSetter__`, `Object.freeze` and `seal` (a frozen accessor could not be read as
//! data later), `Object.defineProperty(ies)` and `Reflect.defineProperty` (a partial descriptor
//! applied to an accessor drops its value). SES tells V8's data `stack` (Node 20) from its
//! later own accessor pair (Node 21+) by the descriptor, and refused jsvm's per-error accessor.
//!
//! The builtins stay the realm's own function objects (identity, name, arity, text, and one
//! frame in stacks, as before): the C function each calls is swapped, in the engine's object
//! (`JSObject.u.cfunc`, read where the layout probe of frames/bytecode.rs held and the object
//! is the expected builtin: the realm, arity, calling convention and magic checked), for one
//! here that reads the stack and then calls the engine's own. Nothing is allocated: a realm
//! costs ten pointer writes.

use std::ffi::c_int;
use std::sync::atomic::{AtomicUsize, Ordering};

use rquickjs::{qjs, Ctx, Object};

/// `JS_CLASS_C_FUNCTION`.
const C_FUNCTION_CLASS: u32 = 12;
/// `JS_CFUNC_generic` and `JS_CFUNC_generic_magic`: how the engine calls the function.
const GENERIC: u8 = 0;
const GENERIC_MAGIC: u8 = 1;

/// `JSObject.u.cfunc`: realm, function, then length, kind and magic.
const CFUNC_FUNCTION: usize = 8;
const CFUNC_LENGTH: usize = 16;
const CFUNC_KIND: usize = 17;
const CFUNC_MAGIC: usize = 18;

/// The engine's C functions, by [`Builtin`] (0 until the first realm is patched).
static ORIGINAL: [AtomicUsize; 6] = [const { AtomicUsize::new(0) }; 6];

/// One of the engine's C functions wrapped (several builtins share one, told by magic).
#[derive(Clone, Copy)]
enum Builtin {
    DefineProperty,
    DefineProperties,
    GetOwnPropertyDescriptor,
    GetOwnPropertyDescriptors,
    Seal,
    LookupAccessor,
}

type Generic = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
) -> qjs::JSValue;
type GenericMagic = unsafe extern "C" fn(
    *mut qjs::JSContext,
    qjs::JSValue,
    c_int,
    *mut qjs::JSValue,
    c_int,
) -> qjs::JSValue;

impl Builtin {
    /// The replacement, its calling convention, and the engine's arity.
    fn replacement(self) -> (usize, u8) {
        match self {
            Builtin::DefineProperty => (define_property as GenericMagic as usize, GENERIC_MAGIC),
            Builtin::DefineProperties => (define_properties as Generic as usize, GENERIC),
            Builtin::GetOwnPropertyDescriptor => {
                (get_descriptor as GenericMagic as usize, GENERIC_MAGIC)
            }
            Builtin::GetOwnPropertyDescriptors => (get_descriptors as Generic as usize, GENERIC),
            Builtin::Seal => (seal as GenericMagic as usize, GENERIC_MAGIC),
            Builtin::LookupAccessor => (lookup_accessor as GenericMagic as usize, GENERIC_MAGIC),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Holder {
    Object,
    Reflect,
    ObjectPrototype,
}

/// The builtins patched: holder, name, arity, magic, and the engine's function they call.
const PATCHED: [(Holder, &std::ffi::CStr, u8, i16, Builtin); 10] = [
    (
        Holder::Object,
        c"defineProperty",
        3,
        0,
        Builtin::DefineProperty,
    ),
    (
        Holder::Reflect,
        c"defineProperty",
        3,
        1,
        Builtin::DefineProperty,
    ),
    (
        Holder::Object,
        c"defineProperties",
        2,
        0,
        Builtin::DefineProperties,
    ),
    (
        Holder::Object,
        c"getOwnPropertyDescriptor",
        2,
        0,
        Builtin::GetOwnPropertyDescriptor,
    ),
    (
        Holder::Reflect,
        c"getOwnPropertyDescriptor",
        2,
        1,
        Builtin::GetOwnPropertyDescriptor,
    ),
    (
        Holder::Object,
        c"getOwnPropertyDescriptors",
        1,
        0,
        Builtin::GetOwnPropertyDescriptors,
    ),
    (Holder::Object, c"seal", 1, 0, Builtin::Seal),
    (Holder::Object, c"freeze", 1, 1, Builtin::Seal),
    (
        Holder::ObjectPrototype,
        c"__lookupGetter__",
        1,
        0,
        Builtin::LookupAccessor,
    ),
    (
        Holder::ObjectPrototype,
        c"__lookupSetter__",
        1,
        1,
        Builtin::LookupAccessor,
    ),
];

/// Patches the builtins of [`PATCHED`] in the realm of `ctx`, whose builtins are on `builtins`
/// (its global, or the holder a vm context's scope reads), before any code of the realm runs.
/// A builtin that is not the engine's expected one is left as it is.
/// With `lazy`, `builtins` is a context's holder, whose builtins the engine makes only when
/// first read (reading the ten functions was a tenth of a context's cost): `Object`'s and
/// `Object.prototype`'s are patched when the realm's first error gets its stack ([`ensure`]),
/// `Reflect`'s when the context's scope first reads it ([`crate::sandbox::ON_BUILTIN_READ`]).
/// Either way the same function objects are patched, which code may hold already.
pub(super) fn install<'js>(
    ctx: &Ctx<'js>,
    builtins: &Object<'js>,
    lazy: bool,
) -> rquickjs::Result<()> {
    crate::sandbox::ON_BUILTIN_READ.get_or_init(|| reflect_read);
    super::lazy::BEFORE_ACCESSOR.get_or_init(|| ensure);
    if lazy {
        return Ok(());
    }
    let c = ctx.as_raw().as_ptr();
    let object: Object = builtins.get("Object")?;
    let object_proto: Object = object.get("prototype")?;
    let reflect: Object = builtins.get("Reflect")?;
    unsafe {
        patch_all(c, object.as_raw(), Holder::Object);
        patch_all(c, object_proto.as_raw(), Holder::ObjectPrototype);
        patch_all(c, reflect.as_raw(), Holder::Reflect);
    }
    Ok(())
}

/// Patches `Object`'s and `Object.prototype`'s builtins of the realm `c`, about to give an
/// error its lazy stack, unless done: its `Object.getOwnPropertyDescriptor` already calls
/// [`get_descriptor`]. `Object` is found as `Object.prototype.constructor` (a data property,
/// read without running code; if code replaced it, nothing is patched).
unsafe fn ensure(c: *mut qjs::JSContext) {
    const JS_CLASS_OBJECT: qjs::JSClassID = 1;
    let proto = qjs::JS_GetClassProto(c, JS_CLASS_OBJECT);
    let Some(object) = own_data(c, proto, c"constructor") else {
        qjs::JS_FreeValue(c, proto);
        return;
    };
    let done = own_data(c, object, c"getOwnPropertyDescriptor").is_some_and(|f| {
        let patched = crate::frames::bytecode::object_union(f).is_some_and(|u| {
            let function = std::ptr::read_unaligned(u.add(CFUNC_FUNCTION) as *const usize);
            function == Builtin::GetOwnPropertyDescriptor.replacement().0
        });
        qjs::JS_FreeValue(c, f);
        patched
    });
    if !done {
        patch_all(c, object, Holder::Object);
        patch_all(c, proto, Holder::ObjectPrototype);
    }
    qjs::JS_FreeValue(c, object);
    qjs::JS_FreeValue(c, proto);
}

/// `obj`'s own data property `name` (owned), read without running code (the engine makes a
/// builtin waiting for its first read).
unsafe fn own_data(
    c: *mut qjs::JSContext,
    obj: qjs::JSValue,
    name: &std::ffi::CStr,
) -> Option<qjs::JSValue> {
    if qjs::JS_VALUE_GET_TAG(obj) != qjs::JS_TAG_OBJECT || qjs::JS_IsProxy(obj) {
        return None;
    }
    let atom = qjs::JS_NewAtom(c, name.as_ptr());
    let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = qjs::JS_GetOwnProperty(c, &mut desc, obj, atom);
    qjs::JS_FreeAtom(c, atom);
    if r < 0 {
        qjs::JS_FreeValue(c, qjs::JS_GetException(c));
    }
    if r <= 0 {
        return None;
    }
    qjs::JS_FreeValue(c, desc.getter);
    qjs::JS_FreeValue(c, desc.setter);
    match desc.flags & qjs::JS_PROP_GETSET as c_int == 0 {
        true => Some(desc.value),
        false => {
            qjs::JS_FreeValue(c, desc.value);
            None
        }
    }
}

/// Patches the builtins of [`PATCHED`] held by `on` (the realm's `holder`).
unsafe fn patch_all(c: *mut qjs::JSContext, on: qjs::JSValue, holder: Holder) {
    for (_, name, length, magic, builtin) in PATCHED.iter().filter(|p| p.0 == holder) {
        if let Some(f) = own_data(c, on, name) {
            patch(c, f, *length, *magic, *builtin);
            qjs::JS_FreeValue(c, f);
        }
    }
}

/// A context's scope read builtin `name` off its holder: `Reflect`'s functions are patched.
unsafe fn reflect_read(c: *mut qjs::JSContext, name: qjs::JSAtom, value: qjs::JSValue) {
    let reflect = qjs::JS_NewAtom(c, c"Reflect".as_ptr());
    qjs::JS_FreeAtom(c, reflect);
    if name == reflect {
        patch_all(c, value, Holder::Reflect);
    }
}

/// Swaps the C function of `f` when it is the engine's builtin of the realm `c` with this
/// arity, kind and magic, calling `builtin`'s function (the same in every realm).
unsafe fn patch(c: *mut qjs::JSContext, f: qjs::JSValue, length: u8, magic: i16, builtin: Builtin) {
    if qjs::JS_VALUE_GET_TAG(f) != qjs::JS_TAG_OBJECT || qjs::JS_GetClassID(f) != C_FUNCTION_CLASS {
        return;
    }
    let Some(u) = crate::frames::bytecode::object_union(f) else {
        return;
    };
    let (replacement, kind) = builtin.replacement();
    let realm = std::ptr::read_unaligned(u as *const usize);
    let function = u.add(CFUNC_FUNCTION) as *mut usize;
    let expected = realm == c as usize
        && *u.add(CFUNC_LENGTH) == length
        && *u.add(CFUNC_KIND) == kind
        && std::ptr::read_unaligned(u.add(CFUNC_MAGIC) as *const i16) == magic;
    let current = std::ptr::read_unaligned(function);
    if !expected || current == replacement || current == 0 {
        return;
    }
    let slot = &ORIGINAL[builtin as usize];
    // The engine's function is one for all realms: another one found here is left alone.
    match slot.compare_exchange(0, current, Ordering::Relaxed, Ordering::Relaxed) {
        Ok(_) => {}
        Err(known) if known == current => {}
        Err(_) => return,
    }
    std::ptr::write_unaligned(function, replacement);
}

/// The engine's function of `builtin` (set: a replacement runs only after its patch).
fn original(builtin: Builtin) -> usize {
    ORIGINAL[builtin as usize].load(Ordering::Relaxed)
}

unsafe fn arg(argc: c_int, argv: *mut qjs::JSValue, i: usize) -> qjs::JSValue {
    match (i as c_int) < argc {
        true => *argv.add(i),
        false => qjs::JS_UNDEFINED,
    }
}

/// Reads `obj`'s lazy stack when `key` is `"stack"` (`None`: whatever the key). False when
/// the read threw.
unsafe fn settle_keyed(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    key: Option<qjs::JSValue>,
) -> bool {
    match key.is_none_or(|k| is_stack_key(ctx, k)) {
        true => settle(ctx, obj) >= 0,
        false => true,
    }
}

/// The replacements: each reads the stack of the object its builtin acts on (`obj`, for the
/// key `key` when the builtin takes one), then calls the engine's function unchanged.
macro_rules! replacement {
    ($name:ident, $builtin:ident, magic, |$this:ident, $argc:ident, $argv:ident| $obj:expr, $key:expr) => {
        unsafe extern "C" fn $name(
            ctx: *mut qjs::JSContext,
            $this: qjs::JSValue,
            $argc: c_int,
            $argv: *mut qjs::JSValue,
            magic: c_int,
        ) -> qjs::JSValue {
            if !settle_keyed(ctx, $obj, $key) {
                return qjs::JS_EXCEPTION;
            }
            let f: GenericMagic = std::mem::transmute(original(Builtin::$builtin));
            f(ctx, $this, $argc, $argv, magic)
        }
    };
    ($name:ident, $builtin:ident, |$this:ident, $argc:ident, $argv:ident| $obj:expr) => {
        unsafe extern "C" fn $name(
            ctx: *mut qjs::JSContext,
            $this: qjs::JSValue,
            $argc: c_int,
            $argv: *mut qjs::JSValue,
        ) -> qjs::JSValue {
            if !settle_keyed(ctx, $obj, None) {
                return qjs::JS_EXCEPTION;
            }
            let f: Generic = std::mem::transmute(original(Builtin::$builtin));
            f(ctx, $this, $argc, $argv)
        }
    };
}

replacement!(
    define_property,
    DefineProperty,
    magic,
    |this, argc, argv| arg(argc, argv, 0),
    Some(arg(argc, argv, 1))
);
replacement!(
    get_descriptor,
    GetOwnPropertyDescriptor,
    magic,
    |this, argc, argv| arg(argc, argv, 0),
    Some(arg(argc, argv, 1))
);
replacement!(
    seal,
    Seal,
    magic,
    |this, argc, argv| arg(argc, argv, 0),
    None
);
replacement!(
    lookup_accessor,
    LookupAccessor,
    magic,
    |this, argc, argv| this,
    Some(arg(argc, argv, 0))
);
replacement!(define_properties, DefineProperties, |this, argc, argv| arg(
    argc, argv, 0
));
replacement!(
    get_descriptors,
    GetOwnPropertyDescriptors,
    |this, argc, argv| arg(argc, argv, 0)
);

/// Whether `key` is the string `"stack"` (a key of another type is converted by the builtin,
/// which may run code: not done here).
unsafe fn is_stack_key(ctx: *mut qjs::JSContext, key: qjs::JSValue) -> bool {
    if qjs::JS_VALUE_GET_TAG(key) != qjs::JS_TAG_STRING {
        return false;
    }
    let mut len = 0;
    let s = qjs::JS_ToCStringLen(ctx, &mut len, key);
    if s.is_null() {
        qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
        return false;
    }
    let same = std::slice::from_raw_parts(s.cast::<u8>(), len) == b"stack";
    qjs::JS_FreeCString(ctx, s);
    same
}

/// Reads `obj`'s own `stack` when it is one of the lazy accessors (lazy.rs), still
/// configurable: the read leaves the data property in its place. -1 when the read threw (code's
/// own `Error.prepareStackTrace`, made again for a changed message), as V8's descriptor read
/// throws.
unsafe fn settle(ctx: *mut qjs::JSContext, obj: qjs::JSValue) -> c_int {
    let Some(getter) = super::lazy::own_lazy_getter(ctx, obj) else {
        return 0;
    };
    let r =
        super::lazy::read_for_builtin(|| qjs::JS_Call(ctx, getter, obj, 0, std::ptr::null_mut()));
    qjs::JS_FreeValue(ctx, getter);
    match qjs::JS_IsException(r) {
        true => -1,
        false => {
            qjs::JS_FreeValue(ctx, r);
            0
        }
    }
}
