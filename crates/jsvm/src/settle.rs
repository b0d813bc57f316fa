//! Awaiting a promise from Rust: a run whose completion value is a promise is followed until
//! the promise settles, its promise jobs run and its async host calls polled, and the whole
//! of it (the time spent waiting for host futures and `Atomics.waitAsync` waits included) bounded by one wall-clock
//! deadline: the run's timeout, and any limits around it ([`crate::Runtime::with_limits`], a
//! pool job's).

use std::time::{Duration, Instant};

use rquickjs::{qjs, Ctx, Value};
use serde::de::DeserializeOwned;

use crate::context::owned::Context;
use crate::context::ContextHandle;
use crate::context::MicrotaskMode;
use crate::error::{Error, Result};
use crate::exception::{describe_caught, describe_value, stop_error, within};
use crate::interrupt::{Budget, Stop};
use crate::runtime::state::RuntimeState;
use crate::script::{RunOptions, Script};

/// The longest a waiting thread sleeps before looking at its cancel tokens again (a token is
/// an atomic flag that a signal handler may set, so it cannot wake the thread itself).
const CANCEL_POLL: Duration = Duration::from_millis(5);

impl Context {
    /// Compiles and runs `source` as [`Context::run_settled`] does.
    pub fn eval_settled<T: DeserializeOwned>(&self, source: &str) -> Result<T> {
        let script = Script::lazy(source, Default::default());
        self.run_settled(&script, &RunOptions::default())
    }

    /// Runs a compiled script and, when its completion value is a promise, waits until the
    /// promise settles: runs its promise jobs, polls the futures of async host functions
    /// ([`Context::register_async`]), resolves the promises of `Atomics.waitAsync` waits that
    /// were notified or are due, and sleeps while any is pending. The fulfilled value
    /// converts to `T`; a rejection is [`Error::Thrown`] with the reason.
    ///
    /// The run's `timeout_ms` is a wall-clock deadline for all of it, counted from the start
    /// of the run until the promise settles, time spent awaiting host futures included; so is
    /// any limit around the call ([`crate::Runtime::with_limits`],
    /// [`crate::RuntimePool::run_async`]'s). Past it, [`Error::Timeout`]; a cancelled token
    /// ends it with [`Error::Interrupted`]. A promise that nothing is left to settle (no
    /// promise job, no pending host call or `Atomics.waitAsync` wait) is [`Error::Unsettled`]. Without a timeout or limits
    /// around it, nothing bounds the wait or the promise's jobs, as nothing bounds a run
    /// without a timeout.
    ///
    /// ```
    /// use std::time::Duration;
    /// let rt = jsvm::Runtime::new().unwrap();
    /// let ctx = rt.new_empty_context(Default::default()).unwrap();
    /// // A host future that never completes: the deadline still holds.
    /// ctx.register_async("never", |(): ()| std::future::pending::<Result<(), String>>())
    ///     .unwrap();
    /// let script = rt.compile("(async () => { await never(); })()", Default::default()).unwrap();
    /// let options = jsvm::RunOptions { timeout_ms: Some(30), ..Default::default() };
    /// let r = ctx.run_settled::<()>(&script, &options);
    /// assert_eq!(r, Err(jsvm::Error::Timeout { ms: 30 }));
    /// ```
    pub fn run_settled<T: DeserializeOwned>(
        &self,
        script: &Script,
        options: &RunOptions,
    ) -> Result<T> {
        self.with_ctx(|ctx, handle| {
            let started = Instant::now();
            let state = RuntimeState::of(ctx);
            let whole = Budget {
                deadline: options
                    .timeout_ms
                    .map(|ms| started + Duration::from_millis(ms)),
                timeout_ms: options.timeout_ms.unwrap_or(0),
                token: options.cancel.clone(),
            };
            // The run itself goes under the frame of the whole wait.
            let run = RunOptions {
                timeout_ms: None,
                cancel: None,
                ..options.clone()
            };
            let settled = within(ctx, &state.interrupts, &whole, |ctx| {
                let value = handle.run_to_result(script, &run)?;
                await_settled(ctx, &handle, &state, value)
            });
            let rest = Budget::after_run(
                started,
                options.timeout_ms,
                options.cancel.clone(),
                state.host_timeout,
            );
            within(ctx, &state.interrupts, &rest, |ctx| {
                crate::convert::from_js(settled?).map_err(|e| {
                    if ctx.has_exception() {
                        describe_caught(ctx)
                    } else {
                        Error::InvalidArgument(e.to_string())
                    }
                })
            })
        })
    }
}

/// Follows `value`, when it is a promise, until it settles.
fn await_settled<'js>(
    ctx: &Ctx<'js>,
    handle: &ContextHandle<'js>,
    state: &RuntimeState,
    value: Value<'js>,
) -> Result<Value<'js>> {
    let Some(promise) = value.as_promise().cloned() else {
        return Ok(value);
    };
    let realm = handle.ctx();
    let own_jobs = handle.options().microtask_mode == MicrotaskMode::AfterEvaluate;
    loop {
        match promise.state() {
            rquickjs::promise::PromiseState::Pending => {}
            settled => {
                let raw = unsafe { qjs::JS_PromiseResult(ctx.as_raw().as_ptr(), promise.as_raw()) };
                let result = unsafe { Value::from_raw(ctx.clone(), raw) };
                return match settled {
                    rquickjs::promise::PromiseState::Resolved => Ok(result),
                    _ => Err(describe_value(ctx, &result)),
                };
            }
        }
        let mut progressed = false;
        // Promise jobs: the host's, and the context's own in `afterEvaluate` mode.
        while crate::jobs::run_host_job(ctx).map_err(|_| describe_caught(ctx))? {
            progressed = true;
        }
        if own_jobs {
            let raw_realm = realm.as_raw().as_ptr();
            while let Some(r) = crate::jobs::run_own_job(state, raw_realm) {
                if r < 0 {
                    return Err(describe_caught(&realm));
                }
                progressed = true;
            }
        }
        progressed |= crate::async_host::drive(ctx)?;
        // `Atomics.waitAsync` waits notified (from any thread) or due: their promises
        // resolve here, on the runtime's thread, as the host's loop would resolve them.
        let waits = crate::wait_async::settle_async_waits(ctx);
        progressed |= waits.settled > 0;
        if progressed {
            continue;
        }
        if !state.host_calls.any() && waits.pending == 0 {
            return Err(Error::Unsettled);
        }
        stopped(state)?;
        let next = [state.interrupts.next_deadline(), waits.next_deadline]
            .into_iter()
            .flatten()
            .min();
        let wait = next.map_or(CANCEL_POLL, |d| {
            d.saturating_duration_since(Instant::now()).min(CANCEL_POLL)
        });
        // Woken by a host future's waker, or at the next deadline; a notify of a pending
        // wait is seen at the next look (its wake-up is the host's, if it set one).
        std::thread::park_timeout(wait);
        stopped(state)?;
    }
}

/// The stop of the first frame that is due (this wait's, or one around it), as an error; the
/// frame's owner reports it.
fn stopped(state: &RuntimeState) -> Result<()> {
    if state.interrupts.poll() {
        return Err(stop_error(
            state.interrupts.fired().unwrap_or(Stop::Cancelled),
        ));
    }
    Ok(())
}
