//! Issue 10, item 2: a tenant's promise jobs and finalizer callbacks are its own.

use std::time::{Duration, Instant};

use jsvm::{Error, RunOptions, Runtime, RuntimePool};

use crate::attack;
use crate::harness::{after_evaluate, assert_within_twice};

const LIMIT: Duration = Duration::from_millis(200);

fn limited() -> RunOptions {
    RunOptions {
        timeout_ms: Some(LIMIT.as_millis() as u64),
        ..Default::default()
    }
}

attack!(another_tenants_pending_chain_is_not_run_in_my_run, {
    let rt = Runtime::new().unwrap();
    let a = rt.new_empty_context(Default::default()).unwrap();
    // Tenant A leaves an endless promise chain pending (default mode: the host runs it later).
    a.eval::<()>("globalThis.n = 0; function f() { n++; Promise.resolve().then(f) } f()")
        .unwrap();
    let b = rt.new_empty_context(after_evaluate()).unwrap();
    let script = rt
        .compile(
            "Promise.resolve(1).then(v => { globalThis.v = v + 1 }); 1 + 1",
            Default::default(),
        )
        .unwrap();
    let start = Instant::now();
    assert_eq!(b.run::<i32>(&script, &limited()).unwrap(), 2);
    assert!(
        start.elapsed() < LIMIT,
        "B was charged for A's jobs: {:?}",
        start.elapsed()
    );
    assert_eq!(b.get::<i32>("v").unwrap(), 2, "B's own job ran");
    // A's chain did not move during B's run.
    assert_eq!(a.get::<i32>("n").unwrap(), 1);
    // A's jobs are still there for the host, which runs them under its budget.
    assert!(rt.is_job_pending());
});

attack!(
    a_looping_finalizer_left_by_one_tenant_does_not_hang_the_next,
    {
        let rt = Runtime::builder()
            .host_timeout(Some(LIMIT))
            .build()
            .unwrap();
        {
            let a = rt.new_empty_context(Default::default()).unwrap();
            a.eval::<()>(
                "globalThis.r = new FinalizationRegistry(() => { for (;;) {} }); \
             for (let i = 0; i < 10; i++) r.register({}, i)",
            )
            .unwrap();
        }
        rt.run_gc();
        let b = rt.new_empty_context(after_evaluate()).unwrap();
        let start = Instant::now();
        assert_eq!(b.eval::<i32>("1 + 1").unwrap(), 2);
        let script = rt
            .compile("Promise.resolve().then(() => 3); 4", Default::default())
            .unwrap();
        assert_eq!(b.run::<i32>(&script, &limited()).unwrap(), 4);
        assert!(start.elapsed() < LIMIT, "took {:?}", start.elapsed());
        // The host running the runtime's jobs meets A's looping callback under its budget.
        let start = Instant::now();
        let err = rt.run_jobs().unwrap_err();
        assert_eq!(err, Error::Timeout { ms: 200 });
        assert_within_twice(start.elapsed(), LIMIT);
    }
);

attack!(jobs_of_a_stopped_run_never_run_unbounded, {
    let rt = Runtime::builder()
        .host_timeout(Some(LIMIT))
        .build()
        .unwrap();
    let b = rt.new_empty_context(after_evaluate()).unwrap();
    let script = rt
        .compile(
            "for (let i = 0; i < 100; i++) Promise.resolve().then(() => { for (;;) {} }); for (;;) {}",
            Default::default(),
        )
        .unwrap();
    assert_eq!(
        b.run::<()>(&script, &limited()).unwrap_err(),
        Error::Timeout { ms: 200 }
    );
    let start = Instant::now();
    assert_eq!(b.eval::<i32>("5").unwrap(), 5);
    rt.run_jobs().unwrap();
    assert!(start.elapsed() < LIMIT, "took {:?}", start.elapsed());
});

attack!(
    a_host_draining_the_queue_meets_a_promise_flood_under_its_budget,
    {
        let rt = Runtime::builder()
            .host_timeout(Some(LIMIT))
            .build()
            .unwrap();
        let a = rt.new_empty_context(Default::default()).unwrap();
        a.eval::<()>("function f() { Promise.resolve().then(f) } f()")
            .unwrap();
        let start = Instant::now();
        assert_eq!(rt.run_jobs().unwrap_err(), Error::Timeout { ms: 200 });
        assert_within_twice(start.elapsed(), LIMIT);
    }
);

