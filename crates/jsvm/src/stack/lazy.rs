//! V8's lazily formatted `stack`: an own, non-enumerable property of each error whose
//! `Name: message` header is read when `stack` is first read (then kept), so a `name` or
//! `message` set after the error was made is seen, as in Node.
//!
//! The engine stores an error's stack in the object itself, read through an accessor on
//! `Error.prototype`, and `Error.captureStackTrace` defines a data property with the text made
//! then. Here the formatter keeps the frames' text (formatted when the error is made, inside
//! the run) and gives the error an own accessor, a function of the error's own realm holding
//! that text; its first read adds the header. The read runs no JavaScript (it may come from the
//! host after the run, or from another realm): `name` and `message` are taken only from data
//! properties of ordinary objects along the prototype chain, and only primitives; otherwise
//! the header read when the error was made is used.

use std::cell::RefCell;
use std::ffi::c_int;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};

use rquickjs::{qjs, Ctx, FromJs, Value};

use crate::runtime::state::RuntimeState;

const JS_CLASS_OBJECT: u32 = 1;
const JS_CLASS_ERROR: u32 = 3;

/// The `captureStackTrace` call in progress on this thread (see [`capture`]).
struct Capture {
    /// The target's address, by which the formatter knows it.
    target: usize,
    /// Code passed a function to start the frames from.
    user_filter: bool,
    /// That function's name (an own data string), which the first frame kept called.
    filter_name: Option<String>,
    /// The accessor the formatter made for the target, to replace the engine's data property.
    made: Option<qjs::JSValue>,
}

thread_local! {
    static CAPTURE: RefCell<Option<Capture>> = const { RefCell::new(None) };
}

/// Replaces the realm's `Error.captureStackTrace` by one that makes its target's `stack` lazy
/// too (the engine defines a data property after the formatter returns, so the formatter
/// cannot): one function per realm.
pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    error_ctor: &rquickjs::Object<'js>,
) -> rquickjs::Result<()> {
    let c = ctx.as_raw().as_ptr();
    unsafe {
        let atom = qjs::JS_NewAtom(c, c"captureStackTrace".as_ptr());
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(c, &mut desc, error_ctor.as_raw(), atom);
        if r <= 0 {
            qjs::JS_FreeAtom(c, atom);
            drop(ctx.catch());
            return Ok(()); // nothing to wrap
        }
        qjs::JS_FreeValue(c, desc.getter);
        qjs::JS_FreeValue(c, desc.setter);
        let mut data = [desc.value];
        // Made in the realm (`ctx`): its `Function.prototype`.
        let wrapper = qjs::JS_NewCFunctionData2(
            c,
            Some(capture),
            c"captureStackTrace".as_ptr(),
            2,
            0,
            1,
            data.as_mut_ptr(),
        );
        qjs::JS_FreeValue(c, desc.value);
        if qjs::JS_IsException(wrapper) {
            qjs::JS_FreeAtom(c, atom);
            return Err(rquickjs::Error::Exception);
        }
        let flags = qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE;
        let r = qjs::JS_DefinePropertyValue(c, error_ctor.as_raw(), atom, wrapper, flags as c_int);
        qjs::JS_FreeAtom(c, atom);
        if r < 0 {
            return Err(rquickjs::Error::Exception);
        }
    }
    Ok(())
}

/// `Error.captureStackTrace(target, filter)`: the engine's (data 0), then the target's data
/// property made lazy. The engine skips its own frame; this function's frame is dropped by the
/// formatter ([`capture_of`]).
unsafe extern "C" fn capture(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    let arg = |i: usize| {
        if (i as c_int) < argc {
            *argv.add(i)
        } else {
            qjs::JS_UNDEFINED
        }
    };
    let (target, filter) = (arg(0), arg(1));
    let target_ptr = match qjs::JS_VALUE_GET_TAG(target) == qjs::JS_TAG_OBJECT {
        true => qjs::JS_VALUE_GET_PTR(target) as usize,
        false => 0,
    };
    let user_filter = qjs::JS_IsFunction(ctx, filter);
    let filter_name = match user_filter {
        true => own_name(ctx, filter),
        false => None,
    };
    let previous = CAPTURE.with(|c| {
        c.borrow_mut().replace(Capture {
            target: target_ptr,
            user_filter,
            filter_name,
            made: None,
        })
    });
    let mut args = [target, filter];
    let r = qjs::JS_Call(ctx, *data, this, 2, args.as_mut_ptr());
    let done = CAPTURE.with(|c| std::mem::replace(&mut *c.borrow_mut(), previous));
    let Some(made) = done.and_then(|d| d.made) else {
        return r;
    };
    if !qjs::JS_IsException(r) && is_own_data(ctx, target, "stack") {
        // In place: the property keeps its position among the target's own.
        define_accessor(ctx, target, made);
    }
    qjs::JS_FreeValue(ctx, made);
    r
}

