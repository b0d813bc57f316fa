//! The evidence behind keeping `convert.rs` rather than adopting `rquickjs-serde` (0.8, the
//! serde bridge maintained with rquickjs 0.14): the same values through both, on the cases a
//! user of the library would notice (docs/design.md, "The serde bridge"). Where the two agree,
//! the test says so too.

use std::collections::BTreeMap;

use jsvm::engine::rquickjs::{self, Value};
use serde::Serialize;

type Outcome<T> = Result<T, String>;

/// Reads the value of `js` with both bridges.
fn read_both<T: serde::de::DeserializeOwned>(js: &str) -> (Outcome<T>, Outcome<T>) {
    let rt = jsvm::Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let value: Value = ctx.eval(js).unwrap();
        let ours = jsvm::engine::convert::from_js::<T>(value.clone()).map_err(|e| e.to_string());
        let theirs = rquickjs_serde::from_value::<T>(value).map_err(|e| e.to_string());
        (ours, theirs)
    })
}

/// Writes `value` with both bridges and describes each result in JavaScript terms.
fn write_both<T: Serialize>(value: &T, describe: &str) -> (Outcome<String>, Outcome<String>) {
    let rt = jsvm::Runtime::new().unwrap();
    rt.with_ctx(|ctx| {
        let describe: rquickjs::Function = ctx.eval(describe).unwrap();
        let show = |v| describe.call::<_, String>((v,)).unwrap();
        let ours = jsvm::engine::convert::to_js(&ctx, value)
            .map(show)
            .map_err(|e| e.to_string());
        let theirs = rquickjs_serde::to_value(ctx.clone(), value)
            .map(show)
            .map_err(|e| e.to_string());
        (ours, theirs)
    })
}

/// Bytes, as `serde_bytes` gives them.
struct Bytes(Vec<u8>);
impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

const TYPE_AND_VALUE: &str =
    "(v => Object.prototype.toString.call(v) + ' ' + (typeof v === 'object' ? JSON.stringify(Array.from(v)) : String(v)))";

#[test]
fn bytes_become_a_uint8array_only_with_ours() {
    let (ours, theirs) = write_both(&Bytes(vec![1, 2, 255]), TYPE_AND_VALUE);
    assert_eq!(ours.unwrap(), "[object Uint8Array] [1,2,255]");
    assert_eq!(theirs.unwrap_err(), "Cannot serialize bytes");
}

#[test]
fn typed_arrays_read_as_bytes_only_with_ours() {
    let (ours, theirs) = read_both::<Vec<u8>>("new Uint8Array([1, 2, 255])");
    assert_eq!(ours.unwrap(), vec![1, 2, 255]);
    assert!(theirs.is_err(), "{theirs:?}");
    // An ArrayBuffer (what fetch-like host code hands over).
    let (ours, theirs) = read_both::<Vec<u8>>("new Uint8Array([7, 8]).buffer");
    assert_eq!(ours.unwrap(), vec![7, 8]);
    assert!(theirs.is_err(), "{theirs:?}");
}

#[test]
fn dates_read_as_iso_strings_with_both() {
    let (ours, theirs) = read_both::<String>("new Date(86400000)");
    assert_eq!(ours.unwrap(), "1970-01-02T00:00:00.000Z");
    assert_eq!(theirs.unwrap(), "1970-01-02T00:00:00.000Z");
}

#[test]
fn lone_surrogates_read_as_replacement_characters_with_both() {
    let (ours, theirs) = read_both::<String>("'a\\uD800b'");
    assert_eq!(ours.unwrap(), "a\u{FFFD}b");
    assert_eq!(theirs.unwrap(), "a\u{FFFD}b");
}

#[test]
fn integers_beyond_two_to_the_53() {
    // A whole number above 2^53 that fits an i64: ours reads it, theirs refuses the float.
    let (ours, theirs) = read_both::<i64>("2 ** 60");
    assert_eq!(ours.unwrap(), 1 << 60);
    assert!(theirs.is_err(), "{theirs:?}");
    // A BigInt into u64: ours reads it exactly; theirs reads its decimal string.
    let (ours, theirs) = read_both::<u64>("2n ** 64n - 1n");
    assert_eq!(ours.unwrap(), u64::MAX);
    assert!(theirs.is_err(), "{theirs:?}");
    // u64::MAX written: both give the nearest number.
    let (ours, theirs) = write_both(&u64::MAX, "String");
    assert_eq!(ours.unwrap(), "18446744073709552000");
    assert_eq!(theirs.unwrap(), "18446744073709552000");
}

