//! Sources nested thousands of levels deep, which the engine accepts, parsed again by the
//! library (oxc, recursively: the names a script run against a sandbox declares, a module's
//! imports, whether a function body stays in its wrapper). That parse overflowed the thread's
//! stack and aborted the process; it now runs where the stack has room for the source's
//! nesting (`parse_stack.rs`).

use jsvm::engine::{compile_function, ContextHandle, Module, SourceTextOptions};
use jsvm::{Error, Runtime};

use crate::attack;

fn deep_sources(n: usize) -> Vec<String> {
    vec![
        "var a; ".to_string() + &"a=".repeat(n) + "1",
        "1?".repeat(n) + "1" + &":1".repeat(n),
        "()=>".repeat(n) + "1",
        "if(0){}".to_string() + &"else if(0){}".repeat(n),
    ]
}

attack!(deep_sources_run_against_a_sandbox, {
    // On the test's thread (2 MiB) and on the main thread's size.
    for stack in [2 << 20, 8 << 20] {
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(|| {
                let rt = Runtime::builder().max_stack_size(64 << 20).build().unwrap();
                let ctx = rt
                    .new_context(&serde_json::json!({ "x": 1 }), Default::default())
                    .unwrap();
                for source in deep_sources(20_000)
                    .into_iter()
                    .chain(deep_sources(200_000))
                {
                    // Runs, or the engine refuses it at its own depth with a RangeError, as V8
                    // (its parser said "missing formal parameter" for arrows where the limit
                    // fell in its look-ahead over `()`: script/stack_limit.rs): no crash.
                    match ctx.eval::<i32>(&format!("{source};0")) {
                        Ok(0) | Err(Error::StackOverflow) => {}
                        other => panic!("{}...: {other:?}", &source[..20]),
                    }
                }
                assert_eq!(ctx.eval::<i32>("var y = 2; y").unwrap(), 2);
            })
            .unwrap()
            .join()
            .unwrap();
    }
});

attack!(deep_function_bodies_and_modules, {
    let rt = Runtime::builder().max_stack_size(64 << 20).build().unwrap();
    rt.with_ctx(|ctx| {
        for depth in [5_000, 100_000] {
            let body = "return ".to_string() + &"(".repeat(depth) + "1" + &")".repeat(depth);
            match compile_function(&ctx, &body, &[], Default::default()) {
                Ok(f) => assert_eq!(f.function.call::<_, i32>(()).unwrap(), 1),
                Err(Error::StackOverflow) => {}
                Err(e) => panic!("{depth}: {e}"),
            }
        }
        // The body's check still holds.
        assert!(compile_function(&ctx, "}); (function () {", &[], Default::default()).is_err());
        let handle = ContextHandle::main(&ctx).unwrap();
        for source in deep_sources(20_000) {
            let source = "import 'x';\n".to_string() + &source;
            if let Ok(m) = Module::source_text(&handle, &source, SourceTextOptions::default()) {
                assert_eq!(m.requests().len(), 1);
            }
        }
    });
});