/// `function`'s own `name` when it is a data string, read without running code (none of a
/// proxy).
unsafe fn own_name(c: *mut qjs::JSContext, function: qjs::JSValue) -> Option<String> {
    if qjs::JS_IsProxy(function) {
        return None;
    }
    let ctx = Ctx::from_raw(NonNull::new(c)?);
    let function = Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, function));
    let name = crate::descriptor::own_named(&ctx, &function, "name")?;
    if name.is_accessor() {
        return None;
    }
    name.value.as_string()?.to_string().ok()
}

/// The name of the function code passed to the `captureStackTrace` in progress on `error`,
/// when the engine started the frames from it: the first frame is then a call of it.
pub(crate) fn capture_filter_name(error: &Value<'_>) -> Option<String> {
    capture_on(error, |c| c.filter_name.clone())
}

/// `Some(user_filter)` when `error` is the target of the `captureStackTrace` in progress, whose
/// call sites start with the wrapper's frame unless `user_filter` was found on the stack.
pub(crate) fn capture_of(error: &Value<'_>) -> Option<bool> {
    capture_on(error, |c| Some(c.user_filter))
}

/// What `read` gives of the `captureStackTrace` in progress when `error` is its target (and
/// its stack is not made yet).
fn capture_on<T>(error: &Value<'_>, read: impl FnOnce(&Capture) -> Option<T>) -> Option<T> {
    let ptr = error.as_object()?.as_raw();
    let ptr = unsafe { qjs::JS_VALUE_GET_PTR(ptr) } as usize;
    CAPTURE.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|c| c.target == ptr && c.made.is_none())
            .and_then(read)
    })
}

/// Whether `error` is an error that already has its own `stack`: the engine formats an
/// exception again in each realm it passes through, and drops the result when the error
/// holds one (nothing needs doing).
pub(crate) fn has_own_stack(error: &Value<'_>) -> bool {
    let Some(obj) = error.as_object() else {
        return false;
    };
    if unsafe { qjs::JS_GetClassID(obj.as_raw()) } != JS_CLASS_ERROR {
        return false;
    }
    unsafe { own_kind(obj.ctx().as_raw().as_ptr(), obj.as_raw(), c"stack") }.is_some()
}

/// The text of `error`'s own `stack` without running code: a data string, or what the lazy
/// accessor [`attach`] gave it returns. Any other accessor is code's (or a builtin's, which may
/// call code), and is not called: the accessor must be a function with data whose C function
/// is [`lazy_stack`] (its record read from the engine's object, whose layout the bytecode probe
/// checked; without it, nothing is called).
pub(crate) fn own_stack_text<'js>(ctx: &Ctx<'js>, error: &rquickjs::Object<'js>) -> Option<String> {
    const JS_CLASS_C_FUNCTION_DATA: u32 = 15;
    let getter = match super::own::own_descriptor(ctx, error, "stack", false)? {
        super::own::Own::Data(v) => return v.as_string().and_then(|s| s.to_string().ok()),
        super::own::Own::Accessor(g) => g,
    };
    let ours = getter.is_object()
        && unsafe { qjs::JS_GetClassID(getter.as_raw()) } == JS_CLASS_C_FUNCTION_DATA
        && unsafe { crate::frames::bytecode::object_union_pointer(&getter) }.is_some_and(
            |record| {
                // `JSCFunctionDataRecord.func`, its first field.
                let func = unsafe { std::ptr::read_unaligned(record as *const usize) };
                func == lazy_stack as *const () as usize
            },
        );
    if !ours {
        return None;
    }
    let c = ctx.as_raw().as_ptr();
    let got = unsafe {
        Value::from_raw(
            ctx.clone(),
            qjs::JS_Call(c, getter.as_raw(), error.as_raw(), 0, std::ptr::null_mut()),
        )
    };
    if got.is_exception() {
        unsafe { drop_exception(c) };
        return None;
    }
    got.as_string().and_then(|s| s.to_string().ok())
}

