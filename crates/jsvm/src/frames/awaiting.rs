//! The async functions awaiting the one running: V8 lists them after a stack's frames
//! (`at async outer (file.js:3:26)`), following from the async function the current job resumed
//! the promise it will settle, to the async function awaiting that promise, and on.
//!
//! The engine keeps all of it, in structures the API does not expose (QuickJS-ng of
//! rquickjs-sys 0.14.0, pinned): an async function's frame lies in its `JSAsyncFunctionData`,
//! whose first resolving function holds its promise; the promise's first fulfil reaction holds
//! the resolving function an `await` made, whose data is the awaiting function's. [`probe`]
//! checks these once per process on a known chain (an async function awaiting another), and
//! until it has held nothing is read. Every link is checked to be of the engine's class before
//! it is followed, and chains are bounded.

use std::ffi::c_int;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use rquickjs::{qjs, Ctx, Function, Value};

use super::{current_frame, CUR_FUNC, CUR_PC, PREV_FRAME};

/// In `JSAsyncFunctionData` (after its GC header, a list link: the reference count is kept
/// before the allocation): `resolving_funcs[0]`, `is_active`, and its state's frame (the
/// state's `this_val`, `argc` and `throw_flag` before it).
pub(crate) const DATA_RESOLVE: usize = 16;
pub(crate) const DATA_ACTIVE: usize = 48;
const DATA_THIS: usize = 56;
const DATA_FRAME: usize = 80;
/// In `JSPromiseFunctionData`: the promise first. In `JSPromiseData`: the fulfil reactions'
/// list head (after the state). In `JSPromiseReactionData`: the handler (after the list link
/// and the two resolving functions).
const PROMISE_REACTIONS: usize = 8;
const REACTION_RESOLVE: usize = 16;
const REACTION_HANDLER: usize = 48;
/// In `JSContext`: `error_stack_trace_limit` (the number `Error.stackTraceLimit` gave the
/// engine), after `error_ctor` and the back trace and prepare values.
const CONTEXT_ERROR_CTOR: usize = 320;
const CONTEXT_TRACE_LIMIT: usize = 368;
/// In `JSAsyncGeneratorData`: the generator object's pointer first, then its state, its
/// function's state (the frame after `this_val`, `argc` and `throw_flag`), and the queue of its
/// requests. In `JSAsyncGeneratorRequest`: the promise its call of `next`, `return` or `throw`
/// returned (after the list link, the completion type and the value).
const GEN_FRAME: usize = 40;
const GEN_QUEUE: usize = 120;
const REQUEST_PROMISE: usize = 40;
/// In `JSCFunctionDataRecord`: the C function first, then `length`, `data_len`, `magic`, and
/// the data values.
const RECORD_DATA_LEN: usize = 9;
const RECORD_MAGIC: usize = 10;
const RECORD_DATA: usize = 16;
/// The engine's class ids (`JS_CLASS_*`).
const CLASS_C_FUNCTION_DATA: u32 = 15;
const CLASS_PROMISE: u32 = 52;
const CLASS_PROMISE_RESOLVE_FUNCTION: u32 = 53;
const CLASS_PROMISE_REJECT_FUNCTION: u32 = 54;
const CLASS_ASYNC_FUNCTION: u32 = 55;
const CLASS_ASYNC_FUNCTION_RESOLVE: u32 = 56;
const CLASS_ASYNC_GENERATOR_FUNCTION: u32 = 59;
const CLASS_ASYNC_GENERATOR: u32 = 60;

/// The most promises followed in all (`then` and `catch` made, combinators, functions).
const MAX_STEPS: usize = 256;
/// The most frames walked to find the async function a job resumed.
const MAX_WALK: usize = 4096;

/// 0: not probed; 1: the layout holds; 2: it does not.
static LAYOUT: AtomicU8 = AtomicU8::new(0);
/// The same for async generators' data (0: not probed; 1: it holds; 2: it does not), checked
/// by the same probe once [`LAYOUT`] held.
static GENERATORS: AtomicU8 = AtomicU8::new(0);
/// The address of the engine's C function behind `Promise.all`'s element functions (and
/// `allSettled`'s, `any`'s), as the probe found it (0: not known).
static ALL_ELEMENT: AtomicUsize = AtomicUsize::new(0);

