//! `WeakRef`'s target kept alive until the end of the job that made it (ECMAScript's
//! `AddToKeptObjects` / `ClearKeptObjects`), as V8 keeps it.
//!
//! The engine counts references: a WeakRef holds no count of its target, so an object only a
//! new WeakRef points at was freed as soon as the constructor returned, and
//! `new WeakRef({}).deref()` gave `undefined` (undici's `fetch` resolved with it:
//! `p.resolve(new WeakRef(response).deref())`). Each realm's `WeakRef` is a wrapper of the
//! engine's constructor (its C function, called directly, so subclasses and `new.target` work
//! as before) that also puts the target in the runtime's kept list; the list is let go when
//! the host's promise jobs have all run (`jobs::run_host_job` finding none: a microtask
//! checkpoint, where V8 clears it), when the jobs are discarded, and with the runtime.
//!
//! The list holds each object once (by address): a loop making WeakRefs of one object grows
//! it by nothing; each object in it is a live engine object, counted by the memory limit.

use std::ffi::c_int;

use rquickjs::{qjs, Ctx, JsLifetime};

use crate::natives::{self, Args, NativeTable};

/// The engine's `WeakRef` constructor, read once per process.
static NATIVES: NativeTable = NativeTable::new();

/// Objects kept alive until the host's next microtask checkpoint: the runtime's userdata,
/// stored when the runtime is made (without it, nothing is kept).
#[derive(Default)]
pub(crate) struct KeptObjects {
    values: std::cell::RefCell<Vec<qjs::JSValue>>,
    seen: std::cell::RefCell<std::collections::HashSet<usize>>,
}

unsafe impl<'js> JsLifetime<'js> for KeptObjects {
    type Changed<'to> = KeptObjects;
}

/// Puts the realm's `WeakRef` (on `builtins`, the object the engine defined it on) in place of
/// the engine's: same name, length and prototype (whose `constructor` it becomes). When the
/// engine's function could not be read, the engine's stays. False on an exception.
///
/// # Safety
/// `c` is a live realm whose WeakRef group was just added on `builtins` (borrowed), before any
/// code could read it.
pub(crate) unsafe fn install(c: *mut qjs::JSContext, builtins: qjs::JSValue) -> bool {
    let original = qjs::JS_GetPropertyStr(c, builtins, c"WeakRef".as_ptr());
    if qjs::JS_IsException(original) {
        return false;
    }
    let known = NATIVES
        .get_with(c, || {
            natives::constructor_native(c, original, 1).map(|n| vec![n])
        })
        .is_some();
    if !known {
        qjs::JS_FreeValue(c, original);
        return true;
    }
    let proto = qjs::JS_GetPropertyStr(c, original, c"prototype".as_ptr());
    qjs::JS_FreeValue(c, original);
    if qjs::JS_IsException(proto) {
        return false;
    }
    let wrapper = qjs::JS_NewCFunction2(
        c,
        Some(construct),
        c"WeakRef".as_ptr(),
        1,
        qjs::JSCFunctionEnum_JS_CFUNC_constructor_or_func,
        0,
    );
    if qjs::JS_IsException(wrapper) {
        qjs::JS_FreeValue(c, proto);
        return false;
    }
    // `prototype` (fixed) and the prototype's `constructor` (writable, configurable), as the
    // engine sets them for its constructors.
    let ok = qjs::JS_SetConstructor(c, wrapper, proto) >= 0;
    qjs::JS_FreeValue(c, proto);
    if !ok {
        qjs::JS_FreeValue(c, wrapper);
        return false;
    }
    let flags = (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int;
    qjs::JS_DefinePropertyValueStr(c, builtins, c"WeakRef".as_ptr(), wrapper, flags) >= 0
}

/// `new WeakRef(target)`: the engine's constructor, then `target` kept.
unsafe extern "C" fn construct(
    ctx: *mut qjs::JSContext,
    new_target: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    // V8's words (the engine's: "constructor requires 'new'").
    if qjs::JS_IsUndefined(new_target) {
        return qjs::JS_ThrowTypeError(ctx, c"Constructor WeakRef requires 'new'".as_ptr());
    }
    let native = match NATIVES.known(ctx, 0) {
        Ok(native) => native,
        Err(e) => return e,
    };
    // Borrowed: the engine's constructor takes its arguments as the call gave them.
    let mut args: Args = (0..argc.max(0) as usize).map(|i| *argv.add(i)).collect();
    let made = natives::call(ctx, native, new_target, &mut args);
    if !qjs::JS_IsException(made) && argc > 0 {
        keep(ctx, *argv);
    }
    made
}

/// Keeps `value` (borrowed; an object or symbol the engine accepted as a target) alive until
/// the list is let go.
unsafe fn keep(ctx: *mut qjs::JSContext, value: qjs::JSValue) {
    let Some(raw) = std::ptr::NonNull::new(ctx) else {
        return;
    };
    let ctx = Ctx::from_raw(raw);
    let Some(kept) = ctx.userdata::<KeptObjects>() else {
        return;
    };
    let key = qjs::JS_VALUE_GET_PTR(value) as usize;
    if key == 0 || !kept.seen.borrow_mut().insert(key) {
        return;
    }
    kept.values
        .borrow_mut()
        .push(qjs::JS_DupValue(ctx.as_raw().as_ptr(), value));
}

/// Lets go of the objects kept (`ClearKeptObjects`): those nothing else holds are freed now.
/// Runs no JavaScript (a FinalizationRegistry's callback is queued as a job).
pub(crate) fn clear(ctx: &Ctx<'_>) {
    let Some(kept) = ctx.userdata::<KeptObjects>() else {
        return;
    };
    if kept.values.borrow().is_empty() {
        return;
    }
    let values = std::mem::take(&mut *kept.values.borrow_mut());
    kept.seen.borrow_mut().clear();
    drop(kept);
    for v in values {
        // SAFETY: each value was duplicated by `keep` in a realm of this runtime.
        unsafe { qjs::JS_FreeValue(ctx.as_raw().as_ptr(), v) };
    }
}
