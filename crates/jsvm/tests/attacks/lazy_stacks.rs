//! Issue 12: an error's `stack` is formatted when first read (its `Name: message` header), as
//! V8's. The read may come from the host after the run, from another realm, or from code
//! inside a run whose error has hostile properties: it runs no code of any context (it reads
//! `name` and `message` only as data), and the accessor it goes through is a function of the
//! error's own realm only.

use std::time::{Duration, Instant};

use jsvm::engine::rquickjs::{Object, Value};
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

/// Getters on `name` and `message` set after the error was made: the lazy header does not run
/// them (the header read when the error was made is used), whoever reads `stack`.
const HOSTILE: &str = "
    globalThis.READS = 0;
    const e = new TypeError('made');
    for (const key of ['name', 'message'])
        Object.defineProperty(e, key, { get() { READS++; for (;;) {} }, configurable: true });
    ";

attack!(
    a_looping_getter_on_name_or_message_is_not_run_by_a_read_of_stack,
    {
        let rt = Runtime::new().unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        // Read by the context's own code, inside a run.
        let start = Instant::now();
        let first: String = ctx
            .eval(&format!("{HOSTILE} e.stack.split('\\n')[0]"))
            .unwrap();
        assert!(start.elapsed() < LIMIT, "{:?}", start.elapsed());
        assert_eq!(first, "TypeError: made");
        // Read by the host after the run: no limit covers it, and none is needed.
        ctx.with_ctx(|_, handle| {
            let e = handle
                .eval(
                    &format!("(() => {{ {HOSTILE} return e }})()"),
                    &RunOptions::default(),
                )
                .unwrap();
            let e = e.as_object().unwrap();
            let start = Instant::now();
            let stack: String = e.get("stack").unwrap();
            assert!(start.elapsed() < LIMIT, "{:?}", start.elapsed());
            assert!(stack.starts_with("TypeError: made\n    at "), "{stack}");
            let reads: i32 = handle.global().get("READS").unwrap();
            assert_eq!(reads, 0);
        });
        assert_eq!(ctx.eval::<i32>("READS").unwrap(), 0);
    }
);

attack!(
    a_looping_getter_read_when_the_error_is_made_stays_under_the_runs_limit,
    {
        // The header read when the error is made may run the error's own getters (as V8 does when
        // code reads `stack`): that is inside the run, under its limit.
        let rt = Runtime::new().unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        let script = rt
            .compile(
                "class E extends Error { get name() { for (;;) {} } } new E('x'); 1",
                Default::default(),
            )
            .unwrap();
        let start = Instant::now();
        let err = ctx.run::<i32>(&script, &limited()).unwrap_err();
        assert_within_twice(start.elapsed(), LIMIT);
        assert_eq!(err, Error::Timeout { ms: 200 });
        assert_eq!(ctx.eval::<i32>("1 + 1").unwrap(), 2);
    }
);

attack!(
    proxies_and_exotic_objects_on_the_chain_are_not_looked_into,
    {
        let rt = Runtime::new().unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        let out: String = ctx
        .eval(
            "globalThis.TRAPS = 0;
             const trap = () => { TRAPS++; for (;;) {} };
             const p = new Proxy({}, { get: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, has: trap });
             const e = new RangeError('r');
             Object.setPrototypeOf(e, p);
             const s = e.stack.split('\\n')[0];
             const o = {}; Error.captureStackTrace(o); Object.setPrototypeOf(o, p);
             s + '|' + o.stack.split('\\n')[0] + '|' + TRAPS",
        )
        .unwrap();
        // The headers of when they were made (a RangeError's name was inherited then).
        assert_eq!(out, "RangeError: r|Error|0");
    }
);

attack!(a_frozen_error_keeps_its_stack, {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let out: String = ctx
        .eval(
            "const e = new Error('f'); e.name = 'Named'; Object.freeze(e);
             e.stack = 'replaced';
             let strict = 'no throw';
             try { (() => { 'use strict'; e.stack = 'again'; })(); } catch (x) { strict = x.name; }
             const r = Object.freeze(new Error('read'));
             const before = r.stack; r.stack = 'x';
             [e.stack.split('\\n')[0], Object.isFrozen(e), before === r.stack, strict].join('|')",
        )
        .unwrap();
    // Frozen, the stack is the data property V8's is: strict code's assignment throws.
    assert_eq!(out, "Named: f|true|true|TypeError");
});