#[test]
fn nan_infinities_and_negative_zero() {
    let (ours, theirs) = read_both::<Vec<f64>>("[NaN, Infinity, -0]");
    let (ours, theirs) = (ours.unwrap(), theirs.unwrap());
    for v in [&ours, &theirs] {
        assert!(v[0].is_nan() && v[1] == f64::INFINITY && v[2] == 0.0);
    }
    // -0 read: theirs takes it for the integer 0.
    assert!(ours[2].is_sign_negative());
    assert!(!theirs[2].is_sign_negative());
    let (ours, theirs) = write_both(
        &vec![f64::NAN, -0.0],
        "(v => v.map(x => Object.is(x, -0) ? '-0' : String(x)).join())",
    );
    assert_eq!(ours.unwrap(), "NaN,-0");
    assert_eq!(theirs.unwrap(), "NaN,-0");
}

#[test]
fn maps_with_number_keys_and_js_maps() {
    let map: BTreeMap<i32, &str> = [(1, "a"), (2, "b")].into_iter().collect();
    let (ours, theirs) = write_both(&map, "JSON.stringify");
    assert_eq!(ours.unwrap(), r#"{"1":"a","2":"b"}"#);
    assert_eq!(theirs.unwrap(), r#"{"1":"a","2":"b"}"#);
    // A JavaScript Map has no own enumerable properties: both read it as an empty map.
    let (ours, theirs) = read_both::<BTreeMap<String, i32>>("new Map([['a', 1]])");
    assert_eq!(ours.unwrap(), BTreeMap::new());
    assert_eq!(theirs.unwrap(), BTreeMap::new());
}

#[test]
fn cycles_and_throwing_getters_are_errors_with_both() {
    let (ours, theirs) = read_both::<serde_json::Value>("const o = {}; o.self = o; o");
    assert!(ours.is_err() && theirs.is_err());
    let (ours, theirs) =
        read_both::<serde_json::Value>("({ get a() { throw new Error('no reading me') } })");
    assert!(ours.unwrap_err().contains("no reading me"));
    // Theirs loses what was thrown.
    assert_eq!(
        theirs.unwrap_err(),
        "JSError: Exception generated by QuickJS"
    );
}

#[test]
fn nesting_is_bounded_only_by_ours() {
    let deep = "let a = 1; for (let i = 0; i < 300; i++) a = [a]; a";
    let (ours, theirs) = read_both::<serde_json::Value>(deep);
    assert!(
        ours.unwrap_err().contains("deep"),
        "ours refuses past MAX_DEPTH"
    );
    assert!(theirs.is_ok(), "theirs follows any depth");
}

/// Runs the ignored test `name` of this file in a child process: how it ended.
fn in_child(name: &str) -> (bool, String) {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn endless_getter_chains_end_with_a_named_limit_only_with_ours() {
    // Each read makes a fresh object: no cycle, no end. Theirs stops at QuickJS's stack check
    // with a message that names nothing.
    let (ours, theirs) = read_both::<serde_json::Value>(
        "function mk() { return { get a() { return mk(); } } } mk()",
    );
    assert!(ours.unwrap_err().contains("deep"));
    assert_eq!(
        theirs.unwrap_err(),
        "JSError: Exception generated by QuickJS"
    );
}

#[test]
fn deep_values_crash_the_process_through_theirs() {
    let (ok, stderr) = in_child("child::child_reads_deep_nesting_with_theirs");
    assert!(!ok, "the child should have died");
    assert!(stderr.contains("overflowed its stack"), "{stderr}");
    // The same value through ours: an error, and the process goes on.
    let (ok, stderr) = in_child("child::child_reads_deep_nesting_with_ours");
    assert!(ok, "{stderr}");
}

mod child {
    use super::*;

    const DEEP: &str = "let a = 1; for (let i = 0; i < 200000; i++) a = [a]; a";

    fn ours(js: &str) {
        let ours = jsvm::Runtime::new().unwrap().with_ctx(|ctx| {
            let v: Value = ctx.eval(js).unwrap();
            jsvm::engine::convert::from_js::<serde_json::Value>(v).map_err(|e| e.to_string())
        });
        assert!(ours.unwrap_err().contains("deep"));
    }

    fn theirs(js: &str) {
        let rt = jsvm::Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            let v: Value = ctx.eval(js).unwrap();
            let _ = rquickjs_serde::from_value::<serde_json::Value>(v);
        });
    }

    #[test]
    #[ignore = "run by deep_values_crash_the_process_through_theirs"]
    fn child_reads_deep_nesting_with_theirs() {
        theirs(DEEP);
    }
    #[test]
    #[ignore = "run by deep_values_crash_the_process_through_theirs"]
    fn child_reads_deep_nesting_with_ours() {
        ours(DEEP);
    }
}
