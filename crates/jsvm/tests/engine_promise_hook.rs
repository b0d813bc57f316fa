//! Tripwire for an engine limit that `async_hooks` depends on (docs/builtin-modules.md,
//! `async_hooks`; quickjs-ng/quickjs#1740): QuickJS-ng's promise hook reports a promise's
//! creation (INIT) but calls no BEFORE/AFTER around a promise reaction job (`then` callbacks,
//! `await` resumptions); only the job that calls a thenable's `then` is wrapped. So a host
//! cannot enter a promise's captured async context when its reaction runs, and
//! jsvm carries the embedder's async context through reactions by reading each job from the
//! engine's job list instead (`async_context.rs`, checked by a probe). If this test fails after
//! an engine upgrade, the engine now reports reactions: the carried context can be built on
//! the hook, without the job-list reads.

use std::ffi::c_void;
use std::os::raw::c_uint;

use rquickjs::{Context, Runtime};
use rquickjs_sys as qjs;

#[derive(Default)]
struct Counts {
    init: u32,
    before: u32,
    after: u32,
}

unsafe extern "C" fn count(
    _ctx: *mut qjs::JSContext,
    kind: c_uint,
    _promise: qjs::JSValue,
    _parent: qjs::JSValue,
    opaque: *mut c_void,
) {
    // SAFETY: `opaque` is the `Counts` the test installed and keeps alive while the hook is set.
    let counts = unsafe { &mut *opaque.cast::<Counts>() };
    match kind {
        qjs::JSPromiseHookType_JS_PROMISE_HOOK_INIT => counts.init += 1,
        qjs::JSPromiseHookType_JS_PROMISE_HOOK_BEFORE => counts.before += 1,
        qjs::JSPromiseHookType_JS_PROMISE_HOOK_AFTER => counts.after += 1,
        _ => {}
    }
}

/// Runs `source` with a counting promise hook installed, draining the job queue.
fn hook_counts(source: &str) -> Counts {
    let rt = Runtime::new().unwrap();
    let context = Context::full(&rt).unwrap();
    let mut counts = Box::new(Counts::default());
    let opaque: *mut Counts = &mut *counts;
    context.with(|ctx| {
        // SAFETY: the runtime outlives the calls below; the hook is removed before `counts` drops.
        unsafe {
            let raw_rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
            qjs::JS_SetPromiseHook(raw_rt, Some(count), opaque.cast());
        }
        ctx.eval::<(), _>(source).unwrap();
    });
    while rt.is_job_pending() {
        rt.execute_pending_job().unwrap();
    }
    context.with(|ctx| unsafe {
        let raw_rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
        qjs::JS_SetPromiseHook(raw_rt, None, std::ptr::null_mut());
    });
    *counts
}

#[test]
fn reaction_jobs_get_no_before_after() {
    let counts = hook_counts(
        "globalThis.seen = []; Promise.resolve(1).then(v => seen.push(v));
         (async () => { await null; seen.push(2); })();",
    );
    assert!(counts.init >= 2, "promise creation is reported");
    assert_eq!(
        (counts.before, counts.after),
        (0, 0),
        "the engine now reports reaction jobs: carry the async context on them (see the module doc)"
    );
}

#[test]
fn thenable_jobs_get_before_after() {
    let counts = hook_counts("Promise.resolve({ then(f) { f(1); } });");
    assert_eq!((counts.before, counts.after), (1, 1));
}
