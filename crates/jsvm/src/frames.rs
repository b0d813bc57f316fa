//! The engine's stack frames, read where its API gives no way: the current frame, a frame's
//! function, arguments and resume position (`bytecode.rs` reads a bytecode function's code,
//! name and position table).
//!
//! The arguments a builtin that refused was called with: V8's words for many refusals quote one
//! (`Invalid count value: -1`, `Object prototype may only be an Object or null: 1`), which the
//! engine's message lacks; while the engine makes the error, the builtin's own frame is still
//! the engine's current one, and holds them. The code that called `eval` or `new Function`
//! ([`caller_code`]): V8 names it in the frames of the code compiled (`eval at f (file:1:2)`).
//!
//! The current frame is a field of the engine's runtime, which the API does not expose:
//! [`probe`] checks where it is once per process (a C function called with one argument finds
//! itself and that argument there), and until it has held nothing is read. A frame is read only
//! when its function is the very one the error's first call site names.

use std::ffi::c_int;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use rquickjs::{qjs, Ctx, Value};

/// Which frames of a function's the default stack format leaves out (see
/// [`hide_frames`](crate::engine::hide_frames)): a host's own event loop, which Node's native
/// loop does not show.
///
/// ```
/// use jsvm::engine::HiddenFrames;
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let run: jsvm::engine::rquickjs::Function =
///         ctx.eval("(function loop(f) { return f(); })").unwrap();
///     jsvm::engine::hide_frames(&ctx, &run, HiddenFrames::Own).unwrap();
///     ctx.globals().set("loop", run).unwrap();
///     let stack: String = ctx
///         .eval("function job() { return new Error('x').stack } loop(job)")
///         .unwrap();
///     assert!(stack.contains("at job (") && !stack.contains("at loop ("), "{stack}");
/// });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HiddenFrames {
    /// The function's own frames.
    Own,
    /// The frames below the function's (the code that called it), not its own.
    Below,
    /// Its own frames and those below.
    OwnAndBelow,
}

pub(crate) mod awaiting;
pub(crate) mod bytecode;
pub(crate) mod layout_probe;

/// `offsetof(JSRuntime, current_stack_frame)` in QuickJS-ng 0.16 (rquickjs-sys 0.14.0, pinned)
/// on 64-bit targets: eight words before `job_list` (job_queue.rs).
const CURRENT_FRAME: usize = 1264;
/// In a `JSStackFrame`: `prev_frame`, `cur_func` (a value), `arg_buf`, `var_buf`, `var_refs`
/// (the engine places both right after the frame's operand stack), `cur_pc`, and `arg_count`
/// (after the 16-bit `var_ref_count`).
pub(crate) const PREV_FRAME: usize = 0;
pub(crate) const CUR_FUNC: usize = 8;
pub(crate) const ARG_BUF: usize = 24;
pub(crate) const VAR_BUF: usize = 32;
pub(crate) const VAR_REFS: usize = 40;
pub(crate) const CUR_PC: usize = 48;
pub(crate) const ARG_COUNT: usize = 58;

/// The most arguments read (the refusals quote one of the first few).
const MAX_ARGS: usize = 8;

/// 0: not probed; 1: the layout holds; 2: it does not.
pub(crate) static LAYOUT: AtomicU8 = AtomicU8::new(0);
/// What the probe function found as the current frame's function (its object's address).
static PROBE_FOUND: AtomicUsize = AtomicUsize::new(0);
/// The argument the probe passes (an integer no frame field is likely to hold by chance).
const PROBE_ARG: i32 = 0x05ee_d0a7;

pub(crate) unsafe fn current_frame(ctx: *mut qjs::JSContext) -> *const u8 {
    let rt = qjs::JS_GetRuntime(ctx) as *const u8;
    std::ptr::read_unaligned(rt.add(CURRENT_FRAME) as *const *const u8)
}

