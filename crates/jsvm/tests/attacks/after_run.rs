//! Issue 10, item 1: what the library does after a run (describing an error, converting the
//! completion value, reading a global) runs under a limit; a value that cannot be read in time
//! gives an error, never a hang.

use std::time::{Duration, Instant};

use jsvm::engine::rquickjs::Object;
use jsvm::engine::ContextHandle;
use jsvm::{Error, RunOptions, Runtime};

use crate::attack;
use crate::harness::assert_within_twice;

const LIMIT: Duration = Duration::from_millis(200);

fn limited() -> RunOptions {
    RunOptions {
        timeout_ms: Some(LIMIT.as_millis() as u64),
        ..Default::default()
    }
}

/// Runs `source` in a fresh context of `rt` with the 200 ms timeout, as `T`, and checks it
/// fails with a timeout within twice the limit; then that the runtime still works.
fn assert_times_out_as<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    rt: &Runtime,
    source: &str,
) {
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let script = rt.compile(source, Default::default()).unwrap();
    let start = Instant::now();
    let err = ctx.run::<T>(&script, &limited()).unwrap_err();
    assert_within_twice(start.elapsed(), LIMIT);
    assert_eq!(err, Error::Timeout { ms: 200 }, "{source}");
    assert_eq!(ctx.eval::<i32>("1 + 1").unwrap(), 2);
    assert_eq!(
        rt.new_empty_context(Default::default())
            .unwrap()
            .eval::<i32>("2")
            .unwrap(),
        2
    );
}

attack!(thrown_error_with_looping_stack_getter, {
    let rt = Runtime::new().unwrap();
    assert_times_out_as::<()>(
        &rt,
        "const e = new Error('x'); Object.defineProperty(e, 'stack', { get() { for (;;) {} } }); throw e",
    );
});

attack!(thrown_error_with_looping_name_and_message, {
    let rt = Runtime::new().unwrap();
    assert_times_out_as::<()>(
        &rt,
        "throw { get name() { for (;;) {} }, get message() { for (;;) {} } }",
    );
    assert_times_out_as::<()>(
        &rt,
        "throw new Proxy({}, { get() { for (;;) {} }, getPrototypeOf() { for (;;) {} } })",
    );
});

attack!(completion_value_with_looping_getter, {
    let rt = Runtime::new().unwrap();
    assert_times_out_as::<serde_json::Value>(&rt, "({ get x() { for (;;) {} } })");
    assert_times_out_as::<serde_json::Value>(&rt, "[1, { get y() { for (;;) {} } }]");
    // The conversion is not JSON: `toJSON` is not called (a function is refused).
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let err = ctx
        .eval::<serde_json::Value>("({ toJSON() { for (;;) {} } })")
        .unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
});

attack!(completion_value_proxy_with_looping_traps, {
    let rt = Runtime::new().unwrap();
    assert_times_out_as::<serde_json::Value>(&rt, "new Proxy({}, { ownKeys() { for (;;) {} } })");
    assert_times_out_as::<serde_json::Value>(&rt, "new Proxy({ a: 1 }, { get() { for (;;) {} } })");
    assert_times_out_as::<serde_json::Value>(
        &rt,
        "new Proxy([], { get(t, k) { if (k === 'length') return 3; for (;;) {} } })",
    );
});

attack!(reading_a_global_with_a_looping_getter_is_bounded, {
    // No run covers `Context::get`: the runtime's host budget does.
    let rt = Runtime::builder()
        .host_timeout(Some(LIMIT))
        .build()
        .unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>("Object.defineProperty(globalThis, 'x', { get() { for (;;) {} } }); globalThis.y = { get z() { for (;;) {} } }")
        .unwrap();
    let start = Instant::now();
    assert_eq!(
        ctx.get::<serde_json::Value>("y").unwrap_err(),
        Error::Timeout { ms: 200 }
    );
    assert_within_twice(start.elapsed(), LIMIT);
    assert_eq!(ctx.eval::<i32>("3").unwrap(), 3);
});

