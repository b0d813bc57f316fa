//! The two classes of a runtime's contextified globals, the scope and the exotic global, and
//! the scope's life (finalizer and marks).

use std::ptr;

use rquickjs::qjs;

use super::global_hooks::{
    global_define_own_property, global_delete_property, global_get_own_property,
    global_get_own_property_names, global_set_property,
};
use super::scope_hooks::{
    scope_delete_property, scope_get_own_property, scope_get_own_property_names,
    scope_has_property, scope_set_property,
};
use super::{data, ScopeData};

static CLASS_NAME: &[u8] = b"ContextScope\0";

static mut SCOPE_EXOTIC: qjs::JSClassExoticMethods = qjs::JSClassExoticMethods {
    get_own_property: Some(scope_get_own_property),
    get_own_property_names: Some(scope_get_own_property_names),
    delete_property: Some(scope_delete_property),
    define_own_property: None,
    has_property: Some(scope_has_property),
    get_property: None,
    set_property: Some(scope_set_property),
};

static GLOBAL_CLASS_NAME: &[u8] = b"Object\0";

/// The hooks a contextified global answers with (see [`super::layout::make_global_exotic`]). No
/// `has_property` (it would replace the whole walk, the global's own properties included) and
/// no `get_property` (it would make every unknown name `undefined` instead of a
/// `ReferenceError`).
static mut GLOBAL_EXOTIC: qjs::JSClassExoticMethods = qjs::JSClassExoticMethods {
    get_own_property: Some(global_get_own_property),
    get_own_property_names: Some(global_get_own_property_names),
    delete_property: Some(global_delete_property),
    define_own_property: Some(global_define_own_property),
    has_property: None,
    get_property: None,
    set_property: Some(global_set_property),
};

/// The classes of a runtime's contextified globals.
#[derive(Clone, Copy)]
pub(crate) struct Classes {
    pub(crate) scope: qjs::JSClassID,
    /// The class a context's global is switched to, when the object layout checked out (see
    /// [`super::layout::layout_holds`]); `None` keeps globals plain, with the gaps docs/design.md lists.
    pub(crate) global: Option<qjs::JSClassID>,
}

/// Registers the scope class and the global class in a runtime. The global class's id is the
/// scope's plus one: its hooks find the scope (their data) from that alone.
pub(crate) fn register_classes(raw_rt: *mut qjs::JSRuntime) -> Classes {
    unsafe {
        let mut id: qjs::JSClassID = 0;
        qjs::JS_NewClassID(raw_rt, &mut id);
        let def = qjs::JSClassDef {
            class_name: CLASS_NAME.as_ptr().cast(),
            finalizer: Some(scope_finalizer),
            gc_mark: Some(scope_mark),
            call: None,
            exotic: ptr::addr_of_mut!(SCOPE_EXOTIC),
        };
        qjs::JS_NewClass(raw_rt, id, &def);
        let mut global: qjs::JSClassID = 0;
        qjs::JS_NewClassID(raw_rt, &mut global);
        // No finalizer, no gc_mark, no opaque: the global was made a plain object, and that is
        // all it ever holds.
        let def = qjs::JSClassDef {
            class_name: GLOBAL_CLASS_NAME.as_ptr().cast(),
            finalizer: None,
            gc_mark: None,
            call: None,
            exotic: ptr::addr_of_mut!(GLOBAL_EXOTIC),
        };
        let registered = qjs::JS_NewClass(raw_rt, global, &def) == 0;
        Classes {
            scope: id,
            global: (registered && global == id + 1).then_some(global),
        }
    }
}

unsafe extern "C" fn scope_finalizer(rt: *mut qjs::JSRuntime, val: qjs::JSValue) {
    let mut id: qjs::JSClassID = 0;
    let p = qjs::JS_GetAnyOpaque(val, &mut id) as *mut ScopeData;
    if !p.is_null() {
        let d = Box::from_raw(p);
        qjs::JS_FreeValueRT(rt, d.sandbox);
        qjs::JS_FreeValueRT(rt, d.global);
        for v in &d.values {
            qjs::JS_FreeValueRT(rt, v.get());
        }
        qjs::JS_FreeValueRT(rt, d.console.get());
        qjs::JS_FreeValueRT(rt, d.real.get());
        qjs::JS_FreeValueRT(rt, d.anchor);
        qjs::JS_FreeValueRT(rt, d.holder);
        qjs::JS_FreeValueRT(rt, d.array_to_string.get());
    }
}

unsafe extern "C" fn scope_mark(
    rt: *mut qjs::JSRuntime,
    val: qjs::JSValue,
    mark: qjs::JS_MarkFunc,
) {
    if let Some(d) = data(val) {
        qjs::JS_MarkValue(rt, d.sandbox, mark);
        qjs::JS_MarkValue(rt, d.global, mark);
        for v in &d.values {
            qjs::JS_MarkValue(rt, v.get(), mark);
        }
        qjs::JS_MarkValue(rt, d.console.get(), mark);
        qjs::JS_MarkValue(rt, d.real.get(), mark);
        qjs::JS_MarkValue(rt, d.anchor, mark);
        qjs::JS_MarkValue(rt, d.holder, mark);
        qjs::JS_MarkValue(rt, d.array_to_string.get(), mark);
    }
}