/// The function of the innermost frame (borrowed), when the layout holds.
///
/// # Safety
/// `ctx` is a live realm of the runtime; the value is valid while that frame runs.
pub(crate) unsafe fn current_function(ctx: *mut qjs::JSContext) -> Option<qjs::JSValue> {
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return None;
    }
    let sf = current_frame(ctx);
    if sf.is_null() {
        return None;
    }
    let f = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
    (qjs::JS_VALUE_GET_TAG(f) == qjs::JS_TAG_OBJECT).then_some(f)
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
    layout_probe::once(&LAYOUT, None, || unsafe {
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
    });
}

/// Whether `sf` is a frame of the function object at `func` (after the probe's call, the
/// current frame is no longer the probe's).
pub(crate) unsafe fn frame_of(sf: *const u8, func: usize) -> bool {
    !sf.is_null() && {
        let f = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
        qjs::JS_VALUE_GET_TAG(f) == qjs::JS_TAG_OBJECT && qjs::JS_VALUE_GET_PTR(f) as usize == func
    }
}

/// The engine's C functions (`JS_CLASS_C_FUNCTION`) and bytecode functions (plain, generator,
/// async, async generator): the kinds of function whose frames hold their arguments (the
/// frames of other kinds of native function leave them unset).
const FRAMED_CLASSES: [u32; 5] = [12, 13, 17, 55, 59];

/// The code that called what runs now (`eval`, `new Function`): the innermost frame of a
/// bytecode function among the engine's current ones (builtins' frames, as `Reflect.apply`'s,
/// are passed), when the layouts hold.
pub(crate) fn caller_code(ctx: *mut qjs::JSContext) -> Option<bytecode::CodeAt> {
    innermost_code(ctx, |_, _| true)
}

/// Where the exception passing through the innermost frame of a bytecode function was thrown
/// there: its position, unless the frame passes on an exception a `finally` saw (the
/// compiler's `throw`, not code's).
pub(crate) fn throwing_code(ctx: *mut qjs::JSContext) -> Option<bytecode::CodeAt> {
    // SAFETY: the frame is live while its code is read (see `innermost_code`).
    innermost_code(ctx, |f, pc| unsafe {
        !bytecode::rethrows_after_finally(f, pc)
    })
}

/// The innermost frame of a bytecode function, read when `keep` takes its function and
/// resume position.
fn innermost_code(
    ctx: *mut qjs::JSContext,
    keep: impl Fn(&Value<'_>, *const u8) -> bool,
) -> Option<bytecode::CodeAt> {
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return None;
    }
    // SAFETY: a live realm; frames are read as `args_of` reads them.
    unsafe {
        let rctx = Ctx::from_raw(std::ptr::NonNull::new(ctx)?);
        let mut sf = current_frame(ctx);
        for _ in 0..32 {
            if sf.is_null() {
                return None;
            }
            let func = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
            // A C function's frame leaves its position unset: only a bytecode one's is read.
            let pc = match is_bytecode_function(func) {
                true => std::ptr::read_unaligned(sf.add(CUR_PC) as *const *const u8),
                false => std::ptr::null(),
            };
            if !pc.is_null() {
                let f = Value::from_raw(rctx.clone(), qjs::JS_DupValue(ctx, func));
                if !keep(&f, pc) {
                    return None;
                }
                if let Some(mut at) = bytecode::code_at(&rctx, &f, pc) {
                    // A method's name is given when it is defined, not compiled.
                    if at.function.is_empty() {
                        at.function = own_name(&rctx, &f).unwrap_or_default();
                    }
                    return Some(at);
                }
            }
            sf = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
        }
    }
    None
}

/// Whether `v` is a bytecode function (plain, generator, async, async generator).
unsafe fn is_bytecode_function(v: qjs::JSValue) -> bool {
    qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_OBJECT
        && FRAMED_CLASSES[1..].contains(&qjs::JS_GetClassID(v))
}

