//! Promise jobs sorted by the context that queued them: the host's jobs, and the jobs of an
//! `afterEvaluate` context that wait for its own runs. The engine's list is reached through
//! `job_queue.rs`; without it, jobs run in engine order.

use std::ffi::c_int;

use rquickjs::qjs;
use rquickjs::Ctx;

use crate::error::Result;
use crate::job_queue::{Sort, HOST};
use crate::promise_jobs::owner;
use crate::runtime::state::RuntimeState;

/// Whether a job of `job_ctx` waits for the host (not for an `afterEvaluate` context's run).
fn is_host_job(state: &RuntimeState, job_ctx: *mut qjs::JSContext) -> bool {
    !state
        .after_evaluate_realms
        .borrow()
        .contains(&(job_ctx as usize))
}

/// The engine's next job for the realm `seek` (`None`: the host), found on the engine's list;
/// the jobs of others it passes are parked, so that no later walk passes them again
/// (`job_queue::Parked`): those of `afterEvaluate` realms in their realm's list, the host's
/// (passed by a context's walk) in the host's, handed back when the context's jobs are done
/// or the host looks for its own.
fn next_job(
    state: &RuntimeState,
    q: &crate::job_queue::JobQueue,
    seek: Option<*mut qjs::JSContext>,
) -> Option<*mut crate::job_queue::JobEntry> {
    if seek.is_none() {
        // Older than every job on the engine's list: put back at its head, in order.
        state.parked.hand_back(HOST);
    }
    q.find_parking(&state.parked, |job| {
        let realm = owner(job);
        if seek == Some(realm) {
            Sort::Take
        } else if !is_host_job(state, realm) {
            Sort::Park(realm as usize)
        } else if seek.is_none() {
            Sort::Take
        } else {
            Sort::Park(HOST)
        }
    })
}

/// Whether the host has a job waiting.
pub(crate) fn host_job_pending(ctx: &Ctx<'_>) -> bool {
    let state = RuntimeState::of(ctx);
    let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
    match state.job_queue.get() {
        Some(q) => next_job(&state, &q, None).is_some(),
        None => unsafe { qjs::JS_IsJobPending(rt) },
    }
}

/// Runs the host's next job (skipping those of `afterEvaluate` contexts, which wait for their
/// own runs); false when there is none. A job's exception is left pending and reported as
/// `rquickjs::Error::Exception`, for the caller to catch. Runs under whatever frames the
/// caller has entered.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     ctx.eval::<(), _>("globalThis.done = false; Promise.resolve().then(() => { done = true })")
///         .unwrap();
///     while jsvm::engine::run_host_job(&ctx).unwrap() {}
///     assert!(ctx.globals().get::<_, bool>("done").unwrap());
/// });
/// ```
pub fn run_host_job(ctx: &Ctx<'_>) -> rquickjs::Result<bool> {
    let state = RuntimeState::of(ctx);
    let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
    discard_abandoned(&state, rt);
    let r = match state.job_queue.get() {
        // SAFETY: a job's owner is its context or the realm of a handler its arguments hold.
        Some(q) => unsafe {
            q.run_first(
                rt,
                next_job(&state, &q, None),
                owner,
                |job| before(ctx, &state, job),
                |job_ctx, entered| after(ctx, &state, job_ctx, entered),
            )
        }
        .unwrap_or_default(),
        None => unsafe {
            let mut job_ctx = std::ptr::null_mut();
            qjs::JS_ExecutePendingJob(rt, &mut job_ctx)
        },
    };
    match r {
        0 => {
            // A microtask checkpoint: WeakRef targets kept for the jobs that ran are let go.
            crate::realm::weak_ref::clear(ctx);
            Ok(false)
        }
        r if r < 0 => Err(rquickjs::Error::Exception),
        _ => Ok(true),
    }
}

/// Before a job runs: settles a rejection it hands code, and enters the async context of the
/// promise it is for.
fn before(
    ctx: &Ctx<'_>,
    state: &RuntimeState,
    job: &crate::job_queue::JobEntry,
) -> Option<crate::async_context::Entered> {
    settle_rejection(job);
    crate::async_context::enter(ctx, state, job)
}

