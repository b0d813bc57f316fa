//! A WeakRef's target lives until the host's next microtask checkpoint (realm/weak_ref.rs):
//! an object only a new WeakRef points at is still there for the rest of the job, in the main
//! context and in a vm context, and is let go once the host has run its jobs.

use jsvm::{ContextOptions, RunOptions, Runtime};

#[test]
fn a_new_weak_refs_target_is_kept_for_the_job() {
    let rt = Runtime::new().unwrap();
    let main = rt.main_context();
    let script = rt
        .compile("new WeakRef({ a: 1 }).deref().a", Default::default())
        .unwrap();
    assert_eq!(main.run::<i32>(&script, &RunOptions::new()).unwrap(), 1);
    let ctx = rt
        .new_context(&serde_json::json!({}), ContextOptions::default())
        .unwrap();
    assert_eq!(ctx.run::<i32>(&script, &RunOptions::new()).unwrap(), 1);
}

#[test]
fn the_target_is_let_go_at_the_hosts_checkpoint() {
    let rt = Runtime::new().unwrap();
    let ctx = rt
        .new_context(&serde_json::json!({}), ContextOptions::default())
        .unwrap();
    let make = rt
        .compile(
            "globalThis.w = new WeakRef({ b: 2 }); globalThis.o = {}; globalThis.s = new WeakRef(o); w.deref().b",
            Default::default(),
        )
        .unwrap();
    assert_eq!(ctx.run::<i32>(&make, &RunOptions::new()).unwrap(), 2);
    // Same job as far as the host is concerned: no checkpoint yet.
    let read = rt
        .compile(
            "[w.deref() !== undefined, s.deref() === o].join()",
            Default::default(),
        )
        .unwrap();
    assert_eq!(
        ctx.run::<String>(&read, &RunOptions::new()).unwrap(),
        "true,true"
    );
    rt.run_jobs().unwrap();
    // Nothing else held `{ b: 2 }`; `o` is still held by the global.
    assert_eq!(
        ctx.run::<String>(&read, &RunOptions::new()).unwrap(),
        "false,true"
    );
}

#[test]
fn a_runtime_dropped_with_targets_kept_frees_them() {
    for _ in 0..3 {
        let rt = Runtime::new().unwrap();
        let ctx = rt
            .new_context(&serde_json::json!({}), ContextOptions::default())
            .unwrap();
        let script = rt
            .compile(
                "for (let i = 0; i < 100; i++) new WeakRef({ i }); new WeakRef(globalThis).deref() === globalThis",
                Default::default(),
            )
            .unwrap();
        assert!(ctx.run::<bool>(&script, &RunOptions::new()).unwrap());
        drop(ctx);
        drop(rt);
    }
}