/// What awaits, after the async function running: an async function (its function, `this`, and
/// the position its frame resumes at; values borrowed from the engine, valid while the error is
/// made), or a `Promise.all`, `allSettled` or `any` for its element `index`.
pub(crate) enum Awaiter {
    Function {
        function: qjs::JSValue,
        this: qjs::JSValue,
        resume_pc: *const u8,
    },
    Combinator {
        name: &'static str,
        index: i32,
    },
}

/// # Safety
/// `v` must be a value of the engine's (an object's pointer live).
unsafe fn object_of_class(v: qjs::JSValue, class: u32) -> bool {
    qjs::JS_VALUE_GET_TAG(v) == qjs::JS_TAG_OBJECT && qjs::JS_GetClassID(v) == class
}

/// The async function data whose state's frame is `sf`, when `sf`'s function is an async
/// function (its frame then lies in its data).
unsafe fn data_of(sf: *const u8) -> Option<*const u8> {
    let func = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
    object_of_class(func, CLASS_ASYNC_FUNCTION).then(|| sf.sub(DATA_FRAME))
}

/// The async generator data whose state's frame is `sf`, when `sf`'s function is an async
/// generator function whose generator object is made (its frame then lies in its data, which
/// the object's data must be).
unsafe fn generator_data_of(sf: *const u8) -> Option<*const u8> {
    let func = std::ptr::read_unaligned(sf.add(CUR_FUNC) as *const qjs::JSValue);
    if !object_of_class(func, CLASS_ASYNC_GENERATOR_FUNCTION) {
        return None;
    }
    let data = sf.sub(GEN_FRAME);
    let object = std::ptr::read_unaligned(data as *const *mut std::ffi::c_void);
    if object.is_null() {
        return None;
    }
    let generator = qjs::JS_MKPTR(qjs::JS_TAG_OBJECT, object);
    (qjs::JS_GetOpaque(generator, CLASS_ASYNC_GENERATOR) as *const u8 == data).then_some(data)
}

/// The promise of the request the async generator of data `data` serves (the first queued),
/// borrowed; `None` when none is queued.
unsafe fn served_request(data: *const u8) -> Option<qjs::JSValue> {
    let head = data.add(GEN_QUEUE);
    let first = std::ptr::read_unaligned(head.add(8) as *const *const u8);
    if first.is_null() || first == head {
        return None;
    }
    let promise = std::ptr::read_unaligned(first.add(REQUEST_PROMISE) as *const qjs::JSValue);
    object_of_class(promise, CLASS_PROMISE).then_some(promise)
}

/// The promise of the request the async generator `generator` serves (its first queued call
/// of `next`, `return` or `throw`; borrowed), when the layout held and one is queued.
///
/// # Safety
/// `generator` must be a value of the engine's (an object's pointer live).
pub(crate) unsafe fn generator_request(generator: qjs::JSValue) -> Option<qjs::JSValue> {
    if GENERATORS.load(Ordering::Relaxed) != 1 || !object_of_class(generator, CLASS_ASYNC_GENERATOR)
    {
        return None;
    }
    let data = qjs::JS_GetOpaque(generator, CLASS_ASYNC_GENERATOR) as *const u8;
    if data.is_null() {
        return None;
    }
    served_request(data)
}

/// The C function, magic and data values of an engine function made with data
/// (`JS_NewCFunctionData`), borrowed.
///
/// # Safety
/// `f` must be a value of the engine's (an object's pointer live).
pub(crate) unsafe fn function_data<'a>(
    f: qjs::JSValue,
) -> Option<(usize, u16, &'a [qjs::JSValue])> {
    if !object_of_class(f, CLASS_C_FUNCTION_DATA) {
        return None;
    }
    let record = qjs::JS_GetOpaque(f, CLASS_C_FUNCTION_DATA) as *const u8;
    if record.is_null() {
        return None;
    }
    let len = *record.add(RECORD_DATA_LEN) as usize;
    Some((
        std::ptr::read_unaligned(record as *const usize),
        std::ptr::read_unaligned(record.add(RECORD_MAGIC) as *const u16),
        std::slice::from_raw_parts(record.add(RECORD_DATA) as *const qjs::JSValue, len),
    ))
}