attack!(the_stack_accessor_is_the_errors_own_realms, {
    // A context's error read in the main context and in another context, and the other way:
    // the accessor's function leads to the error's own realm only (as `error.constructor`).
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let a = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let b = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let opts = RunOptions::default();
        // Through a proxy, whose default trap reads the accessor itself (the builtins read
        // it as data).
        let probe = "(e) => {
            const d = Object.getOwnPropertyDescriptor(new Proxy(e, {}), 'stack');
            const realm = d.get.constructor('return globalThis')();
            return [realm === globalThis, realm === e.constructor.constructor('return globalThis')(),
                    e.stack.split('\\n')[0]].join('|');
        }";
        for (maker, reader) in [(&a, &b), (&a, &main), (&main, &a)] {
            let e = maker
                .eval(
                    "(() => { const e = new SyntaxError('s'); e.name = 'Late'; return e })()",
                    &opts,
                )
                .unwrap();
            let f = reader.eval(probe, &opts).unwrap().into_function().unwrap();
            let out: String = f.call((e,)).unwrap();
            assert_eq!(out, "false|true|Late: s");
        }
        // An error made by one context's Error with a prototype of another realm's (through
        // `new.target`) gets a stack of its own that is data: no function of the maker's realm.
        let target = main.eval("(function Main() {})", &opts).unwrap();
        b.global().set("Main", target).unwrap();
        let out: String = b
            .eval(
                "const e = Reflect.construct(Error, ['x'], Main);
                 const d = Object.getOwnPropertyDescriptor(e, 'stack');
                 typeof d.value + '|' + typeof d.get",
                &opts,
            )
            .unwrap()
            .as_string()
            .unwrap()
            .to_string()
            .unwrap();
        assert_eq!(out, "string|undefined");
    });
});

attack!(capture_on_another_realms_object_defines_data_only, {
    // Error.captureStackTrace of one realm on an object of another gives it a data property
    // (the lazy accessor would be a function of the capturing realm).
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let a = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let opts = RunOptions::default();
        let target: Object = a.eval("({ name: 'Sandboxed' })", &opts).unwrap().into_object().unwrap();
        main.global().set("target", target.clone()).unwrap();
        main.eval("Error.captureStackTrace(target)", &opts).unwrap();
        let out: String = a
            .eval(
                "(o) => { const d = Object.getOwnPropertyDescriptor(o, 'stack');
                          return typeof d.value + '|' + typeof d.get + '|' + d.enumerable + '|' + o.stack.split('\\n')[0] }",
                &opts,
            )
            .unwrap()
            .into_function()
            .unwrap()
            .call((target,))
            .unwrap();
        assert_eq!(out, "string|undefined|false|Sandboxed");
    });
});

attack!(capture_on_a_proxy_runs_its_traps_under_the_runs_limit, {
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    let script = rt
        .compile(
            "Error.captureStackTrace(new Proxy({}, { defineProperty() { for (;;) {} } }))",
            Default::default(),
        )
        .unwrap();
    let start = Instant::now();
    let err = ctx.run::<()>(&script, &limited()).unwrap_err();
    assert_within_twice(start.elapsed(), LIMIT);
    assert_eq!(err, Error::Timeout { ms: 200 });
    let out: String = ctx
        .eval("const o = {}; Error.captureStackTrace(o); o.name = 'After'; o.stack.split('\\n')[0]")
        .unwrap();
    assert_eq!(out, "After");
});

attack!(stack_read_after_the_context_ended_its_run_with_a_timeout, {
    // The run that made the error timed out; the error was kept by the host and read later.
    let rt = Runtime::new().unwrap();
    let ctx = rt.new_empty_context(Default::default()).unwrap();
    ctx.eval::<()>(
        "globalThis.kept = new Error('kept'); kept.name = 'Kept';
         Object.defineProperty(kept, 'message', { get() { for (;;) {} } })",
    )
    .unwrap();
    let script = rt.compile("for (;;) {}", Default::default()).unwrap();
    let err = ctx.run::<()>(&script, &limited()).unwrap_err();
    assert_eq!(err, Error::Timeout { ms: 200 });
    ctx.with_ctx(|_, handle| {
        let kept: Value = handle.global().get("kept").unwrap();
        let start = Instant::now();
        let stack: String = kept.as_object().unwrap().get("stack").unwrap();
        assert!(start.elapsed() < LIMIT);
        // The message became an accessor: the header read when the error was made.
        assert!(stack.starts_with("Error: kept\n"), "{stack}");
    });
});
