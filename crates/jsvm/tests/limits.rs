//! Limits hold, and the host survives: each failure leaves the runtime and its other contexts
//! usable.

use std::time::{Duration, Instant};

use jsvm::{CancelToken, ContextOptions, Error, MicrotaskMode, RunOptions, Runtime};

fn timeout(ms: u64) -> RunOptions {
    RunOptions {
        timeout_ms: Some(ms),
        ..Default::default()
    }
}

/// The runtime still works: a fresh context and an existing one both run code.
fn assert_usable(rt: &Runtime, other: &jsvm::Context) {
    let fresh = rt.new_empty_context(Default::default()).unwrap();
    assert_eq!(fresh.eval::<i32>("1 + 1").unwrap(), 2);
    assert_eq!(other.eval::<i32>("40 + 2").unwrap(), 42);
    assert_eq!(rt.main_context().eval::<i32>("3").unwrap(), 3);
}

/// Runs `source` in `ctx` with a 50 ms timeout: it must time out, within 200 ms.
fn assert_times_out_in_50ms(rt: &Runtime, ctx: &jsvm::Context, source: &str) {
    let script = rt.compile(source, Default::default()).unwrap();
    let start = Instant::now();
    let err = ctx
        .run::<serde::de::IgnoredAny>(&script, &timeout(50))
        .unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 50 });
    assert!(
        start.elapsed() < Duration::from_millis(200),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn infinite_loop_times_out_quickly() {
    let rt = Runtime::new().unwrap();
    let other = rt.new_empty_context(Default::default()).unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let script = rt.compile("while (true) {}", Default::default()).unwrap();
    let start = Instant::now();
    let err = ctx.run::<()>(&script, &timeout(50)).unwrap_err();
    let took = start.elapsed();
    assert_eq!(err, Error::Timeout { ms: 50 });
    assert_eq!(err.to_string(), "Script execution timed out after 50ms");
    assert_eq!(err.code(), Some("ERR_SCRIPT_EXECUTION_TIMEOUT"));
    assert!(took < Duration::from_millis(200), "took {took:?}");
    assert!(took >= Duration::from_millis(50), "took {took:?}");
    assert_usable(&rt, &other);
    // the same context runs again
    assert_eq!(ctx.eval::<i32>("5").unwrap(), 5);
}

#[test]
fn timeout_cannot_be_caught_by_the_script() {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let script = rt
        .compile(
            "for (;;) { try { while (true) {} } catch (e) {} }",
            Default::default(),
        )
        .unwrap();
    let err = ctx.run::<()>(&script, &timeout(30)).unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 30 });
}

/// A runtime with a plain context and one in `afterEvaluate` mode.
fn after_evaluate_runtime() -> (Runtime, jsvm::Context, jsvm::Context) {
    let rt = Runtime::new().unwrap();
    let other = rt.new_empty_context(Default::default()).unwrap();
    let ctx = rt
        .new_empty_context(ContextOptions {
            microtask_mode: MicrotaskMode::AfterEvaluate,
            ..Default::default()
        })
        .unwrap();
    (rt, other, ctx)
}

#[test]
fn promise_job_loop_in_after_evaluate_mode_times_out() {
    let (rt, other, ctx) = after_evaluate_runtime();
    assert_times_out_in_50ms(
        &rt,
        &ctx,
        "function f() { Promise.resolve().then(f) } f(); 'sync done'",
    );
    assert_usable(&rt, &other);
}

#[test]
fn jobs_left_by_a_stopped_after_evaluate_run_do_not_escape_its_timeout() {
    // Node keeps them in the context's queue, never run; with one engine queue they would run
    // later without a limit (Node's test/parallel/vm/timeout-escape-promise.js).
    let (rt, other, ctx) = after_evaluate_runtime();
    let script = rt
        .compile(
            "Promise.resolve().then(() => { for (;;) {} }); for (;;) {}",
            Default::default(),
        )
        .unwrap();
    let err = ctx.run::<()>(&script, &timeout(30)).unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 30 });
    assert!(!rt.is_job_pending());
    let start = Instant::now();
    rt.run_jobs().unwrap();
    assert!(start.elapsed() < Duration::from_millis(100));
    assert_usable(&rt, &other);
    // A job queued before the run is not the run's: it is left alone (and still runs).
    rt.main_context()
        .eval::<()>("globalThis.ran = false; Promise.resolve().then(() => { ran = true })")
        .unwrap();
    let spin = rt.compile("for (;;) {}", Default::default()).unwrap();
    let err = ctx.run::<()>(&spin, &timeout(30)).unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 30 });
    rt.run_jobs().unwrap();
    assert!(rt.main_context().eval::<bool>("ran").unwrap());
}

