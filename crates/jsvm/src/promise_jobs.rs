//! What a queued promise job is for, read from its function and arguments on the engine's job
//! list (`job_queue.rs`): the promise it settles (which the async context follows,
//! `async_context.rs`) and the realm of the handler it calls (whose queue it belongs to, as
//! V8 queues a reaction in its handler's context: `jobs.rs`).
//!
//! The engine fields read (a reaction job's arguments, the promise of a resolving function,
//! an async function's resolving functions, a bytecode function's realm) are checked once per
//! process, when the first runtime starts, against a probe in a scratch realm ([`probe`]); if
//! a check fails nothing is read (the async context does not follow reactions, and jobs belong
//! to the realm that queued them).

use std::ffi::{c_int, c_void};
use std::sync::OnceLock;

use rquickjs::{qjs, Ctx};

use crate::frames::awaiting::{
    function_data, DATA_ACTIVE as ASYNC_ACTIVE, DATA_RESOLVE as ASYNC_RESOLVING_FUNCS,
};
use crate::job_queue::{JobEntry, JobQueue};

/// What the probe found about the engine's promise jobs, the same for every runtime of the
/// process.
#[derive(Clone, Copy)]
pub(crate) struct Layout {
    /// The engine's `promise_reaction_job` (arguments: resolve, reject, handler, is_reject,
    /// value; resolve and reject are undefined for an `await`).
    reaction_job: usize,
    /// The engine's `promise_resolve_thenable_job` (arguments: promise, thenable, then).
    thenable_job: usize,
    /// The class of a promise's resolve function; its reject function's is the next one. Both
    /// keep `JSPromiseFunctionData *` (whose first field is the promise) as their opaque.
    resolve_class: qjs::JSClassID,
    /// The class of an async function's resume-on-fulfil function; the resume-on-reject one's
    /// is the next. Both keep the function's `JSAsyncFunctionData *`, whose resolving
    /// functions follow its 16-byte GC header.
    async_resolve_class: qjs::JSClassID,
    /// What the realm of a handler is read through (see [`callee_realm`]): the classes of
    /// a native function (whose object data is its realm), a bound function and a proxy
    /// (whose data starts with their target), a native function with data (its record), and
    /// an async generator; the native behind `finally`'s handlers (its data: the constructor
    /// and the callback) and the one behind an async generator's `await` (its data: the
    /// generator).
    native_class: qjs::JSClassID,
    bound_class: qjs::JSClassID,
    proxy_class: qjs::JSClassID,
    data_class: qjs::JSClassID,
    async_generator_class: qjs::JSClassID,
    finally_func: usize,
    async_generator_func: usize,
    /// The engine's C function behind the functions an async generator's `await` resumes it
    /// with (`js_async_generator_resolve_function`: magic 0 and 1 resume its body, 2 and 3 end a
    /// `return`; its one data value is the generator); 0 when the probe did not find it, and
    /// an async generator's jobs are then none of the jobs this knows.
    generator_resume: usize,
}

/// What a job resumes, whose promise records the value the job leaves current.
pub(crate) enum Resumes {
    Nothing,
    /// An async function, whose own promise the job is for.
    Function,
    /// An async generator's body (the generator, borrowed): the job is for the promise of the
    /// request it serves, which may be another one when the job ends.
    Generator(qjs::JSValue),
}

/// In `JSAsyncFunctionData`: its frame's `cur_func` (the async function); its resolving
/// functions and `is_active` are read at the offsets `frames/awaiting.rs` reads them at.
const ASYNC_CUR_FUNC: usize = 88;
/// `offsetof(JSAsyncGeneratorData, state)` and its frame's `cur_func`, live while the state is
/// one of the first four (suspended at start, at a yield, in a `yield*`, executing).
const GENERATOR_STATE: usize = 8;
const GENERATOR_CUR_FUNC: usize = 48;
/// `offsetof(JSProxyData, is_revoked)`.
const PROXY_REVOKED: usize = 33;
/// The most wrappers (bound functions, proxies, ...) followed to a handler's realm: a chain
/// longer than this is left with the realm that queued its job (a call through it needs a
/// native frame per link, past any stack limit the engine is given).
const MAX_UNWRAPPED: usize = 1 << 16;