/// A bytecode function's own `name`, when a string data property (read without running code).
unsafe fn own_name(ctx: &Ctx<'_>, func: &Value<'_>) -> Option<String> {
    let c = ctx.as_raw().as_ptr();
    let mut desc: qjs::JSPropertyDescriptor = std::mem::zeroed();
    let atom = qjs::JS_NewAtom(c, c"name".as_ptr());
    let r = qjs::JS_GetOwnProperty(c, &mut desc, func.as_raw(), atom);
    qjs::JS_FreeAtom(c, atom);
    if r < 0 {
        drop(ctx.catch());
    }
    if r <= 0 {
        return None;
    }
    let value = Value::from_raw(ctx.clone(), desc.value);
    drop(Value::from_raw(ctx.clone(), desc.getter));
    drop(Value::from_raw(ctx.clone(), desc.setter));
    crate::bounded_text::bounded_name(ctx, &value)
}

/// The innermost live frame of `func` among the engine's current frame and the two below it
/// (the formatter's own call may have one), when the layout holds.
unsafe fn frame_of_function(ctx: &Ctx<'_>, func: &Value<'_>) -> Option<*const u8> {
    if LAYOUT.load(Ordering::Relaxed) != 1
        || !func.is_object()
        || !FRAMED_CLASSES.contains(&qjs::JS_GetClassID(func.as_raw()))
    {
        return None;
    }
    let target = qjs::JS_VALUE_GET_PTR(func.as_raw()) as usize;
    let mut sf = current_frame(ctx.as_raw().as_ptr());
    for _ in 0..3 {
        if sf.is_null() {
            return None;
        }
        if frame_of(sf, target) {
            return Some(sf);
        }
        sf = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
    }
    None
}

/// The arguments of the engine's current frame when it is a builtin's (a C function's, as a
/// builtin compiling code is) and every one is a string, copied (at most `max_bytes` in all);
/// `None` otherwise or when the layout is unknown. Reads no property and runs no code.
///
/// # Safety
/// `ctx` must be a live context of the runtime whose frames are read.
pub(crate) unsafe fn builtin_string_args(
    ctx: *mut qjs::JSContext,
    max_bytes: usize,
) -> Option<Vec<String>> {
    const JS_CLASS_C_FUNCTION: u32 = 12;
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return None;
    }
    let sf = current_frame(ctx);
    if sf.is_null() {
        return None;
    }
    let func = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
    if qjs::JS_VALUE_GET_TAG(func) != qjs::JS_TAG_OBJECT
        || qjs::JS_GetClassID(func) != JS_CLASS_C_FUNCTION
    {
        return None;
    }
    let args = std::ptr::read_unaligned(sf.add(ARG_BUF) as *const *const qjs::JSValue);
    let count = std::ptr::read_unaligned(sf.add(ARG_COUNT) as *const u16) as usize;
    if args.is_null() && count > 0 {
        return None;
    }
    let mut out = Vec::with_capacity(count);
    let mut left = max_bytes;
    for i in 0..count {
        let v = *args.add(i);
        if qjs::JS_VALUE_GET_TAG(v) != qjs::JS_TAG_STRING {
            return None;
        }
        let mut len = 0;
        let s = qjs::JS_ToCStringLen(ctx, &mut len, v);
        if s.is_null() {
            qjs::JS_FreeValue(ctx, qjs::JS_GetException(ctx));
            return None;
        }
        let text = (len <= left)
            .then(|| std::str::from_utf8(std::slice::from_raw_parts(s.cast::<u8>(), len)).ok())
            .flatten()
            .map(str::to_owned);
        qjs::JS_FreeCString(ctx, s);
        left = left.saturating_sub(len);
        out.push(text?);
    }
    Some(out)
}