/// Gives `error` its stack `value` made at once (code's own `Error.prepareStackTrace`, the main
/// context's, an error the library makes): an own non-enumerable data property, listed first,
/// as V8's. Returns what the engine is given (it stores it where no own `stack` was defined,
/// and defines it on the target of `captureStackTrace`).
pub(crate) fn fixed<'js>(error: &Value<'js>, capture: bool, value: Value<'js>) -> Value<'js> {
    if !capture && is_error(error) {
        let ctx = error.ctx().as_raw().as_ptr();
        let flags = qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE;
        unsafe {
            define_first(ctx, error.as_raw(), |atom| {
                let v = qjs::JS_DupValue(ctx, value.as_raw());
                qjs::JS_DefinePropertyValue(ctx, error.as_raw(), atom, v, flags as c_int)
            })
        };
    }
    value
}

/// Gives `error` the `stack` its realm's own `Error.prepareStackTrace` (`formatter`, called
/// with `this` and `sites`) made at once, `value`, to be made again if the error's `name` or
/// `message` has changed when code of the error's realm first reads it: V8 formats the stack
/// on first read, so a message set after the error was made is the one its formatter sees
/// (jest sets the message of errors made in advance). A read by anything else (the host after
/// the run, another realm) gets `value`, and runs nothing. Returns what the engine is given.
pub(crate) fn refreshable<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    capture: bool,
    value: Value<'js>,
    formatter: &rquickjs::Function<'js>,
    this: &Value<'js>,
    sites: &Value<'js>,
) -> rquickjs::Result<Value<'js>> {
    let c = ctx.as_raw().as_ptr();
    let ordinary = error.as_object().is_some_and(|o| unsafe {
        let class = qjs::JS_GetClassID(o.as_raw());
        !qjs::JS_IsProxy(o.as_raw()) && (class == JS_CLASS_OBJECT || class == JS_CLASS_ERROR)
    }) && (capture || is_error(error));
    let head = unsafe { read_header(c, error.as_raw()) };
    let Some(head) = head.filter(|_| ordinary) else {
        return Ok(fixed(error, capture, value));
    };
    let head = rquickjs::String::from_str(ctx.clone(), &head)?;
    let accessor = unsafe {
        let proto = qjs::JS_GetFunctionProto(c);
        let mut data = [
            head.as_raw(),
            value.as_raw(),
            qjs::JS_UNDEFINED,
            formatter.as_raw(),
            this.as_raw(),
            sites.as_raw(),
            proto,
        ];
        // Of the realm of `ctx` (the error's): code reaches it through the property.
        let f = qjs::JS_NewCFunctionData(c, Some(refreshed_stack), 0, 0, 7, data.as_mut_ptr());
        qjs::JS_FreeValue(c, proto);
        f
    };
    let held = place_accessor(c, error, capture, accessor)?;
    Ok(match held || capture {
        true => value,
        false => fixed(error, false, value),
    })
}

/// Where a stack accessor made for `error` goes (owned `accessor`, or an exception): handed to
/// the `captureStackTrace` in progress (`capture`), or defined as `error`'s own `stack`, first.
/// `Ok(true)` when `error` holds it now (the engine then drops what it is given).
fn place_accessor(
    ctx: *mut qjs::JSContext,
    error: &Value<'_>,
    capture: bool,
    accessor: qjs::JSValue,
) -> rquickjs::Result<bool> {
    if unsafe { qjs::JS_IsException(accessor) } {
        return Err(rquickjs::Error::Exception);
    }
    ACCESSOR_CLASS.store(unsafe { qjs::JS_GetClassID(accessor) }, Ordering::Relaxed);
    // The builtins that read it as data, before code can see it (as_data.rs).
    if let Some(before) = BEFORE_ACCESSOR.get() {
        unsafe { before(ctx) };
    }
    if capture {
        // The `captureStackTrace` wrapper puts it in place of the engine's data property.
        if !keep_for_capture(error, accessor) {
            unsafe { qjs::JS_FreeValue(ctx, accessor) };
        }
        return Ok(false);
    }
    Ok(unsafe {
        let ok = define_first(ctx, error.as_raw(), |atom| {
            accessor_define(ctx, error.as_raw(), atom, accessor)
        });
        qjs::JS_FreeValue(ctx, accessor);
        ok
    })
}

