//! The engine's interruption errors once a stop is over: made ordinary values, and the jobs
//! that would hand one on dropped.

use rquickjs::{qjs, Ctx, Value};

use super::own::{own_property, Own};
use crate::runtime::state::RuntimeState;

/// The most interruption errors [`super::prepare`] keeps for one stop (each poll of a stopping run
/// makes one, and code catching them in a loop makes many; past this, stack building drops
/// them unseen or the run ends first).
pub(super) const MAX_KEPT_INTERRUPTIONS: usize = 4096;

/// Once a limit's stop is over (its owner took it): the engine's interruption errors made
/// meanwhile become ordinary errors. Code may have caught one as a value where the engine
/// turns an exception into one (a promise rejected by a getter that was interrupted): thrown
/// again later, it would pass through every `catch`, the host's too.
///
/// Queued jobs that hand one on (a reaction to a promise the interruption rejected: V8 ends
/// the run instead, and no promise settles) are dropped first, whatever realm they belong to:
/// run after the stop, they passed the error on as an ordinary rejection, to promises of the
/// host too (the program then died of an unhandled `InternalError: interrupted`).
pub(crate) fn disarm_interruptions(ctx: &Ctx<'_>) {
    let state = RuntimeState::of(ctx);
    let kept = std::mem::take(&mut *state.interruptions.borrow_mut());
    let errors: Vec<Value<'_>> = kept
        .into_iter()
        .filter_map(|e| e.restore(ctx).ok())
        .collect();
    if errors.is_empty() {
        return;
    }
    if let Some(q) = state.job_queue.get() {
        let made: std::collections::HashSet<usize> = errors
            .iter()
            .map(|e| unsafe { qjs::JS_VALUE_GET_PTR(e.as_raw()) } as usize)
            .collect();
        let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
        // SAFETY: each queued job holds its arguments.
        state.parked.discard_queued(
            &q,
            rt,
            |_| false,
            |job| {
                unsafe { job.args() }.iter().any(|&a| unsafe {
                    qjs::JS_IsObject(a) && made.contains(&(qjs::JS_VALUE_GET_PTR(a) as usize))
                })
            },
        );
    }
    for v in errors {
        unsafe { qjs::JS_ClearUncatchableError(ctx.as_raw().as_ptr(), v.as_raw()) };
    }
}

/// Makes `error` an ordinary error if it is the engine's interruption (an uncatchable
/// `InternalError: interrupted`, which only the engine makes): one that code kept, thrown when
/// no limit fired. Other uncatchable errors (a host's own stop) are left as they are.
pub(crate) fn disarm_if_interruption<'js>(ctx: &Ctx<'js>, error: &Value<'js>) {
    if !unsafe { qjs::JS_IsUncatchableError(error.as_raw()) } {
        return;
    }
    let Some(obj) = error.as_object() else { return };
    let is_interruption = matches!(
        own_property(ctx, obj, "message"),
        Some(Own::Data(m)) if m.as_string().and_then(|s| s.to_string().ok()).as_deref() == Some("interrupted")
    );
    if is_interruption {
        unsafe { qjs::JS_ClearUncatchableError(ctx.as_raw().as_ptr(), error.as_raw()) };
    }
}