static LAYOUT: OnceLock<Option<Layout>> = OnceLock::new();

/// The layout, once the probe found it holds.
pub(crate) fn layout() -> Option<Layout> {
    *LAYOUT.get()?
}

/// Runs the probe once per process (on the runtime of `ctx`, whose job list is `queue`).
pub(crate) fn probe(ctx: &Ctx<'_>, queue: &JobQueue) {
    LAYOUT.get_or_init(|| probe_layout(ctx, queue));
}

/// The realm whose queue `job` belongs to: for a reaction, the realm of its handler (a
/// context's `then` on a host promise is the context's job, and the reverse, as V8 queues a
/// reaction in its handler's context), and for the job that calls a thenable's `then`, the
/// realm of that `then` (the spec's NewPromiseResolveThenableJob); otherwise, or when the
/// handler's realm cannot be read, the realm that queued it.
pub(crate) fn owner(job: &JobEntry) -> *mut qjs::JSContext {
    unsafe { handler_realm(job) }.unwrap_or(job.ctx())
}

unsafe fn handler_realm(job: &JobEntry) -> Option<*mut qjs::JSContext> {
    let layout = layout()?;
    let func = job.func()?;
    let args = job.args();
    let handler = match args.len() {
        5 if func == layout.reaction_job => args[2],
        3 if func == layout.thenable_job => args[2],
        _ => return None,
    };
    callee_realm(job.ctx(), &layout, handler)
}

/// The realm of the code a call of `f` runs (the spec's GetFunctionRealm, and further): a
/// bytecode function's own; a native function's (`eval`, `String`: the realm whose builtin
/// it is); through a bound function or a proxy to its target (V8 follows bound functions
/// too); an `await`'s resume function to its async function (an async generator's to the
/// generator's function), and `finally`'s handler to its callback, where V8 has a closure of
/// the realm that called `finally`. A promise's resolving function (which runs code only by
/// reading its value's `then`) and other natives with data are the realm of their
/// `Function.prototype` (a native function of that realm; QuickJS records no realm for
/// them, V8 does). `None` for anything else (a host function), a revoked proxy, or a chain
/// past [`MAX_UNWRAPPED`].
///
/// # Safety
/// `f` must be a live value (borrowed); `ctx` a context of its runtime.
unsafe fn callee_realm(
    ctx: *mut qjs::JSContext,
    layout: &Layout,
    mut f: qjs::JSValue,
) -> Option<*mut qjs::JSContext> {
    for _ in 0..MAX_UNWRAPPED {
        if let Some(realm) = crate::frames::bytecode::function_realm(f) {
            return Some(realm);
        }
        let (data, class) = opaque(f)?;
        let data = data as *const u8;
        f = if class == layout.native_class {
            return Some(data as *mut qjs::JSContext);
        } else if class == layout.bound_class {
            std::ptr::read(data as *const qjs::JSValue)
        } else if class == layout.proxy_class {
            if *data.add(PROXY_REVOKED) != 0 {
                return None;
            }
            std::ptr::read(data as *const qjs::JSValue)
        } else if class == layout.async_resolve_class || class == layout.async_resolve_class + 1 {
            if *data.add(ASYNC_ACTIVE) == 0 {
                return None;
            }
            std::ptr::read(data.add(ASYNC_CUR_FUNC) as *const qjs::JSValue)
        } else if class == layout.data_class {
            match function_data(f)? {
                (native, _, [_, callback]) if native == layout.finally_func => *callback,
                (native, _, [generator]) if native == layout.async_generator_func => {
                    generator_function(layout, *generator)?
                }
                _ => prototype(ctx, f),
            }
        } else if class == layout.resolve_class || class == layout.resolve_class + 1 {
            prototype(ctx, f)
        } else {
            return None;
        };
    }
    None
}

/// The prototype of `f`, an object that is no proxy (borrowed: `f` holds it).
unsafe fn prototype(ctx: *mut qjs::JSContext, f: qjs::JSValue) -> qjs::JSValue {
    let proto = qjs::JS_GetPrototype(ctx, f);
    qjs::JS_FreeValue(ctx, proto);
    proto
}

