//! Awaiting a promise from Rust: async host functions, and one wall-clock deadline from the
//! start of a run until its promise settles, time awaiting host futures included.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll, Waker};
use std::time::{Duration, Instant};

use futures::executor::block_on;
use jsvm::{Error, JobLimits, RunOptions, Runtime, RuntimePool};

/// A future completed by another thread after `delay` (no executor involved: its waker is
/// whatever polled it).
fn after(delay: Duration, value: i32) -> impl Future<Output = Result<i32, String>> {
    struct Shared {
        value: Option<i32>,
        waker: Option<Waker>,
    }
    struct Later(Arc<Mutex<Shared>>);
    impl Future for Later {
        type Output = Result<i32, String>;
        fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
            let mut s = self.0.lock().unwrap();
            match s.value {
                Some(v) => Poll::Ready(Ok(v)),
                None => {
                    s.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        }
    }
    let shared = Arc::new(Mutex::new(Shared {
        value: None,
        waker: None,
    }));
    let setter = shared.clone();
    std::thread::spawn(move || {
        std::thread::sleep(delay);
        let mut s = setter.lock().unwrap();
        s.value = Some(value);
        if let Some(w) = s.waker.take() {
            w.wake();
        }
    });
    Later(shared)
}

fn never() -> std::future::Pending<Result<i32, String>> {
    std::future::pending()
}

#[test]
fn a_promise_awaiting_host_futures_settles_with_their_values() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.register_async("later", |(ms, v): (u64, i32)| {
        after(Duration::from_millis(ms), v)
    })
    .unwrap();
    let sum: i32 = ctx
        .eval_settled(
            "(async () => {
                const [a, b] = await Promise.all([later(30, 1), later(10, 2)]);
                return a + b + await later(5, 40);
            })()",
        )
        .unwrap();
    assert_eq!(sum, 43);
    // A value that is not a promise is converted as it is.
    assert_eq!(ctx.eval_settled::<i32>("6 * 7").unwrap(), 42);
}

