//! What contexts of one runtime share (docs/security.md, "What a runtime's contexts share"):
//! stated as tests, so the document cannot drift from the behaviour.

use std::time::{Duration, Instant};

use jsvm::{Error, RunOptions, Runtime};

use crate::attack;

attack!(contexts_of_one_runtime_share_the_symbol_registry, {
    let rt = Runtime::new().unwrap();
    let a = rt.new_empty_context(Default::default()).unwrap();
    let b = rt.new_empty_context(Default::default()).unwrap();
    a.eval::<()>("globalThis.s = Symbol.for('tenant-a-secret')")
        .unwrap();
    // B cannot reach A's symbol value, but the registry key names the same symbol in both.
    assert!(b.eval::<bool>("typeof s === 'undefined'").unwrap());
    assert_eq!(
        b.eval::<String>("Symbol.keyFor(Symbol.for('tenant-a-secret'))")
            .unwrap(),
        "tenant-a-secret"
    );
});

attack!(contexts_of_one_runtime_share_one_memory_limit, {
    let rt = Runtime::builder().memory_limit(16 << 20).build().unwrap();
    let hog = rt.new_empty_context(Default::default()).unwrap();
    hog.eval::<()>(
        "globalThis.keep = []; try { for (;;) keep.push(new Array(1000).fill(1)) } catch (e) {}",
    )
    .unwrap();
    // The heap is the runtime's: another context now meets the same full heap.
    let other = rt.new_empty_context(Default::default());
    let starved = match other {
        Err(e) => e == Error::OutOfMemory,
        Ok(c) => {
            c.eval::<()>("const a = []; for (let i = 0; i < 1e6; i++) a.push({})")
                == Err(Error::OutOfMemory)
        }
    };
    assert!(starved);
    // Dropping the hog frees the heap for everyone.
    drop(hog);
    rt.run_gc();
    let fresh = rt.new_empty_context(Default::default()).unwrap();
    assert_eq!(fresh.eval::<i32>("[1, 2].length").unwrap(), 2);
});

attack!(
    a_blocking_host_function_delays_the_timeout_until_it_returns,
    {
        let rt = Runtime::new().unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        ctx.register("block", |(): ()| {
            std::thread::sleep(Duration::from_millis(300));
            Ok::<_, String>(())
        })
        .unwrap();
        let script = rt
            .compile("block(); for (;;) {}", Default::default())
            .unwrap();
        let start = Instant::now();
        let err = ctx
            .run::<()>(
                &script,
                &RunOptions {
                    timeout_ms: Some(50),
                    ..Default::default()
                },
            )
            .unwrap_err();
        let took = start.elapsed();
        assert_eq!(err, Error::Timeout { ms: 50 });
        // Rust code is never interrupted: the stop comes at the first check after it returns.
        assert!(took >= Duration::from_millis(300), "took {took:?}");
        assert!(took < Duration::from_millis(300 + 250), "took {took:?}");
    }
);