attack!(a_pool_worker_starts_each_job_clean, {
    let pool = RuntimePool::new(1, Runtime::builder().host_timeout(Some(LIMIT))).unwrap();
    pool.run(|rt| {
        let a = rt.new_empty_context(Default::default()).unwrap();
        a.eval::<()>(
            "function f() { Promise.resolve().then(f) } f(); \
             globalThis.r = new FinalizationRegistry(() => { for (;;) {} }); \
             for (let i = 0; i < 10; i++) r.register({}, i)",
        )
        .unwrap();
    })
    .unwrap();
    let (pending, ran) = pool
        .run(|rt| {
            let pending = rt.is_job_pending();
            let start = Instant::now();
            rt.run_gc();
            let ok = rt.run_jobs().is_ok();
            (pending, ok && start.elapsed() < LIMIT)
        })
        .unwrap();
    assert!(
        !pending,
        "the previous job's promise jobs were still queued"
    );
    assert!(ran, "the previous job's finalizers ran in this one");
});

attack!(
    dropping_a_stopped_runs_jobs_behind_another_tenants_is_linear,
    {
        // Tenant A leaves 10^5 jobs queued (default mode: the host runs them later); B's run
        // queues as many of its own, then loops to its timeout. Its jobs are dropped with the
        // stop: a search of the queue from its head for each one held the thread for seconds past
        // the timeout (quadratic). (10^5, not 2 * 10^5: each job's realm is now read through its
        // handler, and the unoptimised test build's linear pass alone came to the bound.)
        let rt = Runtime::new().unwrap();
        let a = rt.new_empty_context(Default::default()).unwrap();
        a.eval::<()>("for (let i = 0; i < 100000; i++) Promise.resolve(i).then(() => {})")
            .unwrap();
        let b = rt.new_empty_context(after_evaluate()).unwrap();
        let script = rt
            .compile(
                "for (let i = 0; i < 100000; i++) Promise.resolve(i).then(() => {}); for (;;) {}",
                Default::default(),
            )
            .unwrap();
        let start = Instant::now();
        let err = b.run::<i32>(&script, &limited()).unwrap_err();
        assert_eq!(
            err,
            Error::Timeout {
                ms: LIMIT.as_millis() as u64
            }
        );
        assert_within_twice(start.elapsed(), LIMIT);
        // A's jobs are still there for the host.
        assert!(rt.is_job_pending());
    }
);

attack!(
    a_dropped_after_evaluate_contexts_jobs_are_dropped_with_it,
    {
        // A run that ends in an error (not a stop) leaves its context's jobs queued for the
        // context's next run. Once the host has dropped the context no such run can come: the jobs
        // held the realm (here tens of MB of registry targets) until the runtime went, and the
        // runtime refused every new context. They are now dropped with the last handle.
        let rt = Runtime::builder().memory_limit(32 << 20).build().unwrap();
        for _ in 0..3 {
            let ctx = rt.new_empty_context(after_evaluate()).unwrap();
            let out = ctx.eval::<()>(
                "const r = new FinalizationRegistry(() => {}); \
             for (;;) { const o = [{}, {}]; r.register(o[0], o[1]); r.register(o[1], 1); }",
            );
            assert_eq!(out, Err(Error::OutOfMemory));
            drop(ctx);
            crate::harness::assert_a_new_context_works(&rt, "a dropped context's jobs");
        }
        // A looping job left by a dropped `afterEvaluate` context never runs, not even on the
        // host's job loop; while a clone of its handle lives, the jobs wait for its next run.
        let rt = Runtime::builder()
            .host_timeout(Some(LIMIT))
            .build()
            .unwrap();
        let queue = "globalThis.n = 0; Promise.reject(1).catch(() => { n++; for (;;) {} }); \
                 Promise.resolve().then(() => n++); throw new Error('after queueing')";
        let a = rt.new_empty_context(after_evaluate()).unwrap();
        let kept = a.clone();
        assert!(a.eval::<()>(queue).is_err());
        drop(a);
        assert!(rt.run_jobs().is_ok());
        let out = kept.run::<i32>(&rt.compile("n", Default::default()).unwrap(), &limited());
        assert_eq!(out, Err(Error::Timeout { ms: 200 }));
        let b = rt.new_empty_context(after_evaluate()).unwrap();
        assert!(b.eval::<()>(queue).is_err());
        drop(b);
        let start = Instant::now();
        assert!(rt.run_jobs().is_ok());
        assert!(rt.new_empty_context(Default::default()).is_ok());
        assert!(start.elapsed() < LIMIT, "took {:?}", start.elapsed());
    }
);