/// The function of the async generator `generator` while its frame is live.
unsafe fn generator_function(layout: &Layout, generator: qjs::JSValue) -> Option<qjs::JSValue> {
    let (data, class) = opaque(generator)?;
    if class != layout.async_generator_class {
        return None;
    }
    let data = data as *const u8;
    let state = std::ptr::read(data.add(GENERATOR_STATE) as *const c_int);
    (0..=3)
        .contains(&state)
        .then(|| std::ptr::read(data.add(GENERATOR_CUR_FUNC) as *const qjs::JSValue))
}

/// The promise `job` is for (borrowed from the job's arguments, or from the async generator
/// they hold), and what the job resumes after an `await`.
pub(crate) unsafe fn job_promise(job: &JobEntry) -> Option<(qjs::JSValue, Resumes)> {
    promise_of(&layout()?, job)
}

unsafe fn promise_of(layout: &Layout, job: &JobEntry) -> Option<(qjs::JSValue, Resumes)> {
    let func = job.func()?;
    let args = job.args();
    if func == layout.reaction_job && args.len() == 5 {
        if let Some(p) = resolving_promise(layout, args[0]) {
            return Some((p, Resumes::Nothing));
        }
        if let Some(found) = generator_promise(layout, args[2]) {
            return Some(found);
        }
        let (data, class) = opaque(args[2])?;
        if class != layout.async_resolve_class && class != layout.async_resolve_class + 1 {
            return None;
        }
        let funcs = (data as *const u8).add(ASYNC_RESOLVING_FUNCS) as *const qjs::JSValue;
        return resolving_promise(layout, std::ptr::read(funcs)).map(|p| (p, Resumes::Function));
    }
    if func == layout.thenable_job && args.len() == 3 && qjs::JS_IsObject(args[0]) {
        return Some((args[0], Resumes::Nothing));
    }
    None
}

/// For the handler of an async generator's `await`: the promise of the request the generator
/// serves, and the generator when the handler resumes its body.
unsafe fn generator_promise(
    layout: &Layout,
    handler: qjs::JSValue,
) -> Option<(qjs::JSValue, Resumes)> {
    if layout.generator_resume == 0 {
        return None;
    }
    let (func, magic, data) = crate::frames::awaiting::function_data(handler)?;
    let [generator] = data else {
        return None;
    };
    if func != layout.generator_resume {
        return None;
    }
    let promise = crate::frames::awaiting::generator_request(*generator)?;
    let resumes = match magic {
        0 | 1 => Resumes::Generator(*generator),
        _ => Resumes::Nothing,
    };
    Some((promise, resumes))
}

/// `f`'s object data and class, for an object.
unsafe fn opaque(f: qjs::JSValue) -> Option<(*mut c_void, qjs::JSClassID)> {
    if !qjs::JS_IsObject(f) {
        return None;
    }
    let mut class = 0;
    let data = qjs::JS_GetAnyOpaque(f, &mut class);
    (!data.is_null()).then_some((data, class))
}

/// The promise a resolve or reject function settles (borrowed), or `None` for another value.
unsafe fn resolving_promise(layout: &Layout, f: qjs::JSValue) -> Option<qjs::JSValue> {
    let (data, class) = opaque(f)?;
    if class != layout.resolve_class && class != layout.resolve_class + 1 {
        return None;
    }
    let promise = std::ptr::read(data as *const qjs::JSValue);
    qjs::JS_IsObject(promise).then_some(promise)
}

/// Nul-terminated, as the engine's parser wants. Its jobs, in order: the `await` of `af`, the
/// reaction of `handler`, the thenable's, and reactions of `handler` bound, behind a proxy, of
/// a native function, of `finally` and of `ag`'s `await`.
const PROBE: &std::ffi::CStr = c"\
const handler = function () {};\n\
const thenable = { then() {} };\n\
const af = async () => { await null; };\n\
const ag = async function* () { await null; };\n\
const generator = ag();\n\
const revocable = Proxy.revocable(handler, {});\n\
revocable.revoke();\n\
[af(), Promise.resolve().then(handler), handler,\n\
 Promise.resolve(thenable), thenable,\n\
 Promise.resolve().then(handler.bind()), Promise.resolve().then(new Proxy(handler, {})),\n\
 Promise.resolve().then(Math.max), Promise.resolve().finally(handler), generator.next(),\n\
 af, ag, revocable.proxy, generator]";