/// The instruction the innermost live frame of the bytecode function `func` is in, when it is
/// one of `ops`, and its operands: the values on top of its operand stack it pops, deepest
/// first, when the layouts hold. Reads no property and runs no code.
///
/// The engine gives the error of an instruction of bytecode its stack when the exception
/// reaches the frame's handler, after the instruction's own cleanup: only an instruction that
/// leaves its operands in place when it fails (`in`, `delete`, `to_object`, `for_of_start`)
/// may be in `ops` (an assignment has freed its object by then).
pub(crate) fn stopped_operands<'js>(
    ctx: &Ctx<'js>,
    func: &Value<'js>,
    ops: &[u8],
) -> Option<Vec<Value<'js>>> {
    let c = ctx.as_raw().as_ptr();
    let size = std::mem::size_of::<qjs::JSValue>();
    unsafe {
        let (sf, pc) = stopped_frame(ctx, func)?;
        let low = std::ptr::read_unaligned(sf.add(VAR_BUF) as *const *const qjs::JSValue) as usize;
        // The engine places `var_refs` right after the operand stack.
        let high =
            std::ptr::read_unaligned(sf.add(VAR_REFS) as *const *const qjs::JSValue) as usize;
        if low == 0 || high < low {
            return None;
        }
        let stopped = bytecode::stopped_in(func, pc, ops)?;
        let stack_buf = high.checked_sub(stopped.stack_size * size)?;
        let count = stopped.pops;
        let first = stopped.depth.checked_sub(count)?;
        let mut values = Vec::with_capacity(count);
        for k in 0..count {
            let at = stack_buf + (first + k) * size;
            if at < low || at + size > high {
                return None;
            }
            // SAFETY: a slot of the live frame's operand stack, below the depth the walk gave.
            let v = *(at as *const qjs::JSValue);
            values.push(Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, v)));
        }
        Some(values)
    }
}

/// The innermost live frame of the bytecode function `func` and its resume position, when
/// the layout holds.
unsafe fn stopped_frame(ctx: &Ctx<'_>, func: &Value<'_>) -> Option<(*const u8, *const u8)> {
    if !is_bytecode_function(func.as_raw()) {
        return None;
    }
    let sf = frame_of_function(ctx, func)?;
    let pc = std::ptr::read_unaligned(sf.add(CUR_PC) as *const *const u8);
    (!pc.is_null()).then_some((sf, pc))
}

/// The object of the assignment to a property the innermost live frame of the bytecode
/// function `func` is stopped past (see [`bytecode::assigned_operands`]), read from the local
/// variable, argument, captured or global variable it was pushed from (or the constant it
/// is), and its key read likewise (a `put_field`'s name), when the layouts hold. A variable
/// may have changed since: the caller checks the object is one that refuses the assignment.
pub(crate) fn assigned_object<'js>(
    ctx: &Ctx<'js>,
    func: &Value<'js>,
    global: Global<'_, 'js>,
) -> Option<(Value<'js>, Option<Value<'js>>)> {
    unsafe {
        let (sf, pc) = stopped_frame(ctx, func)?;
        let (object, key) = bytecode::assigned_operands(ctx, func, pc)?;
        let object = operand_value(ctx, sf, object, global)?;
        let key = key.and_then(|k| operand_value(ctx, sf, k, global));
        Some((object, key))
    }
}

/// How a global variable of the realm is read, by name, without running code (the layer
/// above knows the realm's scopes).
pub(crate) type Global<'a, 'js> = &'a dyn Fn(&str) -> Option<Value<'js>>;

/// The instruction the innermost live frame of the bytecode function `func` is stopped past,
/// when one of `ops`, and its operands read where they came from (see
/// [`bytecode::operand_sources`]; `None` for those not known).
pub(crate) fn operand_values<'js>(
    ctx: &Ctx<'js>,
    func: &Value<'js>,
    ops: &[u8],
    global: Global<'_, 'js>,
) -> Option<(u8, Vec<Option<Value<'js>>>)> {
    unsafe {
        let (sf, pc) = stopped_frame(ctx, func)?;
        let (op, sources) = bytecode::operand_sources(ctx, func, pc, ops)?;
        let values = sources
            .into_iter()
            .map(|s| s.and_then(|s| operand_value(ctx, sf, s, global)))
            .collect();
        Some((op, values))
    }
}

