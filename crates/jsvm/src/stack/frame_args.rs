//! The arguments a builtin that refused was called with. V8's words for many refusals quote one
//! (`Invalid count value: -1`, `Object prototype may only be an Object or null: 1`), which the
//! engine's message lacks; while the engine makes the error, the builtin's own frame is still
//! the engine's current one, and holds them.
//!
//! The current frame is a field of the engine's runtime, which the API does not expose:
//! [`probe`] checks where it is once per process (a C function called with one argument finds
//! itself and that argument there), and until it has held nothing is read. A frame is read only
//! when its function is the very one the error's first call site names.

use std::ffi::c_int;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use rquickjs::{qjs, Ctx, Value};

/// `offsetof(JSRuntime, current_stack_frame)` in QuickJS-ng 0.16 (rquickjs-sys 0.14.0, pinned)
/// on 64-bit targets: eight words before `job_list` (job_queue.rs).
pub(super) const CURRENT_FRAME: usize = 1264;
/// In a `JSStackFrame`: `prev_frame`, `cur_func` (a value), `arg_buf`, and `arg_count` (after
/// `var_buf`, `var_refs`, `cur_pc` and the 16-bit `var_ref_count`).
pub(super) const PREV_FRAME: usize = 0;
pub(super) const CUR_FUNC: usize = 8;
pub(super) const ARG_BUF: usize = 24;
pub(super) const ARG_COUNT: usize = 58;

/// The most arguments read (the refusals quote one of the first few).
const MAX_ARGS: usize = 8;

/// 0: not probed; 1: the layout holds; 2: it does not.
pub(super) static LAYOUT: AtomicU8 = AtomicU8::new(0);
/// What the probe function found as the current frame's function (its object's address).
static PROBE_FOUND: AtomicUsize = AtomicUsize::new(0);
/// The argument the probe passes (an integer no frame field is likely to hold by chance).
const PROBE_ARG: i32 = 0x05ee_d0a7;

pub(super) unsafe fn current_frame(ctx: *mut qjs::JSContext) -> *const u8 {
    let rt = qjs::JS_GetRuntime(ctx) as *const u8;
    std::ptr::read_unaligned(rt.add(CURRENT_FRAME) as *const *const u8)
}

unsafe extern "C" fn probe_function(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let sf = current_frame(ctx);
    if argc == 1 && !sf.is_null() {
        let args = std::ptr::read_unaligned(sf.add(ARG_BUF) as *const *const qjs::JSValue);
        let count = std::ptr::read_unaligned(sf.add(ARG_COUNT) as *const u16);
        let func = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
        let arg = *argv;
        if std::ptr::eq(args, argv)
            && count == 1
            && qjs::JS_VALUE_GET_TAG(arg) == qjs::JS_TAG_INT
            && qjs::JS_VALUE_GET_INT(arg) == PROBE_ARG
            && qjs::JS_VALUE_GET_TAG(func) == qjs::JS_TAG_OBJECT
        {
            PROBE_FOUND.store(qjs::JS_VALUE_GET_PTR(func) as usize, Ordering::Relaxed);
        }
    }
    qjs::JS_UNDEFINED
}

/// Checks the layout once per process, in `ctx` (any realm of a runtime, no code running).
pub(crate) fn probe(ctx: &Ctx<'_>) {
    if LAYOUT.load(Ordering::Relaxed) != 0 {
        return;
    }
    let holds = std::mem::size_of::<usize>() == 8
        && std::mem::size_of::<qjs::JSValue>() == 16
        && unsafe {
            let c = ctx.as_raw().as_ptr();
            let f = qjs::JS_NewCFunction2(
                c,
                Some(probe_function),
                c"probe".as_ptr(),
                1,
                qjs::JSCFunctionEnum_JS_CFUNC_generic,
                0,
            );
            let mut arg = [qjs::JS_MKVAL(qjs::JS_TAG_INT, PROBE_ARG)];
            PROBE_FOUND.store(0, Ordering::Relaxed);
            let r = qjs::JS_Call(c, f, qjs::JS_UNDEFINED, 1, arg.as_mut_ptr());
            let found = PROBE_FOUND.load(Ordering::Relaxed);
            let holds = qjs::JS_IsObject(f)
                && !qjs::JS_IsException(r)
                && found != 0
                && found == qjs::JS_VALUE_GET_PTR(f) as usize
                && !frame_of(current_frame(c), found);
            qjs::JS_FreeValue(c, r);
            qjs::JS_FreeValue(c, f);
            if !holds {
                drop(ctx.catch());
            }
            holds
        };
    LAYOUT.store(if holds { 1 } else { 2 }, Ordering::Relaxed);
}

/// Whether `sf` is a frame of the function object at `func` (after the probe's call, the
/// current frame is no longer the probe's).
pub(super) unsafe fn frame_of(sf: *const u8, func: usize) -> bool {
    !sf.is_null() && {
        let f = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
        qjs::JS_VALUE_GET_TAG(f) == qjs::JS_TAG_OBJECT && qjs::JS_VALUE_GET_PTR(f) as usize == func
    }
}

/// The engine's C functions (`JS_CLASS_C_FUNCTION`) and bytecode functions (plain, generator,
/// async, async generator): the kinds of function whose frames hold their arguments (the
/// frames of other kinds of native function leave them unset).
const FRAMED_CLASSES: [u32; 5] = [12, 13, 17, 55, 59];

/// The arguments of the innermost running call of `func` (a C function or a bytecode
/// function), among the engine's current frame and the two below it (the formatter's own call
/// may have one), when the layout holds. A bytecode function's are as its frame holds them
/// (padded to its declared parameters).
pub(super) fn args_of<'js>(ctx: &Ctx<'js>, func: &Value<'js>) -> Option<Vec<Value<'js>>> {
    if LAYOUT.load(Ordering::Relaxed) != 1
        || !func.is_object()
        || !FRAMED_CLASSES.contains(&unsafe { qjs::JS_GetClassID(func.as_raw()) })
    {
        return None;
    }
    let target = unsafe { qjs::JS_VALUE_GET_PTR(func.as_raw()) } as usize;
    let c = ctx.as_raw().as_ptr();
    unsafe {
        let mut sf = current_frame(c);
        for _ in 0..3 {
            if sf.is_null() {
                return None;
            }
            if frame_of(sf, target) {
                let args = std::ptr::read_unaligned(sf.add(ARG_BUF) as *const *const qjs::JSValue);
                let count = std::ptr::read_unaligned(sf.add(ARG_COUNT) as *const u16) as usize;
                if args.is_null() {
                    return None;
                }
                // SAFETY: the frame holds `count` arguments while its call runs.
                return Some(
                    (0..count.min(MAX_ARGS))
                        .map(|i| Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, *args.add(i))))
                        .collect(),
                );
            }
            sf = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
        }
    }
    None
}
