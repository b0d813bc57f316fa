//! Promise jobs and finalizer callbacks, sorted by the context that queued them.
//!
//! QuickJS keeps one job queue per runtime (`JSRuntime.job_list`); V8 gives Node a queue per
//! context in `afterEvaluate` mode. The engine has no API to pick a job from its queue, so this
//! reaches the list itself: each entry records the engine context that queued it, and a job
//! is run by moving it to the front and asking the engine for its next job; a job is dropped
//! by unlinking it and releasing what it holds. The list's place in `JSRuntime` is checked when
//! a runtime starts (see [`JobQueue::probe`]); if the check fails, the queue is `None` and the
//! callers fall back to running jobs in engine order.

use std::ffi::c_int;
use std::ptr::NonNull;

use rquickjs::qjs;

/// QuickJS's `struct list_head`.
#[repr(C)]
struct ListHead {
    prev: *mut ListHead,
    next: *mut ListHead,
}

/// The head of QuickJS's `JSJobEntry`; `argv` follows `argc`.
#[repr(C)]
struct JobEntry {
    link: ListHead,
    ctx: *mut qjs::JSContext,
    job_func: qjs::JSJobFunc,
    argc: c_int,
}

/// Where `argv` starts in a `JSJobEntry` (after `argc`, aligned for a `JSValue`).
const ARGV_OFFSET: usize = 40;

/// The QuickJS-ng release whose `JSRuntime` layout [`JOB_LIST_OFFSET`] describes; the rquickjs-sys
/// version that ships it is pinned in Cargo.toml.
const ENGINE_VERSION: &str = "0.16.2";

/// `offsetof(JSRuntime, job_list)` in that release, on 64-bit targets.
const JOB_LIST_OFFSET: usize = 1328;

/// A runtime's job list, found and checked.
#[derive(Clone, Copy)]
pub(crate) struct JobQueue {
    head: NonNull<ListHead>,
}

unsafe extern "C" fn probe_job(
    _ctx: *mut qjs::JSContext,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_UNDEFINED
}

impl JobQueue {
    /// Finds the job list of the runtime of `ctx` and checks it is what this module expects:
    /// with the queue empty, one probe job is queued and must be the list's only entry, linked
    /// both ways, with the probe's context, function and argument count. The probe is then run
    /// (it does nothing). `None` when any check fails, or for another engine release or target.
    pub(crate) fn probe(ctx: *mut qjs::JSContext) -> Option<JobQueue> {
        if cfg!(not(target_pointer_width = "64")) || std::mem::size_of::<qjs::JSValue>() != 16 {
            return None;
        }
        let version = unsafe { std::ffi::CStr::from_ptr(qjs::JS_GetVersion()) };
        if version.to_bytes() != ENGINE_VERSION.as_bytes() {
            return None;
        }
        unsafe {
            let rt = qjs::JS_GetRuntime(ctx);
            if qjs::JS_IsJobPending(rt) {
                return None;
            }
            // Compared by the very pointer handed to the engine.
            let probe: qjs::JSJobFunc = Some(probe_job);
            if qjs::JS_EnqueueJob(ctx, probe, 0, std::ptr::null_mut()) < 0 {
                return None;
            }
            let head = (rt as *mut u8).add(JOB_LIST_OFFSET) as *mut ListHead;
            let entry = (*head).next;
            let ok = !entry.is_null()
                && entry != head
                && (*head).prev == entry
                && (*entry).next == head
                && (*entry).prev == head
                && {
                    let e = entry as *mut JobEntry;
                    (*e).ctx == ctx
                        && (*e).job_func.map(|f| f as usize) == probe.map(|f| f as usize)
                        && (*e).argc == 0
                };
            let mut job_ctx = std::ptr::null_mut();
            qjs::JS_ExecutePendingJob(rt, &mut job_ctx);
            if !ok || qjs::JS_IsJobPending(rt) {
                return None;
            }
            Some(JobQueue {
                head: NonNull::new_unchecked(head),
            })
        }
    }

    /// The first queued job whose context `pick` accepts.
    fn find(&self, mut pick: impl FnMut(*mut qjs::JSContext) -> bool) -> Option<*mut JobEntry> {
        unsafe {
            let head = self.head.as_ptr();
            let mut link = (*head).next;
            while link != head {
                let entry = link as *mut JobEntry;
                if pick((*entry).ctx) {
                    return Some(entry);
                }
                link = (*link).next;
            }
        }
        None
    }