/// Checks, in a scratch context of the runtime of `ctx`, that the engine's promise jobs are laid
/// out as [`job_promise`] and [`owner`] read them: an async function and an async generator
/// that await, `then`s of wrapped and native handlers, a `finally` and a thenable resolved
/// each queue one job, and each job must lead back to the promise it is for (the generator's
/// to the promise of its `next`), and to the scratch realm through its handler.
fn probe_layout(ctx: &Ctx<'_>, queue: &JobQueue) -> Option<Layout> {
    if cfg!(not(target_pointer_width = "64")) || std::mem::size_of::<qjs::JSValue>() != 16 {
        return None;
    }
    unsafe {
        let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
        let scratch = qjs::JS_NewContext(rt);
        if scratch.is_null() {
            return None;
        }
        let name = c"<async context probe>";
        let made = qjs::JS_Eval(
            scratch,
            PROBE.as_ptr(),
            PROBE.count_bytes() as _,
            name.as_ptr(),
            qjs::JS_EVAL_TYPE_GLOBAL as c_int,
        );
        let layout = if qjs::JS_IsException(made) {
            qjs::JS_FreeValue(scratch, qjs::JS_GetException(scratch));
            None
        } else {
            check(scratch, queue, made)
        };
        qjs::JS_FreeValue(scratch, made);
        queue.discard(rt, |job| job.ctx() == scratch);
        qjs::JS_FreeContext(scratch);
        layout
    }
}

unsafe fn check(
    scratch: *mut qjs::JSContext,
    queue: &JobQueue,
    made: qjs::JSValue,
) -> Option<Layout> {
    let item = |i: u32| {
        let v = qjs::JS_GetPropertyUint32(scratch, made, i);
        // Borrowed: `made` keeps every item alive.
        qjs::JS_FreeValue(scratch, v);
        v
    };
    let same = |a: qjs::JSValue, b: qjs::JSValue| {
        qjs::JS_IsObject(a)
            && qjs::JS_IsObject(b)
            && qjs::JS_VALUE_GET_PTR(a) == qjs::JS_VALUE_GET_PTR(b)
    };
    let (awaiting, derived, handler, resolved, thenable) =
        (item(0), item(1), item(2), item(3), item(4));
    let (af, ag, revoked) = (item(10), item(11), item(12));
    let jobs = queue.entries(|job| job.ctx() == scratch);
    let [awaited, reaction, thenable_job, bound, proxied, native, finally, generator_job] =
        jobs.as_slice()
    else {
        return None;
    };
    let (awaited, reaction, thenable_job) = (&**awaited, &**reaction, &**thenable_job);
    let reaction_job = reaction.func()?;
    let args = reaction.args();
    if args.len() != 5 || !same(args[2], handler) {
        return None;
    }
    let (_, resolve_class) = opaque(args[0])?;
    let resolving = args[0];
    // The handler of each further reaction (all of the same engine function).
    let handler_of = |job: &JobEntry| {
        let args = job.args();
        (job.func() == Some(reaction_job) && args.len() == 5).then(|| args[2])
    };
    let (bound, proxied, native, finally, generator) = (
        handler_of(&**bound)?,
        handler_of(&**proxied)?,
        handler_of(&**native)?,
        handler_of(&**finally)?,
        handler_of(&**generator_job)?,
    );
    let (bound_data, bound_class) = opaque(bound)?;
    let (proxy_data, proxy_class) = opaque(proxied)?;
    let (native_realm, native_class) = opaque(native)?;
    let (_, data_class) = opaque(finally)?;
    let (_, generator_data_class) = opaque(generator)?;
    let first = |data: *mut c_void| std::ptr::read(data as *const qjs::JSValue);
    let (revoked_data, revoked_class) = opaque(revoked)?;
    if !same(first(bound_data), handler)
        || !same(first(proxy_data), handler)
        || *(proxy_data as *const u8).add(PROXY_REVOKED) != 0
        || revoked_class != proxy_class
        || *(revoked_data as *const u8).add(PROXY_REVOKED) != 1
        || native_realm as *mut qjs::JSContext != scratch
        || generator_data_class != data_class
    {
        return None;
    }
    let (finally_func, _, [_, finally_callback]) = function_data(finally)? else {
        return None;
    };
    let (async_generator_func, _, [generator_data]) = function_data(generator)? else {
        return None;
    };
    let (_, async_generator_class) = opaque(*generator_data)?;
    if !same(*finally_callback, handler) || finally_func == async_generator_func {
        return None;
    }
    let classes = [
        resolve_class,
        resolve_class + 1,
        bound_class,
        proxy_class,
        native_class,
        data_class,
        async_generator_class,
    ];
    let distinct = classes
        .iter()
        .enumerate()
        .all(|(i, c)| !classes[i + 1..].contains(c));
    if !distinct {
        return None;
    }
    let mut layout = Layout {
        reaction_job,
        thenable_job: thenable_job.func()?,
        resolve_class,
        async_resolve_class: 0,
        native_class,
        bound_class,
        proxy_class,
        data_class,
        async_generator_class,
        finally_func,
        async_generator_func,
        generator_resume: 0,
    };
    if !same(resolving_promise(&layout, args[0])?, derived) || layout.thenable_job == reaction_job {
        return None;
    }
    let args = awaited.args();
    if awaited.func()? != reaction_job || args.len() != 5 || !qjs::JS_IsUndefined(args[0]) {
        return None;
    }
    let (async_data, async_class) = opaque(args[2])?;
    if classes.contains(&async_class) || classes.contains(&(async_class + 1)) {
        return None;
    }
    layout.async_resolve_class = async_class;
    let (found, resumes) = promise_of(&layout, awaited)?;
    if !matches!(resumes, Resumes::Function) || !same(found, awaiting) {
        return None;
    }
    // The frames of the awaiting functions name them.
    let async_data = async_data as *const u8;
    if *async_data.add(ASYNC_ACTIVE) != 1
        || !same(
            std::ptr::read(async_data.add(ASYNC_CUR_FUNC) as *const qjs::JSValue),
            af,
        )
        || !generator_function(&layout, *generator_data).is_some_and(|f| same(f, ag))
    {
        return None;
    }
    let (found, resumes) = promise_of(&layout, thenable_job)?;
    let thenable_args = thenable_job.args();
    if !matches!(resumes, Resumes::Nothing)
        || !same(found, resolved)
        || !same(thenable_args[1], thenable)
    {
        return None;
    }
    // Every handler leads back to the scratch realm; a revoked proxy to none.
    let handlers = [
        handler,
        bound,
        proxied,
        native,
        finally,
        generator,
        args[2],
        resolving,
        thenable_args[2],
    ];
    if handlers
        .iter()
        .any(|&h| callee_realm(scratch, &layout, h) != Some(scratch))
        || callee_realm(scratch, &layout, revoked).is_some()
    {
        return None;
    }
    // The generator's `await` job leads to the promise of its `next`.
    layout.generator_resume = generator_resume(&layout, &**generator_job, item(13), item(9));
    (layout.generator_resume == async_generator_func).then_some(layout)
}