/// After a stack accessor's first read: `obj`'s own `stack` becomes the data property V8's is,
/// holding `value` (borrowed), if it is still the accessor whose data is `data` (unless the
/// error is frozen).
unsafe fn settle_read(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    data: *mut qjs::JSValue,
    value: qjs::JSValue,
) {
    if !is_own_accessor(ctx, obj, data) {
        return;
    }
    let atom = qjs::JS_NewAtom(ctx, c"stack".as_ptr());
    let flags = qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE;
    let v = qjs::JS_DupValue(ctx, value);
    if qjs::JS_DefinePropertyValue(ctx, obj, atom, v, flags as c_int) < 0 {
        drop_exception(ctx);
    }
    qjs::JS_FreeAtom(ctx, atom);
}

/// Hands `accessor` (owned) to the `captureStackTrace` call in progress on `target`; false
/// when there is none (the caller frees it).
fn keep_for_capture(target: &Value<'_>, accessor: qjs::JSValue) -> bool {
    let target = unsafe { qjs::JS_VALUE_GET_PTR(target.as_raw()) } as usize;
    CAPTURE.with(|cell| match cell.borrow_mut().as_mut() {
        Some(k) if k.target == target && k.made.is_none() => {
            k.made = Some(accessor);
            true
        }
        _ => false,
    })
}

/// The `stack` of [`refreshable`], getter and setter. Data: the header when made, the value
/// made then, whether it was read, the formatter, its `this`, the sites, and the realm's
/// `Function.prototype` (a function with data runs in its caller's realm: this tells them).
unsafe extern "C" fn refreshed_stack(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    if argc > 0 {
        return set_stack(ctx, this, *argv);
    }
    if qjs::JS_VALUE_GET_TAG(*data.add(2)) == qjs::JS_TAG_BOOL {
        return qjs::JS_DupValue(ctx, *data.add(1));
    }
    // Code of the error's realm reads it: the caller's frame (under this getter's own) is
    // JavaScript, run in this realm. A read by the library (no JavaScript frame, or a host
    // function's) or by another realm's code runs nothing.
    let caller_proto = qjs::JS_GetFunctionProto(ctx);
    let same_realm = qjs::JS_VALUE_GET_PTR(caller_proto) == qjs::JS_VALUE_GET_PTR(*data.add(6));
    qjs::JS_FreeValue(ctx, caller_proto);
    // Read through a wrapper of as_data.rs: the code calling it is one frame further.
    let level = 1 + take_settling() as c_int;
    let by_code = {
        let caller = qjs::JS_GetScriptOrModuleName(ctx, level);
        qjs::JS_FreeAtom(ctx, caller);
        caller != qjs::JS_ATOM_NULL
    };
    if !same_realm || !by_code {
        return qjs::JS_DupValue(ctx, *data.add(1));
    }
    let made = {
        let Some(c) = NonNull::new(ctx) else {
            return qjs::JS_UNDEFINED;
        };
        let rctx = Ctx::from_raw(c);
        Value::from_raw(rctx, qjs::JS_DupValue(ctx, *data))
            .as_string()
            .and_then(|s| s.to_string().ok())
    };
    let changed = read_header(ctx, this).is_some_and(|now| Some(now) != made);
    // Read once: a read from inside the formatter gets the first value, and the formatter,
    // its `this` and the sites are let go after.
    *data.add(2) = qjs::JS_TRUE;
    let [formatter, formatter_this, sites] =
        [3, 4, 5].map(|i| std::mem::replace(&mut *data.add(i), qjs::JS_UNDEFINED));
    let again = match changed {
        true => {
            let mut args = [this, sites];
            qjs::JS_Call(ctx, formatter, formatter_this, 2, args.as_mut_ptr())
        }
        false => qjs::JS_UNDEFINED,
    };
    for v in [formatter, formatter_this, sites] {
        qjs::JS_FreeValue(ctx, v);
    }
    if qjs::JS_IsException(again) {
        return again;
    }
    if changed {
        qjs::JS_FreeValue(ctx, std::mem::replace(&mut *data.add(1), again));
    }
    settle_read(ctx, this, data, *data.add(1));
    qjs::JS_DupValue(ctx, *data.add(1))
}

