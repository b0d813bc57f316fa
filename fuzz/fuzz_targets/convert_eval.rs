//! Arbitrary JavaScript evaluated under a timeout and its completion value read into Rust
//! (`serde_json::Value`, and typed shapes): getters, proxies, cycles, shared and sparse values
//! all end in a value or an error, never a panic, an abort or a hang.
//! Run: `fuzz/run.sh` (see fuzz/README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

thread_local! {
    static RUNTIME: jsvm::Runtime = jsvm::Runtime::builder()
        .memory_limit(256 << 20)
        .build()
        .unwrap();
}

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    RUNTIME.with(|rt| {
        // A fresh context each time: an input cannot leave prototypes changed for the next.
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        let Ok(script) = rt.compile(&source, Default::default()) else {
            return;
        };
        let options = jsvm::RunOptions {
            timeout_ms: Some(200),
            ..Default::default()
        };
        let _ = ctx.run::<serde_json::Value>(&script, &options);
        let _ = ctx.run::<Vec<Option<String>>>(&script, &options);
        let _ = ctx.run::<BTreeMap<String, (i64, f64)>>(&script, &options);
        let _ = ctx.run::<()>(&script, &options);
    });
});
