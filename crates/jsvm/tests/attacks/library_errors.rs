//! Errors the library makes or passes on run none of a context's code outside its limits:
//! the timeout error thrown into JavaScript (`ContextHandle::run`, what Node's `vm` throws) is
//! made from the realm's own constructors with no `Error.prepareStackTrace`, `Error` or
//! `Error.stackTraceLimit` of the code; an error of a context passing through another realm's
//! frames is not read through that context's getters or proxies by the stack formatter (found
//! by the attack catalogue through the `jsvm` command, docs/security.md).

use std::time::{Duration, Instant};

use jsvm::engine::rquickjs::{Function, Object, Value};
use jsvm::engine::ContextHandle;
use jsvm::{RunOptions, Runtime};

use crate::attack;
use crate::harness::assert_within_twice;

const LIMIT: Duration = Duration::from_millis(200);

fn limited() -> RunOptions {
    RunOptions {
        timeout_ms: Some(LIMIT.as_millis() as u64),
        ..Default::default()
    }
}

/// What a context's code may set up before it loops, so that making the timeout error would
/// run its code: each must leave the timeout a timeout, within twice the limit.
const TRAPS: &[&str] = &[
    "Error.prepareStackTrace = function () { for (;;) {} }",
    "Object.defineProperty(Error, 'prepareStackTrace', { get() { for (;;) {} } })",
    "globalThis.Error = function () { for (;;) {} }",
    "Object.defineProperty(globalThis, 'Error', { get() { for (;;) {} } })",
    "Error.stackTraceLimit = { valueOf() { for (;;) {} } }",
    // The engine's own setter, if code could reach it, would store the object unconverted.
    "for (const k of Reflect.ownKeys(Error)) { const h = Error[k]; if (h && typeof h.set === 'function') h.set.call(Error, { valueOf() { for (;;) {} } }) }",
    "Object.defineProperty(Error.prototype, 'name', { get() { for (;;) {} } })",
    "Object.defineProperty(Error.prototype, 'message', { get() { for (;;) {} }, set(v) { for (;;) {} } })",
    "Object.defineProperty(Object.prototype, 'code', { set(v) { for (;;) {} } })",
    // The interruption swallowed while the engine builds a stack: the run goes on, and must
    // still stop.
    "Error.prepareStackTrace = function () { for (;;) {} }; new Error('x')",
];

attack!(the_timeout_error_runs_no_code_of_the_context, {
    let rt = Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        for trap in TRAPS {
            let sandbox = Object::new(ctx.clone()).unwrap();
            let handle = ContextHandle::create(&ctx, Some(sandbox), &Default::default()).unwrap();
            let start = Instant::now();
            let thrown = handle.eval(&format!("{trap}; for (;;) {{}}"), &limited());
            assert_within_twice(start.elapsed(), LIMIT);
            assert!(thrown.is_err(), "{trap}: the run ended");
            let error: Value = ctx.catch();
            let error = error.as_object().expect("an error object");
            // An own data property (no getter of the context's runs here).
            let code: Option<String> = error.get("code").unwrap();
            assert_eq!(
                code.as_deref(),
                Some("ERR_SCRIPT_EXECUTION_TIMEOUT"),
                "{trap}"
            );
            assert!(
                unsafe { jsvm::engine::rquickjs::qjs::JS_IsError(error.as_raw()) },
                "{trap}"
            );
        }
        assert_eq!(
            ctx.eval::<i32, _>("1 + 1").unwrap(),
            2,
            "the runtime still works"
        );
    });
});

attack!(
    a_contexts_error_passing_through_main_frames_is_not_read_by_its_getters,
    {
        let rt = Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
        let main = ContextHandle::main(&ctx).unwrap();
        let sandbox = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
        let into = sandbox.clone();
        let enter = Function::new(
            ctx.clone(),
            move |code: String| -> jsvm::engine::rquickjs::Result<Value<'_>> {
                into.eval(&code, &RunOptions::default())
            },
        )
        .unwrap();
        main.global().set("enter", enter).unwrap();
        for thrown in [
            "const e = new Error('x'); Object.defineProperty(e, 'message', { get() { for (;;) {} } }); throw e",
            "const e = new Error('x'); Object.defineProperty(e, 'name', { get() { for (;;) {} } }); throw e",
            "throw { get name() { for (;;) {} }, get message() { for (;;) {} } }",
            "throw new Proxy({}, { get() { for (;;) {} }, getOwnPropertyDescriptor() { for (;;) {} }, getPrototypeOf() { for (;;) {} } })",
            "throw Object.create(new Proxy({}, { get() { for (;;) {} }, getOwnPropertyDescriptor() { for (;;) {} } }))",
            "throw { name: { toString() { for (;;) {} } }, message: { toString() { for (;;) {} } } }",
        ] {
            // Main-context frames between the host call and the catch: the exception passes
            // through them (where the engine may format a stack for it). The main run's own
            // limit (the host's, long) would end a getter run there: the case must not wait for
            // it.
            let start = Instant::now();
            let out = main
                .eval(
                    &format!(
                        "function a(c) {{ return enter(c) }} function b(c) {{ return a(c) }}
                         try {{ b({thrown:?}); 'returned' }} catch (e) {{ 'caught' }}"
                    ),
                    &RunOptions {
                        timeout_ms: Some(10_000),
                        ..Default::default()
                    },
                )
                .map(|v| v.as_string().unwrap().to_string().unwrap());
            assert_within_twice(start.elapsed(), LIMIT);
            assert_eq!(out.ok().as_deref(), Some("caught"), "{thrown}");
        }
    });
    }
);

attack!(
    an_interruption_dropped_while_building_a_stack_still_stops_the_run,
    {
        // The engine builds an error's stack whatever the code it calls there throws (a custom
        // `Error.prepareStackTrace`, the `valueOf` of `Error.stackTraceLimit`): code looping there,
        // inside a loop making errors, must not outlast the timeout.
        let rt = Runtime::new().unwrap();
        for source in [
        "Error.prepareStackTrace = function () { for (;;) {} }; for (;;) { try { new Error('x') } catch (e) {} }",
        "Error.prepareStackTrace = function () { for (;;) {} }; for (;;) { new Error('x') }",
        "Error.stackTraceLimit = { valueOf() { for (;;) {} } }; for (;;) { try { new Error('x') } catch (e) {} }",
        "Error.stackTraceLimit = { valueOf() { for (;;) {} } }; for (;;) { try { null.x } catch (e) {} }",
    ] {
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        let script = rt.compile(source, Default::default()).unwrap();
        let start = Instant::now();
        let err = ctx.run::<()>(&script, &limited()).unwrap_err();
        assert_within_twice(start.elapsed(), LIMIT);
        assert_eq!(err, jsvm::Error::Timeout { ms: 200 }, "{source}");
    }
    }
);