    /// Runs the first job whose context `pick` accepts, leaving the others in order: `None`
    /// when there is none, else the engine's result (< 0: the job threw, its exception pending
    /// in the returned context).
    pub(crate) fn run_first(
        &self,
        rt: *mut qjs::JSRuntime,
        pick: impl FnMut(*mut qjs::JSContext) -> bool,
    ) -> Option<(c_int, *mut qjs::JSContext)> {
        let entry = self.find(pick)?;
        unsafe {
            let head = self.head.as_ptr();
            if (*head).next != entry as *mut ListHead {
                unlink(entry as *mut ListHead);
                insert_after(head, entry as *mut ListHead);
            }
            let mut job_ctx = std::ptr::null_mut();
            let r = qjs::JS_ExecutePendingJob(rt, &mut job_ctx);
            Some((r, job_ctx))
        }
    }

    /// Drops every queued job whose context `pick` accepts, without running it.
    pub(crate) fn discard(
        &self,
        rt: *mut qjs::JSRuntime,
        mut pick: impl FnMut(*mut qjs::JSContext) -> bool,
    ) -> usize {
        let mut dropped = 0;
        while let Some(entry) = self.find(&mut pick) {
            unsafe {
                unlink(entry as *mut ListHead);
                // Released through the runtime, not the job's context: the arguments may hold
                // the last reference to that context.
                let argv = (entry as *mut u8).add(ARGV_OFFSET) as *mut qjs::JSValue;
                for i in 0..(*entry).argc.max(0) as usize {
                    qjs::JS_FreeValueRT(rt, std::ptr::read(argv.add(i)));
                }
                qjs::js_free_rt(rt, entry.cast());
            }
            dropped += 1;
        }
        dropped
    }
}

unsafe fn unlink(el: *mut ListHead) {
    let prev = (*el).prev;
    let next = (*el).next;
    (*prev).next = next;
    (*next).prev = prev;
    (*el).prev = std::ptr::null_mut();
    (*el).next = std::ptr::null_mut();
}

unsafe fn insert_after(head: *mut ListHead, el: *mut ListHead) {
    let next = (*head).next;
    (*el).prev = head;
    (*el).next = next;
    (*next).prev = el;
    (*head).next = el;
}

// ---- whose job is whose ---------------------------------------------------------------------

use rquickjs::Ctx;

use crate::error::Result;
use crate::runtime::RuntimeState;

/// Whether a job of `job_ctx` waits for the host (not for an `afterEvaluate` context's run).
fn is_host_job(state: &RuntimeState, job_ctx: *mut qjs::JSContext) -> bool {
    !state
        .after_evaluate_realms
        .borrow()
        .contains(&(job_ctx as usize))
}

/// Whether the host has a job waiting.
pub(crate) fn host_job_pending(ctx: &Ctx<'_>) -> bool {
    let state = RuntimeState::of(ctx);
    let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
    match state.job_queue.get() {
        Some(q) => q.find(|c| is_host_job(&state, c)).is_some(),
        None => unsafe { qjs::JS_IsJobPending(rt) },
    }
}

/// Runs the host's next job (skipping those of `afterEvaluate` contexts, which wait for their
/// own runs); false when there is none. A job's exception is left pending and reported as
/// `rquickjs::Error::Exception`, for the caller to catch. Runs under whatever frames the
/// caller has entered.
pub fn run_host_job(ctx: &Ctx<'_>) -> rquickjs::Result<bool> {
    let state = RuntimeState::of(ctx);
    let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
    let r = match state.job_queue.get() {
        Some(q) => match q.run_first(rt, |c| is_host_job(&state, c)) {
            Some((r, _)) => r,
            None => 0,
        },
        None => unsafe {
            let mut job_ctx = std::ptr::null_mut();
            qjs::JS_ExecutePendingJob(rt, &mut job_ctx)
        },
    };
    match r {
        0 => Ok(false),
        r if r < 0 => Err(rquickjs::Error::Exception),
        _ => Ok(true),
    }
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
        Some(q) => q.run_first(rt, |c| c == realm).map(|(r, _)| r),
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
            q.discard(rt, |c| c == realm);
            true
        }
        None => false,
    }
}

/// Drops every queued job. Without the checked job list, runs them under a frame that is
/// already due, so each ends at its first interrupt check.
pub(crate) fn discard_all(ctx: &Ctx<'_>) {
    let state = RuntimeState::of(ctx);
    let raw = ctx.as_raw().as_ptr();
    let rt = unsafe { qjs::JS_GetRuntime(raw) };
    match state.job_queue.get() {
        Some(q) => {
            q.discard(rt, |_| true);
        }
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
        rt.with(|ctx| {
            let state = crate::runtime::RuntimeState::of(&ctx);
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
