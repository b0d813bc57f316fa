//! Reading QuickJS's own module record (status, evaluation exception), whose layout the engine
//! does not export: offsets checked against the engine on first use.

use std::cell::Cell;

use rquickjs::{qjs, Ctx};

/// Offsets in QuickJS-ng 0.16's `struct JSModuleDef` (x86_64 / aarch64, checked at run time by
/// `check_layout`).
pub(super) mod layout {
    pub(super) const STATUS: usize = 147;
    pub(super) const EVAL_HAS_EXCEPTION: usize = 256;
    pub(super) const EVAL_EXCEPTION: usize = 264;
    pub(in crate::module) const FUNC_CREATED: usize = 146;
}

pub(super) const S_UNLINKED: u8 = 0;

pub(super) const S_LINKING: u8 = 1;

pub(super) const S_LINKED: u8 = 2;

pub(super) const S_EVALUATING: u8 = 3;

pub(super) const S_EVALUATING_ASYNC: u8 = 4;

pub(super) const S_EVALUATED: u8 = 5;

pub(super) unsafe fn raw_status(def: *mut qjs::JSModuleDef) -> u8 {
    *(def as *const u8).add(layout::STATUS)
}

pub(super) unsafe fn raw_has_exception(def: *mut qjs::JSModuleDef) -> bool {
    *(def as *const u8).add(layout::EVAL_HAS_EXCEPTION) != 0
}

pub(super) unsafe fn raw_exception(def: *mut qjs::JSModuleDef) -> qjs::JSValue {
    std::ptr::read_unaligned((def as *const u8).add(layout::EVAL_EXCEPTION) as *const qjs::JSValue)
}

/// Checks the layout assumptions on a freshly compiled module (unlinked, not created), once
/// per thread. When they do not hold, no module's record is read: modules are refused with an
/// error saying why (the rest of the library does not need them).
pub(super) fn check_layout(ctx: &Ctx<'_>, def: *mut qjs::JSModuleDef) -> crate::Result<()> {
    // 0: not checked yet, 1: holds, 2: does not.
    thread_local!(static CHECKED: Cell<u8> = const { Cell::new(0) });
    let known = CHECKED.with(|c| c.get());
    let holds = if known != 0 {
        known == 1
    } else {
        let raw = ctx.as_raw().as_ptr();
        let ok = unsafe {
            let atom = qjs::JS_GetModuleName(raw, def);
            let first = *(def as *const u32);
            qjs::JS_FreeAtom(raw, atom);
            let flags = *(def as *const u8).add(layout::FUNC_CREATED);
            first == atom
                && raw_status(def) == S_UNLINKED
                && flags == 0
                && !raw_has_exception(def)
                && std::mem::size_of::<qjs::JSValue>() == 16
        };
        CHECKED.with(|c| c.set(if ok { 1 } else { 2 }));
        ok
    };
    if holds {
        Ok(())
    } else {
        Err(crate::Error::InvalidArgument(
            "ES modules are unavailable: the QuickJS module record layout is not the one this \
             library was built for"
                .into(),
        ))
    }
}

pub(super) fn tag_of(v: qjs::JSValue) -> i32 {
    unsafe { qjs::JS_VALUE_GET_TAG(v) }
}

pub(super) fn ptr_of(v: qjs::JSValue) -> *mut std::ffi::c_void {
    unsafe { qjs::JS_VALUE_GET_PTR(v) }
}

pub(super) fn module_value(def: *mut qjs::JSModuleDef) -> qjs::JSValue {
    qjs::JS_MKPTR(qjs::JS_TAG_MODULE, def.cast())
}
