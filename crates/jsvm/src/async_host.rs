//! Async host functions: JavaScript calls a Rust function that returns a future, and gets a
//! promise settled when the future completes.
//!
//! The runtime keeps each call's future with the promise's resolving functions and the realm
//! it was made in. Nothing polls these futures on its own: they make progress while the host
//! awaits a promise ([`crate::Context::run_settled`]), which polls the woken ones and parks
//! its thread in between. The futures are polled on the runtime's thread with a waker that
//! unparks it, so they need no executor: a future that needs one (a tokio timer, a socket)
//! is spawned on it by the host function, and the host function returns its handle.

use std::future::Future;
use std::pin::Pin;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll, Waker};

use rquickjs::{qjs, Ctx, Function, Persistent, Value};
use serde::de::DeserializeOwned;

use crate::context::owned::Context;
use crate::error::{Error, Result};
use crate::exception::{describe_caught, throw_error};
use crate::pending_calls::{Call, CallWaker, Settler};
use crate::runtime::state::RuntimeState;

/// Calls that may be pending at once in one runtime: past it, an async host function throws
/// (each call holds Rust memory the engine's limit does not count).
pub const MAX_PENDING_HOST_CALLS: usize = 10_000;

/// Polls the woken calls of the runtime of `ctx` and settles the promises of those that
/// completed: true when any did (their reactions are now queued as promise jobs).
pub(crate) fn drive(ctx: &Ctx<'_>) -> Result<bool> {
    let state = RuntimeState::of(ctx);
    let calls = std::mem::take(&mut *state.host_calls.calls.borrow_mut());
    let mut waiting = Vec::with_capacity(calls.len());
    let mut done = Vec::new();
    for mut call in calls {
        if !call.waker.woken.swap(false, Ordering::SeqCst) {
            waiting.push(call);
            continue;
        }
        let waker = Waker::from(call.waker.clone());
        let polled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            call.future
                .as_mut()
                .poll(&mut TaskContext::from_waker(&waker))
        }));
        match polled {
            Ok(Poll::Pending) => waiting.push(call),
            Ok(Poll::Ready(settler)) => done.push((call, settler)),
            Err(_) => {
                let message = "the host function's future panicked".to_string();
                let settler: Settler = Box::new(move |ctx| {
                    let e = rquickjs::Exception::from_message(ctx.clone(), &message)?;
                    Ok((false, e.into_value()))
                });
                done.push((call, settler))
            }
        }
    }
    // Calls made while polling (none: futures do not reach the engine) go after the rest.
    {
        let mut slot = state.host_calls.calls.borrow_mut();
        waiting.append(&mut slot);
        *slot = waiting;
    }
    let progressed = !done.is_empty();
    for (mut call, settler) in done {
        let realm = unsafe { Ctx::from_raw(call.realm) };
        let Some((resolve, reject)) = call.settle.take() else {
            continue;
        };
        let (fulfil, value) = match settler(&realm) {
            Ok(outcome) => outcome,
            // A conversion that threw (out of memory): the promise rejects with what it threw.
            Err(_) => (false, realm.catch()),
        };
        let settle = if fulfil { resolve } else { reject };
        let settle = settle.restore(&realm).map_err(Error::from)?;
        settle
            .call::<_, ()>((value,))
            .map_err(|_| describe_caught(&realm))?;
    }
    Ok(progressed)
}

/// The JavaScript function of [`Context::register_async`]: converts its arguments, starts the
/// Rust future, and returns a promise of its realm.
fn async_host_function<'js, A, R, E, F, Fut>(
    ctx: &Ctx<'js>,
    f: F,
) -> rquickjs::Result<Function<'js>>
where
    A: DeserializeOwned,
    R: serde::Serialize + 'static,
    E: std::fmt::Display + 'static,
    F: Fn(A) -> Fut + 'static,
    Fut: Future<Output = std::result::Result<R, E>> + 'static,
{
    Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              args: rquickjs::function::Rest<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let state = RuntimeState::of(&ctx);
            if state.host_calls.calls.borrow().len() >= MAX_PENDING_HOST_CALLS {
                return Err(throw_error(
                    &ctx,
                    &Error::InvalidArgument(format!(
                        "too many pending calls of async host functions (at most {MAX_PENDING_HOST_CALLS})"
                    )),
                ));
            }
            let array = rquickjs::Array::new(ctx.clone())?;
            for (i, a) in args.0.into_iter().enumerate() {
                array.set(i, a)?;
            }
            let args: A = crate::convert::from_js(array.into_value())
                .map_err(|e| throw_error(&ctx, &Error::InvalidArgument(e.to_string())))?;
            // A context calling it gets a promise of its own realm.
            if !crate::realm::ensure(&ctx, crate::realm::PROMISE) {
                return Err(rquickjs::Error::Exception);
            }
            let (promise, resolve, reject) = ctx.promise()?;
            let future = f(args);
            let future: Pin<Box<dyn Future<Output = Settler>>> = Box::pin(async move {
                let outcome = future.await;
                let settler: Settler = Box::new(move |ctx| match outcome {
                    Ok(value) => match crate::convert::to_js(ctx, &value) {
                        Ok(v) => Ok((true, v)),
                        Err(e) => {
                            let e = rquickjs::Exception::from_message(ctx.clone(), &e.to_string())?;
                            Ok((false, e.into_value()))
                        }
                    },
                    Err(e) => {
                        let e = rquickjs::Exception::from_message(ctx.clone(), &e.to_string())?;
                        Ok((false, e.into_value()))
                    }
                });
                settler
            });
            let realm =
                unsafe { NonNull::new_unchecked(qjs::JS_DupContext(ctx.as_raw().as_ptr())) };
            state.host_calls.calls.borrow_mut().push(Call {
                future,
                // Polled once at the next drive, as a new future must be.
                waker: Arc::new(CallWaker {
                    woken: AtomicBool::new(true),
                    thread: std::thread::current(),
                }),
                settle: Some((
                    Persistent::save(&ctx, resolve),
                    Persistent::save(&ctx, reject),
                )),
                realm,
            });
            Ok(promise.into_value())
        },
    )
}

impl Context {
    /// Registers an async Rust function as a global (a sandbox property): JavaScript gets a
    /// promise, fulfilled with the future's `Ok` value (converted through serde) or rejected
    /// with an `Error` carrying the `Err`'s message.
    ///
    /// The future runs on the runtime's thread, polled while the host awaits a promise with
    /// [`Context::run_settled`] (under that run's deadline); a future that needs an executor
    /// (a tokio timer or socket) should be spawned there, and its handle returned. Pending
    /// calls are dropped by [`crate::Runtime::discard_jobs`] and with the runtime.
    ///
    /// ```
    /// let rt = jsvm::Runtime::new().unwrap();
    /// let ctx = rt.new_empty_context(Default::default()).unwrap();
    /// ctx.register_async("double", |(n,): (i32,)| async move { Ok::<_, String>(n * 2) })
    ///     .unwrap();
    /// let n: i32 = ctx.eval_settled("(async () => await double(21))()").unwrap();
    /// assert_eq!(n, 42);
    /// ```
    pub fn register_async<A, R, E, F, Fut>(&self, name: &str, f: F) -> Result<()>
    where
        A: DeserializeOwned,
        R: serde::Serialize + 'static,
        E: std::fmt::Display + 'static,
        F: Fn(A) -> Fut + 'static,
        Fut: Future<Output = std::result::Result<R, E>> + 'static,
    {
        self.set_function(name, |ctx| async_host_function(ctx, f))
    }
}