#[test]
fn after_evaluate_runs_jobs_before_returning() {
    let rt = Runtime::new().unwrap();
    let ctx = rt
        .new_empty_context(ContextOptions {
            microtask_mode: MicrotaskMode::AfterEvaluate,
            ..Default::default()
        })
        .unwrap();
    ctx.eval::<()>("var log = []; Promise.resolve().then(() => log.push('job')); log.push('sync')")
        .unwrap();
    assert_eq!(ctx.get::<Vec<String>>("log").unwrap(), vec!["sync", "job"]);
}

#[test]
fn catastrophic_regex_times_out() {
    let rt = Runtime::new().unwrap();
    let other = rt.new_empty_context(Default::default()).unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    assert_times_out_in_50ms(&rt, &ctx, "/(a+)+b/.test('a'.repeat(40))");
    assert_usable(&rt, &other);
}

#[test]
fn cancel_from_another_thread_stops_a_running_script() {
    let rt = Runtime::new().unwrap();
    let other = rt.new_empty_context(Default::default()).unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let token = CancelToken::new();
    let t = token.clone();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(30));
        t.cancel();
    });
    let script = rt.compile("while (true) {}", Default::default()).unwrap();
    let start = Instant::now();
    let err = ctx
        .run::<()>(
            &script,
            &RunOptions {
                cancel: Some(token),
                ..Default::default()
            },
        )
        .unwrap_err();
    canceller.join().unwrap();
    assert_eq!(err, Error::Interrupted);
    assert_eq!(
        err.to_string(),
        "Script execution was interrupted by `SIGINT`"
    );
    assert_eq!(err.code(), Some("ERR_SCRIPT_EXECUTION_INTERRUPTED"));
    assert!(start.elapsed() < Duration::from_millis(500));
    assert_usable(&rt, &other);
}

/// A host function that runs `code` in a fresh context with `ms` timeout (as a vm call inside
/// vm code would).
fn install_run_inner<'js>(
    ctx: &jsvm::engine::rquickjs::Ctx<'js>,
    target: &jsvm::engine::rquickjs::Object<'js>,
) {
    let f = jsvm::engine::rquickjs::Function::new(
        ctx.clone(),
        |ctx: jsvm::engine::rquickjs::Ctx<'js>,
         code: String,
         ms: u64|
         -> jsvm::engine::rquickjs::Result<()> {
            let inner = jsvm::engine::ContextHandle::create(&ctx, None, &Default::default())
                .map_err(|e| jsvm::engine::throw_error(&ctx, &e))?;
            inner.eval(&code, &timeout(ms)).map(|_| ())
        },
    )
    .unwrap();
    target.set("runInner", f).unwrap();
}

#[test]
fn nested_runs_report_their_own_timeouts() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let sandbox = jsvm::engine::rquickjs::Object::new(ctx.clone()).unwrap();
        install_run_inner(&ctx, &sandbox);
        let outer = jsvm::engine::ContextHandle::create(&ctx, Some(sandbox), &Default::default()).unwrap();
        // The inner timeout is an ordinary error to the outer code, which catches it.
        let caught = outer
            .eval(
                "try { runInner('while (true) {}', 20); 'no' } catch (e) { e.code + ' ' + e.message }",
                &timeout(2000),
            )
            .unwrap();
        assert_eq!(
            caught.get::<String>().unwrap(),
            "ERR_SCRIPT_EXECUTION_TIMEOUT Script execution timed out after 20ms"
        );
        // The outer timeout fires while the inner run (with a longer timeout) loops: it passes
        // through the inner run and the outer's catch, and the outer reports its own timeout.
        let start = Instant::now();
        let r = outer.run_to_result(
            &jsvm::Script::lazy(
                "try { runInner('while (true) {}', 5000) } catch (e) {} 'caught'",
                Default::default(),
            ),
            &timeout(40),
        );
        assert_eq!(r.err(), Some(Error::Timeout { ms: 40 }));
        assert!(start.elapsed() < Duration::from_millis(300));
        assert_eq!(outer.eval("1 + 1", &Default::default()).unwrap().as_int(), Some(2));
    });
}

#[test]
fn memory_limit_is_an_error_not_an_abort() {
    let rt = Runtime::builder().memory_limit(32 << 20).build().unwrap();
    let other = rt.new_empty_context(Default::default()).unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let err = ctx
        .eval::<()>("const a = []; while (true) a.push(new Array(100000).fill(1.5))")
        .unwrap_err();
    assert_eq!(err, Error::OutOfMemory, "{err}");
    // the garbage is collectable, and everything still works
    rt.run_gc();
    assert_usable(&rt, &other);
}