/// The C function an async generator's `await` resumes it with, read from the job its first
/// `await` queued (`job`): a reaction with no resolving functions, whose handler's one data
/// value is the generator; the job must then lead to `request`, the promise of its `next`.
/// 0 when any of it does not hold.
unsafe fn generator_resume(
    layout: &Layout,
    job: &JobEntry,
    generator: qjs::JSValue,
    request: qjs::JSValue,
) -> usize {
    let args = job.args();
    if job.func() != Some(layout.reaction_job) || args.len() != 5 || !qjs::JS_IsUndefined(args[0]) {
        return 0;
    }
    let Some((func, 0, [data])) = crate::frames::awaiting::function_data(args[2]) else {
        return 0;
    };
    if !qjs::JS_IsObject(*data) || qjs::JS_VALUE_GET_PTR(*data) != qjs::JS_VALUE_GET_PTR(generator)
    {
        return 0;
    }
    let trial = Layout {
        generator_resume: func,
        ..*layout
    };
    match promise_of(&trial, job) {
        Some((found, Resumes::Generator(g)))
            if qjs::JS_IsObject(request)
                && qjs::JS_VALUE_GET_PTR(found) == qjs::JS_VALUE_GET_PTR(request)
                && qjs::JS_VALUE_GET_PTR(g) == qjs::JS_VALUE_GET_PTR(generator) =>
        {
            func
        }
        _ => 0,
    }
}
