//! `Atomics.waitAsync`: a wait that returns at once, with a promise an `Atomics.notify` of the
//! same element (from any runtime sharing the memory) or the timeout settles, as V8's.
//!
//! A waiter joins the same list of waiters as `Atomics.wait` (`shared_memory.rs`), with the
//! flag a notify sets and the runtime's wake-up (the host's: it wakes the host's loop from
//! the notifying thread). Nothing is settled from another thread: the runtime's host calls
//! [`settle_async_waits`] on its own thread (its loop, after a wake-up or at the next deadline
//! it returned; `Context::run_settled` does it while it awaits a promise), which resolves the promises of the waits that were notified or are due, with
//! `"ok"` or `"timed-out"` (no code runs: their reactions are queued as promise jobs). A
//! runtime's waits end with it: a notify no longer counts them.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use rquickjs::{qjs, Ctx};

use crate::runtime::state::RuntimeState;

/// Forgets every pending wait of the runtime (off the list of waiters, their promises left
/// pending), and frees what they hold: before the engine is freed, or when its jobs are
/// discarded.
pub(crate) fn clear(state: &RuntimeState, rt: *mut qjs::JSRuntime) {
    let pending = std::mem::take(&mut *state.async_waits.pending.borrow_mut());
    crate::shared_memory::forget_waiters(|id| pending.iter().any(|p| p.id == id));
    for p in pending {
        unsafe { qjs::JS_FreeValueRT(rt, p.resolve) };
    }
}

/// What [`settle_async_waits`] did.
///
/// ```
/// let rt = jsvm::Runtime::builder().shared_memory(true).build().unwrap();
/// rt.with_ctx(|ctx| {
///     ctx.eval::<(), _>(
///         "globalThis.i = new Int32Array(new SharedArrayBuffer(4));
///          globalThis.seen = '';
///          const r = Atomics.waitAsync(i, 0, 0);
///          r.value.then((v) => { seen = v });
///          Atomics.notify(i, 0);",
///     )
///     .unwrap();
///     let done = jsvm::engine::settle_async_waits(&ctx);
///     assert_eq!((done.settled, done.pending), (1, 0));
///     while jsvm::engine::run_host_job(&ctx).unwrap() {}
///     assert_eq!(ctx.globals().get::<_, String>("seen").unwrap(), "ok");
/// });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsyncWaitsSettled {
    /// The promises it resolved.
    pub settled: usize,
    /// The waits still pending.
    pub pending: usize,
    /// When the next pending wait is due (none: no pending wait has a timeout).
    pub next_deadline: Option<Instant>,
}

/// Resolves the promises of the runtime's `Atomics.waitAsync` waits that were notified
/// (`"ok"`) or are due (`"timed-out"`): their reactions are queued as promise jobs, for the
/// host to run. A host calls it on its loop after [`set_async_wait_wake`]'s wake-up, and at the
/// deadline it returned; a pending wait does not keep a loop alive in Node. See
/// [`AsyncWaitsSettled`] for an example.
pub fn settle_async_waits(ctx: &Ctx<'_>) -> AsyncWaitsSettled {
    let state = RuntimeState::of(ctx);
    let now = Instant::now();
    let mut due = Vec::new();
    state.async_waits.pending.borrow_mut().retain_mut(|p| {
        if p.waiter.notified.load(Ordering::SeqCst) {
            due.push((p.resolve, "ok"));
            return false;
        }
        if p.deadline.is_some_and(|d| now >= d) {
            // Off the list, unless a notify took it meanwhile.
            let taken = crate::shared_memory::forget_waiters(|id| id == p.id) == 1;
            due.push((p.resolve, if taken { "timed-out" } else { "ok" }));
            return false;
        }
        true
    });
    let c = ctx.as_raw().as_ptr();
    let settled = due.len();
    for (resolve, word) in due {
        unsafe {
            let text = qjs::JS_NewStringLen(c, word.as_ptr().cast(), word.len() as _);
            let mut args = [text];
            let r = qjs::JS_Call(c, resolve, qjs::JS_UNDEFINED, 1, args.as_mut_ptr());
            if qjs::JS_IsException(r) {
                // Out of memory: the promise stays pending.
                qjs::JS_FreeValue(c, qjs::JS_GetException(c));
            }
            qjs::JS_FreeValue(c, r);
            qjs::JS_FreeValue(c, text);
            qjs::JS_FreeValue(c, resolve);
        }
    }
    let pending = state.async_waits.pending.borrow();
    AsyncWaitsSettled {
        settled,
        pending: pending.len(),
        next_deadline: pending.iter().filter_map(|p| p.deadline).min(),
    }
}

/// Gives the runtime of `ctx` the host's wake-up for its loop: a notify of one of its
/// `Atomics.waitAsync` waits calls it (on the notifying thread), for the loop to call
/// [`settle_async_waits`]. Waits begun before keep the wake-up they had (none: the host must
/// then look on its own).
pub fn set_async_wait_wake(ctx: &Ctx<'_>, wake: impl Fn() + Send + Sync + 'static) {
    *RuntimeState::of(ctx).async_waits.wake.borrow_mut() = Some(Arc::new(wake));
}

/// When the next pending `Atomics.waitAsync` wait of the runtime of `ctx` is due (none: none
/// has a timeout): the latest a host's loop may sleep before [`settle_async_waits`].
pub fn async_wait_deadline(ctx: &Ctx<'_>) -> Option<Instant> {
    let state = RuntimeState::of(ctx);
    let pending = state.async_waits.pending.borrow();
    pending.iter().filter_map(|p| p.deadline).min()
}
