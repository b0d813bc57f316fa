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

/// `offsetof(JSAsyncFunctionData, resolving_funcs)` in the pinned engine on 64-bit targets
/// (checked by the probe).
const ASYNC_RESOLVING_FUNCS: usize = 16;

static LAYOUT: OnceLock<Option<Layout>> = OnceLock::new();

/// The layout, once the probe found it holds.
pub(crate) fn layout() -> Option<Layout> {
    *LAYOUT.get()?
}

/// Runs the probe once per process (on the runtime of `ctx`, whose job list is `queue`).
pub(crate) fn probe(ctx: &Ctx<'_>, queue: &JobQueue) {
    LAYOUT.get_or_init(|| probe_layout(ctx, queue));
}

/// The realm whose queue `job` belongs to: for a reaction whose handler is a function of the
/// engine's bytecode, the handler's realm (a context's `then` on a host promise is the
/// context's job, and the reverse, as in V8); otherwise the realm that queued it.
pub(crate) fn owner(job: &JobEntry) -> *mut qjs::JSContext {
    unsafe { handler_realm(job) }.unwrap_or(job.ctx())
}

unsafe fn handler_realm(job: &JobEntry) -> Option<*mut qjs::JSContext> {
    let layout = layout()?;
    if job.func()? != layout.reaction_job {
        return None;
    }
    let args = job.args();
    if args.len() != 5 {
        return None;
    }
    crate::frames::bytecode::function_realm(args[2])
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

/// Nul-terminated, as the engine's parser wants.
const PROBE: &std::ffi::CStr = c"\
const handler = function () {};\n\
const thenable = { then() {} };\n\
const generator = (async function* () { await null; })();\n\
[(async () => { await null; })(), Promise.resolve().then(handler), handler,\n\
 Promise.resolve(thenable), thenable, generator, generator.next()]";

/// Checks, in a scratch context of the runtime of `ctx`, that the engine's promise jobs are laid
/// out as [`job_promise`] reads them: an async function that awaits, a `then` and a thenable
/// resolved each queue one job, and each job must lead back to the promise it is for. An async
/// generator's `await` queues a fourth, which must lead to the promise of its `next`; if it
/// does not, the others still hold and an async generator's jobs are not read.
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
    let jobs = queue.entries(|job| job.ctx() == scratch);
    let [awaited, reaction, thenable_job, rest @ ..] = jobs.as_slice() else {
        return None;
    };
    let (awaited, reaction, thenable_job) = (&**awaited, &**reaction, &**thenable_job);
    let reaction_job = reaction.func()?;
    let args = reaction.args();
    if args.len() != 5 || !same(args[2], handler) {
        return None;
    }
    let (_, resolve_class) = opaque(args[0])?;
    let mut layout = Layout {
        reaction_job,
        thenable_job: thenable_job.func()?,
        resolve_class,
        async_resolve_class: 0,
        generator_resume: 0,
    };
    if !same(resolving_promise(&layout, args[0])?, derived) || layout.thenable_job == reaction_job {
        return None;
    }
    let args = awaited.args();
    if awaited.func()? != reaction_job || args.len() != 5 || !qjs::JS_IsUndefined(args[0]) {
        return None;
    }
    let (_, async_class) = opaque(args[2])?;
    if async_class == resolve_class || async_class == resolve_class + 1 {
        return None;
    }
    layout.async_resolve_class = async_class;
    let (found, resumes) = promise_of(&layout, awaited)?;
    if !matches!(resumes, Resumes::Function) || !same(found, awaiting) {
        return None;
    }
    let (found, resumes) = promise_of(&layout, thenable_job)?;
    let args = thenable_job.args();
    if !matches!(resumes, Resumes::Nothing) || !same(found, resolved) || !same(args[1], thenable) {
        return None;
    }
    if let [generator_job] = rest {
        layout.generator_resume = generator_resume(&layout, &**generator_job, item(5), item(6));
    }
    Some(layout)
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
