//! The bridge's tests: mapping, limits, exceptions, special values.

use std::fmt;

use super::error::{ConvertError, Result};
use super::from_js::{from_js, from_js_with};
use super::limits::{Limits, MAX_BYTES, MAX_DEPTH};
use super::numbers::TWO_POW_63;
use super::strings::decode_wtf8_lossy;
use super::to_js::{to_js, to_js_with};
use rquickjs::{Context, Ctx, Function, Runtime, Value};
use serde::de::{self, DeserializeOwned, Visitor};
use serde::ser;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

fn with_ctx<R>(f: impl FnOnce(Ctx<'_>) -> R) -> R {
    let rt = Runtime::new().unwrap();
    let ctx = Context::full(&rt).unwrap();
    ctx.with(f)
}

fn eval<'js>(ctx: &Ctx<'js>, source: &str) -> Value<'js> {
    ctx.eval(source).unwrap_or_else(|e| {
        panic!(
            "eval of {source:?} failed: {}",
            ConvertError::from_rquickjs(ctx, e)
        )
    })
}

fn func<'js>(ctx: &Ctx<'js>, source: &str) -> Function<'js> {
    eval(ctx, source).into_function().expect("a function")
}

/// Converts to JS, checks the JSON form JS sees, and converts back.
fn round_trip<T>(ctx: &Ctx<'_>, value: &T, json: &str)
where
    T: Serialize + DeserializeOwned + PartialEq + fmt::Debug,
{
    let js = to_js(ctx, value).unwrap();
    let stringify: Function = func(ctx, "JSON.stringify");
    let seen: String = stringify.call((js.clone(),)).unwrap();
    assert_eq!(seen, json, "JS shape of {value:?}");
    let back: T = from_js(js).unwrap();
    assert_eq!(&back, value);
}

fn from_src<T: DeserializeOwned>(ctx: &Ctx<'_>, source: &str) -> Result<T> {
    from_js(eval(ctx, source))
}

/// A self-describing value, like serde_json::Value, to observe `deserialize_any`.
#[derive(Debug, PartialEq, Clone)]
enum Any {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(String),
    Bytes(Vec<u8>),
    Seq(Vec<Any>),
    Map(Vec<(String, Any)>),
}

impl<'de> Deserialize<'de> for Any {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AnyVisitor;
        impl<'de> Visitor<'de> for AnyVisitor {
            type Value = Any;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E>(self) -> Result<Any, E> {
                Ok(Any::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Any, E> {
                Ok(Any::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Any, E> {
                Ok(Any::I64(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Any, E> {
                Ok(Any::U64(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Any, E> {
                Ok(Any::F64(v))
            }
            fn visit_string<E>(self, v: String) -> Result<Any, E> {
                Ok(Any::Str(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Any, E> {
                Ok(Any::Str(v.to_owned()))
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Any, E> {
                Ok(Any::Bytes(v))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Any, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Any::Seq(items))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Any, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Any::Map(entries))
            }
        }
        d.deserialize_any(AnyVisitor)
    }
}

/// Bytes through `serialize_bytes` / `deserialize_byte_buf`, like serde_bytes.
#[derive(Debug, PartialEq)]
struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct BytesVisitor;
        impl<'de> Visitor<'de> for BytesVisitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
                let mut bytes = Vec::new();
                while let Some(b) = seq.next_element()? {
                    bytes.push(b);
                }
                Ok(Bytes(bytes))
            }
        }
        d.deserialize_byte_buf(BytesVisitor)
    }
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Unit;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Newtype(i32);

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct TupleStruct(i32, String, bool);

#[derive(Serialize, Deserialize, Debug, PartialEq)]
enum Enum {
    Unit,
    Newtype(u8),
    Tuple(i32, i32),
    Struct { a: String, b: Option<Box<Enum>> },
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Everything {
    b: bool,
    i8: i8,
    i16: i16,
    i32: i32,
    i64: i64,
    i128: i128,
    u8: u8,
    u16: u16,
    u32: u32,
    u64: u64,
    u128: u128,
    f32: f32,
    f64: f64,
    c: char,
    s: String,
    bytes: Bytes,
    none: Option<i32>,
    some: Option<i32>,
    unit: (),
    unit_struct: Unit,
    newtype: Newtype,
    seq: Vec<i32>,
    tuple: (i32, String),
    tuple_struct: TupleStruct,
    map: BTreeMap<String, i32>,
    enums: Vec<Enum>,
}

#[test]
fn round_trips_every_data_model_type() {
    with_ctx(|ctx| {
        let value = Everything {
            b: true,
            i8: -8,
            i16: -16,
            i32: i32::MIN,
            i64: -(1 << 53),
            i128: -(1 << 40),
            u8: u8::MAX,
            u16: u16::MAX,
            u32: u32::MAX,
            u64: 1 << 53,
            u128: 1 << 50,
            f32: 1.5,
            f64: -0.25,
            c: 'ß',
            s: "hello".into(),
            bytes: Bytes(vec![0, 1, 255]),
            none: None,
            some: Some(7),
            unit: (),
            unit_struct: Unit,
            newtype: Newtype(-3),
            seq: vec![1, 2, 3],
            tuple: (4, "four".into()),
            tuple_struct: TupleStruct(5, "five".into(), false),
            map: [("x".to_owned(), 1), ("y".to_owned(), 2)].into(),
            enums: vec![
                Enum::Unit,
                Enum::Newtype(9),
                Enum::Tuple(1, -1),
                Enum::Struct {
                    a: "nested".into(),
                    b: Some(Box::new(Enum::Struct {
                        a: "deeper".into(),
                        b: None,
                    })),
                },
            ],
        };
        round_trip(
            &ctx,
            &value,
            concat!(
                r#"{"b":true,"i8":-8,"i16":-16,"i32":-2147483648,"i64":-9007199254740992,"#,
                r#""i128":-1099511627776,"u8":255,"u16":65535,"u32":4294967295,"#,
                r#""u64":9007199254740992,"u128":1125899906842624,"f32":1.5,"f64":-0.25,"#,
                r#""c":"ß","s":"hello","bytes":{"0":0,"1":1,"2":255},"none":null,"some":7,"#,
                r#""unit":null,"unit_struct":null,"newtype":-3,"seq":[1,2,3],"#,
                r#""tuple":[4,"four"],"tuple_struct":[5,"five",false],"map":{"x":1,"y":2},"#,
                r#""enums":["Unit",{"Newtype":9},{"Tuple":[1,-1]},"#,
                r#"{"Struct":{"a":"nested","b":{"Struct":{"a":"deeper","b":null}}}}]}"#,
            ),
        );
    });
}

#[test]
fn primitives_round_trip_at_top_level() {
    with_ctx(|ctx| {
        round_trip(&ctx, &true, "true");
        round_trip(&ctx, &-5i64, "-5");
        round_trip(&ctx, &(u64::from(u32::MAX) + 1), "4294967296");
        round_trip(&ctx, &0.1f64, "0.1");
        round_trip(&ctx, &'x', r#""x""#);
        round_trip(&ctx, &String::new(), r#""""#);
        round_trip(&ctx, &(), "null");
        round_trip(&ctx, &Some(Some(1)), "1");
        round_trip(&ctx, &Vec::<i32>::new(), "[]");
        round_trip(&ctx, &(1u8,), "[1]");
        round_trip(&ctx, &Enum::Unit, r#""Unit""#);
    });
}

#[test]
fn special_floats_stay_numbers() {
    with_ctx(|ctx| {
        let check: Function = func(
            &ctx,
            "(a) => Number.isNaN(a[0]) && a[1] === Infinity && a[2] === -Infinity && Object.is(a[3], -0)",
        );
        let js = to_js(&ctx, &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0]).unwrap();
        assert!(check.call::<_, bool>((js.clone(),)).unwrap());
        let back: Vec<f64> = from_js(js).unwrap();
        assert!(back[0].is_nan());
        assert_eq!(back[1..3], [f64::INFINITY, f64::NEG_INFINITY]);
        assert!(back[3] == 0.0 && back[3].is_sign_negative());
        assert_eq!(from_src::<Any>(&ctx, "-0").unwrap(), Any::F64(-0.0));
    });
}

#[test]
fn wide_integers_become_rounded_numbers() {
    with_ctx(|ctx| {
        let js = to_js(&ctx, &((1u64 << 53) + 1)).unwrap();
        assert_eq!(js.as_number(), Some(9_007_199_254_740_992.0));
        let js = to_js(&ctx, &u64::MAX).unwrap();
        assert_eq!(js.as_number(), Some(18_446_744_073_709_551_616.0));
        // Which then no longer fits a u64.
        assert!(from_js::<u64>(js).is_err());
        let js = to_js(&ctx, &i64::MIN).unwrap();
        assert_eq!(from_js::<i64>(js).unwrap(), i64::MIN);
    });
}

#[test]
fn any_reports_integers_as_i64_and_the_rest_as_f64() {
    with_ctx(|ctx| {
        let any = from_src::<Any>(
            &ctx,
            "[1, 2.0, 1.5, 2**53, 2**63, -(2**63), NaN, 1n, 2n**64n - 1n]",
        )
        .unwrap();
        let Any::Seq(items) = any else {
            panic!("{any:?}")
        };
        assert_eq!(items[0], Any::I64(1));
        assert_eq!(items[1], Any::I64(2));
        assert_eq!(items[2], Any::F64(1.5));
        assert_eq!(items[3], Any::I64(1 << 53));
        assert_eq!(items[4], Any::F64(TWO_POW_63));
        assert_eq!(items[5], Any::I64(i64::MIN));
        assert!(matches!(items[6], Any::F64(n) if n.is_nan()));
        assert_eq!(items[7], Any::I64(1));
        assert_eq!(items[8], Any::U64(u64::MAX));
    });
}

#[test]
fn nested_structs_and_enums() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Inner {
        tags: Vec<String>,
        kind: Enum,
    }
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Outer {
        id: u32,
        inner: Inner,
        children: Vec<Outer>,
    }
    with_ctx(|ctx| {
        let value = Outer {
            id: 1,
            inner: Inner {
                tags: vec!["a".into()],
                kind: Enum::Tuple(2, 3),
            },
            children: vec![Outer {
                id: 2,
                inner: Inner {
                    tags: vec![],
                    kind: Enum::Newtype(4),
                },
                children: vec![],
            }],
        };
        round_trip(
            &ctx,
            &value,
            concat!(
                r#"{"id":1,"inner":{"tags":["a"],"kind":{"Tuple":[2,3]}},"children":"#,
                r#"[{"id":2,"inner":{"tags":[],"kind":{"Newtype":4}},"children":[]}]}"#,
            ),
        );
    });
}

#[test]
fn enums_from_js_shapes() {
    with_ctx(|ctx| {
        assert_eq!(from_src::<Enum>(&ctx, "'Unit'").unwrap(), Enum::Unit);
        assert_eq!(
            from_src::<Enum>(&ctx, "({ Unit: null })").unwrap(),
            Enum::Unit
        );
        assert_eq!(
            from_src::<Enum>(&ctx, "({ Newtype: 1 })").unwrap(),
            Enum::Newtype(1)
        );
        assert_eq!(
            from_src::<Enum>(&ctx, "({ Struct: { a: 'x' } })").unwrap(),
            Enum::Struct {
                a: "x".into(),
                b: None
            }
        );
        for bad in [
            "'Nope'",
            "({})",
            "({ Unit: null, Newtype: 1 })",
            "({ Newtype: 'x' })",
            "({ Unit: 5 })",
            "42",
            "[]",
        ] {
            let err = from_src::<Enum>(&ctx, bad).unwrap_err();
            assert!(!err.message().is_empty(), "{bad}");
        }
        let err = from_src::<Enum>(&ctx, "({ Unit: null, Newtype: 1 })").unwrap_err();
        assert!(err.message().contains("exactly one key"), "{err}");
    });
}

#[test]
fn hash_and_btree_maps() {
    with_ctx(|ctx| {
        let map: HashMap<String, Vec<i32>> =
            [("a".to_owned(), vec![1]), ("b".to_owned(), vec![])].into();
        let js = to_js(&ctx, &map).unwrap();
        assert_eq!(from_js::<HashMap<String, Vec<i32>>>(js).unwrap(), map);

        let numeric: BTreeMap<i64, bool> = [(-1, true), (2, false), (1 << 60, true)].into();
        round_trip(
            &ctx,
            &numeric,
            r#"{"2":false,"-1":true,"1152921504606846976":true}"#,
        );

        let floats: BTreeMap<u8, f64> = [(1, 0.5)].into();
        round_trip(&ctx, &floats, r#"{"1":0.5}"#);

        #[derive(Serialize, Deserialize, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        enum Key {
            Left,
            Right,
        }
        let by_enum: BTreeMap<Key, char> = [(Key::Left, 'l'), (Key::Right, 'r')].into();
        round_trip(&ctx, &by_enum, r#"{"Left":"l","Right":"r"}"#);

        // Float keys take JavaScript's number-to-string form.
        let js = to_js(&ctx, &FloatKeys(vec![(1.5, 1), (1e21, 2)])).unwrap();
        let keys: Function = func(&ctx, "(o) => Object.keys(o).join()");
        assert_eq!(keys.call::<_, String>((js,)).unwrap(), "1.5,1e+21");

        // Keys in JS order: integer-like first, then insertion order.
        let order = from_src::<Any>(&ctx, "({ b: 1, 10: 2, a: 3, 2: 4 })").unwrap();
        let Any::Map(entries) = order else { panic!() };
        let keys: Vec<_> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["2", "10", "b", "a"]);

        assert!(from_src::<HashMap<u8, i32>>(&ctx, "({ x: 1 })").is_err());
        assert!(from_src::<HashMap<u8, i32>>(&ctx, "({ 300: 1 })").is_err());
    });
}

/// A map whose keys serialize as floats (std maps cannot hold them).
struct FloatKeys(Vec<(f64, i32)>);

impl Serialize for FloatKeys {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[test]
fn non_string_map_keys_are_rejected() {
    with_ctx(|ctx| {
        let by_vec: BTreeMap<Vec<i32>, i32> = [(vec![1], 1)].into();
        let err = to_js(&ctx, &by_vec).unwrap_err();
        assert!(
            err.message()
                .contains("map keys must be strings or numbers"),
            "{err}"
        );
        let by_bool: BTreeMap<bool, i32> = [(true, 1)].into();
        assert!(to_js(&ctx, &by_bool).is_err());
        let by_unit: BTreeMap<(), i32> = [((), 1)].into();
        assert!(to_js(&ctx, &by_unit).is_err());
    });
}

#[test]
fn proto_key_is_an_own_property() {
    with_ctx(|ctx| {
        let map: BTreeMap<&str, i32> = [("__proto__", 1), ("x", 2)].into();
        let js = to_js(&ctx, &map).unwrap();
        let check: Function = func(
            &ctx,
            "(o) => Object.getPrototypeOf(o) === Object.prototype && Object.hasOwn(o, '__proto__')",
        );
        assert!(check.call::<_, bool>((js.clone(),)).unwrap());
        assert_eq!(from_js::<BTreeMap<String, i32>>(js).unwrap().len(), 2);
    });
}

#[test]
fn bytes_are_uint8_arrays() {
    with_ctx(|ctx| {
        let js = to_js(&ctx, &Bytes(vec![1, 2, 3])).unwrap();
        let check: Function = func(&ctx, "(b) => b instanceof Uint8Array && b.join()");
        assert_eq!(check.call::<_, String>((js.clone(),)).unwrap(), "1,2,3");
        assert_eq!(from_js::<Bytes>(js.clone()).unwrap(), Bytes(vec![1, 2, 3]));
        // A plain Vec<u8> (a serde sequence) reads from bytes too.
        assert_eq!(from_js::<Vec<u8>>(js.clone()).unwrap(), vec![1, 2, 3]);
        assert_eq!(from_js::<Any>(js).unwrap(), Any::Bytes(vec![1, 2, 3]));

        // Views see only their window of the buffer.
        let view = "new Uint8Array(new Uint8Array([9, 8, 7, 6]).buffer, 1, 2)";
        assert_eq!(from_src::<Bytes>(&ctx, view).unwrap(), Bytes(vec![8, 7]));
        assert_eq!(from_src::<Vec<u8>>(&ctx, view).unwrap(), vec![8, 7]);
        let buffer = "new Uint8Array([4, 5]).buffer";
        assert_eq!(from_src::<Bytes>(&ctx, buffer).unwrap(), Bytes(vec![4, 5]));
        assert_eq!(from_src::<Vec<u8>>(&ctx, buffer).unwrap(), vec![4, 5]);
        // Other typed arrays: raw bytes as bytes, elements as a sequence.
        assert_eq!(
            from_src::<Bytes>(&ctx, "new Uint16Array([0x0102])").unwrap(),
            Bytes(0x0102u16.to_ne_bytes().to_vec())
        );
        assert_eq!(
            from_src::<Vec<f64>>(&ctx, "new Float64Array([0.5, -1])").unwrap(),
            [0.5, -1.0]
        );
        assert_eq!(
            from_src::<Vec<i64>>(&ctx, "new BigInt64Array([-5n])").unwrap(),
            [-5]
        );
        // Bytes from a plain array of numbers.
        assert_eq!(
            from_src::<Bytes>(&ctx, "[1, 2]").unwrap(),
            Bytes(vec![1, 2])
        );
        assert!(from_src::<Bytes>(&ctx, "[1, 256]").is_err());
        assert_eq!(
            from_src::<Bytes>(&ctx, "new Uint8Array(0)").unwrap(),
            Bytes(vec![])
        );
        // Detached buffers are errors, not crashes.
        for detached in [
            "(() => { const b = new ArrayBuffer(4); const v = new Uint8Array(b); b.transfer(); return v })()",
            "(() => { const b = new ArrayBuffer(4); b.transfer(); return b })()",
        ] {
            let err = from_src::<Bytes>(&ctx, detached).unwrap_err();
            assert!(err.message().contains("detached"), "{err}");
            assert!(from_src::<Vec<u8>>(&ctx, detached).is_err());
        }
        // Views tracking a resizable buffer follow its current size.
        let grown = "(() => { const b = new ArrayBuffer(2, { maxByteLength: 8 }); const v = new Uint8Array(b); b.resize(5); v[4] = 9; return v })()";
        assert_eq!(
            from_src::<Bytes>(&ctx, grown).unwrap(),
            Bytes(vec![0, 0, 0, 0, 9])
        );
        let shrunk = "(() => { const b = new ArrayBuffer(8, { maxByteLength: 8 }); const v = new Uint16Array(b, 2); b.resize(5); return v })()";
        assert_eq!(from_src::<Bytes>(&ctx, shrunk).unwrap(), Bytes(vec![0, 0]));
        assert_eq!(from_src::<Vec<u16>>(&ctx, shrunk).unwrap(), [0]);
        let out_of_bounds = "(() => { const b = new ArrayBuffer(8, { maxByteLength: 8 }); const v = new Uint8Array(b, 4, 4); b.resize(6); return v })()";
        assert!(from_src::<Bytes>(&ctx, out_of_bounds).is_err());
        assert!(!ctx.has_exception());
    });
}

#[test]
fn integers_out_of_range_are_rejected() {
    with_ctx(|ctx| {
        let err = from_src::<u8>(&ctx, "256").unwrap_err();
        assert!(err.message().contains("expected u8"), "{err}");
        assert!(from_src::<i8>(&ctx, "-129").is_err());
        assert!(from_src::<u32>(&ctx, "-1").is_err());
        assert!(from_src::<i32>(&ctx, "2**31").is_err());
        assert!(from_src::<u64>(&ctx, "2**64").is_err());
        assert!(from_src::<i64>(&ctx, "2**63").is_err());
        assert!(from_src::<i32>(&ctx, "1.5").is_err());
        assert!(from_src::<i32>(&ctx, "NaN").is_err());
        assert!(from_src::<i32>(&ctx, "Infinity").is_err());
        assert!(from_src::<i32>(&ctx, "'5'").is_err());
        assert!(from_src::<i32>(&ctx, "true").is_err());
        assert!(from_src::<u128>(&ctx, "2**130").is_err());
        assert_eq!(from_src::<u64>(&ctx, "2**63").unwrap(), 1 << 63);
        assert_eq!(
            from_src::<i128>(&ctx, "-(2**100)").unwrap(),
            -(1i128 << 100)
        );
        assert_eq!(from_src::<i32>(&ctx, "-0").unwrap(), 0);
        assert_eq!(from_src::<f32>(&ctx, "3").unwrap(), 3.0);
        // BigInts convert when they fit.
        assert_eq!(from_src::<i64>(&ctx, "-(2n**63n)").unwrap(), i64::MIN);
        assert_eq!(from_src::<u64>(&ctx, "2n**64n - 1n").unwrap(), u64::MAX);
        assert_eq!(from_src::<i128>(&ctx, "2n**100n").unwrap(), 1i128 << 100);
        assert_eq!(from_src::<u128>(&ctx, "2n**128n - 1n").unwrap(), u128::MAX);
        assert!(from_src::<u64>(&ctx, "2n**64n").is_err());
        assert!(from_src::<u8>(&ctx, "-1n").is_err());
        let err = from_src::<u128>(&ctx, "2n**128n").unwrap_err();
        assert!(err.message().contains("out of the range"), "{err}");
    });
}

#[test]
fn getters_are_invoked() {
    #[derive(Deserialize, Debug, PartialEq)]
    struct Point {
        x: i32,
        y: i32,
    }
    with_ctx(|ctx| {
        let value = eval(
            &ctx,
            "globalThis.calls = 0; ({ get x() { calls++; return 40 + 2 }, y: 1 })",
        );
        assert_eq!(from_js::<Point>(value).unwrap(), Point { x: 42, y: 1 });
        assert_eq!(eval(&ctx, "calls").as_int(), Some(1));
        // Inherited and non-enumerable properties are not read.
        let value = eval(
            &ctx,
            "Object.defineProperty(Object.create({ x: 1 }), 'y', { value: 2, enumerable: false })",
        );
        assert_eq!(from_js::<Any>(value).unwrap(), Any::Map(vec![]));
        // Class instances read like plain objects.
        let value = eval(
            &ctx,
            "new (class { constructor() { this.x = 3; this.y = 4 } m() {} })()",
        );
        assert_eq!(from_js::<Point>(value).unwrap(), Point { x: 3, y: 4 });
    });
}

#[test]
fn throwing_getter_is_an_error() {
    with_ctx(|ctx| {
        let value = eval(&ctx, "({ a: 1, get b() { throw new RangeError('boom') } })");
        let err = from_js::<HashMap<String, i32>>(value).unwrap_err();
        assert!(err.message().contains("RangeError: boom"), "{err}");
        assert!(!ctx.has_exception());
        // The context still works afterwards.
        assert_eq!(eval(&ctx, "1 + 1").as_int(), Some(2));

        let value = eval(&ctx, "({ get a() { throw 'plain string' } })");
        let err = from_js::<Any>(value).unwrap_err();
        assert!(err.message().contains("plain string"), "{err}");

        let value = eval(&ctx, "({ get a() { throw { message: 'custom' } } })");
        assert!(from_js::<Any>(value)
            .unwrap_err()
            .message()
            .contains("custom"));

        // An Error whose own `message` getter throws as well.
        let value = eval(
            &ctx,
            "({ get a() { const e = new Error('x'); Object.defineProperty(e, 'message', { get() { throw 1 } }); throw e } })",
        );
        assert!(from_js::<Any>(value).is_err());
        assert!(!ctx.has_exception());

        let value = eval(&ctx, "[1, { get x() { throw new Error('deep') } }]");
        let err = from_js::<Any>(value).unwrap_err();
        assert!(err.message().contains("Error: deep"), "{err}");
    });
}

#[test]
fn cycles_fail_instead_of_hanging() {
    with_ctx(|ctx| {
        let start = Instant::now();
        let err = from_src::<Any>(&ctx, "const o = { a: 1 }; o.self = o; o").unwrap_err();
        assert!(err.message().contains("cyclic"), "{err}");
        let err = from_src::<Any>(&ctx, "const a = [1]; a.push([a]); a").unwrap_err();
        assert!(err.message().contains("cyclic"), "{err}");
        let err =
            from_src::<HashMap<String, Any>>(&ctx, "const m = {}; m.m = { m }; m").unwrap_err();
        assert!(err.message().contains("cyclic"), "{err}");

        // A getter producing a fresh level each time defeats identity checks:
        // the depth limit stops it, unless QuickJS's own stack limit for the
        // getter call trips first (it can in unoptimized builds).
        let stopped = |err: &ConvertError| {
            err.message().contains("deeper than 256")
                || err.message().contains("call stack size exceeded")
        };
        let err = from_src::<Any>(
            &ctx,
            "const mk = () => ({ get next() { return mk() } }); mk()",
        )
        .unwrap_err();
        assert!(stopped(&err), "{err}");
        // Same with a proxy that invents nested objects.
        let err = from_src::<Any>(
            &ctx,
            "var handler = { ownKeys: () => ['x'], getOwnPropertyDescriptor: () => ({ value: 0, enumerable: true, configurable: true }), get: () => new Proxy({}, handler) }; new Proxy({}, handler)",
        )
        .unwrap_err();
        assert!(stopped(&err), "{err}");
        assert!(start.elapsed() < Duration::from_secs(10));

        // Shared (non-cyclic) references are fine.
        let shared = from_src::<Any>(&ctx, "const s = [1]; [s, s]").unwrap();
        assert_eq!(shared, Any::Seq(vec![Any::Seq(vec![Any::I64(1)]); 2]));

        // A cycle in a field the target type ignores is never visited.
        #[derive(Deserialize, Debug)]
        struct Named {
            name: String,
        }
        let named: Named = from_src(&ctx, "const n = { name: 'n' }; n.me = n; n").unwrap();
        assert_eq!(named.name, "n");
    });
}

#[test]
fn depth_limit_is_256_levels_both_ways() {
    #[derive(Serialize, Deserialize, Debug)]
    #[allow(dead_code)]
    struct List {
        value: i32,
        next: Option<Box<List>>,
    }
    // The full depth must fit the 2 MiB stack of a default spawned
    // thread, even unoptimized.
    let worker = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
        with_ctx(|ctx| {
            let deep = "value nested deeper than 256 levels";
            let arrays = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            assert!(from_src::<Any>(&ctx, &arrays(MAX_DEPTH)).is_ok());
            let err = from_src::<Any>(&ctx, &arrays(MAX_DEPTH + 1)).unwrap_err();
            assert_eq!(err.message(), deep);

            let list = |depth: usize| {
                format!("(() => {{ let l = null; for (let i = 0; i < {depth}; i++) l = {{ value: i, next: l }}; return l }})()")
            };
            let read = from_src::<List>(&ctx, &list(MAX_DEPTH)).unwrap();
            let err = from_src::<List>(&ctx, &list(MAX_DEPTH + 1)).unwrap_err();
            assert_eq!(err.message(), deep);
            let err = from_src::<List>(&ctx, &list(100_000)).unwrap_err();
            assert_eq!(err.message(), deep);

            // And back: the list that was read is written again; one more level is not.
            let js = to_js(&ctx, &read).unwrap();
            let depth: usize = func(&ctx, "(l) => { let n = 0; for (; l; l = l.next) n++; return n }")
                .call((js,))
                .unwrap();
            assert_eq!(depth, MAX_DEPTH);
            let longer = List { value: -1, next: Some(Box::new(read)) };
            let err = to_js(&ctx, &longer).unwrap_err();
            assert_eq!(err.message(), deep);
        })
    });
    worker.unwrap().join().unwrap();
}

/// A recursive type that is all wrappers never reaches a container: it
/// would read the number forever.
#[test]
fn endless_wrapping_is_bounded() {
    #[derive(Serialize, Deserialize, Debug)]
    struct Endless(Option<Box<Endless>>);
    let worker = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
        with_ctx(|ctx| {
            let err = from_src::<Endless>(&ctx, "1").unwrap_err();
            assert_eq!(
                err.message(),
                "value wrapped in more than 256 nested Options or newtypes"
            );
            assert!(from_src::<Endless>(&ctx, "null").is_ok());

            let wrap = |n: usize| (0..n).fold(Endless(None), |e, _| Endless(Some(Box::new(e))));
            // `wrap(n)` is 2n + 1 wrappers: n `Some`s and n + 1 newtypes.
            assert!(to_js(&ctx, &wrap(MAX_DEPTH / 2 - 1)).unwrap().is_null());
            let err = to_js(&ctx, &wrap(MAX_DEPTH / 2)).unwrap_err();
            assert_eq!(
                err.message(),
                "value wrapped in more than 256 nested Options or newtypes"
            );
            // Built deeper than any stack could serialize, and dropped in a loop.
            let mut endless = wrap(100_000);
            let err = to_js(&ctx, &endless).unwrap_err();
            assert_eq!(
                err.message(),
                "value wrapped in more than 256 nested Options or newtypes"
            );
            while let Some(inner) = endless.0.take() {
                endless = *inner;
            }
        })
    });
    worker.unwrap().join().unwrap();
}

#[test]
fn size_limits_both_ways() {
    with_ctx(|ctx| {
        let limits = Limits {
            max_values: 10,
            max_bytes: 8,
            ..Limits::default()
        };
        // The top value counts, so an array of 9 elements is 10 values.
        let nine: Vec<i32> = from_js_with(eval(&ctx, "Array(9).fill(0)"), &limits).unwrap();
        assert_eq!(nine.len(), 9);
        assert!(to_js_with(&ctx, &nine, &limits).is_ok());
        let err = from_js_with::<Vec<i32>>(eval(&ctx, "Array(10).fill(0)"), &limits).unwrap_err();
        assert_eq!(
            err.message(),
            "value too large: more than 10 values (an array of length 10)"
        );
        let err = to_js_with(&ctx, &[0; 10], &limits).unwrap_err();
        assert_eq!(err.message(), "value too large: more than 10 values");
        // Nested values count too: the last array does not fit what is left.
        let err =
            from_js_with::<Any>(eval(&ctx, "[[1, 2, 3], [4, 5, 6], [7, 8]]"), &limits).unwrap_err();
        assert_eq!(
            err.message(),
            "value too large: more than 10 values (an array of length 2)"
        );

        // Bytes: string values, keys and binary data together.
        let bytes = "value too large: more than 8 bytes of strings and binary data";
        let map: BTreeMap<String, String> =
            from_js_with(eval(&ctx, "({ ab: 'cdef', g: 'h' })"), &limits).unwrap();
        assert!(to_js_with(&ctx, &map, &limits).is_ok());
        let err =
            from_js_with::<Any>(eval(&ctx, "({ ab: 'cdef', gh: 'i' })"), &limits).unwrap_err();
        assert_eq!(err.message(), bytes);
        let err = to_js_with(
            &ctx,
            &[("ab", "cdef"), ("gh", "i")]
                .into_iter()
                .collect::<BTreeMap<_, _>>(),
            &limits,
        )
        .unwrap_err();
        assert_eq!(err.message(), bytes);
        let err = from_js_with::<Bytes>(eval(&ctx, "new Uint8Array(9)"), &limits).unwrap_err();
        assert_eq!(err.message(), bytes);
        let err = to_js_with(&ctx, &Bytes(vec![0; 9]), &limits).unwrap_err();
        assert_eq!(err.message(), bytes);
        assert!(!ctx.has_exception());
    });
}

/// Shared references are copied each time they are reached: the value
/// limit is what stops a doubling structure.
#[test]
fn shared_references_cannot_amplify() {
    with_ctx(|ctx| {
        let start = Instant::now();
        let limits = Limits {
            max_values: 100_000,
            ..Limits::default()
        };
        let err = from_js_with::<Any>(
            eval(
                &ctx,
                "let a = [0]; for (let i = 0; i < 60; i++) a = [a, a]; a",
            ),
            &limits,
        )
        .unwrap_err();
        assert_eq!(err.message(), "value too large: more than 100000 values");
        let err = from_js_with::<Vec<String>>(
            eval(&ctx, "Array(1000).fill('x'.repeat(1 << 20))"),
            &limits,
        )
        .unwrap_err();
        assert_eq!(
            err.message(),
            format!("value too large: more than {MAX_BYTES} bytes of strings and binary data")
        );
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{:?}",
            start.elapsed()
        );
    });
}

#[test]
fn proxies_are_read_through_their_traps() {
    #[derive(Deserialize, Debug, PartialEq)]
    struct Pair {
        a: i32,
        b: i32,
    }
    with_ctx(|ctx| {
        let pair: Pair = from_src(
            &ctx,
            "new Proxy({ a: 1, b: 2 }, { get: (t, k) => typeof t[k] === 'number' ? t[k] * 10 : t[k] })",
        )
        .unwrap();
        assert_eq!(pair, Pair { a: 10, b: 20 });

        let virtual_keys: BTreeMap<String, String> = from_src(
            &ctx,
            "new Proxy({}, { ownKeys: () => ['x', 'y'], getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }), get: (t, k) => k + '!' })",
        )
        .unwrap();
        assert_eq!(
            virtual_keys,
            [("x".into(), "x!".into()), ("y".into(), "y!".into())].into()
        );

        // Proxies of arrays (even nested) are sequences.
        let doubled: Vec<i32> =
            from_src(&ctx, "new Proxy(new Proxy([1, 2, 3], {}), { get: (t, k) => k === 'length' ? t.length : t[k] * 2 })")
                .unwrap();
        assert_eq!(doubled, [2, 4, 6]);

        let err = from_src::<Pair>(
            &ctx,
            "new Proxy({}, { ownKeys() { throw new Error('trap') } })",
        )
        .unwrap_err();
        assert!(err.message().contains("trap"), "{err}");

        let revoked = from_src::<Any>(
            &ctx,
            "const r = Proxy.revocable({}, {}); r.revoke(); r.proxy",
        );
        assert!(revoked.is_err());
        let revoked = from_src::<Vec<i32>>(
            &ctx,
            "const q = Proxy.revocable([], {}); q.revoke(); q.proxy",
        );
        assert!(revoked.is_err());
        assert!(!ctx.has_exception());
    });
}

#[test]
fn large_array_is_fast() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Item {
        id: u32,
        name: String,
    }
    with_ctx(|ctx| {
        let items: Vec<Item> = (0..10_000)
            .map(|id| Item {
                id,
                name: format!("item {id}"),
            })
            .collect();
        let start = Instant::now();
        let js = to_js(&ctx, &items).unwrap();
        let back: Vec<Item> = from_js(js).unwrap();
        assert_eq!(back, items);

        let numbers: Vec<f64> =
            from_src(&ctx, "Array.from({ length: 10000 }, (_, i) => i / 2)").unwrap();
        assert_eq!(numbers.len(), 10_000);
        assert_eq!(numbers[9_999], 4_999.5);
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    });
}

#[test]
fn huge_sparse_array_is_rejected() {
    with_ctx(|ctx| {
        let start = Instant::now();
        let err = from_src::<Vec<Option<i32>>>(&ctx, "const a = [1]; a.length = 2**32 - 1; a")
            .unwrap_err();
        assert!(
            err.message().contains("an array of length 4294967295"),
            "{err}"
        );
        assert!(start.elapsed() < Duration::from_secs(1));
        // Holes read as undefined.
        assert_eq!(
            from_src::<Vec<Option<i32>>>(&ctx, "[1, , 3]").unwrap(),
            [Some(1), None, Some(3)]
        );
    });
}

#[test]
fn unicode_strings() {
    with_ctx(|ctx| {
        for s in [
            "",
            "ascii",
            "héllo wörld",
            "中文字符",
            "emoji 😀🎉",
            "nul\0byte",
            "\u{FFFF}\u{10FFFF}",
        ] {
            let js = to_js(&ctx, s).unwrap();
            assert_eq!(from_js::<String>(js).unwrap(), s);
        }
        let length: Function = func(&ctx, "(s) => s.length");
        let js = to_js(&ctx, "😀").unwrap();
        assert_eq!(length.call::<_, i32>((js,)).unwrap(), 2);

        // Lone surrogates cannot exist in a Rust String: each becomes U+FFFD.
        assert_eq!(
            from_src::<String>(&ctx, r#""a\uD800b""#).unwrap(),
            "a\u{FFFD}b"
        );
        assert_eq!(
            from_src::<String>(&ctx, r#""\uDC00\uD800""#).unwrap(),
            "\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            from_src::<String>(&ctx, r#""x\uD83D""#).unwrap(),
            "x\u{FFFD}"
        );
        assert_eq!(from_src::<String>(&ctx, r#""\uD83D\uDE00""#).unwrap(), "😀");
        assert_eq!(
            from_src::<String>(&ctx, r#""é\uDFFFé""#).unwrap(),
            "é\u{FFFD}é"
        );
        // Also in keys and in exception messages.
        let map: BTreeMap<String, i32> = from_src(&ctx, r#"({ "k\uD800": 1 })"#).unwrap();
        assert_eq!(map.keys().next().unwrap(), "k\u{FFFD}");
        let err =
            from_src::<Any>(&ctx, r#"({ get a() { throw new Error("\uDBFF!") } })"#).unwrap_err();
        assert!(err.message().contains("\u{FFFD}!"), "{err}");
    });
}

#[test]
fn wtf8_decoding() {
    assert_eq!(decode_wtf8_lossy(b"plain"), "plain");
    assert_eq!(decode_wtf8_lossy(b"\xED\xA0\x80"), "\u{FFFD}");
    assert_eq!(
        decode_wtf8_lossy(b"a\xED\xBF\xBFb\xED\xA0"),
        "a\u{FFFD}b\u{FFFD}\u{FFFD}"
    );
    assert_eq!(decode_wtf8_lossy(b"\xFF"), "\u{FFFD}");
}

#[test]
fn functions_and_symbols_are_errors() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Holder {
        value: Option<Any>,
    }
    with_ctx(|ctx| {
        let err = from_src::<Holder>(&ctx, "({ value: () => 1 })").unwrap_err();
        assert!(err.message().contains("function"), "{err}");
        let err = from_src::<Any>(&ctx, "class A {}; A").unwrap_err();
        assert!(err.message().contains("function"), "{err}");
        let err = from_src::<Holder>(&ctx, "({ value: Symbol('s') })").unwrap_err();
        assert!(err.message().contains("symbol"), "{err}");
        let err = from_src::<String>(&ctx, "new Proxy(function () {}, {})").unwrap_err();
        assert!(err.message().contains("function"), "{err}");
        // Symbol-keyed properties are skipped; ignored fields are never inspected.
        let holder: Holder =
            from_src(&ctx, "({ [Symbol('k')]: 1, value: null, extra: () => 1 })").unwrap();
        assert!(holder.value.is_none());
    });
}

#[test]
fn dates_read_as_iso_strings() {
    with_ctx(|ctx| {
        let iso: String = from_src(&ctx, "new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6))").unwrap();
        assert_eq!(iso, "2024-01-02T03:04:05.006Z");
        let any = from_src::<Any>(&ctx, "[new Date(0)]").unwrap();
        assert_eq!(
            any,
            Any::Seq(vec![Any::Str("1970-01-01T00:00:00.000Z".into())])
        );
        assert!(from_src::<String>(&ctx, "new Date(NaN)").is_err());
        assert!(!ctx.has_exception());
    });
}

#[test]
fn options_and_missing_fields() {
    #[derive(Deserialize, Debug, PartialEq)]
    struct Opt {
        a: Option<i32>,
        b: Option<i32>,
        c: Option<i32>,
        #[serde(default)]
        d: Vec<i32>,
    }
    with_ctx(|ctx| {
        let opt: Opt = from_src(&ctx, "({ a: undefined, b: null, extra: 5 })").unwrap();
        assert_eq!(
            opt,
            Opt {
                a: None,
                b: None,
                c: None,
                d: vec![]
            }
        );
        assert_eq!(from_src::<()>(&ctx, "undefined").unwrap(), ());
        assert_eq!(from_src::<Any>(&ctx, "undefined").unwrap(), Any::Null);
        // `()` discards whatever it is given; unit structs do not.
        assert_eq!(
            from_src::<()>(&ctx, "({ get x() { throw 1 } })").unwrap(),
            ()
        );
        assert!(from_src::<Unit>(&ctx, "0").is_err());
        assert_eq!(from_src::<Unit>(&ctx, "null").unwrap(), Unit);

        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Strict {
            a: i32,
        }
        assert!(from_src::<Strict>(&ctx, "({ a: 1, b: 2 })").is_err());
        let err = from_src::<Strict>(&ctx, "({})").unwrap_err();
        assert!(err.message().contains("missing field `a`"), "{err}");
    });
}

#[test]
fn tuples_check_their_length() {
    with_ctx(|ctx| {
        assert_eq!(
            from_src::<(i32, String)>(&ctx, "[1, 'a']").unwrap(),
            (1, "a".into())
        );
        assert!(from_src::<(i32, i32)>(&ctx, "[1]").is_err());
        let err = from_src::<(i32, i32)>(&ctx, "[1, 2, 3]").unwrap_err();
        assert!(err.message().contains("invalid length 3"), "{err}");
        assert_eq!(
            from_src::<[u8; 2]>(&ctx, "new Uint8Array([5, 6])").unwrap(),
            [5, 6]
        );
        // A struct may also come from an array of its fields, as in serde_json.
        #[derive(Deserialize, Debug, PartialEq)]
        struct P {
            x: i32,
            y: i32,
        }
        assert_eq!(from_src::<P>(&ctx, "[1, 2]").unwrap(), P { x: 1, y: 2 });
    });
}

#[test]
fn odd_values_never_panic() {
    with_ctx(|ctx| {
        let sources = [
            "globalThis",
            "Promise.resolve(1)",
            "new Error('e')",
            "new Map([[1, 2]])",
            "new Set([1])",
            "new WeakMap()",
            "/re/g",
            "new DataView(new ArrayBuffer(2))",
            "new Proxy([], { get() { throw new Error('len') } })",
            "new Proxy([], { get: (t, k) => k === 'length' ? -1 : 0 })",
            "new Proxy([], { get: (t, k) => k === 'length' ? 'x' : 0 })",
            "new Proxy([], { get: (t, k) => k === 'length' ? 1.5 : 0 })",
            "Object.create(null)",
            "(function () { return arguments })(1, 2)",
            "new Number(5)",
            "new String('boxed')",
            "[undefined, null, true, 1n, 'x', [], {}]",
            "(() => { const b = new ArrayBuffer(8, { maxByteLength: 16 }); const v = new Uint8Array(b, 4); b.resize(2); return v })()",
        ];
        for source in sources {
            let value = eval(&ctx, source);
            let _ = from_js::<Any>(value.clone());
            let _ = from_js::<Vec<Any>>(value.clone());
            let _ = from_js::<BTreeMap<String, Any>>(value.clone());
            let _ = from_js::<Enum>(value.clone());
            let _ = from_js::<Bytes>(value.clone());
            let _ = from_js::<Option<String>>(value.clone());
            let _ = from_js::<(i32, i32)>(value);
            assert!(!ctx.has_exception(), "pending exception after {source}");
        }
        let map = from_src::<Any>(
            &ctx,
            "Object.create(null, { k: { value: 1, enumerable: true } })",
        )
        .unwrap();
        assert_eq!(map, Any::Map(vec![("k".into(), Any::I64(1))]));
    });
}

#[test]
fn error_type_behaviour() {
    let err = <ConvertError as de::Error>::custom("from de");
    assert_eq!(err.message(), "from de");
    let err = <ConvertError as ser::Error>::custom("from ser");
    assert_eq!(err.to_string(), "from ser");
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(err);
    assert_eq!(boxed.to_string(), "from ser");

    // Errors raised by the serialized type itself come through.
    struct Failing;
    impl Serialize for Failing {
        fn serialize<S: ser::Serializer>(&self, _s: S) -> Result<S::Ok, S::Error> {
            Err(ser::Error::custom("refused"))
        }
    }
    with_ctx(|ctx| {
        let err = to_js(&ctx, &vec![Failing]).unwrap_err();
        assert_eq!(err.message(), "refused");
    });
}

#[test]
fn js_errors_are_caught_into_convert_errors() {
    with_ctx(|ctx| {
        let err = ctx.eval::<Value, _>("null.x").unwrap_err();
        let err = ConvertError::from_rquickjs(&ctx, err);
        assert!(
            err.message().starts_with("JavaScript exception: TypeError"),
            "{err}"
        );
        assert!(!ctx.has_exception());
    });
}
