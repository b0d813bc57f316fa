//! The library's cost for the suite's operations, next to raw QuickJS (rquickjs) doing the
//! same work, so the overhead of jsvm's layer is visible. `cargo bench -p jsvm`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use jsvm::engine::rquickjs::{self, Object};
use jsvm::engine::ContextHandle;
use jsvm::{RunOptions, Runtime, ScriptOptions};

fn contexts(c: &mut Criterion) {
    let rt = Runtime::new().unwrap();
    let mut g = c.benchmark_group("create_context");
    g.bench_function("jsvm", |b| {
        rt.with_ctx(|ctx| {
            b.iter(|| {
                let sandbox = Object::new(ctx.clone()).unwrap();
                sandbox.set("i", 1).unwrap();
                ContextHandle::create(&ctx, Some(sandbox), &Default::default()).unwrap()
            })
        })
    });
    // The same operation without the library: a full context whose global gets `i`.
    g.bench_function("raw quickjs", |b| {
        b.iter(|| {
            let raw = rquickjs::Context::full(rt.engine()).unwrap();
            raw.with(|ctx| ctx.globals().set("i", 1).unwrap());
            raw
        })
    });
    g.finish();

    // Builtins made on first use (realm.rs): a context made with the lazy groups deferred and
    // with all of them, and what naming one group first costs (create + a run that names it,
    // against a run naming a builtin made with the realm).
    let eager = Runtime::builder().lazy_builtins(false).build().unwrap();
    let mut g = c.benchmark_group("create_context_builtins");
    for (label, runtime) in [
        ("lazy (default)", &rt),
        ("all builtins at creation", &eager),
    ] {
        g.bench_function(label, |b| {
            runtime.with_ctx(|ctx| {
                b.iter(|| ContextHandle::create(&ctx, None, &Default::default()).unwrap())
            })
        });
    }
    // RegExp and Promise are also made by code that does not name them (realm/compile_hook.rs).
    for name in [
        "Object",
        "Date",
        "Proxy",
        "Map",
        "Uint8Array",
        "WeakRef",
        "RegExp",
        "Promise",
        "/a/",
        "(async () => 1)",
    ] {
        g.bench_function(format!("lazy + first use of {name}"), |b| {
            rt.with_ctx(|ctx| {
                let script = ContextHandle::main(&ctx)
                    .unwrap()
                    .compile(name, ScriptOptions::default())
                    .unwrap();
                b.iter(|| {
                    let h = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
                    h.run(&script, &RunOptions::default()).unwrap();
                    h
                })
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("run_in_new_context");
    g.bench_function("jsvm", |b| {
        rt.with_ctx(|ctx| {
            let script = ContextHandle::main(&ctx)
                .unwrap()
                .compile("a + b", ScriptOptions::default())
                .unwrap();
            b.iter(|| {
                let sandbox = Object::new(ctx.clone()).unwrap();
                sandbox.set("a", 1).unwrap();
                sandbox.set("b", 2).unwrap();
                let h = ContextHandle::create(&ctx, Some(sandbox), &Default::default()).unwrap();
                h.run(&script, &RunOptions::default()).unwrap().as_int()
            })
        })
    });
    g.finish();
}

fn runs(c: &mut Criterion) {
    let rt = Runtime::new().unwrap();
    let mut g = c.benchmark_group("script_run_in_context");
    rt.with_ctx(|ctx| {
        let sandbox: Object = ctx.eval("({ count: 0 })").unwrap();
        let h = ContextHandle::create(&ctx, Some(sandbox), &Default::default()).unwrap();
        let script = h
            .compile("count += 1; name = 'kitty'", ScriptOptions::default())
            .unwrap();
        let opts = RunOptions::default();
        g.bench_function("jsvm", |b| b.iter(|| h.run(&script, &opts).unwrap()));
        // The run machinery alone (limits frame, per-realm bytecode, job handling), without
        // the sandbox's forwarding: the main context's globals are the engine's own.
        let main = ContextHandle::main(&ctx).unwrap();
        main.global().set("count", 0).unwrap();
        let script = main
            .compile("count += 1; name = 'kitty'", ScriptOptions::default())
            .unwrap();
        g.bench_function("jsvm main context (no sandbox)", |b| {
            b.iter(|| main.run(&script, &opts).unwrap())
        });
    });
    // Raw: the same script compiled once and evaluated again and again in a plain context
    // (JS_EvalFunction on its bytecode), as the library does, without sandbox or limits.
    let raw = rquickjs::Context::full(rt.engine()).unwrap();
    raw.with(|ctx| {
        use rquickjs::qjs;
        ctx.globals().set("count", 0).unwrap();
        let src = b"count += 1; name = 'kitty'\0";
        let c = ctx.as_raw().as_ptr();
        unsafe {
            let func = qjs::JS_Eval(
                c,
                src.as_ptr().cast(),
                (src.len() - 1) as _,
                c"bench".as_ptr(),
                (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as _,
            );
            g.bench_function("raw quickjs (JS_EvalFunction)", |b| {
                b.iter(|| {
                    let r = qjs::JS_EvalFunction(c, qjs::JS_DupValue(c, func));
                    qjs::JS_FreeValue(c, r);
                })
            });
            qjs::JS_FreeValue(c, func);
        }
    });
    g.finish();

    let mut g = c.benchmark_group("run_in_context_source");
    rt.with_ctx(|ctx| {
        let h = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let sources = ["1 + 1", "2 * 3", "[1, 2].length", "String(7)", "typeof x"];
        let mut i = 0;
        g.bench_function("jsvm (compile cache)", |b| {
            b.iter(|| {
                i += 1;
                let s = h
                    .compile(sources[i % sources.len()], ScriptOptions::default())
                    .unwrap();
                h.run(&s, &RunOptions::default()).unwrap()
            })
        });
    });
    g.finish();

    let mut g = c.benchmark_group("cpu_bound fib(25)");
    g.sample_size(10);
    rt.with_ctx(|ctx| {
        let h = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let fib: rquickjs::Function = h
            .eval(
                "(function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) })",
                &Default::default(),
            )
            .unwrap()
            .into_function()
            .unwrap();
        g.bench_function("jsvm context", |b| {
            b.iter(|| fib.call::<_, i32>((25,)).unwrap())
        });
    });
    g.finish();
}

fn compiles(c: &mut Criterion) {
    let rt = Runtime::new().unwrap();
    let body: String = (0..3000)
        .map(|i| format!("function f{i}(a, b) {{ const o = {{ x: a + {i}, y: b * 2 }}; return o.x > o.y ? o.x : o.y; }}\n"))
        .collect();
    let mut g = c.benchmark_group("compile_large");
    g.sample_size(10);
    let mut seed = 0;
    g.bench_function("jsvm compile", |b| {
        b.iter_batched(
            || {
                seed += 1;
                format!("var seed = {seed};\n{body}")
            },
            |src| rt.compile(&src, ScriptOptions::default()).unwrap(),
            BatchSize::LargeInput,
        )
    });
    let fixed = format!("var seed = -1;\n{body}");
    let first = rt.compile(&fixed, ScriptOptions::default()).unwrap();
    let data = rt.with_ctx(|ctx| first.cached_data(&ctx)).unwrap();
    g.bench_function("jsvm from cached data + first run", |b| {
        b.iter(|| {
            let s = rt
                .compile(
                    &fixed,
                    ScriptOptions {
                        cached_data: Some(data.clone()),
                        ..Default::default()
                    },
                )
                .unwrap();
            assert_eq!(s.cached_data_rejected(), Some(false));
            rt.main_context()
                .run::<serde_ignored::Ignored>(&s, &Default::default())
                .unwrap()
        })
    });
    g.finish();
}

/// The serde bridge against rquickjs-serde on a request-sized value (the service's order), both
/// ways: the measured half of docs/design.md's decision to keep `convert.rs`.
fn conversions(c: &mut Criterion) {
    let rt = Runtime::new().unwrap();
    let order: serde_json::Value = serde_json::json!({
        "user": { "id": "u123", "age": 34, "tier": "gold", "country": "FR", "tags": ["a", "b", "c"] },
        "cart": {
            "items": (0..10).map(|i| serde_json::json!({ "sku": format!("sku-{i}"), "price": 1.5 * i as f64, "qty": i, "adult": i % 3 == 0 })).collect::<Vec<_>>(),
            "coupon": "SAVE5"
        }
    });
    let mut g = c.benchmark_group("convert_order_to_js");
    rt.with_ctx(|ctx| {
        g.bench_function("jsvm convert", |b| {
            b.iter(|| jsvm::engine::convert::to_js(&ctx, &order).unwrap())
        });
        g.bench_function("rquickjs-serde", |b| {
            b.iter(|| rquickjs_serde::to_value(ctx.clone(), &order).unwrap())
        });
    });
    g.finish();
    let mut g = c.benchmark_group("convert_order_from_js");
    rt.with_ctx(|ctx| {
        let value = jsvm::engine::convert::to_js(&ctx, &order).unwrap();
        g.bench_function("jsvm convert", |b| {
            b.iter(|| jsvm::engine::convert::from_js::<serde_json::Value>(value.clone()).unwrap())
        });
        g.bench_function("rquickjs-serde", |b| {
            b.iter(|| rquickjs_serde::from_value::<serde_json::Value>(value.clone()).unwrap())
        });
    });
    g.finish();
}

/// Discards a run's value.
mod serde_ignored {
    pub type Ignored = serde::de::IgnoredAny;
}

criterion_group!(benches, contexts, runs, compiles, conversions);
criterion_main!(benches);