/// After a job ran (in the realm `job_ctx`): leaves the async context `before` entered, and
/// empties the realm's record of the exception in flight, which an exception the engine caught
/// itself in the job (an async function's throw) left filled: the next throw of an error made
/// earlier would pass the stack formatter unseen (`stack/in_flight.rs`).
fn after(
    ctx: &Ctx<'_>,
    state: &RuntimeState,
    job_ctx: *mut qjs::JSContext,
    entered: Option<crate::async_context::Entered>,
) {
    if let Some(entered) = entered {
        crate::async_context::leave(ctx, state, entered);
    }
    if let Some(c) = std::ptr::NonNull::new(job_ctx) {
        crate::stack::forget_in_flight(&unsafe { Ctx::from_raw(c) });
    }
}

/// A promise job about to hand code a rejection (a reaction's reason: its last two arguments
/// are `true` and the reason) whose reason is an error the engine made in a job, with no
/// frame (an `import()` whose graph failed to link, caught with `.catch` or `await`;
/// `Promise.any`'s AggregateError): V8's words and Node's stack are given to it first
/// (`stack::settle_job_error`), as they are to one nothing handled.
fn settle_rejection(job: &crate::job_queue::JobEntry) {
    // SAFETY: the job is queued and holds its arguments.
    let args = unsafe { job.args() };
    let [.., rejected, reason] = args else {
        return;
    };
    let rejected = unsafe {
        qjs::JS_VALUE_GET_TAG(*rejected) == qjs::JS_TAG_BOOL
            && qjs::JS_VALUE_GET_INT(*rejected) != 0
    };
    if !rejected || unsafe { !qjs::JS_IsError(*reason) } {
        return;
    }
    let Some(c) = std::ptr::NonNull::new(job.ctx()) else {
        return;
    };
    let ctx = unsafe { Ctx::from_raw(c) };
    let reason =
        unsafe { rquickjs::Value::from_raw(ctx.clone(), qjs::JS_DupValue(c.as_ptr(), *reason)) };
    let reader = RuntimeState::of(&ctx).module_source_reader.borrow().clone();
    crate::stack::settle_job_error(&ctx, &reason, |name| {
        reader.as_ref().and_then(|read| read(name))
    });
}

/// Gives the runtime of `ctx` the host's reader of a module's source by the name its loader
/// gave it (a `file://` URL...): a link error of an `import()` that code handles gets Node's
/// arrow at the importer's import from it, as one nothing handled gets it from the host.
pub fn set_module_source_reader(ctx: &Ctx<'_>, read: impl Fn(&str) -> Option<String> + 'static) {
    *RuntimeState::of(ctx).module_source_reader.borrow_mut() = Some(std::rc::Rc::new(read));
}

/// The owned API's [`run_host_job`]: a job's exception described as an [`crate::Error`].
pub(crate) fn run_host_job_described(ctx: &Ctx<'_>) -> Result<bool> {
    run_host_job(ctx).map_err(|_| crate::exception::describe_caught(ctx))
}

/// Runs the next job queued by the engine context `realm`; `None` when it has none (other
/// contexts' jobs stay queued, in order). Without the checked job list, the engine's next job
/// whatever its context (the runtime's one queue, as before).
pub(crate) fn run_own_job(state: &RuntimeState, realm: *mut qjs::JSContext) -> Option<c_int> {
    let rt = unsafe { qjs::JS_GetRuntime(realm) };
    match state.job_queue.get() {
        Some(q) => {
            let ctx = unsafe { Ctx::from_raw(std::ptr::NonNull::new(realm)?) };
            // Its parked jobs are older than any it has on the engine's list.
            let entry = state
                .parked
                .take_first(realm as usize)
                .or_else(|| next_job(state, &q, Some(realm)));
            if entry.is_none() {
                // Its jobs are done: the host's that its walks passed go back to the engine's
                // list, where the engine's own API finds them.
                state.parked.hand_back(HOST);
            }
            // SAFETY: as in `run_host_job`.
            let r = unsafe {
                q.run_first(
                    rt,
                    entry,
                    owner,
                    |job| before(&ctx, state, job),
                    |job_ctx, entered| after(&ctx, state, job_ctx, entered),
                )?
            };
            Some(r)
        }
        None => unsafe {
            let mut job_ctx = std::ptr::null_mut();
            match qjs::JS_ExecutePendingJob(rt, &mut job_ctx) {
                0 => None,
                r => Some(r),
            }
        },
    }
}

/// Drops the jobs queued by the engine context `realm`; false when the job list is unknown
/// (the caller must then deal with them otherwise).
pub(crate) fn discard_own(state: &RuntimeState, realm: *mut qjs::JSContext) -> bool {
    let rt = unsafe { qjs::JS_GetRuntime(realm) };
    match state.job_queue.get() {
        Some(q) => {
            state
                .parked
                .discard_queued(&q, rt, |r| r == realm as usize, |job| owner(job) == realm);
            true
        }
        None => false,
    }
}