/// Gives `error` (of the realm of `ctx`, an ordinary object) a lazy stack: `header` is the one
/// read when it was made (kept for when `name` or `message` cannot be read without running
/// code), `frames` the text after it. Returns what the engine is given.
pub(crate) fn attach<'js>(
    ctx: &Ctx<'js>,
    error: &Value<'js>,
    capture: bool,
    header: String,
    frames: String,
) -> rquickjs::Result<Value<'js>> {
    let c = ctx.as_raw().as_ptr();
    let whole = |ctx: &Ctx<'js>| {
        rquickjs::String::from_str(ctx.clone(), &format!("{header}{frames}"))
            .map(|s| s.into_value())
    };
    let ordinary = error.as_object().is_some_and(|o| unsafe {
        let class = qjs::JS_GetClassID(o.as_raw());
        !qjs::JS_IsProxy(o.as_raw()) && (class == JS_CLASS_OBJECT || class == JS_CLASS_ERROR)
    });
    if !ordinary || (!capture && !is_error(error)) {
        return whole(ctx);
    }
    let head = rquickjs::String::from_str(ctx.clone(), &header)?;
    let tail = rquickjs::String::from_str(ctx.clone(), &frames)?;
    let accessor = unsafe {
        let mut data = [head.as_raw(), tail.as_raw(), qjs::JS_UNDEFINED];
        // Of the realm of `ctx` (the error's): code reaches it through the property.
        qjs::JS_NewCFunctionData(c, Some(lazy_stack), 0, 0, 3, data.as_mut_ptr())
    };
    match place_accessor(c, error, capture, accessor)? {
        // The engine drops what it is given now (the error holds its own `stack`).
        true => Ok(tail.into_value()),
        false => whole(ctx),
    }
}

fn is_error(v: &Value<'_>) -> bool {
    v.as_object()
        .is_some_and(|o| unsafe { qjs::JS_GetClassID(o.as_raw()) } == JS_CLASS_ERROR)
}

/// The properties the engine gives an error before its stack, which V8 lists after `stack`.
const MADE_BEFORE: [&std::ffi::CStr; 5] =
    [c"message", c"cause", c"errors", c"error", c"suppressed"];

/// Room left under the memory limit for [`define_first`] to move properties (their shape
/// grows by a few slots).
const ROOM_TO_MOVE: usize = 16 << 10;

/// Defines `stack` on `obj` with `define` (given the atom), before the own properties the
/// engine made the error with (moved after it, keeping their values and attributes). Whether
/// it was defined.
unsafe fn define_first(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    define: impl FnOnce(qjs::JSAtom) -> c_int,
) -> bool {
    let mut moved = Vec::new();
    // A property moved is deleted and defined again: that must not fail half way (the
    // engine's out-of-memory error would lose its message).
    let movable = qjs::JS_IsExtensible(ctx, obj) > 0 && {
        let rctx = Ctx::from_raw(NonNull::new_unchecked(ctx));
        RuntimeState::of(&rctx).heap.has_room(ROOM_TO_MOVE)
    };
    for key in MADE_BEFORE.iter().filter(|_| movable) {
        let atom = qjs::JS_NewAtom(ctx, key.as_ptr());
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(ctx, &mut desc, obj, atom);
        if r < 0 {
            drop_exception(ctx);
        }
        let movable = r > 0
            && desc.flags & qjs::JS_PROP_GETSET as c_int == 0
            && desc.flags & qjs::JS_PROP_CONFIGURABLE as c_int != 0;
        if r > 0 {
            qjs::JS_FreeValue(ctx, desc.getter);
            qjs::JS_FreeValue(ctx, desc.setter);
        }
        if movable && qjs::JS_DeleteProperty(ctx, obj, atom, 0) > 0 {
            moved.push((atom, desc.value, desc.flags));
        } else {
            if r > 0 {
                qjs::JS_FreeValue(ctx, desc.value);
            }
            qjs::JS_FreeAtom(ctx, atom);
        }
    }
    let stack = qjs::JS_NewAtom(ctx, c"stack".as_ptr());
    let r = define(stack);
    qjs::JS_FreeAtom(ctx, stack);
    if r < 0 {
        drop_exception(ctx);
    }
    for (atom, value, flags) in moved {
        let flags = flags & qjs::JS_PROP_C_W_E as c_int;
        if qjs::JS_DefinePropertyValue(ctx, obj, atom, value, flags) < 0 {
            drop_exception(ctx);
        }
        qjs::JS_FreeAtom(ctx, atom);
    }
    r > 0
}

