//! Issue 10, item 5: conversions between Rust and JavaScript values are bounded and never
//! abort. Nesting deeper than `MAX_DEPTH`, more than `MAX_VALUES` values or more than
//! `MAX_BYTES` bytes of strings is an `InvalidArgument` error naming the bound, on the 2 MiB
//! stack of a spawned thread or a pool worker as well; values within the bounds convert.

use crate::attack;
use jsvm::engine::convert::{MAX_BYTES, MAX_DEPTH, MAX_VALUES};
use jsvm::{Error, Runtime, RuntimePool};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const TOO_DEEP: &str = "value nested deeper than 256 levels";

/// `depth` levels of `{ "v": ... }` around `null`, produced while serializing: nothing deep is
/// built in Rust, so nothing deep has to be dropped.
struct Objects(usize);

impl Serialize for Objects {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 == 0 {
            return s.serialize_unit();
        }
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("v", &Objects(self.0 - 1))?;
        map.end()
    }
}

/// `depth` levels of `[...]` around `null`, likewise.
struct Arrays(usize);

impl Serialize for Arrays {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 == 0 {
            return s.serialize_unit();
        }
        let mut seq = s.serialize_seq(Some(1))?;
        seq.serialize_element(&Arrays(self.0 - 1))?;
        seq.end()
    }
}

/// A sandbox with one property `deep` holding `depth - 1` levels, so the whole value
/// (the sandbox object included) is `depth` levels.
fn sandbox(depth: usize) -> BTreeMap<&'static str, Objects> {
    BTreeMap::from([("deep", Objects(depth - 1))])
}

/// JavaScript that builds `depth` nested arrays around `null`, without recursion.
fn js_arrays(depth: usize) -> String {
    format!("(() => {{ let v = null; for (let i = 0; i < {depth}; i++) v = [v]; return v }})()")
}

/// How deep the `deep` global is, counted in JavaScript (the sandbox object not included).
fn js_depth(ctx: &jsvm::Context) -> usize {
    ctx.eval(
        "(() => { let n = 0; for (let v = deep; v !== null; v = Array.isArray(v) ? v[0] : v.v) n++; return n })()",
    )
    .unwrap()
}

/// Runs `f` on a thread with a 2 MiB stack, the default for spawned threads.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// The message of the `InvalidArgument` error `result` must be.
fn rejected<T>(result: jsvm::Result<T>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(err) => invalid_argument(err),
    }
}