/// Drops the jobs of the `afterEvaluate` realms abandoned since the last call (their contexts'
/// last owned handles are gone, see `context/owned.rs`): nothing could run them, and they held
/// the realms. Called where the engine is between steps: a run's start, the host's job loop,
/// a context's making. Without the checked job list they are the host's jobs from then on.
pub(crate) fn discard_abandoned(state: &RuntimeState, rt: *mut qjs::JSRuntime) {
    if state.abandoned_realms.borrow().is_empty() {
        return;
    }
    let realms = std::mem::take(&mut *state.abandoned_realms.borrow_mut());
    if let Some(q) = state.job_queue.get() {
        state.parked.discard_queued(
            &q,
            rt,
            |r| realms.contains(&r),
            |job| realms.contains(&(owner(job) as usize)),
        );
    }
}

/// Drops every queued job. Without the checked job list, runs them under a frame that is
/// already due, so each ends at its first interrupt check.
pub(crate) fn discard_all(ctx: &Ctx<'_>) {
    let state = RuntimeState::of(ctx);
    let raw = ctx.as_raw().as_ptr();
    let rt = unsafe { qjs::JS_GetRuntime(raw) };
    match state.job_queue.get() {
        Some(q) => state.parked.discard_queued(&q, rt, |_| true, |_| true),
        None => {
            let due = state.interrupts.enter(Some(0), None);
            loop {
                let mut job_ctx = std::ptr::null_mut();
                let r = unsafe { qjs::JS_ExecutePendingJob(rt, &mut job_ctx) };
                if r == 0 {
                    break;
                }
                if r < 0 {
                    drop(ctx.catch());
                }
            }
            let _ = due.take_stop();
            drop(due);
            unsafe { qjs::JS_ResetUncatchableError(raw) };
        }
    }
}

#[cfg(test)]
mod tests {
    //! The fallback when the job list's layout does not check out: jobs run in engine order,
    //! and what a stopped run left still never runs unbounded.

    use std::time::{Duration, Instant};

    use crate::{ContextOptions, Error, MicrotaskMode, RunOptions, Runtime};

    fn without_job_list() -> Runtime {
        let rt = Runtime::builder()
            .host_timeout(Some(Duration::from_millis(100)))
            .build()
            .unwrap();
        rt.with_ctx(|ctx| {
            let state = crate::runtime::state::RuntimeState::of(&ctx);
            assert!(
                state.job_queue.get().is_some(),
                "the probe passes on this build"
            );
            state.job_queue.set(None);
        });
        rt
    }

    #[test]
    fn without_the_job_list_a_stopped_run_leaves_nothing_unbounded() {
        let rt = without_job_list();
        let ctx = rt
            .new_empty_context(ContextOptions {
                microtask_mode: MicrotaskMode::AfterEvaluate,
                ..Default::default()
            })
            .unwrap();
        let script = rt
            .compile(
                "Promise.resolve().then(() => { for (;;) {} }); for (;;) {}",
                Default::default(),
            )
            .unwrap();
        let limited = RunOptions {
            timeout_ms: Some(30),
            ..Default::default()
        };
        assert_eq!(
            ctx.run::<()>(&script, &limited).unwrap_err(),
            Error::Timeout { ms: 30 }
        );
        let start = Instant::now();
        rt.run_jobs().unwrap();
        assert!(start.elapsed() < Duration::from_millis(100));
        // Its own jobs still run before a run returns.
        assert_eq!(
            ctx.eval::<i32>("globalThis.v = 0; Promise.resolve().then(() => { v = 2 }); 1")
                .unwrap(),
            1
        );
        assert_eq!(ctx.get::<i32>("v").unwrap(), 2);
    }

    #[test]
    fn without_the_job_list_the_host_budget_and_discarding_still_hold() {
        let rt = without_job_list();
        let a = rt.new_empty_context(Default::default()).unwrap();
        a.eval::<()>("function f() { Promise.resolve().then(f) } f()")
            .unwrap();
        assert_eq!(rt.run_jobs().unwrap_err(), Error::Timeout { ms: 100 });
        a.eval::<()>("for (let i = 0; i < 10; i++) Promise.resolve().then(() => { for (;;) {} })")
            .unwrap();
        assert!(rt.is_job_pending());
        let start = Instant::now();
        rt.discard_jobs();
        assert!(!rt.is_job_pending());
        assert!(start.elapsed() < Duration::from_millis(100));
    }
}
