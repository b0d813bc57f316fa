//! A value that follows promise reactions: the embedder's async context (V8's
//! "continuation-preserved embedder data", on which Node builds `AsyncLocalStorage`).
//!
//! The embedder sets the current value; a `then` callback, or the code after an `await`, runs
//! with the value that was current when the reaction was registered, not the one current when
//! the engine's job queue happens to be drained.
//!
//! QuickJS-ng has no hook around a reaction job (its promise hook reports a promise's creation,
//! but BEFORE/AFTER only around a thenable's `then` job: quickjs-ng/quickjs#1740), so this
//! builds the semantics from what the engine does give:
//! - a promise's creation (the promise hook's INIT) records the current value for the promise,
//!   in a `WeakMap` of the host's, so the record lives exactly as long as the promise; a `then`
//!   creates its derived promise when it is called, so that promise carries the value of the
//!   `then` call;
//! - the job runner (`jobs.rs`) reads the job it is about to run from the engine's job list
//!   (`job_queue.rs`) and finds the promise the job is for: a reaction's derived promise, through
//!   its resolving function; an `await`'s async function, through its resume function, whose
//!   state holds the resolving functions of the function's own promise; the promise a thenable
//!   resolves. The value recorded for it is current while the job runs.
//! - an `await` registers no promise of its own. An async function's promise records the value
//!   of its call, which its body sees until its first `await`; after each job that resumed it,
//!   the value the body left current (the one current at its next `await`) is recorded for it;
//!   and when the embedder sets a value, it is recorded for every async function on the stack
//!   (`frames/awaiting.rs` finds them), since it is what each of them will see after its next
//!   `await` (Node's `enterWith` before an async function's first `await`, or in a function it
//!   calls, is seen after it).
//! - an async generator keeps no promise of its own either: its body serves one request (a
//!   `next`, `return` or `throw` call's promise) at a time, the first queued. That request's
//!   promise plays the async function's part: it records the value of the call that queued it,
//!   the value left after a job resumed the body, and a value set while the body runs. A job
//!   resuming the body is found by its handler's data (the generator).
//!
//! The engine fields this reads (a reaction job's arguments, the promise of a resolving
//! function, an async function's resolving functions, an async generator's requests, a
//! coroutine's frame) are checked once per process against a
//! probe run in a scratch context (`promise_jobs.rs`, `frames/awaiting.rs`); if a check fails the value does not follow
//! promise reactions (it still is what the embedder set), never undefined behaviour.
//! Nothing here is installed until an embedder first sets a value: a runtime that never does
//! pays nothing.

pub(crate) mod slot;

use rquickjs::{Ctx, Value};

pub(crate) use slot::{AsyncContext, Entered};

use crate::job_queue::JobEntry;
use crate::runtime::state::RuntimeState;

/// The current async context of the runtime of `ctx` (undefined until one is set).
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let value = rquickjs::String::from_str(ctx.clone(), "request 1").unwrap();
///     jsvm::engine::set_async_context(&ctx, value.into_value()).unwrap();
///     let seen = rquickjs::Function::new(ctx.clone(), |ctx: rquickjs::Ctx<'_>| -> String {
///         let value = jsvm::engine::async_context(&ctx);
///         value.as_string().map(|s| s.to_string().unwrap()).unwrap_or_default()
///     })
///     .unwrap();
///     ctx.globals().set("seen", seen).unwrap();
///     ctx.eval::<(), _>("globalThis.p = Promise.resolve().then(() => seen())").unwrap();
///     // The reaction was registered under "request 1"; it runs under it whatever is current.
///     jsvm::engine::set_async_context(&ctx, rquickjs::Value::new_undefined(ctx.clone()))
///         .unwrap();
///     while jsvm::engine::run_host_job(&ctx).unwrap() {}
///     let p: rquickjs::Promise = ctx.globals().get("p").unwrap();
///     assert_eq!(p.finish::<String>().unwrap(), "request 1");
/// });
/// ```
pub fn async_context<'js>(ctx: &Ctx<'js>) -> Value<'js> {
    let state = RuntimeState::of(ctx);
    let kept = state.async_context.borrow();
    match kept.as_ref() {
        Some(a) => a.current(ctx),
        None => Value::new_undefined(ctx.clone()),
    }
}