/// Defines `stack` as the configurable, non-enumerable accessor `f` (getter and setter).
unsafe fn accessor_define(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    atom: qjs::JSAtom,
    f: qjs::JSValue,
) -> c_int {
    let flags = qjs::JS_PROP_HAS_GET
        | qjs::JS_PROP_HAS_SET
        | qjs::JS_PROP_HAS_CONFIGURABLE
        | qjs::JS_PROP_CONFIGURABLE
        | qjs::JS_PROP_HAS_ENUMERABLE;
    qjs::JS_DefineProperty(ctx, obj, atom, qjs::JS_UNDEFINED, f, f, flags as c_int)
}

unsafe fn define_accessor(ctx: *mut qjs::JSContext, obj: qjs::JSValue, f: qjs::JSValue) {
    let atom = qjs::JS_NewAtom(ctx, c"stack".as_ptr());
    if accessor_define(ctx, obj, atom, f) < 0 {
        drop_exception(ctx);
    }
    qjs::JS_FreeAtom(ctx, atom);
}

unsafe fn drop_exception(ctx: *mut qjs::JSContext) {
    qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
}

/// An own property's kind, read without running code (`None` also for a proxy).
#[derive(PartialEq)]
enum Kind {
    Data,
    Accessor,
}

unsafe fn own_kind(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    key: &std::ffi::CStr,
) -> Option<Kind> {
    if qjs::JS_IsProxy(obj) {
        return None;
    }
    let atom = qjs::JS_NewAtom(ctx, key.as_ptr());
    let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = qjs::JS_GetOwnProperty(ctx, &mut desc, obj, atom);
    qjs::JS_FreeAtom(ctx, atom);
    if r < 0 {
        drop_exception(ctx);
    }
    if r <= 0 {
        return None;
    }
    crate::descriptor::free(ctx, &desc);
    Some(match desc.flags & qjs::JS_PROP_GETSET as c_int != 0 {
        true => Kind::Accessor,
        false => Kind::Data,
    })
}

unsafe fn is_own_data(ctx: *mut qjs::JSContext, obj: qjs::JSValue, key: &str) -> bool {
    let Ok(key) = std::ffi::CString::new(key) else {
        return false;
    };
    qjs::JS_VALUE_GET_TAG(obj) == qjs::JS_TAG_OBJECT && own_kind(ctx, obj, &key) == Some(Kind::Data)
}

/// The lazy `stack`, getter (no argument) and setter (one) of one error. Data: the header read
/// when the error was made, the frames' text, and the whole text once read.
unsafe extern "C" fn lazy_stack(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    _magic: c_int,
    data: *mut qjs::JSValue,
) -> qjs::JSValue {
    take_settling();
    if argc > 0 {
        return set_stack(ctx, this, *argv);
    }
    let cached = *data.add(2);
    if qjs::JS_VALUE_GET_TAG(cached) == qjs::JS_TAG_STRING {
        return qjs::JS_DupValue(ctx, cached);
    }
    let Some(c) = NonNull::new(ctx) else {
        return qjs::JS_UNDEFINED;
    };
    let rctx = Ctx::from_raw(c);
    let string = |v: qjs::JSValue| {
        Value::from_raw(rctx.clone(), qjs::JS_DupValue(ctx, v))
            .as_string()
            .and_then(|s| s.to_string().ok())
            .unwrap_or_default()
    };
    let header = read_header(ctx, this).unwrap_or_else(|| string(*data));
    let text = header + &string(*data.add(1));
    let value = qjs::JS_NewStringLen(ctx, text.as_ptr().cast(), text.len() as _);
    if qjs::JS_IsException(value) {
        return value;
    }
    // Kept: later changes of `name` or `message` are not seen, as in V8.
    qjs::JS_FreeValue(ctx, *data.add(2));
    *data.add(2) = qjs::JS_DupValue(ctx, value);
    settle_read(ctx, this, data, value);
    value
}

