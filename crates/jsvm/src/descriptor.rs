//! Engine property descriptors as `JS_GetOwnProperty` fills them: what the library reads to
//! look at a property without running code, then gives back.

use std::ffi::c_int;

use rquickjs::{qjs, Ctx, Value};

/// Frees the three values a filled descriptor holds (value, getter, setter).
///
/// # Safety
/// `desc` was filled by `JS_GetOwnProperty` on `ctx` (or zeroed), and is not used after.
pub(crate) unsafe fn free(ctx: *mut qjs::JSContext, desc: &qjs::JSPropertyDescriptor) {
    qjs::JS_FreeValue(ctx, desc.value);
    qjs::JS_FreeValue(ctx, desc.getter);
    qjs::JS_FreeValue(ctx, desc.setter);
}

/// An own property as the engine holds it: its flags and its values (owned, freed when
/// dropped).
pub(crate) struct OwnProperty<'js> {
    pub flags: c_int,
    pub value: Value<'js>,
    pub getter: Value<'js>,
    pub setter: Value<'js>,
}

impl OwnProperty<'_> {
    pub fn is_accessor(&self) -> bool {
        self.flags & qjs::JS_PROP_GETSET as c_int != 0
    }

    pub fn is_configurable(&self) -> bool {
        self.flags & qjs::JS_PROP_CONFIGURABLE as c_int != 0
    }

    pub fn is_writable(&self) -> bool {
        self.flags & qjs::JS_PROP_WRITABLE as c_int != 0
    }
}

/// `obj`'s own property `atom` as `JS_GetOwnProperty` reads it; `None` when it has none or the
/// read threw (the exception is dropped). The caller makes sure no code runs in the read: a
/// proxy's trap would, and so would an embedder class's hook.
pub(crate) fn own<'js>(
    ctx: &Ctx<'js>,
    obj: &Value<'js>,
    atom: qjs::JSAtom,
) -> Option<OwnProperty<'js>> {
    let c = ctx.as_raw().as_ptr();
    unsafe {
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(c, &mut desc, obj.as_raw(), atom);
        if r < 0 {
            drop(ctx.catch());
        }
        if r <= 0 {
            return None;
        }
        Some(OwnProperty {
            flags: desc.flags,
            value: Value::from_raw(ctx.clone(), desc.value),
            getter: Value::from_raw(ctx.clone(), desc.getter),
            setter: Value::from_raw(ctx.clone(), desc.setter),
        })
    }
}

/// [`own`] by name.
pub(crate) fn own_named<'js>(
    ctx: &Ctx<'js>,
    obj: &Value<'js>,
    name: &str,
) -> Option<OwnProperty<'js>> {
    let c = ctx.as_raw().as_ptr();
    unsafe {
        let atom = qjs::JS_NewAtomLen(c, name.as_ptr().cast(), name.len() as _);
        if atom == qjs::JS_ATOM_NULL as qjs::JSAtom {
            drop(ctx.catch());
            return None;
        }
        let found = own(ctx, obj, atom);
        qjs::JS_FreeAtom(c, atom);
        found
    }
}
