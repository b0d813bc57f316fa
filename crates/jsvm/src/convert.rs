//! Conversion between Rust values and JavaScript values through serde,
//! building and reading QuickJS values directly (no JSON text in between).
//!
//! [`to_js`] is a [`serde::Serializer`] that produces a [`Value`](rquickjs::Value);
//! [`from_js`] runs a [`serde::Deserializer`] over a [`Value`](rquickjs::Value). The mapping
//! follows serde_json's, so a type gets the same shape it would have in
//! `JSON.parse(serde_json::to_string(&value))`, with these differences:
//!
//! | Rust (serde data model)                 | JavaScript                                   |
//! |-----------------------------------------|----------------------------------------------|
//! | `bool`                                  | boolean                                      |
//! | integers, floats                        | number; `i64`/`u64`/`i128`/`u128` beyond ±2^53 are rounded to the nearest `f64`; NaN, ±Infinity and -0 are kept |
//! | `char`, `str`                           | string                                       |
//! | bytes (`serialize_bytes`)               | `Uint8Array`                                 |
//! | `None`, `()`, unit struct               | `null`                                       |
//! | `Some(x)`, newtype struct               | `x`                                          |
//! | seq, tuple, tuple struct                | `Array`                                      |
//! | map, struct                             | plain object (map keys must be strings or numbers) |
//! | unit variant                            | `"Variant"`                                  |
//! | newtype / tuple / struct variant        | `{ "Variant": value }`                       |
//!
//! Reading accepts more than writing produces:
//!
//! * `undefined` and `null` both read as `None`, `()` and unit structs;
//!   `()` also accepts (and ignores) any other value, as rquickjs's
//!   `FromJs for ()` does, so `from_js::<()>` discards a result.
//! * numbers read as any integer type when integral and in range, BigInts
//!   likewise; [`serde::Deserializer::deserialize_any`] reports an integral
//!   number within `i64` range as `i64` and anything else as `f64`.
//! * typed arrays and `ArrayBuffer`s read as bytes (`deserialize_any` reports
//!   them as a byte buffer); typed arrays also read as sequences of their
//!   elements, so `Vec<u8>` can come from a `Uint8Array`.
//! * arrays, and proxies whose target is an array, read as sequences.
//! * other objects (including proxies, class instances, `Map`, `Error`…)
//!   read as maps of their own enumerable string-keyed properties, in
//!   JavaScript's key order; getters and proxy traps run, and an exception
//!   they throw becomes a [`ConvertError`].
//! * a `Date` reads as its `toISOString()` string (what `JSON.stringify`
//!   produces); an invalid date is an error.
//! * strings containing lone UTF-16 surrogates read with each lone surrogate
//!   replaced by U+FFFD, since Rust strings must be valid UTF-8.
//! * functions and symbols are errors, except where serde ignores the value
//!   (an unknown struct field): there nothing is read.
//! * an object that contains itself is an error, so cyclic values cannot
//!   hang or overflow the stack.
//!
//! Both directions work within [`Limits`]: nesting deeper than [`MAX_DEPTH`],
//! more than [`MAX_VALUES`] values or more than [`MAX_BYTES`] bytes of string
//! and binary data is a [`ConvertError`] naming the limit, never a stack
//! overflow or an unbounded copy.

mod error;
mod from_js;
mod limits;
mod numbers;
mod special_values;
mod strings;
#[cfg(test)]
mod tests;
mod to_js;

pub use error::ConvertError;
pub use from_js::{from_js, from_js_with};
pub use limits::{Limits, MAX_BYTES, MAX_DEPTH, MAX_VALUES};
pub use to_js::{to_js, to_js_with};