#[test]
fn discarded_contexts_are_collected_before_the_memory_limit() {
    // The collector is paced to run less often than QuickJS would (runtime.rs, GcPacer); under
    // a memory limit it must still run before allocation fails. 2000 contexts of ~60 KB each
    // are ~120 MB of garbage through a 16 MB heap.
    let rt = Runtime::builder().memory_limit(16 << 20).build().unwrap();
    for i in 0..2000 {
        let ctx = rt
            .new_context(
                &[("i", i)]
                    .into_iter()
                    .collect::<std::collections::BTreeMap<_, _>>(),
                Default::default(),
            )
            .unwrap_or_else(|e| panic!("context {i}: {e}"));
        assert_eq!(ctx.eval::<i32>("i + 1").unwrap(), i + 1);
    }
    let used = rt.memory_usage().malloc_size;
    assert!(used < 16 << 20, "{used}");
    // And without a limit the garbage does not pile up either.
    let rt = Runtime::new().unwrap();
    let mut peak = 0;
    for _ in 0..2000 {
        rt.new_empty_context(Default::default()).unwrap();
        peak = peak.max(rt.memory_usage().malloc_size);
    }
    assert!(
        peak < 64 << 20,
        "peak heap {peak} bytes for 2000 discarded contexts"
    );
}

#[test]
fn unbounded_recursion_is_a_range_error() {
    let rt = Runtime::builder()
        .max_stack_size(256 << 10)
        .build()
        .unwrap();
    let other = rt.new_empty_context(Default::default()).unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let err = ctx
        .eval::<()>("function r() { return r() + 1 } r()")
        .unwrap_err();
    assert_eq!(err, Error::StackOverflow);
    assert_eq!(
        err.to_string(),
        "RangeError: Maximum call stack size exceeded"
    );
    // inside, it is catchable as a RangeError, as in Node
    let caught: String = ctx
        .eval("function q() { return q() + 1 } try { q() } catch (e) { e.constructor.name + ': ' + e.message }")
        .unwrap();
    assert_eq!(caught, "RangeError: Maximum call stack size exceeded");
    assert_usable(&rt, &other);
}

#[test]
fn hostile_values_give_errors_not_crashes() {
    let rt = Runtime::new().unwrap();
    let other = rt.new_empty_context(Default::default()).unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    // a thrown object whose toString throws
    let err = ctx
        .eval::<()>("throw { toString() { throw new Error('nope') } }")
        .unwrap_err();
    assert!(matches!(err, Error::Thrown(_)), "{err:?}");
    // a getter on the sandbox that throws
    rt.with_ctx(|c| {
        let sandbox: jsvm::engine::rquickjs::Object = c
            .eval("({ get boom() { throw new TypeError('getter failed') } })")
            .unwrap();
        let h = jsvm::engine::ContextHandle::create(&c, Some(sandbox), &Default::default()).unwrap();
        let e = h.run_to_result(&jsvm::Script::lazy("boom", Default::default()), &Default::default());
        match e {
            Err(Error::Thrown(t)) => {
                assert_eq!(t.name, "TypeError");
                assert_eq!(t.message, "getter failed");
            }
            Err(other) => panic!("unexpected {other:?}"),
            Ok(_) => panic!("getter should throw"),
        }
        // a Proxy sandbox whose traps throw
        let proxy: jsvm::engine::rquickjs::Object = c
            .eval("new Proxy({}, { has() { throw new Error('has trap') }, get() { throw new Error('get trap') } })")
            .unwrap();
        let h = jsvm::engine::ContextHandle::create(&c, Some(proxy), &Default::default()).unwrap();
        let e = h.run_to_result(&jsvm::Script::lazy("x", Default::default()), &Default::default());
        assert!(matches!(e, Err(Error::Thrown(_))));
        // a well-behaved Proxy sandbox works
        let proxy: jsvm::engine::rquickjs::Object = c
            .eval("new Proxy({ a: 1 }, {})")
            .unwrap();
        let h = jsvm::engine::ContextHandle::create(&c, Some(proxy.clone()), &Default::default()).unwrap();
        let v = h.run_to_result(&jsvm::Script::lazy("b = a + 1", Default::default()), &Default::default()).unwrap();
        assert_eq!(v.as_int(), Some(2));
        assert_eq!(proxy.get::<_, i32>("b").unwrap(), 2);
    });
    assert_usable(&rt, &other);
}