/// The promises that keep the async context of the coroutines running now (borrowed),
/// innermost first: an async function's own promise, and for an async generator the promise of
/// the request it serves. What is current when one of them next suspends is what it resumes
/// with. None when the layout did not hold.
pub(crate) fn running_coroutines(ctx: &Ctx<'_>) -> Vec<qjs::JSValue> {
    let mut out = Vec::new();
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return out;
    }
    let generators = GENERATORS.load(Ordering::Relaxed) == 1;
    unsafe {
        let mut sf = current_frame(ctx.as_raw().as_ptr());
        for _ in 0..MAX_WALK {
            if sf.is_null() {
                break;
            }
            if let Some(data) = data_of(sf) {
                if let Some(p) = function_promise(data) {
                    out.push(p);
                }
            } else if let Some(data) = generators.then(|| generator_data_of(sf)).flatten() {
                out.extend(served_request(data));
            }
            sf = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
        }
    }
    out
}

/// The promise of the async function of data `data` (borrowed), through its first resolving
/// function.
unsafe fn function_promise(data: *const u8) -> Option<qjs::JSValue> {
    let resolve = std::ptr::read_unaligned(data.add(DATA_RESOLVE) as *const qjs::JSValue);
    if !object_of_class(resolve, CLASS_PROMISE_RESOLVE_FUNCTION) {
        return None;
    }
    let fd = qjs::JS_GetOpaque(resolve, CLASS_PROMISE_RESOLVE_FUNCTION) as *const u8;
    if fd.is_null() {
        return None;
    }
    let promise = std::ptr::read_unaligned(fd as *const qjs::JSValue);
    object_of_class(promise, CLASS_PROMISE).then_some(promise)
}

/// The async functions (and combinators) awaiting, one after the other, the async function
/// whose frame `sf` is, at most `max`, innermost first: from its promise's first reaction, an
/// `await`'s resolving function holds the awaiting function's record; a combinator's element
/// function the promise the combinator made; a promise's resolving function given to `then`
/// the promise it resolves; a `then` or `catch` the promise it made (followed as V8 follows
/// them, adding no frame).
///
/// # Safety
/// `sf` must be a live frame of the engine's.
unsafe fn awaiters_from(sf: *const u8, max: usize) -> Vec<Awaiter> {
    let mut out = Vec::new();
    let Some(data) = data_of(sf) else {
        return out;
    };
    let element = ALL_ELEMENT.load(Ordering::Relaxed);
    let mut resolve = std::ptr::read_unaligned(data.add(DATA_RESOLVE) as *const qjs::JSValue);
    let mut steps = 0;
    while out.len() < max && steps < MAX_STEPS {
        steps += 1;
        // A promise's resolving function (`Promise.any` keeps its reject function).
        let fd = [
            CLASS_PROMISE_RESOLVE_FUNCTION,
            CLASS_PROMISE_REJECT_FUNCTION,
        ]
        .into_iter()
        .find(|&class| object_of_class(resolve, class))
        .map_or(std::ptr::null(), |class| {
            qjs::JS_GetOpaque(resolve, class) as *const u8
        });
        if fd.is_null() {
            break;
        }
        let promise = std::ptr::read_unaligned(fd as *const qjs::JSValue);
        if !object_of_class(promise, CLASS_PROMISE) {
            break;
        }
        let pd = qjs::JS_GetOpaque(promise, CLASS_PROMISE) as *const u8;
        if pd.is_null() {
            break;
        }
        let Some(first) = first_reaction(pd, 0) else {
            break;
        };
        let handler = std::ptr::read_unaligned(first.add(REACTION_HANDLER) as *const qjs::JSValue);
        // `Promise.any` resolves at once and watches rejections: its element function is the
        // first reject reaction's.
        let element_handler = match first_reaction(pd, 1) {
            Some(r) if !object_of_class(handler, CLASS_C_FUNCTION_DATA) => {
                std::ptr::read_unaligned(r.add(REACTION_HANDLER) as *const qjs::JSValue)
            }
            _ => handler,
        };
        if object_of_class(handler, CLASS_ASYNC_FUNCTION_RESOLVE) {
            let outer = qjs::JS_GetOpaque(handler, CLASS_ASYNC_FUNCTION_RESOLVE) as *const u8;
            if outer.is_null() || *outer.add(DATA_ACTIVE) != 1 {
                break;
            }
            let frame = outer.add(DATA_FRAME);
            let function = std::ptr::read_unaligned(frame.add(CUR_FUNC) as *const qjs::JSValue);
            let resume_pc = std::ptr::read_unaligned(frame.add(CUR_PC) as *const *const u8);
            if !object_of_class(function, CLASS_ASYNC_FUNCTION) || resume_pc.is_null() {
                break;
            }
            out.push(Awaiter::Function {
                function,
                this: std::ptr::read_unaligned(outer.add(DATA_THIS) as *const qjs::JSValue),
                resume_pc,
            });
            resolve = std::ptr::read_unaligned(outer.add(DATA_RESOLVE) as *const qjs::JSValue);
            continue;
        }
        if element != 0 && object_of_class(element_handler, CLASS_C_FUNCTION_DATA) {
            let record = qjs::JS_GetOpaque(element_handler, CLASS_C_FUNCTION_DATA) as *const u8;
            if !record.is_null()
                && std::ptr::read_unaligned(record as *const usize) == element
                && *record.add(RECORD_DATA_LEN) == 5
            {
                let magic = std::ptr::read_unaligned(record.add(RECORD_MAGIC) as *const u16);
                let name = match magic & 3 {
                    0 => "Promise.all",
                    1 => "Promise.allSettled",
                    _ => "Promise.any",
                };
                let data = record.add(RECORD_DATA) as *const qjs::JSValue;
                let index = std::ptr::read_unaligned(data.add(1));
                if qjs::JS_VALUE_GET_TAG(index) != qjs::JS_TAG_INT {
                    break;
                }
                out.push(Awaiter::Combinator {
                    name,
                    index: qjs::JS_VALUE_GET_INT(index),
                });
                // The combinator's own promise, by its capability's resolving function.
                resolve = std::ptr::read_unaligned(data.add(3));
                continue;
            }
        }
        // A promise's own resolving function given to `then` (`p.then(resolve, reject)` in a
        // `new Promise` executor, or the engine's wrapping of a promise of another realm that
        // an `await` is given): on to the promise it resolves, as V8 follows
        // `PromiseCapabilityDefaultResolve`.
        if object_of_class(handler, CLASS_PROMISE_RESOLVE_FUNCTION) {
            resolve = handler;
            continue;
        }
        // A `then` or `catch`: on to the promise it made.
        resolve = std::ptr::read_unaligned(first.add(REACTION_RESOLVE) as *const qjs::JSValue);
    }
    out
}

