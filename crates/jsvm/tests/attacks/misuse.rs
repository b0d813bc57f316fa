//! The library used in orders a host may pick: a context kept after its `Runtime` is dropped,
//! a context used again after its run met the memory limit, scripts and cached data carried
//! between runtimes. Safe Rust must not crash, whatever the order; each use either works or is
//! an error.

use crate::attack;
use crate::harness::{after_evaluate, timeout_ms};
use jsvm::{ContextOptions, Error, Runtime};

/// Code that reaches what the runtime set up for its realms: shared memory, WebAssembly, error
/// stacks, Intl, the job queue, a timeout.
const REACHES: &[&str] = &[
    "new Uint8Array(new SharedArrayBuffer(16)).length",
    "String(new WebAssembly.Memory({ initial: 1 }).buffer.byteLength)",
    "String(new Error('x').stack.split('\\n').length > 0)",
    "new Intl.NumberFormat('en').format(1234.5)",
    "new Intl.Segmenter('en').segment('a b').containing(0).segment",
    "Promise.resolve(1).then(() => globalThis.later = 1); 'queued'",
    "Object.getOwnPropertyDescriptor(new TypeError('t'), 'stack').value.slice(0, 9)",
    "const r = new FinalizationRegistry(() => {}); for (let i = 0; i < 1e4; i++) r.register({}, i); 'registered'",
    "new WeakRef({}).deref() ? 'kept' : 'gone'",
];

attack!(
    a_context_kept_after_its_runtime_is_dropped_still_works_or_errs,
    {
        for options in [ContextOptions::default(), after_evaluate()] {
            let rt = Runtime::builder()
                .memory_limit(64 << 20)
                .shared_memory(true)
                .build()
                .unwrap();
            let ctx = rt.new_empty_context(options.clone()).unwrap();
            let main = rt.main_context().clone();
            drop(rt);
            for code in REACHES {
                // Works as before the drop, or fails as an error: never a crash.
                let _ = ctx.eval::<String>(code);
                let _ = main.eval::<String>(code);
            }
            // Limits still hold.
            assert_eq!(
                ctx.run::<()>(
                    &jsvm::Script::lazy("for (;;) {}", Default::default()),
                    &timeout_ms(100)
                ),
                Err(Error::Timeout { ms: 100 })
            );
            assert!(matches!(
                ctx.eval::<()>("const a = []; for (;;) a.push({})"),
                Err(Error::OutOfMemory)
            ));
            assert_eq!(ctx.eval::<i32>("1 + 1").unwrap(), 2);
            drop(main);
            drop(ctx);
        }
    }
);

attack!(
    a_context_is_used_again_after_its_run_met_the_memory_limit,
    {
        let rt = Runtime::builder().memory_limit(32 << 20).build().unwrap();
        for options in [ContextOptions::default(), after_evaluate()] {
            let ctx = rt.new_empty_context(options).unwrap();
            for bomb in [
            "globalThis.keep = []; for (;;) keep.push({})",
            "globalThis.keep = []; for (;;) keep.push('x'.repeat(1000) + keep.length)",
            "globalThis.keep = []; try { for (;;) keep.push({}) } catch (e) { for (;;) keep.push(e) }",
        ] {
            assert_eq!(ctx.eval::<()>(bomb), Err(Error::OutOfMemory), "{bomb}");
            // The context is full: each use is an answer or an error, and once its garbage is
            // let go it works as before.
            let _ = ctx.get::<serde_json::Value>("keep");
            let _ = ctx.keys();
            let _ = ctx.set("n", &1);
            let _ = ctx.eval::<String>("new Error('e').stack");
            let _ = rt.new_empty_context(Default::default());
            ctx.eval::<()>("keep = null").unwrap();
            rt.run_gc();
            assert_eq!(ctx.eval::<i32>("[1, 2, 3].length").unwrap(), 3);
        }
        }
    }
);

attack!(scripts_and_cached_data_carried_between_runtimes, {
    let a = Runtime::builder()
        .cached_data_key(b"the key of runtime a")
        .build()
        .unwrap();
    let b = Runtime::builder()
        .cached_data_key(b"the key of runtime b")
        .build()
        .unwrap();
    let script = a
        .compile(
            "globalThis.n = (globalThis.n || 0) + 1; n",
            Default::default(),
        )
        .unwrap();
    let ctx_a = a.new_empty_context(Default::default()).unwrap();
    assert_eq!(ctx_a.run::<i32>(&script, &Default::default()).unwrap(), 1);
    // The same script run in another runtime's context compiles there.
    let ctx_b = b.new_empty_context(Default::default()).unwrap();
    assert_eq!(ctx_b.run::<i32>(&script, &Default::default()).unwrap(), 1);
    assert_eq!(ctx_b.run::<i32>(&script, &Default::default()).unwrap(), 2);
    // Data tagged by one runtime's key is rejected by another's.
    let data = a.cached_data(&script).unwrap();
    let again = b
        .compile(
            "globalThis.n = (globalThis.n || 0) + 1; n",
            jsvm::ScriptOptions::new().cached_data(data),
        )
        .unwrap();
    assert_eq!(again.cached_data_rejected(), Some(true));
    assert_eq!(ctx_b.run::<i32>(&again, &Default::default()).unwrap(), 3);
});
