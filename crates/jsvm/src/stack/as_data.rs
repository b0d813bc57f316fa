//! Node 20's `stack` seen as the data property it is: V8 (11.3) keeps an error's stack in an
//! own property that reads as data (`{value, writable: true, enumerable: false, configurable:
//! true}`) and is formatted when first read, a descriptor read included. Here each error holds
//! a lazy accessor instead (lazy.rs), which becomes that data property at its first read. The
//! builtins that would show the accessor itself, or change it as an accessor, read it first:
//! `Object.getOwnPropertyDescriptor(s)`, `Reflect.getOwnPropertyDescriptor`, `__lookupGetter__`
//! and `__lookupSetter__`, `Object.freeze` and `seal` (a frozen accessor could not be settled
//! later), `Object.defineProperty(ies)` and `Reflect.defineProperty` (a partial descriptor
//! applied to an accessor drops its value). Each realm gets its own wrappers, made when the
//! realm is, which call the realm's original after; programs see the builtins' names, arity
//! and `[native code]` text as before. SES tells V8's data `stack` (Node 20) from its later
//! own accessor pair (Node 21+) by the descriptor, and refused jsvm's per-error accessor.

use std::cell::Cell;
use std::ffi::{c_int, CStr};

use rquickjs::{qjs, Ctx, Object};

/// Where a wrapper finds the object whose `stack` it settles, and the key it checks.
#[derive(Clone, Copy)]
enum Target {
    /// The first argument; the second is the key (settled only for `"stack"`).
    Keyed,
    /// The first argument, whatever the rest (descriptors of all keys, freeze, seal).
    Whole,
    /// `this`; the first argument is the key (`__lookupGetter__`, `__lookupSetter__`).
    ThisKeyed,
}

/// The wrapped builtins: the holder (`Object`, `Reflect`, `Object.prototype`), the name, the
/// arity, and where the error is.
const WRAPPED: [(Holder, &CStr, c_int, Target); 10] = [
    (Holder::Object, c"getOwnPropertyDescriptor", 2, Target::Keyed),
    (Holder::Object, c"getOwnPropertyDescriptors", 1, Target::Whole),
    (Holder::Object, c"defineProperty", 3, Target::Keyed),
    (Holder::Object, c"defineProperties", 2, Target::Whole),
    (Holder::Object, c"freeze", 1, Target::Whole),
    (Holder::Object, c"seal", 1, Target::Whole),
    (Holder::Reflect, c"getOwnPropertyDescriptor", 2, Target::Keyed),
    (Holder::Reflect, c"defineProperty", 3, Target::Keyed),
    (Holder::ObjectPrototype, c"__lookupGetter__", 1, Target::ThisKeyed),
    (Holder::ObjectPrototype, c"__lookupSetter__", 1, Target::ThisKeyed),
];

#[derive(Clone, Copy, PartialEq)]
enum Holder {
    Object,
    Reflect,
    ObjectPrototype,
}

thread_local! {
    /// Set by a wrapper right before it reads a stack: the getter's caller is then the
    /// wrapper, and the code that called the wrapper is one frame further.
    static SETTLING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the stack getter running now was called by a wrapper (cleared by reading it).
pub(super) fn take_settling() -> bool {
    SETTLING.with(|s| s.replace(false))
}

/// Wraps the builtins of [`WRAPPED`] in the realm of `ctx`, whose builtins are on `builtins`
/// (its global, or the holder a vm context's scope reads), before any code of the realm runs.
pub(super) fn install<'js>(ctx: &Ctx<'js>, builtins: &Object<'js>) -> rquickjs::Result<()> {
    let c = ctx.as_raw().as_ptr();
    let object: Object = builtins.get("Object")?;
    let reflect: Object = builtins.get("Reflect")?;
    let object_proto: Object = object.get("prototype")?;
    for (holder, name, length, target) in WRAPPED {
        let on = match holder {
            Holder::Object => &object,
            Holder::Reflect => &reflect,
            Holder::ObjectPrototype => &object_proto,
        };
        unsafe { wrap(c, on.as_raw(), name, length, target)? };
    }
    Ok(())
}

/// Replaces `on[name]` (a builtin, a writable configurable data property) by a function of
/// the realm calling [`settling`] with the original as its data.
unsafe fn wrap(
    c: *mut qjs::JSContext,
    on: qjs::JSValue,
    name: &CStr,
    length: c_int,
    target: Target,
) -> rquickjs::Result<()> {
    let atom = qjs::JS_NewAtom(c, name.as_ptr());
    let original = qjs::JS_GetProperty(c, on, atom);
    if qjs::JS_IsException(original) {
        qjs::JS_FreeAtom(c, atom);
        return Err(rquickjs::Error::Exception);
    }
    if !qjs::JS_IsFunction(c, original) {
        qjs::JS_FreeValue(c, original);
        qjs::JS_FreeAtom(c, atom);
        return Ok(());
    }
    let mut data = [original];
    let wrapper = qjs::JS_NewCFunctionData2(
        c,
        Some(settling),
        name.as_ptr(),
        length,
        target as c_int,
        1,
        data.as_mut_ptr(),
    );
    qjs::JS_FreeValue(c, original);
    if qjs::JS_IsException(wrapper) {
        qjs::JS_FreeAtom(c, atom);
        return Err(rquickjs::Error::Exception);
    }
    let flags = qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE;
    let r = qjs::JS_DefinePropertyValue(c, on, atom, wrapper, flags as c_int);
    qjs::JS_FreeAtom(c, atom);
    match r < 0 {
        true => Err(rquickjs::Error::Exception),
        false => Ok(()),
    }
}

/// A wrapper: reads the target's lazy `stack` when the key is `"stack"` (or any, see
/// [`Target`]), then calls the original with the same `this` and arguments.
unsafe extern "C" fn settling(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let arg = |i: usize| match (i as c_int) < argc {
        true => *argv.add(i),
        false => qjs::JS_UNDEFINED,
    };
    let (obj, key) = match magic {
        m if m == Target::Keyed as c_int => (arg(0), Some(arg(1))),
        m if m == Target::ThisKeyed as c_int => (this, Some(arg(0))),
        _ => (arg(0), None),
    };
    if key.is_none_or(|k| is_stack_key(ctx, k)) && settle(ctx, obj) < 0 {
        return qjs::JS_EXCEPTION;
    }
    qjs::JS_Call(ctx, *data, this, argc, argv)
}

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
    SETTLING.with(|s| s.set(true));
    let r = qjs::JS_Call(ctx, getter, obj, 0, std::ptr::null_mut());
    SETTLING.with(|s| s.set(false));
    qjs::JS_FreeValue(ctx, getter);
    match qjs::JS_IsException(r) {
        true => -1,
        false => {
            qjs::JS_FreeValue(ctx, r);
            0
        }
    }
}