/// `obj`'s own `stack` when it is a configurable accessor of an ordinary object (no proxy, a
/// plain object or an error): the descriptor (owned values) and the getter's data record
/// (`JS_GetAnyOpaque`, with its class), read without running code.
unsafe fn own_stack_accessor(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
) -> Option<(qjs::JSPropertyDescriptor, usize, qjs::JSClassID)> {
    if qjs::JS_VALUE_GET_TAG(obj) != qjs::JS_TAG_OBJECT || qjs::JS_IsProxy(obj) {
        return None;
    }
    let class = qjs::JS_GetClassID(obj);
    if !(class == JS_CLASS_OBJECT || class == JS_CLASS_ERROR) {
        return None;
    }
    let atom = qjs::JS_NewAtom(ctx, c"stack".as_ptr());
    let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let r = qjs::JS_GetOwnProperty(ctx, &mut desc, obj, atom);
    qjs::JS_FreeAtom(ctx, atom);
    if r < 0 {
        drop_exception(ctx);
    }
    if r <= 0 {
        return None;
    }
    let accessor = desc.flags & qjs::JS_PROP_GETSET as c_int != 0
        && desc.flags & qjs::JS_PROP_CONFIGURABLE as c_int != 0;
    if !accessor {
        crate::descriptor::free(ctx, &desc);
        return None;
    }
    let mut getter_class = 0;
    let record = qjs::JS_GetAnyOpaque(desc.getter, &mut getter_class) as usize;
    Some((desc, record, getter_class))
}

/// What must be done in a realm before one of its errors gets a lazy accessor (as_data.rs
/// patches the builtins that read it as data). Set once per process.
pub(super) static BEFORE_ACCESSOR: std::sync::OnceLock<unsafe fn(*mut qjs::JSContext)> =
    std::sync::OnceLock::new();