/// Sets the current async context of the runtime of `ctx`: from now on, a promise created
/// (a `then`, an async function's call) carries `value` to its reactions. Returns whether
/// values follow promise reactions in this build (false when the engine's layout did not check
/// out; the value is then only what [`async_context`] returns). The value is the embedder's:
/// the library never hands it to code. See [`async_context`] for an example.
pub fn set_async_context<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> rquickjs::Result<bool> {
    set(ctx, value, true)
}

/// [`set_async_context`] for a scope the embedder ends by setting the outer value back, as
/// `AsyncLocalStorage.run` does around its callback: an async function running now cannot
/// suspend before the scope ends, so the value is not recorded for them (a set inside the scope
/// is, and so must the outer value be when set back after one). Promises made inside carry it
/// as ever.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let value = rquickjs::String::from_str(ctx.clone(), "inner").unwrap();
///     jsvm::engine::enter_async_context(&ctx, value.into_value()).unwrap();
///     let seen = jsvm::engine::async_context(&ctx);
///     assert_eq!(seen.as_string().unwrap().to_string().unwrap(), "inner");
///     jsvm::engine::enter_async_context(&ctx, rquickjs::Value::new_undefined(ctx.clone()))
///         .unwrap();
/// });
/// ```
pub fn enter_async_context<'js>(ctx: &Ctx<'js>, value: Value<'js>) -> rquickjs::Result<bool> {
    set(ctx, value, false)
}

/// Sets the current value; `record`: for the coroutines running too.
fn set<'js>(ctx: &Ctx<'js>, value: Value<'js>, record: bool) -> rquickjs::Result<bool> {
    let state = RuntimeState::of(ctx);
    if state.async_context.borrow().is_none() {
        if value.is_undefined() {
            return Ok(false);
        }
        // The library's own WeakMap, through its methods as they were when the runtime was made:
        // the hook calls them inside promise creation, where code must not run.
        let (records, methods) = state.pristine_weak_map(ctx)?;
        let made = AsyncContext::new(ctx, state.job_queue.get(), records, methods)?;
        *state.async_context.borrow_mut() = Some(made);
    }
    let kept = state.async_context.borrow();
    let a = kept.as_ref().expect("made above");
    a.set_current(ctx, value, record);
    Ok(a.follows_promises())
}

/// Before `job` runs: enters the value recorded for the promise it is for (`None` when the
/// runtime has no async context, or the job is none of the promise jobs it knows).
pub(crate) fn enter(ctx: &Ctx<'_>, state: &RuntimeState, job: &JobEntry) -> Option<Entered> {
    state.async_context.borrow().as_ref()?.enter(ctx, job)
}

/// After the job `enter` entered.
pub(crate) fn leave(ctx: &Ctx<'_>, state: &RuntimeState, entered: Entered) {
    if let Some(a) = state.async_context.borrow().as_ref() {
        a.leave(ctx, entered);
    }
}

#[cfg(test)]
mod tests {
    //! Without the checked job list, the value is only what the embedder set: it follows no
    //! reaction, and nothing is hooked.

    use rquickjs::{Function, Value};

    #[test]
    fn without_the_job_list_values_do_not_follow_reactions() {
        let rt = crate::Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            crate::runtime::state::RuntimeState::of(&ctx)
                .job_queue
                .set(None);
            let value = Value::from_string(rquickjs::String::from_str(ctx.clone(), "v").unwrap());
            assert!(!super::set_async_context(&ctx, value).unwrap());
            let seen = Function::new(ctx.clone(), |ctx: rquickjs::Ctx<'_>| {
                super::async_context(&ctx).is_undefined()
            })
            .unwrap();
            ctx.globals().set("seenNone", seen).unwrap();
            ctx.eval::<(), _>("globalThis.p = Promise.resolve().then(() => seenNone())")
                .unwrap();
            super::set_async_context(&ctx, Value::new_undefined(ctx.clone())).unwrap();
            while crate::jobs::run_host_job(&ctx).unwrap() {}
            let p: rquickjs::Promise = ctx.globals().get("p").unwrap();
            assert!(p.finish::<bool>().unwrap());
        });
    }
}
