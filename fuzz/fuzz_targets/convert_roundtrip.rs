//! Arbitrary Rust values converted into JavaScript and back, within arbitrary (small) limits and
//! the defaults: never a panic or an abort; a value that converts in converts back under the
//! same limits, and equal whenever JavaScript can hold it exactly.
//! Run: `fuzz/run.sh` (see fuzz/README.md).
#![no_main]

use jsvm::engine::convert::{from_js_with, to_js_with, Limits};
use jsvm::engine::rquickjs;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// Every shape of the serde data model the conversion maps.
#[derive(Arbitrary, Serialize, Deserialize, Debug, PartialEq)]
enum Tree {
    Null,
    Bool(bool),
    Int(i32),
    Big(i64),
    Float(f64),
    Char(char),
    Str(String),
    Bytes(Bytes),
    Seq(Vec<Tree>),
    Map(BTreeMap<String, Tree>),
    IntKeys(BTreeMap<u32, Tree>),
    Opt(Option<Box<Tree>>),
    Wrapped(Wrapper),
    Pair(Box<Tree>, Box<Tree>),
    Record { name: String, child: Option<Box<Tree>> },
    Unit(()),
}

#[derive(Arbitrary, Serialize, Deserialize, Debug, PartialEq)]
struct Wrapper(Box<Tree>);

/// Bytes through `serialize_bytes` (a `Uint8Array`), as serde_bytes does.
#[derive(Arbitrary, Debug, PartialEq)]
struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
        }
        d.deserialize_byte_buf(V)
    }
}

/// Whether JavaScript holds the value exactly: NaN is not equal to itself, integers past 2^53
/// round.
fn exact(tree: &Tree) -> bool {
    match tree {
        Tree::Float(f) => !f.is_nan(),
        Tree::Big(i) => i.unsigned_abs() <= 1 << 53,
        Tree::Seq(items) => items.iter().all(exact),
        Tree::Map(map) => map.values().all(exact),
        Tree::IntKeys(map) => map.values().all(exact),
        Tree::Opt(t) => t.as_deref().is_none_or(exact),
        Tree::Wrapped(Wrapper(t)) => exact(t),
        Tree::Pair(a, b) => exact(a) && exact(b),
        Tree::Record { child, .. } => child.as_deref().is_none_or(exact),
        _ => true,
    }
}

#[derive(Arbitrary, Debug)]
struct Input {
    tree: Tree,
    max_depth: u8,
    max_values: u16,
    max_bytes: u16,
}

thread_local! {
    static ENGINE: (rquickjs::Runtime, rquickjs::Context) = {
        let rt = rquickjs::Runtime::new().unwrap();
        rt.set_memory_limit(256 << 20);
        let ctx = rquickjs::Context::full(&rt).unwrap();
        (rt, ctx)
    };
}

fn round_trip(ctx: &rquickjs::Ctx<'_>, tree: &Tree, limits: &Limits) {
    let Ok(js) = to_js_with(ctx, tree, limits) else {
        return;
    };
    match from_js_with::<Tree>(js.clone(), limits) {
        Ok(back) if exact(tree) => assert_eq!(&back, tree),
        Ok(_) => {}
        // Reading a typed array calls its `byteLength` getter, which QuickJS checks against
        // its own stack limit, measured from where JavaScript was last entered; the Rust
        // frames of a deep conversion count (under a sanitizer they are several times larger).
        Err(e) if e.message().contains("Maximum call stack size exceeded") => {}
        // An i64 near its maximum rounds up to 2^63 as a JavaScript number, past i64.
        Err(_) if !exact(tree) => {}
        Err(e) => panic!("converted in but not back: {e}\n{tree:?}\n{limits:?}"),
    }
    // Read as another shape too: errors are fine, panics are not.
    let _ = from_js_with::<serde_json::Value>(js, limits);
    assert!(!ctx.has_exception());
}

fuzz_target!(|input: Input| {
    let limits = Limits {
        max_depth: usize::from(input.max_depth),
        max_values: usize::from(input.max_values),
        max_bytes: usize::from(input.max_bytes),
    };
    ENGINE.with(|(_, ctx)| {
        ctx.with(|ctx| {
            round_trip(&ctx, &input.tree, &limits);
            round_trip(&ctx, &input.tree, &Limits::default());
        })
    });
});