fn invalid_argument(err: Error) -> String {
    match err {
        Error::InvalidArgument(message) => message,
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

attack!(a_deep_sandbox_value_is_an_error_on_a_small_stack, {
    let message = on_small_stack(|| {
        let rt = Runtime::new().unwrap();
        let message = rejected(rt.new_context(&sandbox(10_000), Default::default()));
        // The runtime is intact.
        assert_eq!(rt.main_context().eval::<i32>("6 * 7").unwrap(), 42);
        message
    });
    assert_eq!(message, TOO_DEEP);
});

attack!(a_deep_sandbox_value_is_an_error_in_a_pool_worker, {
    let pool = RuntimePool::new(1, Runtime::builder()).unwrap();
    let message = pool
        .run(|rt| rejected(rt.new_context(&sandbox(10_000), Default::default())))
        .unwrap();
    assert_eq!(message, TOO_DEEP);
    // The worker survived and still works.
    let answer = pool
        .run(|rt| rt.main_context().eval::<i32>("6 * 7").unwrap())
        .unwrap();
    assert_eq!(answer, 42);
});

attack!(
    a_deep_value_set_or_returned_by_a_host_function_is_an_error,
    {
        on_small_stack(|| {
            let rt = Runtime::new().unwrap();
            let ctx = rt.new_empty_context(Default::default()).unwrap();
            assert_eq!(
                invalid_argument(ctx.set("deep", &Arrays(10_000)).unwrap_err()),
                TOO_DEEP
            );
            ctx.register("deep", |(depth,): (usize,)| Ok::<_, String>(Arrays(depth)))
                .unwrap();
            let message: String = ctx
                .eval("try { deep(10000); 'no error' } catch (e) { e.message }")
                .unwrap();
            assert_eq!(message, TOO_DEEP);
        });
    }
);

attack!(a_deep_javascript_value_is_an_error_on_a_small_stack, {
    on_small_stack(|| {
        let rt = Runtime::new().unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        let source = js_arrays(10_000);
        let err = ctx.eval::<serde_json::Value>(&source).unwrap_err();
        assert_eq!(invalid_argument(err), TOO_DEEP);
        let script = rt.compile(&source, Default::default()).unwrap();
        let err = ctx
            .run::<serde_json::Value>(&script, &Default::default())
            .unwrap_err();
        assert_eq!(invalid_argument(err), TOO_DEEP);
        ctx.eval::<()>(&format!("globalThis.deep = {source}"))
            .unwrap();
        assert_eq!(
            invalid_argument(ctx.get::<serde_json::Value>("deep").unwrap_err()),
            TOO_DEEP
        );
        // As an argument of a host function, the error is thrown into JavaScript.
        ctx.register("take", |_: (serde_json::Value,)| Ok::<_, String>(()))
            .unwrap();
        let message: String = ctx
            .eval("try { take(deep); 'no error' } catch (e) { e.message }")
            .unwrap();
        assert_eq!(message, TOO_DEEP);
    });
});

attack!(a_deep_javascript_value_is_an_error_in_a_pool_worker, {
    let pool = RuntimePool::new(1, Runtime::builder()).unwrap();
    let message = pool
        .run(|rt| {
            let ctx = rt.new_empty_context(Default::default()).unwrap();
            invalid_argument(
                ctx.eval::<serde_json::Value>(&js_arrays(10_000))
                    .unwrap_err(),
            )
        })
        .unwrap();
    assert_eq!(message, TOO_DEEP);
});

attack!(a_cyclic_javascript_value_is_an_error, {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    for source in [
        "const o = { a: 1 }; o.self = o; o",
        "const a = [1]; a.push({ back: a }); a",
        "const p = new Proxy({}, { ownKeys: () => ['x'], getOwnPropertyDescriptor: () => ({ value: 0, enumerable: true, configurable: true }), get: () => p }); p",
    ] {
        let err = ctx.eval::<serde_json::Value>(source).unwrap_err();
        assert_eq!(invalid_argument(err), "cyclic value: an object contains itself", "{source}");
    }
});

attack!(
    values_at_the_depth_bound_convert_both_ways_on_a_small_stack,
    {
        on_small_stack(|| {
            let rt = Runtime::new().unwrap();
            // Into JavaScript: the sandbox object is the first level.
            let ctx = rt
                .new_context(&sandbox(MAX_DEPTH), Default::default())
                .unwrap();
            assert_eq!(js_depth(&ctx), MAX_DEPTH - 1);
            let message = rejected(rt.new_context(&sandbox(MAX_DEPTH + 1), Default::default()));
            assert_eq!(message, TOO_DEEP);
            ctx.set("deep", &Arrays(MAX_DEPTH)).unwrap();
            assert_eq!(js_depth(&ctx), MAX_DEPTH);
            assert_eq!(
                invalid_argument(ctx.set("deep", &Arrays(MAX_DEPTH + 1)).unwrap_err()),
                TOO_DEEP
            );

            // Out of JavaScript, as the costliest target type measured (objects into
            // serde_json::Value), and back in.
            let objects = |depth: usize| {
                format!("(() => {{ let v = null; for (let i = 0; i < {depth}; i++) v = {{ v }}; return v }})()")
            };
            let value: serde_json::Value = ctx.eval(&objects(MAX_DEPTH)).unwrap();
            let err = ctx
                .eval::<serde_json::Value>(&objects(MAX_DEPTH + 1))
                .unwrap_err();
            assert_eq!(invalid_argument(err), TOO_DEEP);
            ctx.set("deep", &value).unwrap();
            assert_eq!(js_depth(&ctx), MAX_DEPTH);
            assert_eq!(ctx.get::<serde_json::Value>("deep").unwrap(), value);
        });
    }
);

attack!(
    a_host_function_called_at_the_javascript_stack_limit_converts_safely,
    {
        // JavaScript recurses up to its own stack limit (1 MiB by default) and at every level hands
        // Rust a value as deep as the bound allows, which is converted below all those frames, and
        // gets one back: the bound must leave room for that on a 2 MiB thread.
        let (calls, depths, too_deep) = on_small_stack(|| {
            let rt = Runtime::new().unwrap();
            let ctx = rt.new_empty_context(Default::default()).unwrap();
            let depths = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
            let seen = depths.clone();
            ctx.register("take", move |(value,): (serde_json::Value,)| {
                let mut depth = 0;
                let mut v = &value;
                while let Some(inner) = v.get(0) {
                    depth += 1;
                    v = inner;
                }
                seen.borrow_mut().push(depth);
                Ok::<_, String>(Arrays(depth))
            })
            .unwrap();
            // The arguments are read as a tuple, the first level.
            let calls: usize = ctx
                .eval(&format!(
                    "const value = {};
                 let calls = 0;
                 function dive() {{
                     try {{ dive() }} catch {{ }}
                     try {{ take(value); calls++ }} catch {{ }}
                 }}
                 dive();
                 calls",
                    js_arrays(MAX_DEPTH - 1)
                ))
                .unwrap();
            let too_deep: String = ctx
                .eval(&format!(
                    "try {{ take({}); 'no error' }} catch (e) {{ e.message }}",
                    js_arrays(MAX_DEPTH)
                ))
                .unwrap();
            let depths = depths.borrow().clone();
            (calls, depths, too_deep)
        });
        // The calls made closest to the limit may fail with JavaScript's own RangeError (the
        // function call itself does not fit); the hundreds of others read the whole value.
        assert!(calls > 100, "{calls}");
        assert_eq!(depths.len(), calls);
        assert!(depths.iter().all(|&d| d == MAX_DEPTH - 1), "{depths:?}");
        assert_eq!(too_deep, TOO_DEEP);
    }
);

attack!(a_wide_value_over_the_size_bound_is_an_error, {
    let rt = Runtime::new().unwrap();
    // The sandbox object and the array are two values: this leaves one too many elements.
    let wide = |len: usize| BTreeMap::from([("wide", vec![0u8; len])]);
    let message = rejected(rt.new_context(&wide(MAX_VALUES - 1), Default::default()));
    assert_eq!(
        message,
        format!("value too large: more than {MAX_VALUES} values")
    );

    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let err = ctx
        .eval::<Vec<u8>>(&format!("new Array({MAX_VALUES}).fill(0)"))
        .unwrap_err();
    assert_eq!(
        invalid_argument(err),
        format!("value too large: more than {MAX_VALUES} values (an array of length {MAX_VALUES})")
    );
    // A sparse array claiming the most elements an array can have fails before reading any.
    let start = Instant::now();
    let err = ctx
        .eval::<Vec<Option<u8>>>("const a = []; a.length = 2 ** 32 - 1; a")
        .unwrap_err();
    assert!(invalid_argument(err).contains("an array of length 4294967295"));
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
});

attack!(
    shared_javascript_values_cannot_amplify_past_the_size_bound,
    {
        let rt = Runtime::new().unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        // 2^60 values once copied, from a few hundred objects.
        let err = ctx
            .eval::<serde_json::Value>("let a = [0]; for (let i = 0; i < 60; i++) a = [a, a]; a")
            .unwrap_err();
        assert_eq!(
            invalid_argument(err),
            // Found when an array of two does not fit what is left.
            format!("value too large: more than {MAX_VALUES} values (an array of length 2)")
        );
        // 1 GiB of copies of one 1 MiB string.
        let err = ctx
            .eval::<Vec<String>>("Array(1024).fill('x'.repeat(2 ** 20))")
            .unwrap_err();
        assert_eq!(
            invalid_argument(err),
            format!("value too large: more than {MAX_BYTES} bytes of strings and binary data")
        );
    }
);

attack!(values_at_the_size_bound_convert_both_ways, {
    let rt = Runtime::new().unwrap();
    let wide = |len: usize| BTreeMap::from([("wide", vec![7u8; len])]);
    let ctx = rt
        .new_context(&wide(MAX_VALUES - 2), Default::default())
        .unwrap();
    assert_eq!(ctx.eval::<usize>("wide.length").unwrap(), MAX_VALUES - 2);
    // Read back: the array and its elements.
    let back: Vec<u8> = ctx.get("wide").unwrap();
    assert_eq!(back.len(), MAX_VALUES - 2);
    assert!(back.iter().all(|&b| b == 7));
    drop(back);
    ctx.remove("wide").unwrap();

    // The largest string in both directions.
    let text: String = ctx.eval(&format!("'x'.repeat({MAX_BYTES})")).unwrap();
    assert_eq!(text.len(), MAX_BYTES);
    ctx.set("text", &text).unwrap();
    assert_eq!(ctx.eval::<usize>("text.length").unwrap(), MAX_BYTES);
    let err = ctx.eval::<String>("text + 'y'").unwrap_err();
    assert_eq!(
        invalid_argument(err),
        format!("value too large: more than {MAX_BYTES} bytes of strings and binary data")
    );
    let err = ctx.set("text", &(text + "y")).unwrap_err();
    assert_eq!(
        invalid_argument(err),
        format!("value too large: more than {MAX_BYTES} bytes of strings and binary data")
    );
});

attack!(getters_run_by_reading_a_result_are_under_the_run_timeout, {
    // Found by the convert_eval fuzz target: the result was read after the run's deadline was
    // gone, so a getter that never returns hung the host.
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let script = rt
        .compile("({ get a() { while (true); } })", Default::default())
        .unwrap();
    let options = jsvm::RunOptions {
        timeout_ms: Some(100),
        ..Default::default()
    };
    let start = Instant::now();
    let err = ctx.run::<serde_json::Value>(&script, &options).unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 100 });
    // The run itself takes no time: the reading alone is held to the limit.
    crate::harness::assert_within_twice(start.elapsed(), Duration::from_millis(100));
    // The context is usable afterwards.
    assert_eq!(ctx.eval::<i32>("1 + 1").unwrap(), 2);
});