#[test]
fn host_calls_into_javascript_run_under_limits() {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let h = jsvm::engine::ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let spin: jsvm::engine::rquickjs::Function = h
            .eval(
                "(function (n) { if (n) return n * 2; while (true) {} })",
                &Default::default(),
            )
            .unwrap()
            .into_function()
            .unwrap();
        let undefined = jsvm::engine::rquickjs::Value::new_undefined(ctx.clone());
        let two = jsvm::engine::rquickjs::Value::new_int(ctx.clone(), 21);
        let r = h
            .call(&spin, undefined.clone(), &[two], &timeout(50))
            .unwrap();
        assert_eq!(r.as_int(), Some(42));
        let start = Instant::now();
        let e = h.call(&spin, undefined, &[], &timeout(30));
        assert!(e.is_err());
        let err = ctx.catch();
        let code: String = err.as_object().unwrap().get("code").unwrap();
        assert_eq!(code, "ERR_SCRIPT_EXECUTION_TIMEOUT");
        assert!(start.elapsed() < Duration::from_millis(200));
    });
}

#[test]
fn limits_over_a_stretch_of_rust_stop_every_run_in_it_with_their_own_error() {
    let rt = Runtime::new().unwrap();
    let other = rt.new_empty_context(Default::default()).unwrap();
    let limited = |ms| jsvm::JobLimits {
        timeout_ms: Some(ms),
        ..Default::default()
    };
    let seen = std::cell::RefCell::new(Vec::new());
    let start = Instant::now();
    let r = rt.with_limits(&limited(50), |rt| {
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        let spin = jsvm::Script::lazy("while (true) {}", Default::default());
        // Every run inside fails with the limit's error: with or without a limit of its own,
        // in any context, begun before or after the deadline.
        seen.borrow_mut()
            .push(ctx.run::<()>(&spin, &Default::default()));
        seen.borrow_mut()
            .push(ctx.run::<()>(&spin, &timeout(60_000)));
        seen.borrow_mut()
            .push(rt.main_context().eval::<()>("for (;;) {}"));
        7
    });
    assert!(
        start.elapsed() < Duration::from_millis(200),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(r, Err(Error::Timeout { ms: 50 }));
    assert_eq!(*seen.borrow(), vec![Err(Error::Timeout { ms: 50 }); 3]);
    // Limits nest; an inner one reached first is reported and the outer goes on.
    let r = rt.with_limits(&limited(60_000), |rt| {
        rt.with_limits(&limited(20), |rt| {
            rt.main_context().eval::<()>("for (;;) {}")
        })
    });
    assert_eq!(r, Ok(Err(Error::Timeout { ms: 20 })));
    // A cancel token stops the code too.
    let token = CancelToken::new();
    let canceller = token.clone();
    let thread = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(30));
        canceller.cancel();
    });
    let cancelled = jsvm::JobLimits {
        cancel: Some(token),
        ..Default::default()
    };
    let r = rt.with_limits(&cancelled, |rt| rt.main_context().eval::<()>("for (;;) {}"));
    thread.join().unwrap();
    assert_eq!(r, Err(Error::Interrupted));
    // Code that is not stopped gives its value, and nothing stays due.
    assert_eq!(rt.with_limits(&limited(50), |_| 7), Ok(7));
    assert_usable(&rt, &other);
}

#[test]
fn a_pool_of_runtimes_serves_many_threads_and_survives_failures() {
    let pool = jsvm::RuntimePool::new(3, Runtime::builder().memory_limit(64 << 20)).unwrap();
    assert_eq!(pool.threads(), 3);
    let jobs: Vec<_> = (0..60)
        .map(|i| {
            pool.spawn(move |rt| {
                let ctx = rt.new_empty_context(Default::default()).unwrap();
                match i % 3 {
                    0 => ctx.eval::<i32>(&format!("{i} + 1")).map(|v| v.to_string()),
                    1 => ctx
                        .run::<()>(
                            &jsvm::Script::lazy("while (true) {}", Default::default()),
                            &timeout(5),
                        )
                        .map(|_| "no".into()),
                    _ => ctx
                        .eval::<()>("throw new Error('job failed')")
                        .map(|_| "no".into()),
                }
            })
        })
        .collect();
    for (i, job) in jobs.into_iter().enumerate() {
        let r = job.wait().unwrap();
        match i % 3 {
            0 => assert_eq!(r.unwrap(), (i + 1).to_string()),
            1 => assert_eq!(r.unwrap_err(), Error::Timeout { ms: 5 }),
            _ => assert!(matches!(r.unwrap_err(), Error::Thrown(_))),
        }
    }
    // a panicking job is an error, and the worker keeps serving
    assert_eq!(
        pool.run(|_| -> () { panic!("boom") }),
        Err(Error::JobPanicked(Some("boom".into())))
    );
    assert_eq!(
        pool.run(|rt| rt.main_context().eval::<i32>("2 + 2").unwrap())
            .unwrap(),
        4
    );
}