/// The first key of the nested object pattern whose `to_object` the innermost live frame of
/// the bytecode function `func` is stopped past (see [`bytecode::nested_pattern_key`]).
pub(crate) fn nested_pattern_key(ctx: &Ctx<'_>, func: &Value<'_>) -> Option<String> {
    unsafe {
        let (_, pc) = stopped_frame(ctx, func)?;
        bytecode::nested_pattern_key(ctx, func, pc)
    }
}

/// The value of an operand the frame `sf` pushed, read where it came from.
///
/// # Safety
/// `sf` must be the live frame the operand was read for.
unsafe fn operand_value<'js>(
    ctx: &Ctx<'js>,
    sf: *const u8,
    operand: bytecode::Operand<'js>,
    global: Global<'_, 'js>,
) -> Option<Value<'js>> {
    let c = ctx.as_raw().as_ptr();
    let size = std::mem::size_of::<qjs::JSValue>();
    let (is_arg, index) = match operand {
        bytecode::Operand::Slot(is_arg, index) => (is_arg, index),
        bytecode::Operand::Value(v) => return Some(v),
        bytecode::Operand::Global(name) => return global(&name),
    };
    let at = if is_arg {
        let args = std::ptr::read_unaligned(sf.add(ARG_BUF) as *const *const qjs::JSValue);
        let count = std::ptr::read_unaligned(sf.add(ARG_COUNT) as *const u16) as usize;
        (!args.is_null() && index < count).then(|| args.add(index))?
    } else {
        let low = std::ptr::read_unaligned(sf.add(VAR_BUF) as *const *const qjs::JSValue);
        // The locals and the operand stack end where the engine placed `var_refs`.
        let high =
            std::ptr::read_unaligned(sf.add(VAR_REFS) as *const *const qjs::JSValue) as usize;
        let at = low.wrapping_add(index);
        (!low.is_null() && (at as usize) + size <= high).then_some(at)?
    };
    // SAFETY: a variable of the live frame. One in its temporal dead zone holds the engine's
    // marker, no value to show.
    if qjs::JS_VALUE_GET_TAG(*at) == qjs::JS_TAG_UNINITIALIZED {
        return None;
    }
    Some(Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, *at)))
}

/// Where the innermost live frame of the bytecode function `func` resumes: just after the
/// call instruction it is in.
pub(crate) fn resume_pc_of(ctx: &Ctx<'_>, func: &Value<'_>) -> Option<*const u8> {
    unsafe {
        // A C function's frame leaves its position unset.
        if !is_bytecode_function(func.as_raw()) {
            return None;
        }
        let sf = frame_of_function(ctx, func)?;
        let pc = std::ptr::read_unaligned(sf.add(CUR_PC) as *const *const u8);
        (!pc.is_null()).then_some(pc)
    }
}

/// The arguments of the innermost running call of `func` (a C function or a bytecode
/// function), among the engine's current frame and the two below it (the formatter's own call
/// may have one), when the layout holds. A bytecode function's are as its frame holds them
/// (padded to its declared parameters).
pub(crate) fn args_of<'js>(ctx: &Ctx<'js>, func: &Value<'js>) -> Option<Vec<Value<'js>>> {
    let c = ctx.as_raw().as_ptr();
    unsafe {
        let sf = frame_of_function(ctx, func)?;
        let args = std::ptr::read_unaligned(sf.add(ARG_BUF) as *const *const qjs::JSValue);
        let count = std::ptr::read_unaligned(sf.add(ARG_COUNT) as *const u16) as usize;
        if args.is_null() {
            return None;
        }
        // SAFETY: the frame holds `count` arguments while its call runs.
        Some(
            (0..count.min(MAX_ARGS))
                .map(|i| Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, *args.add(i))))
                .collect(),
        )
    }
}