attack!(registering_a_function_over_a_looping_setter_is_bounded, {
    // The sandbox's setter is the context's code: `register` and `register_async` store
    // through it under the runtime's host budget, as `set` does.
    let rt = Runtime::builder()
        .host_timeout(Some(LIMIT))
        .build()
        .unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>("for (const k of ['add', 'later']) Object.defineProperty(globalThis, k, { set() { for (;;) {} }, configurable: true })")
        .unwrap();
    let start = Instant::now();
    let err = ctx
        .register("add", |(a, b): (f64, f64)| Ok::<_, String>(a + b))
        .unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 200 });
    assert_within_twice(start.elapsed(), LIMIT);
    let start = Instant::now();
    let err = ctx
        .register_async("later", |(n,): (i32,)| async move { Ok::<_, String>(n) })
        .unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 200 });
    assert_within_twice(start.elapsed(), LIMIT);
    assert_eq!(ctx.eval::<i32>("3").unwrap(), 3);
});

attack!(a_run_without_timeout_is_still_bounded_after_it_ends, {
    // The run itself may take as long as it likes (no timeout); what the library does after it
    // (converting the result, which may call getters) is host work, under the host budget.
    let rt = Runtime::builder()
        .host_timeout(Some(LIMIT))
        .build()
        .unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    for source in [
        "({ get x() { for (;;) {} } })",
        "[new Proxy({}, { ownKeys() { for (;;) {} } })]",
    ] {
        let start = Instant::now();
        let err = ctx.eval::<serde_json::Value>(source).unwrap_err();
        assert_within_twice(start.elapsed(), LIMIT);
        assert_eq!(err, Error::Timeout { ms: 200 }, "{source}");
    }
    assert_eq!(ctx.eval::<i32>("1").unwrap(), 1);
});

attack!(
    describing_a_thrown_value_through_the_handle_api_is_bounded,
    {
        // `ContextHandle::run_to_result` describes the thrown value itself: the host budget bounds
        // that too, whoever asks for the description.
        let rt = Runtime::builder()
            .host_timeout(Some(LIMIT))
            .build()
            .unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        let script = rt
            .compile(
                // The engine's stack formatter reads no getter of a thrown non-error (V8 reads
                // nothing of it): the description's read is the first.
                "throw { get name() { for (;;) {} } }",
                Default::default(),
            )
            .unwrap();
        let start = Instant::now();
        let err = ctx.with_ctx(|_, handle| {
            handle
                .run_to_result(&script, &Default::default())
                .map(|_| ())
        });
        assert_within_twice(start.elapsed(), LIMIT);
        assert_eq!(err, Err(Error::Timeout { ms: 200 }));
        assert_eq!(ctx.eval::<i32>("1").unwrap(), 1);
    }
);

attack!(declaring_names_through_a_hooked_sandbox_is_bounded, {
    // Before a run the library gives the sandbox a slot for each `var` and function the script
    // declares: that store runs the sandbox's hooks (a proxy's traps, setters on its chain),
    // which V8 runs during the script, under its timeout. They are part of the run here too
    // (they ran before its frame, with no limit: a hang).
    let rt = Runtime::new().unwrap();
    let scripts: Vec<_> = ["var zz = 1", "function zz() {}", "zz = 1"]
        .into_iter()
        .map(|s| (s, rt.compile(s, Default::default()).unwrap()))
        .collect();
    rt.with_ctx(|ctx| {
        for (declaration, script) in &scripts {
            let sandbox: Object = ctx
                .eval("new Proxy({ a: 1 }, { defineProperty() { for (;;) {} } })")
                .unwrap();
            let handle = ContextHandle::create(&ctx, Some(sandbox), &Default::default()).unwrap();
            let start = Instant::now();
            let err = handle.run_to_result(script, &limited()).map(|_| ());
            assert_within_twice(start.elapsed(), LIMIT);
            assert_eq!(err, Err(Error::Timeout { ms: 200 }), "{declaration}");
            let two = handle.eval("a + 1", &Default::default()).unwrap();
            assert_eq!(two.as_int(), Some(2));
        }
    });
});