attack!(a_handler_on_another_realms_promise_is_the_handlers_job, {
    // V8 queues a reaction in its handler's context: a context's `then` on a promise the host
    // handed it (the host's `then` runs, and the engine queues the job as the host's) is the
    // context's job, under its run's timeout; a host handler on a context's promise is the
    // host's, not held for the context's next run.
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
        let tenant = tenant_holding_a_host_promise(&ctx, &main);
        let start = Instant::now();
        let err = tenant
            .eval("hostPromise.then(() => { for (;;) {} }); 1", &limited())
            .map(|_| ());
        assert_within_twice(start.elapsed(), LIMIT);
        assert!(err.is_err(), "the handler ran under the run's limit");
        drop(ctx.catch());
        // Nothing of it is left for the host.
        assert!(!jsvm::engine::run_host_job(&ctx).unwrap());
        let theirs = tenant
            .eval("globalThis.q = Promise.resolve(2); q", &Default::default())
            .unwrap();
        main.global().set("theirs", theirs).unwrap();
        main.eval(
            "theirs.then((v) => { globalThis.seen = v })",
            &Default::default(),
        )
        .unwrap();
        while jsvm::engine::run_host_job(&ctx).unwrap() {}
        assert_eq!(main.global().get::<_, i32>("seen").unwrap(), 2);
    });
});

attack!(
    wrapped_handlers_and_awaits_on_another_realms_promise_are_the_handlers_jobs,
    {
        // The handler's realm through what wraps it: a bound function, a proxy, a native function
        // of the context, `finally`'s callback, an `await`'s continuation (async function and
        // generator), a thenable's `then` and a promise's resolving function. Each ran after the
        // run as the host's job (the realm that called `then`), where the host's job loop met
        // the loop.
        let rt = Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            let main = jsvm::engine::ContextHandle::main(&ctx).unwrap();
            for code in [
                "hostPromise.then((() => { for (;;) {} }).bind(null).bind(null))",
                "hostPromise.then(new Proxy(() => { for (;;) {} }, {}))",
                "hostPromise.then(() => 'for (;;) {}').then(eval)",
                "hostPromise.finally(() => { for (;;) {} })",
                "hostPromise.constructor.resolve({ then() { for (;;) {} } })",
                "(async () => { await hostPromise; for (;;) {} })()",
                "(async function* () { await hostPromise; for (;;) {} })().next()",
                "let n = 0; const o = { get then() { if (n++) for (;;) {} } }; let R; \
                 new Promise((r) => { R = r }); const D = hostPromise.then(() => o); \
                 D.then(() => { D.then(R) })",
            ] {
                let tenant = tenant_holding_a_host_promise(&ctx, &main);
                let start = Instant::now();
                let ran = tenant.eval(code, &limited()).map(|_| ());
                assert_within_twice(start.elapsed(), LIMIT);
                drop(ctx.catch());
                // Either the run met the loop under its timeout, or (an `await` of a promise
                // settled after the run's jobs) the continuation waits for its next run.
                let start = Instant::now();
                let host_ran = jsvm::engine::run_host_job(&ctx);
                assert!(
                    start.elapsed() < LIMIT,
                    "{code}: the host's job loop ran the tenant's code ({ran:?}, {host_ran:?})"
                );
                drop(ctx.catch());
                while jsvm::engine::run_host_job(&ctx).unwrap_or(false) {}
            }
        });
    }
);

/// An `afterEvaluate` context whose global `hostPromise` is a promise of the main realm.
fn tenant_holding_a_host_promise<'js>(
    ctx: &jsvm::engine::rquickjs::Ctx<'js>,
    main: &jsvm::engine::ContextHandle<'js>,
) -> jsvm::engine::ContextHandle<'js> {
    let tenant = jsvm::engine::ContextHandle::create(ctx, None, &after_evaluate()).unwrap();
    let host_promise = main
        .eval("Promise.resolve(1)", &Default::default())
        .unwrap();
    tenant
        .globals_object()
        .set("hostPromise", host_promise)
        .unwrap();
    tenant
}
