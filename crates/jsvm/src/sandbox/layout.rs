//! The engine's object layout, read and written directly: where QuickJS keeps an object's
//! class, flags and prototype (checked at run time by [`layout_holds`]), to make a context's
//! global exotic.

use std::ptr;

use rquickjs::qjs;

// Where `struct JSObject` of QuickJS-ng 0.16 keeps what makes an object plain or exotic (after
// the 16-byte GC list link on 64-bit targets): the byte of flag bits holding `is_exotic`, and
// `class_id`. Checked at run time by [`layout_holds`].

pub(super) const FLAGS: usize = 16;
pub(super) const EXTENSIBLE: u8 = 1 << 1;
pub(super) const IS_EXOTIC: u8 = 1 << 3;
pub(super) const CLASS_ID: usize = 18;
/// `JS_CLASS_OBJECT`.
pub(super) const CLASS_OBJECT: u16 = 1;
/// `JSObject.shape`, and the prototype in `struct JSShape`: the hooks find their scope
/// through the global's prototype on every call, and two calls into the engine
/// (`JS_GetPrototype`, `JS_FreeValue`) were a tenth of a sandboxed run (callgrind).
pub(super) const SHAPE: usize = 24;
pub(super) const SHAPE_PROTO: usize = 48;

/// The prototype of `obj` (a borrowed pointer; null for none), read from its shape as
/// `JS_GetPrototype` does for an object that is not a proxy.
pub(super) unsafe fn proto_ptr(obj: qjs::JSValue) -> *mut std::ffi::c_void {
    let p = qjs::JS_VALUE_GET_PTR(obj) as *const u8;
    let shape = ptr::read_unaligned(p.add(SHAPE) as *const *const u8);
    ptr::read_unaligned(shape.add(SHAPE_PROTO) as *const *mut std::ffi::c_void)
}

unsafe fn header(obj: qjs::JSValue) -> (u8, u16) {
    let p = qjs::JS_VALUE_GET_PTR(obj) as *const u8;
    (
        *p.add(FLAGS),
        ptr::read_unaligned(p.add(CLASS_ID) as *const u16),
    )
}

/// Whether objects have the layout [`make_global_exotic`] writes to: a plain object and one of
/// the (exotic) global class must read back their class ids and flags where expected.
pub(crate) unsafe fn layout_holds(ctx: *mut qjs::JSContext, global_class: qjs::JSClassID) -> bool {
    if std::mem::size_of::<usize>() != 8 || std::mem::size_of::<qjs::JSValue>() != 16 {
        return false;
    }
    let plain = qjs::JS_NewObject(ctx);
    let exotic = qjs::JS_NewObjectClass(ctx, global_class);
    let orphan = qjs::JS_NewObjectProto(ctx, qjs::JS_NULL);
    let holds = qjs::JS_IsObject(plain)
        && qjs::JS_IsObject(exotic)
        && qjs::JS_IsObject(orphan)
        && {
            let proto = qjs::JS_GetPrototype(ctx, plain);
            let same_proto = qjs::JS_IsObject(proto)
                && proto_ptr(plain) == qjs::JS_VALUE_GET_PTR(proto)
                && proto_ptr(orphan).is_null();
            qjs::JS_FreeValue(ctx, proto);
            same_proto
        }
        && {
            let (plain_flags, plain_class) = header(plain);
            let (exotic_flags, exotic_class) = header(exotic);
            plain_class == CLASS_OBJECT
                && qjs::JS_GetClassID(plain) == CLASS_OBJECT as qjs::JSClassID
                && plain_flags & (IS_EXOTIC | EXTENSIBLE) == EXTENSIBLE
                && exotic_class as qjs::JSClassID == global_class
                && qjs::JS_GetClassID(exotic) == global_class
                && exotic_flags & (IS_EXOTIC | EXTENSIBLE) == IS_EXOTIC | EXTENSIBLE
        };
    qjs::JS_FreeValue(ctx, plain);
    qjs::JS_FreeValue(ctx, exotic);
    qjs::JS_FreeValue(ctx, orphan);
    holds
}

/// Turns a context's (plain) global into an object of the global class, whose hooks answer for
/// its own properties from the sandbox, as V8's interceptors do for Node: `Object.keys`,
/// `getOwnPropertyDescriptor`, `defineProperty`, `delete`. Only with [`layout_holds`].
pub(crate) unsafe fn make_global_exotic(global: qjs::JSValue, global_class: qjs::JSClassID) {
    let p = qjs::JS_VALUE_GET_PTR(global) as *mut u8;
    debug_assert_eq!(header(global).1, CLASS_OBJECT);
    ptr::write_unaligned(p.add(CLASS_ID) as *mut u16, global_class as u16);
    *p.add(FLAGS) |= IS_EXOTIC;
}

/// Runs `f` with the global seen as the plain object it is underneath: lookups that must see
/// only its own (shape) properties.
pub(super) unsafe fn as_plain<R>(global: qjs::JSValue, f: impl FnOnce() -> R) -> R {
    let flags = (qjs::JS_VALUE_GET_PTR(global) as *mut u8).add(FLAGS);
    *flags &= !IS_EXOTIC;
    let r = f();
    *flags |= IS_EXOTIC;
    r
}