/// The async functions awaiting the outermost async function running now (the one a job
/// resumed, under which the stack's other frames run), innermost first, at most `max`; none
/// when the layout did not hold.
pub(crate) fn awaiters(ctx: &Ctx<'_>, max: usize) -> Vec<Awaiter> {
    if LAYOUT.load(Ordering::Relaxed) != 1 || max == 0 {
        return Vec::new();
    }
    unsafe {
        let mut sf = current_frame(ctx.as_raw().as_ptr());
        let mut outermost = None;
        for _ in 0..MAX_WALK {
            if sf.is_null() {
                break;
            }
            if data_of(sf).is_some() {
                outermost = Some(sf);
            }
            sf = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
        }
        outermost.map_or_else(Vec::new, |sf| awaiters_from(sf, max))
    }
}

/// The number the engine holds as the realm's `Error.stackTraceLimit`, as it reads it for a
/// stack (0 for anything but a non-negative number), when the layout holds.
pub(crate) fn stack_trace_limit(ctx: &Ctx<'_>) -> Option<usize> {
    if LAYOUT.load(Ordering::Relaxed) != 1 {
        return None;
    }
    unsafe { limit_at(ctx.as_raw().as_ptr()) }
}

unsafe fn limit_at(c: *mut qjs::JSContext) -> Option<usize> {
    let v =
        std::ptr::read_unaligned((c as *const u8).add(CONTEXT_TRACE_LIMIT) as *const qjs::JSValue);
    let d = match qjs::JS_VALUE_GET_TAG(v) {
        qjs::JS_TAG_INT => f64::from(qjs::JS_VALUE_GET_INT(v)),
        qjs::JS_TAG_FLOAT64 => qjs::JS_VALUE_GET_FLOAT64(v),
        _ => return Some(0),
    };
    Some(match d.is_nan() || d < 0.0 {
        true => 0,
        false => d.min(i32::MAX as f64) as usize,
    })
}

// The probe: an async function awaiting another that waits forever, read from the inner one's
// frame while both are suspended.

/// The inner function's frame, as its call of the capture function found it.
static CAPTURED: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn capture(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    let sf = current_frame(ctx);
    if !sf.is_null() {
        let caller = std::ptr::read_unaligned(sf.add(PREV_FRAME) as *const *const u8);
        CAPTURED.store(caller as usize, Ordering::Relaxed);
    }
    qjs::JS_UNDEFINED
}

