//! Arbitrary bytes offered as cached data must be rejected or accepted safely: the script
//! always compiles and runs with the right result, and nothing crashes.
//! Run: `cargo fuzz run cached_data` (in this folder's parent).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const SOURCE: &str = "function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2) } f(10)";

/// Valid cached data for SOURCE, so mutations start close to the accepted format.
fn valid() -> &'static [u8] {
    static DATA: OnceLock<Vec<u8>> = OnceLock::new();
    DATA.get_or_init(|| {
        let rt = jsvm::Runtime::new().unwrap();
        let s = rt.compile(SOURCE, Default::default()).unwrap();
        rt.cached_data(&s).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let rt = jsvm::Runtime::new().unwrap();
    // Both the raw input and the input spliced into the valid header.
    let mut spliced = valid().to_vec();
    let at = spliced.len().saturating_sub(data.len().min(spliced.len()));
    spliced.truncate(at);
    spliced.extend_from_slice(data);
    for bytes in [data.to_vec(), spliced] {
        let script = rt
            .compile(SOURCE, jsvm::ScriptOptions { cached_data: Some(bytes), ..Default::default() })
            .unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        assert_eq!(ctx.run::<i32>(&script, &Default::default()).unwrap(), 55);
    }
});
