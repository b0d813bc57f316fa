//! `compile_function` (Node's `vm.compileFunction`) given an attacker's body, parameters and
//! context extensions: compiling runs none of the attacker's code (its wrapper is called by the
//! library outside any run, with no limit), so a body or parameters that close the wrapper and
//! go on, or an extension whose traps loop, must not hang the host.

use std::time::{Duration, Instant};

use crate::attack;
use jsvm::engine::rquickjs::Object;
use jsvm::engine::{compile_function, FunctionOptions};
use jsvm::Runtime;

attack!(escaping_the_wrapper_runs_nothing_at_compile_time, {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.with_ctx(|_, handle| {
        let c = handle.ctx();
        let escapes: [(&str, &[&str]); 4] = [
            ("}, (() => { for (;;) {} })(); return function () {", &[]),
            (
                "return 1",
                &["a) {}, (() => { for (;;) {} })(); return function (b"],
            ),
            ("} }, (() => { for (;;) {} })(), function () { return function () {", &[]),
            ("}; for (;;) {} return function () {", &[]),
        ];
        for extensions in 0..3 {
            for (body, params) in escapes {
                let options = FunctionOptions {
                    parsing_context: Some(handle.clone()),
                    context_extensions: (0..extensions)
                        .map(|_| c.eval::<Object, _>("({})").unwrap())
                        .collect(),
                    ..Default::default()
                };
                let start = Instant::now();
                let r = compile_function(&c, body, params, options);
                assert!(r.is_err(), "{body} {params:?}: compiled");
                assert!(start.elapsed() < Duration::from_secs(2), "{body}");
            }
        }
        // Extensions that are the context's proxies with looping traps: entering them reads
        // nothing of an outer one.
        let looping: Vec<Object> = (0..3)
            .map(|_| {
                c.eval("new Proxy({}, { has() { for (;;) {} }, get() { for (;;) {} }, getOwnPropertyDescriptor() { for (;;) {} } })")
                    .unwrap()
            })
            .collect();
        let options = FunctionOptions {
            parsing_context: Some(handle.clone()),
            context_extensions: looping,
            ..Default::default()
        };
        let start = Instant::now();
        let f = compile_function(&c, "return 1", &["a", "b = 2"], options).unwrap();
        assert!(start.elapsed() < Duration::from_secs(2));
        assert_eq!(f.function.call::<_, i32>(()).unwrap(), 1);
    });
});