const PROBE_SOURCE: &str = "(function (capture, keep) {
  async function jsvmInner() { capture(); await keep; }
  async function jsvmOuter(x) { await jsvmInner(); }
  jsvmOuter.call(keep, 1);
  const pending = new Promise(() => {});
  return [jsvmOuter, pending, Promise.all([pending])];
})";

/// Checks the layout once per process, in `ctx` (any realm of a runtime, no code of it
/// running), after the frames' own layout was checked.
pub(crate) fn probe(ctx: &Ctx<'_>) {
    super::layout_probe::once(&LAYOUT, Some(&super::LAYOUT), || probe_holds(ctx));
    super::layout_probe::once(&GENERATORS, Some(&LAYOUT), || generators_hold(ctx));
}

const GENERATOR_PROBE: &str = "(function (capture, keep) {
  async function* jsvmGenerator() { capture(); await keep; }
  const g = jsvmGenerator();
  return [g, g.next()];
})";

/// Checks async generators' data on one suspended in its first `await`: its frame leads to
/// its data, whose object is the generator, and whose first request is the one `next` made.
fn generators_hold(ctx: &Ctx<'_>) -> bool {
    let ran = (|| -> rquickjs::Result<bool> {
        let (made, _keep) = run_captured(ctx, GENERATOR_PROBE)?;
        let (generator, request): (Value, Value) = (made.get(0)?, made.get(1)?);
        let sf = CAPTURED.load(Ordering::Relaxed) as *const u8;
        if sf.is_null() {
            return Ok(false);
        }
        unsafe {
            let Some(data) = generator_data_of(sf) else {
                return Ok(false);
            };
            let object = std::ptr::read_unaligned(data as *const *mut std::ffi::c_void);
            Ok(generator.is_object()
                && object == qjs::JS_VALUE_GET_PTR(generator.as_raw())
                && served_request(data).is_some_and(|p| {
                    request.is_object()
                        && qjs::JS_VALUE_GET_PTR(p) == qjs::JS_VALUE_GET_PTR(request.as_raw())
                }))
        }
    })();
    match ran {
        Ok(holds) => holds,
        Err(_) => {
            drop(ctx.catch());
            false
        }
    }
}

/// The first reaction of the promise data `pd`'s fulfil (`list` 0) or reject (1) reactions.
unsafe fn first_reaction(pd: *const u8, list: usize) -> Option<*const u8> {
    // `struct list_head { prev, next }`: the first reaction is the head's next.
    let head = pd.add(PROMISE_REACTIONS + list * 16);
    let first = std::ptr::read_unaligned(head.add(8) as *const *const u8);
    (!first.is_null() && first != head).then_some(first)
}

/// Learns the C function of `Promise.all`'s element functions from the reaction `all` (what
/// `Promise.all([pending])` made) left on `pending`: its record holds five values, the index 0
/// and the resolving function of `all` among them.
unsafe fn learn_all_element(pending: &Value<'_>, all: &Value<'_>) {
    let (pending, all) = (pending.as_raw(), all.as_raw());
    if !object_of_class(pending, CLASS_PROMISE) {
        return;
    }
    let pd = qjs::JS_GetOpaque(pending, CLASS_PROMISE) as *const u8;
    if pd.is_null() {
        return;
    }
    let Some(first) = first_reaction(pd, 0) else {
        return;
    };
    let handler = std::ptr::read_unaligned(first.add(REACTION_HANDLER) as *const qjs::JSValue);
    if !object_of_class(handler, CLASS_C_FUNCTION_DATA) {
        return;
    }
    let record = qjs::JS_GetOpaque(handler, CLASS_C_FUNCTION_DATA) as *const u8;
    if record.is_null() || *record.add(RECORD_DATA_LEN) != 5 {
        return;
    }
    let data = record.add(RECORD_DATA) as *const qjs::JSValue;
    let index = std::ptr::read_unaligned(data.add(1));
    let resolve = std::ptr::read_unaligned(data.add(3));
    if qjs::JS_VALUE_GET_TAG(index) != qjs::JS_TAG_INT
        || qjs::JS_VALUE_GET_INT(index) != 0
        || std::ptr::read_unaligned(record.add(RECORD_MAGIC) as *const u16) != 0
        || !object_of_class(resolve, CLASS_PROMISE_RESOLVE_FUNCTION)
    {
        return;
    }
    let fd = qjs::JS_GetOpaque(resolve, CLASS_PROMISE_RESOLVE_FUNCTION) as *const u8;
    if fd.is_null()
        || qjs::JS_VALUE_GET_PTR(std::ptr::read_unaligned(fd as *const qjs::JSValue))
            != qjs::JS_VALUE_GET_PTR(all)
    {
        return;
    }
    ALL_ELEMENT.store(
        std::ptr::read_unaligned(record as *const usize),
        Ordering::Relaxed,
    );
}