thread_local! {
    /// Set while a builtin of as_data.rs reads a stack: the getter's caller is then the
    /// builtin's frame, and the code that called the builtin is one frame further.
    static SETTLING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read` (a call of a lazy getter) as a read by the code calling the builtin running now.
pub(super) fn read_for_builtin<R>(read: impl FnOnce() -> R) -> R {
    SETTLING.with(|s| s.set(true));
    let r = read();
    SETTLING.with(|s| s.set(false));
    r
}

/// Whether the stack getter running now was called by [`read_for_builtin`] (cleared by reading
/// it).
fn take_settling() -> bool {
    SETTLING.with(|s| s.replace(false))
}

/// The getter (owned) of `obj`'s own `stack` when it is a lazy accessor of [`attach`] or
/// [`refreshable`] still configurable (one to read as data, see as_data.rs), read without
/// running code.
pub(super) unsafe fn own_lazy_getter(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
) -> Option<qjs::JSValue> {
    const JS_CLASS_C_FUNCTION_DATA: u32 = 15;
    let (desc, record, getter_class) = own_stack_accessor(ctx, obj)?;
    // `JSCFunctionDataRecord.func`, its first field.
    let ours = getter_class == JS_CLASS_C_FUNCTION_DATA && record != 0 && {
        let func = std::ptr::read_unaligned(record as *const usize);
        func == lazy_stack as *const () as usize || func == refreshed_stack as *const () as usize
    };
    qjs::JS_FreeValue(ctx, desc.value);
    qjs::JS_FreeValue(ctx, desc.setter);
    match ours {
        true => Some(desc.getter),
        false => {
            qjs::JS_FreeValue(ctx, desc.getter);
            None
        }
    }
}

/// The class of the accessors [`attach`] makes (the engine's class of functions with data).
static ACCESSOR_CLASS: AtomicU32 = AtomicU32::new(0);

/// Whether `obj`'s own `stack` is the accessor whose data is `data`, and configurable (a
/// function with data keeps it after a header of a few bytes, in one allocation: no other
/// accessor's is that close).
unsafe fn is_own_accessor(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    data: *mut qjs::JSValue,
) -> bool {
    let Some((desc, record, getter_class)) = own_stack_accessor(ctx, obj) else {
        return false;
    };
    let ours = getter_class != 0
        && getter_class == ACCESSOR_CLASS.load(Ordering::Relaxed)
        && (data as usize)
            .checked_sub(record)
            .is_some_and(|d| d > 0 && d <= 32);
    crate::descriptor::free(ctx, &desc);
    ours
}

/// `error.stack = value`, as V8's own data property takes it: the error's own `stack` becomes
/// `value`, still not enumerable; an object inheriting the error gets an own enumerable one.
unsafe fn set_stack(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    value: qjs::JSValue,
) -> qjs::JSValue {
    if qjs::JS_VALUE_GET_TAG(this) != qjs::JS_TAG_OBJECT {
        return qjs::JS_UNDEFINED;
    }
    let mut flags = qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE;
    if own_kind(ctx, this, c"stack").is_none() {
        flags |= qjs::JS_PROP_ENUMERABLE;
    }
    let atom = qjs::JS_NewAtom(ctx, c"stack".as_ptr());
    let r = qjs::JS_DefinePropertyValue(
        ctx,
        this,
        atom,
        qjs::JS_DupValue(ctx, value),
        flags as c_int,
    );
    qjs::JS_FreeAtom(ctx, atom);
    // Refused (a frozen error): ignored, as an assignment in sloppy code.
    match r < 0 {
        true => qjs::JS_EXCEPTION,
        false => qjs::JS_UNDEFINED,
    }
}

/// `error`'s `Name: message` now, read as the lazy accessor reads it (data properties only,
/// running no code); `None` when it cannot be read so.
pub(crate) fn header_now(error: &rquickjs::Object<'_>) -> Option<String> {
    unsafe { read_header(error.ctx().as_raw().as_ptr(), error.as_raw()) }
}

/// V8's `Name: message` of `obj` now, when both read as data (see the module's comment).
unsafe fn read_header(ctx: *mut qjs::JSContext, obj: qjs::JSValue) -> Option<String> {
    if qjs::JS_VALUE_GET_TAG(obj) != qjs::JS_TAG_OBJECT {
        return None;
    }
    let name = data_text(ctx, obj, c"name")?.unwrap_or_else(|| "Error".into());
    let message = data_text(ctx, obj, c"message")?.unwrap_or_default();
    Some(match (name.is_empty(), message.is_empty()) {
        (_, true) => name,
        (true, false) => message,
        (false, false) => format!("{name}: {message}"),
    })
}

/// `obj[key]` as text, read along the prototype chain of ordinary objects from data
/// properties only: `Some(None)` when undefined, `None` when it cannot be read so (an accessor,
/// a proxy or exotic object, an object or symbol value).
unsafe fn data_text(
    ctx: *mut qjs::JSContext,
    obj: qjs::JSValue,
    key: &std::ffi::CStr,
) -> Option<Option<String>> {
    let rctx = Ctx::from_raw(NonNull::new(ctx)?);
    let atom = qjs::JS_NewAtom(ctx, key.as_ptr());
    let mut at = Value::from_raw(rctx.clone(), qjs::JS_DupValue(ctx, obj));
    let mut found = None;
    // Chains are short; a bound keeps a crafted one from costing much.
    for _ in 0..32 {
        let Some(o) = at.as_object() else {
            found = Some(Value::new_undefined(rctx.clone()));
            break;
        };
        let class = qjs::JS_GetClassID(o.as_raw());
        if qjs::JS_IsProxy(o.as_raw()) || !(class == JS_CLASS_OBJECT || class == JS_CLASS_ERROR) {
            break;
        }
        let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
        let r = qjs::JS_GetOwnProperty(ctx, &mut desc, o.as_raw(), atom);
        if r < 0 {
            drop_exception(ctx);
            break;
        }
        if r > 0 {
            qjs::JS_FreeValue(ctx, desc.getter);
            qjs::JS_FreeValue(ctx, desc.setter);
            let value = Value::from_raw(rctx.clone(), desc.value);
            if desc.flags & qjs::JS_PROP_GETSET as c_int == 0 {
                found = Some(value);
            }
            break;
        }
        let next = o.get_prototype().map(|p| p.into_value());
        at = next.unwrap_or_else(|| Value::new_null(rctx.clone()));
    }
    qjs::JS_FreeAtom(ctx, atom);
    let value = found?;
    if value.is_undefined() {
        return Some(None);
    }
    if value.is_object() || value.is_symbol() {
        return None;
    }
    // A primitive: converted without running code.
    match rquickjs::Coerced::<String>::from_js(&rctx, value) {
        Ok(s) => Some(Some(s.0)),
        Err(_) => {
            drop(rctx.catch());
            None
        }
    }
}