#[test]
fn a_rejection_is_the_thrown_reason_and_a_host_error_rejects() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.register_async("fails", |(): ()| async { Err::<i32, _>("no such tenant") })
        .unwrap();
    match ctx.eval_settled::<i32>("fails()") {
        Err(Error::Thrown(t)) => assert_eq!(t.message, "no such tenant"),
        other => panic!("{other:?}"),
    }
    // The error is an Error of the context's own realm, catchable by its code.
    let caught: bool = ctx
        .eval_settled("fails().catch(e => e instanceof Error && e.message === 'no such tenant')")
        .unwrap();
    assert!(caught);
    match ctx.eval_settled::<i32>("Promise.reject(new TypeError('bad'))") {
        Err(Error::Thrown(t)) => {
            assert_eq!((t.name.as_str(), t.message.as_str()), ("TypeError", "bad"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_promise_nothing_can_settle_is_reported() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    assert_eq!(
        ctx.eval_settled::<i32>("new Promise(() => {})"),
        Err(Error::Unsettled)
    );
}

#[test]
fn the_run_timeout_covers_the_wait_for_host_futures() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.register_async("never", |(): ()| never()).unwrap();
    ctx.register_async("later", |(ms, v): (u64, i32)| {
        after(Duration::from_millis(ms), v)
    })
    .unwrap();
    let options = RunOptions {
        timeout_ms: Some(50),
        ..Default::default()
    };
    let script = rt
        .compile(
            "(async () => { await later(1, 1); await never(); })()",
            Default::default(),
        )
        .unwrap();
    let start = Instant::now();
    assert_eq!(
        ctx.run_settled::<()>(&script, &options),
        Err(Error::Timeout { ms: 50 })
    );
    let took = start.elapsed();
    assert!(took >= Duration::from_millis(50), "{took:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    // A host future that takes longer than the deadline does not hold it either.
    let slow = rt.compile("later(5000, 1)", Default::default()).unwrap();
    let start = Instant::now();
    assert_eq!(
        ctx.run_settled::<i32>(&slow, &options),
        Err(Error::Timeout { ms: 50 })
    );
    assert!(start.elapsed() < Duration::from_secs(2));
    // Under the deadline, it completes.
    let quick = rt.compile("later(5, 7)", Default::default()).unwrap();
    rt.discard_jobs();
    assert_eq!(ctx.run_settled::<i32>(&quick, &options), Ok(7));
}

#[test]
fn the_deadline_counts_promise_jobs_and_host_waits_together() {
    // Neither part is long alone: 30 ms of JavaScript in jobs, then 30 ms awaiting the host;
    // together they pass a 45 ms deadline.
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.register_async("later", |(ms, v): (u64, i32)| {
        after(Duration::from_millis(ms), v)
    })
    .unwrap();
    let script = rt
        .compile(
            "(async () => {
                await null;
                const end = Date.now() + 30; while (Date.now() < end) {}
                return await later(30, 1);
            })()",
            Default::default(),
        )
        .unwrap();
    let options = RunOptions {
        timeout_ms: Some(45),
        ..Default::default()
    };
    assert_eq!(
        ctx.run_settled::<i32>(&script, &options),
        Err(Error::Timeout { ms: 45 })
    );
}

#[test]
fn a_pool_job_deadline_covers_awaiting_host_futures() {
    let pool = RuntimePool::new(1, Runtime::builder()).unwrap();
    let limits = JobLimits {
        timeout_ms: Some(40),
        ..Default::default()
    };
    let start = Instant::now();
    let r = block_on(pool.run_async(limits.clone(), |rt| {
        let ctx = rt.new_empty_context(Default::default())?;
        ctx.register_async("never", |(): ()| never())?;
        ctx.eval_settled::<i32>("(async () => 1 + await never())()")
    }));
    assert_eq!(r, Err(Error::Timeout { ms: 40 }));
    assert!(start.elapsed() < Duration::from_secs(2));
    // The worker serves the next job, which settles in time.
    let r = block_on(pool.run_async(limits, |rt| {
        let ctx = rt.new_context(&serde_json::json!({ "n": 2 }), Default::default())?;
        ctx.register_async("later", |(ms, v): (u64, i32)| {
            after(Duration::from_millis(ms), v)
        })?;
        ctx.eval_settled::<i32>("(async () => n + await later(5, 40))()")
    }));
    assert_eq!(r.unwrap(), Ok(42));
}

#[test]
fn dropping_the_job_future_stops_a_wait_for_host_futures() {
    let pool = RuntimePool::new(1, Runtime::builder()).unwrap();
    let (started_tx, started) = std::sync::mpsc::channel();
    let job = pool.run_async(Default::default(), move |rt| {
        let ctx = rt.new_empty_context(Default::default())?;
        ctx.register_async("never", |(): ()| never())?;
        started_tx.send(()).unwrap();
        ctx.eval_settled::<i32>("never()")
    });
    let mut job = Box::pin(job);
    let waker = futures::task::noop_waker();
    assert!(job
        .as_mut()
        .poll(&mut TaskContext::from_waker(&waker))
        .is_pending());
    started.recv().unwrap();
    let start = Instant::now();
    drop(job);
    assert_eq!(pool.run(|_| 5).unwrap(), 5);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn pending_host_calls_are_bounded_and_dropped_between_jobs() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.register_async("never", |(): ()| never()).unwrap();
    let thrown = ctx.eval::<String>(
        "let err = 'none'; try { for (let i = 0; i < 20000; i++) never(); } catch (e) { err = e.message } err",
    );
    assert!(
        thrown
            .as_deref()
            .unwrap()
            .contains("too many pending calls"),
        "{thrown:?}"
    );
    rt.discard_jobs();
    // Room again once the runtime dropped them.
    assert!(ctx.eval::<()>("never()").is_ok());
}

#[test]
fn settling_a_host_call_runs_no_javascript_outside_the_deadline() {
    // Resolving with an object reads its `then`: a getter the context's code put on
    // Object.prototype runs then, and is bounded by the run's deadline like the rest.
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.register_async("profile", |(): ()| async {
        Ok::<_, String>(serde_json::json!({ "name": "ada" }))
    })
    .unwrap();
    let script = rt
        .compile(
            "Object.defineProperty(Object.prototype, 'then', { get() { for (;;) {} } });
             profile()",
            Default::default(),
        )
        .unwrap();
    let options = RunOptions {
        timeout_ms: Some(50),
        ..Default::default()
    };
    let start = Instant::now();
    assert_eq!(
        ctx.run_settled::<serde_json::Value>(&script, &options),
        Err(Error::Timeout { ms: 50 })
    );
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[test]
fn atomics_wait_async_waits_settle_while_a_promise_is_awaited() {
    let rt = Runtime::builder().shared_memory(true).build().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>("globalThis.i = new Int32Array(new SharedArrayBuffer(8));")
        .unwrap();
    // Notified in the same run: only a settling of the waits resolves its promise.
    let word: String = ctx
        .eval_settled("const r = Atomics.waitAsync(i, 0, 0); Atomics.notify(i, 0); r.value")
        .unwrap();
    assert_eq!(word, "ok");
    // Due: the wait's own timeout ends it.
    let started = Instant::now();
    let word: String = ctx
        .eval_settled("Atomics.waitAsync(i, 1, 0, 30).value")
        .unwrap();
    assert_eq!(word, "timed-out");
    assert!(started.elapsed() >= Duration::from_millis(30));
    // A wait nothing notifies is still bounded by the run's timeout.
    let options = RunOptions {
        timeout_ms: Some(40),
        ..Default::default()
    };
    let script = rt
        .compile("Atomics.waitAsync(i, 1, 0).value", Default::default())
        .unwrap();
    assert_eq!(
        ctx.run_settled::<String>(&script, &options),
        Err(Error::Timeout { ms: 40 })
    );
}