attack!(hostile_results_are_bounded_in_time_and_size, {
    // Results whose conversion meets proxies with huge or looping answers, getters that make a
    // new large value at each read, typed arrays detached or resized by a getter met first,
    // species and primitive hooks: each is an answer, an error, or the timeout (the reading
    // is held to the run's limit), and the context goes on.
    let rt = Runtime::builder().memory_limit(64 << 20).build().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let options = jsvm::RunOptions {
        timeout_ms: Some(200),
        ..Default::default()
    };
    for code in [
        "new Proxy([], { get(t, k) { return k === 'length' ? 2 ** 32 - 1 : 1 } })",
        "new Proxy({}, { ownKeys() { return Array.from({ length: 1e6 }, (_, i) => 'k' + i) }, getOwnPropertyDescriptor() { return { value: 1, enumerable: true, configurable: true } } })",
        "new Proxy({}, { ownKeys() { for (;;) {} } })",
        "new Proxy([1, 2], { getPrototypeOf() { for (;;) {} }, get(t, k) { return Reflect.get(t, k) } })",
        "({ get a() { return 'x'.repeat(2 ** 20) }, get b() { return 'y'.repeat(2 ** 20) } , get c() { return new Array(1e5).fill('z') } })",
        "const u = new Uint8Array(new ArrayBuffer(8, { maxByteLength: 2 ** 20 })); ({ get a() { u.buffer.resize(2 ** 20); return 1 }, b: u })",
        "const u = new Uint8Array(16); ({ get a() { u.buffer.transfer(); return 1 }, b: u })",
        "class A extends Array { static get [Symbol.species]() { for (;;) {} } }; A.from([1, 2, 3])",
        "({ [Symbol.toPrimitive]() { for (;;) {} }, valueOf() { for (;;) {} }, toString() { for (;;) {} }, toJSON() { for (;;) {} } })",
        "new Proxy(function () {}, { apply() { for (;;) {} } })",
        "Object.defineProperty([], 'length', { get() { for (;;) {} } })",
        "let o = {}; for (let i = 0; i < 1e5; i++) o = { o, a: [o, o] }; o",
        "new Map(Array.from({ length: 1e5 }, (_, i) => [i, { i }]))",
        "Object.assign(new Error('m'), { get name() { for (;;) {} }, get stack() { for (;;) {} } })",
    ] {
        let script = rt.compile(code, Default::default()).unwrap();
        let start = Instant::now();
        let _ = ctx.run::<serde_json::Value>(&script, &options);
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{code}: {:?}",
            start.elapsed()
        );
        assert_eq!(ctx.eval::<i32>("1 + 1").unwrap(), 2, "{code}");
    }
});