/// Calls the function `source` makes with the capture function and a promise that never
/// settles (the probe's coroutines stay suspended on it, and no job is queued), `CAPTURED`
/// cleared before: what it returned, and the promise.
fn run_captured<'js>(
    ctx: &Ctx<'js>,
    source: &str,
) -> rquickjs::Result<(rquickjs::Array<'js>, Value<'js>)> {
    let setup: Function = ctx.eval(source)?;
    let capture = unsafe {
        let f = qjs::JS_NewCFunction2(
            ctx.as_raw().as_ptr(),
            Some(capture),
            c"capture".as_ptr(),
            0,
            qjs::JSCFunctionEnum_JS_CFUNC_generic,
            0,
        );
        Value::from_raw(ctx.clone(), f)
    };
    let keep: Value = ctx.eval("new Promise(() => {})")?;
    CAPTURED.store(0, Ordering::Relaxed);
    let made: rquickjs::Array = setup.call((capture, keep.clone()))?;
    Ok((made, keep))
}

fn probe_holds(ctx: &Ctx<'_>) -> bool {
    let c = ctx.as_raw().as_ptr();
    let ran = (|| -> rquickjs::Result<bool> {
        let (made, keep) = run_captured(ctx, PROBE_SOURCE)?;
        let outer: Value = made.get(0)?;
        let (pending, all): (Value, Value) = (made.get(1)?, made.get(2)?);
        let sf = CAPTURED.load(Ordering::Relaxed) as *const u8;
        if sf.is_null() {
            return Ok(false);
        }
        unsafe {
            // The realm's own fields: its `Error`, and the limit the engine starts with.
            let global = qjs::JS_GetGlobalObject(c);
            let error = qjs::JS_GetPropertyStr(c, global, c"Error".as_ptr());
            qjs::JS_FreeValue(c, global);
            let ctor = std::ptr::read_unaligned(
                (c as *const u8).add(CONTEXT_ERROR_CTOR) as *const qjs::JSValue
            );
            let same_ctor = qjs::JS_VALUE_GET_TAG(error) == qjs::JS_TAG_OBJECT
                && qjs::JS_VALUE_GET_PTR(error) == qjs::JS_VALUE_GET_PTR(ctor);
            qjs::JS_FreeValue(c, error);
            if !same_ctor || limit_at(c) != Some(10) {
                return Ok(false);
            }
            // The inner function's frame (its data still held by `keep`'s reaction).
            if data_of(sf).is_none() {
                return Ok(false);
            }
            let found = awaiters_from(sf, 4);
            let holds = matches!(found.as_slice(), [Awaiter::Function { function, this, resume_pc }]
                if qjs::JS_VALUE_GET_PTR(*function) == qjs::JS_VALUE_GET_PTR(outer.as_raw())
                    && qjs::JS_VALUE_GET_TAG(*this) == qjs::JS_TAG_OBJECT
                    && qjs::JS_VALUE_GET_PTR(*this) == qjs::JS_VALUE_GET_PTR(keep.as_raw())
                    && super::bytecode::code_at(ctx, &outer, *resume_pc)
                        .is_some_and(|at| at.function == "jsvmOuter" && at.line == 3));
            if holds {
                learn_all_element(&pending, &all);
            }
            Ok(holds)
        }
    })();
    match ran {
        Ok(holds) => holds,
        Err(_) => {
            drop(ctx.catch());
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_checks_out_on_a_known_chain() {
        let rt = rquickjs::Runtime::new().unwrap();
        let context = rquickjs::Context::full(&rt).unwrap();
        context.with(|ctx| {
            crate::frames::probe(&ctx);
            crate::frames::bytecode::probe(&ctx);
            probe(&ctx);
            assert_eq!(LAYOUT.load(Ordering::Relaxed), 1);
            assert_eq!(GENERATORS.load(Ordering::Relaxed), 1, "async generators");
            assert_ne!(
                ALL_ELEMENT.load(Ordering::Relaxed),
                0,
                "Promise.all's element function"
            );
            assert_eq!(stack_trace_limit(&ctx), Some(10));
            let _: () = ctx.eval("Error.stackTraceLimit = 3").unwrap();
            assert_eq!(stack_trace_limit(&ctx), Some(3));
        });
    }
}
