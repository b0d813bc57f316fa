//! Conversion between Rust values and JavaScript values through serde,
//! building and reading QuickJS values directly (no JSON text in between).
//!
//! [`to_js`] is a [`serde::Serializer`] that produces a [`Value`];
//! [`from_js`] runs a [`serde::Deserializer`] over a [`Value`]. The mapping
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

use std::cell::Cell;
use std::fmt;

use rquickjs::{
    function::This, object::Property, qjs, Array, Atom, Coerced, Ctx, Filter, Function, IntoAtom,
    Object, TypedArray, Value,
};
use serde::de::{
    self, value::SeqDeserializer, DeserializeOwned, DeserializeSeed, IntoDeserializer, Unexpected,
    Visitor,
};
use serde::ser::{self, Impossible, Serialize};

/// The deepest nesting of arrays and objects a conversion accepts, either way.
///
/// Deeper input fails with a [`ConvertError`] instead of overflowing the Rust
/// stack. That includes structures without end, where a getter or proxy keeps
/// producing fresh objects; an object that contains itself is caught at once.
/// `Option`s and newtypes nest the Rust stack too without nesting in
/// JavaScript (a recursive type can even wrap a JavaScript number forever), so
/// they are counted separately against the same bound.
///
/// Measured per level in an unoptimized build, the costliest shape (objects
/// read into `serde_json::Value`) takes about 2.8 KiB of stack, so 256 levels
/// stay under 0.75 MiB: a default 2 MiB thread keeps room for the JavaScript
/// stack above the conversion (1 MiB unless the runtime sets otherwise) when a
/// host function converts its arguments. Optimized builds take a fraction of
/// that. It is twice serde_json's own parsing limit. Getters and proxy traps
/// that run deep down are also subject to QuickJS's stack limit, whose
/// `RangeError` becomes a [`ConvertError`].
pub const MAX_DEPTH: usize = 256;

/// The most values one conversion produces: the top value and every array
/// element and property value, at any depth.
///
/// Bounds the time and memory of converting a wide value, and above all of a
/// JavaScript value that shares objects: `a = [a, a]` repeated 60 times is
/// tiny in JavaScript but has 2^60 values once copied into Rust. A sparse
/// array claiming more elements than remain is rejected before it is read.
/// Reading such a doubling array up to the bound takes about 1.5 s unoptimized
/// (4 Mi values took 6 s, and over 10 s under the fuzzer's sanitizer).
pub const MAX_VALUES: usize = 1 << 20;

/// The most bytes of strings (values and keys) and binary data one conversion
/// copies, for the same reason: one JavaScript string referenced a million
/// times is a million copies in Rust.
pub const MAX_BYTES: usize = 1 << 28;

/// The bounds a conversion works within; [`to_js`] and [`from_js`] use the
/// defaults ([`MAX_DEPTH`], [`MAX_VALUES`], [`MAX_BYTES`]), [`to_js_with`] and
/// [`from_js_with`] take others. Exceeding one is a [`ConvertError`] naming it.
///
/// ```
/// use jsvm::convert::{to_js_with, Limits};
///
/// let rt = rquickjs::Runtime::new().unwrap();
/// let ctx = rquickjs::Context::full(&rt).unwrap();
/// ctx.with(|ctx| {
///     let limits = Limits { max_values: 3, ..Limits::default() };
///     assert!(to_js_with(&ctx, &[1, 2], &limits).is_ok());
///     let err = to_js_with(&ctx, &[1, 2, 3], &limits).unwrap_err();
///     assert_eq!(err.message(), "value too large: more than 3 values");
/// });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of arrays and objects, and separately of `Option`s and newtypes.
    pub max_depth: usize,
    /// Most values converted, counting the top value and every element and property value.
    pub max_values: usize,
    /// Most bytes of string, key and binary data copied.
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: MAX_DEPTH,
            max_values: MAX_VALUES,
            max_bytes: MAX_BYTES,
        }
    }
}

/// What one conversion has used of its [`Limits`] so far.
struct Budget {
    limits: Limits,
    values: Cell<usize>,
    bytes: Cell<usize>,
}

impl Budget {
    fn new(limits: &Limits) -> Self {
        Self {
            limits: *limits,
            values: Cell::new(0),
            bytes: Cell::new(0),
        }
    }

    fn value(&self) -> Result<()> {
        self.room_for(1)?;
        self.values.set(self.values.get() + 1);
        Ok(())
    }

    /// Fails unless `count` more values fit, without taking them.
    fn room_for(&self, count: usize) -> Result<()> {
        if count > self.limits.max_values - self.values.get() {
            return Err(ConvertError::new(format!(
                "value too large: more than {} values",
                self.limits.max_values
            )));
        }
        Ok(())
    }

    fn bytes(&self, count: usize) -> Result<()> {
        let used = self.bytes.get().saturating_add(count);
        if used > self.limits.max_bytes {
            return Err(ConvertError::new(format!(
                "value too large: more than {} bytes of strings and binary data",
                self.limits.max_bytes
            )));
        }
        self.bytes.set(used);
        Ok(())
    }

    /// The container depth one level below `depth`, if allowed.
    fn deeper(&self, depth: usize) -> Result<usize> {
        if depth >= self.limits.max_depth {
            return Err(ConvertError::new(format!(
                "value nested deeper than {} levels",
                self.limits.max_depth
            )));
        }
        Ok(depth + 1)
    }

    /// The `Option`/newtype count one wrapper below `wrappers`, if allowed.
    fn wrapped(&self, wrappers: usize) -> Result<usize> {
        if wrappers >= self.limits.max_depth {
            return Err(ConvertError::new(format!(
                "value wrapped in more than {} nested Options or newtypes",
                self.limits.max_depth
            )));
        }
        Ok(wrappers + 1)
    }
}

/// Why a conversion between Rust and JavaScript failed.
///
/// Covers type mismatches, out-of-range numbers, unsupported values
/// (functions, symbols, non-string map keys), excessive nesting, and
/// exceptions thrown by JavaScript code that ran during the conversion
/// (getters, proxy traps, `toISOString`); for the latter the exception is
/// taken off the context and its message is included here.
///
/// ```
/// use jsvm::convert::from_js;
///
/// let rt = rquickjs::Runtime::new().unwrap();
/// let ctx = rquickjs::Context::full(&rt).unwrap();
/// ctx.with(|ctx| {
///     let value = ctx.eval::<rquickjs::Value, _>("300").unwrap();
///     let err = from_js::<u8>(value).unwrap_err();
///     assert!(err.message().contains("expected u8"), "{err}");
///
///     let value = ctx
///         .eval::<rquickjs::Value, _>("({ get x() { throw new TypeError('nope') } })")
///         .unwrap();
///     let err = from_js::<std::collections::HashMap<String, i32>>(value).unwrap_err();
///     assert!(err.message().contains("TypeError: nope"), "{err}");
///     assert!(!ctx.has_exception());
/// });
/// ```
#[derive(Debug)]
pub struct ConvertError {
    message: String,
}

impl ConvertError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The human-readable description of the failure.
    ///
    /// ```
    /// use serde::de::Error as _;
    /// let err = jsvm::convert::ConvertError::custom("bad input");
    /// assert_eq!(err.message(), "bad input");
    /// assert_eq!(err.to_string(), "bad input");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Converts an rquickjs error, taking the pending JavaScript exception
    /// (if any) off the context so it neither leaks into later evaluation nor
    /// gets lost.
    fn from_rquickjs(ctx: &Ctx<'_>, err: rquickjs::Error) -> Self {
        let pending = ctx.has_exception().then(|| ctx.catch());
        match (err, pending) {
            (rquickjs::Error::Exception, Some(exc)) => Self::new(format!(
                "JavaScript exception: {}",
                describe_exception(ctx, exc)
            )),
            (rquickjs::Error::Exception, None) => Self::new("JavaScript exception"),
            (err, Some(exc)) => Self::new(format!(
                "{err} (JavaScript exception: {})",
                describe_exception(ctx, exc)
            )),
            (err, None) => Self::new(err.to_string()),
        }
    }
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConvertError {}

impl ser::Error for ConvertError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self::new(msg.to_string())
    }
}

impl de::Error for ConvertError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self::new(msg.to_string())
    }
}

type Result<T, E = ConvertError> = std::result::Result<T, E>;

/// Attaches the context needed to turn an rquickjs error into a [`ConvertError`].
trait OrConvert<T> {
    fn or_convert(self, ctx: &Ctx<'_>) -> Result<T>;
}

impl<T> OrConvert<T> for rquickjs::Result<T> {
    fn or_convert(self, ctx: &Ctx<'_>) -> Result<T> {
        self.map_err(|err| ConvertError::from_rquickjs(ctx, err))
    }
}

/// "Name: message" for Error objects, the value itself for thrown primitives.
/// Reading `name`/`message` may run getters; whatever they throw is dropped
/// so the description never leaves an exception pending.
fn describe_exception<'js>(ctx: &Ctx<'js>, exc: Value<'js>) -> String {
    let Some(obj) = exc.as_object() else {
        return primitive_to_string(ctx, &exc).unwrap_or_else(|| exc.type_name().to_owned());
    };
    let message = quiet_string_property(ctx, obj, "message");
    if !exc.is_error() {
        return message.unwrap_or_else(|| "a non-Error object was thrown".to_owned());
    }
    let name = quiet_string_property(ctx, obj, "name").unwrap_or_else(|| "Error".to_owned());
    match message {
        Some(message) if !message.is_empty() => format!("{name}: {message}"),
        _ => name,
    }
}

fn quiet_string_property<'js>(ctx: &Ctx<'js>, obj: &Object<'js>, key: &str) -> Option<String> {
    match obj.get::<_, Value>(key) {
        Ok(value) => value.as_string().and_then(|s| js_string(s).ok()),
        Err(_) => {
            ctx.catch();
            None
        }
    }
}

/// String form of a primitive; ToString on a primitive runs no user code
/// (symbols, which would throw, are excluded).
fn primitive_to_string<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Option<String> {
    if let Some(s) = value.as_string() {
        return js_string(s).ok();
    }
    if value.is_symbol() || value.is_object() {
        return None;
    }
    match value.get::<Coerced<String>>() {
        Ok(s) => Some(s.0),
        Err(_) => {
            ctx.catch();
            None
        }
    }
}

/// Reads a JS string into Rust, replacing each lone surrogate with U+FFFD.
///
/// QuickJS encodes a lone surrogate as its 3-byte generalized-UTF-8 form
/// (WTF-8), which is not valid UTF-8: `rquickjs::String::to_string` fails on
/// it and `CString::as_str` would hand out an invalid `&str`, so the bytes are
/// decoded here.
fn js_string(s: &rquickjs::String<'_>) -> rquickjs::Result<String> {
    let cstr = rquickjs::CString::from_string(s.clone())?;
    // SAFETY: `cstr` owns a buffer of exactly `len()` bytes that stays alive
    // and unchanged until `cstr` is dropped, after the bytes have been copied.
    let bytes = unsafe { std::slice::from_raw_parts(cstr.as_ptr().cast::<u8>(), cstr.len()) };
    Ok(decode_wtf8_lossy(bytes))
}

fn decode_wtf8_lossy(bytes: &[u8]) -> String {
    let mut rest = bytes;
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return out;
            }
            Err(err) => {
                let (valid, invalid) = rest.split_at(err.valid_up_to());
                out.push_str(&String::from_utf8_lossy(valid));
                out.push(char::REPLACEMENT_CHARACTER);
                // A surrogate (U+D800..U+DFFF) is ED A0..BF 80..BF: one UTF-16
                // unit, so one replacement character for all three bytes.
                let is_surrogate = matches!(invalid, [0xED, 0xA0..=0xBF, 0x80..=0xBF, ..]);
                let skip = if is_surrogate {
                    3
                } else {
                    err.error_len().unwrap_or(invalid.len())
                };
                rest = &invalid[skip..];
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Rust -> JS
// ---------------------------------------------------------------------------

/// Converts any [`Serialize`] value into a JavaScript value in `ctx`.
///
/// Structs and maps become plain objects (properties are defined as own data
/// properties, so a `"__proto__"` key is just a key), sequences and tuples
/// become arrays, bytes become a `Uint8Array`, `None`/`()` become `null`, and
/// enums are externally tagged as in serde_json. Integers are JavaScript
/// numbers: `i64`, `u64`, `i128` and `u128` values beyond ±2^53 lose
/// precision (rounded to the nearest `f64`), as in `JSON.parse`. Map keys
/// must serialize as strings, chars, numbers or unit variants.
///
/// ```
/// use jsvm::convert::{from_js, to_js};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, Debug, PartialEq)]
/// struct Point {
///     x: i32,
///     y: i32,
///     label: Option<String>,
/// }
///
/// let rt = rquickjs::Runtime::new().unwrap();
/// let ctx = rquickjs::Context::full(&rt).unwrap();
/// ctx.with(|ctx| {
///     let point = Point { x: 1, y: 2, label: None };
///     ctx.globals().set("p", to_js(&ctx, &point).unwrap()).unwrap();
///     let json: String = ctx.eval("JSON.stringify(p)").unwrap();
///     assert_eq!(json, r#"{"x":1,"y":2,"label":null}"#);
///
///     let back: Point = from_js(ctx.eval("({ ...p, y: p.y * 10 })").unwrap()).unwrap();
///     assert_eq!(back, Point { x: 1, y: 20, label: None });
/// });
/// ```
pub fn to_js<'js, T: Serialize + ?Sized>(ctx: &Ctx<'js>, value: &T) -> Result<Value<'js>> {
    to_js_with(ctx, value, &Limits::default())
}

/// [`to_js`] within other [`Limits`] than the defaults.
pub fn to_js_with<'js, T: Serialize + ?Sized>(
    ctx: &Ctx<'js>,
    value: &T,
    limits: &Limits,
) -> Result<Value<'js>> {
    let budget = Budget::new(limits);
    budget.value()?;
    value.serialize(JsSerializer {
        ctx,
        budget: &budget,
        depth: 0,
        wrappers: 0,
    })
}

#[derive(Clone, Copy)]
struct JsSerializer<'a, 'js> {
    ctx: &'a Ctx<'js>,
    budget: &'a Budget,
    /// Arrays and objects above the value being written.
    depth: usize,
    /// `Option`s and newtypes above it.
    wrappers: usize,
}

impl JsSerializer<'_, '_> {
    /// The serializer for what goes inside a new array or object.
    fn nested(self) -> Result<Self> {
        Ok(Self {
            depth: self.budget.deeper(self.depth)?,
            ..self
        })
    }

    fn wrapped(self) -> Result<Self> {
        Ok(Self {
            wrappers: self.budget.wrapped(self.wrappers)?,
            ..self
        })
    }
}

/// Creates an own enumerable data property. Plain assignment would run
/// setters inherited from the prototype (`__proto__` would replace the
/// prototype); defining matches what `JSON.parse` does.
fn define<'js, K: IntoAtom<'js>>(
    ctx: &Ctx<'js>,
    object: &Object<'js>,
    key: K,
    value: Value<'js>,
) -> Result<()> {
    object
        .prop(
            key,
            Property::from(value).writable().enumerable().configurable(),
        )
        .or_convert(ctx)
}

fn wrap_variant<'js>(
    ctx: &Ctx<'js>,
    variant: &'static str,
    value: Value<'js>,
) -> Result<Value<'js>> {
    let object = Object::new(ctx.clone()).or_convert(ctx)?;
    define(ctx, &object, variant, value)?;
    Ok(object.into_value())
}

impl<'a, 'js> ser::Serializer for JsSerializer<'a, 'js> {
    type Ok = Value<'js>;
    type Error = ConvertError;
    type SerializeSeq = ArraySerializer<'a, 'js>;
    type SerializeTuple = ArraySerializer<'a, 'js>;
    type SerializeTupleStruct = ArraySerializer<'a, 'js>;
    type SerializeTupleVariant = VariantSerializer<ArraySerializer<'a, 'js>>;
    type SerializeMap = ObjectSerializer<'a, 'js>;
    type SerializeStruct = ObjectSerializer<'a, 'js>;
    type SerializeStructVariant = VariantSerializer<ObjectSerializer<'a, 'js>>;

    fn serialize_bool(self, v: bool) -> Result<Value<'js>> {
        Ok(Value::new_bool(self.ctx.clone(), v))
    }

    fn serialize_i8(self, v: i8) -> Result<Value<'js>> {
        self.serialize_i32(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<Value<'js>> {
        self.serialize_i32(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<Value<'js>> {
        Ok(Value::new_int(self.ctx.clone(), v))
    }

    // Wider integers go through f64: JS numbers are doubles, so values past
    // 2^53 round (documented on `to_js`).
    fn serialize_i64(self, v: i64) -> Result<Value<'js>> {
        Ok(Value::new_number(self.ctx.clone(), v as f64))
    }

    fn serialize_i128(self, v: i128) -> Result<Value<'js>> {
        Ok(Value::new_number(self.ctx.clone(), v as f64))
    }

    fn serialize_u8(self, v: u8) -> Result<Value<'js>> {
        self.serialize_i32(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<Value<'js>> {
        self.serialize_i32(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<Value<'js>> {
        Ok(Value::new_number(self.ctx.clone(), v.into()))
    }

    fn serialize_u64(self, v: u64) -> Result<Value<'js>> {
        Ok(Value::new_number(self.ctx.clone(), v as f64))
    }

    fn serialize_u128(self, v: u128) -> Result<Value<'js>> {
        Ok(Value::new_number(self.ctx.clone(), v as f64))
    }

    fn serialize_f32(self, v: f32) -> Result<Value<'js>> {
        self.serialize_f64(v.into())
    }

    // `new_float`, not `new_number`: the latter would turn -0.0 into 0.
    fn serialize_f64(self, v: f64) -> Result<Value<'js>> {
        Ok(Value::new_float(self.ctx.clone(), v))
    }

    fn serialize_char(self, v: char) -> Result<Value<'js>> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<Value<'js>> {
        self.budget.bytes(v.len())?;
        rquickjs::String::from_str(self.ctx.clone(), v)
            .map(rquickjs::String::into_value)
            .or_convert(self.ctx)
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<Value<'js>> {
        self.budget.bytes(v.len())?;
        // A context's typed arrays may be yet to be made (realm.rs).
        if !crate::realm::ensure(self.ctx, crate::realm::TYPED_ARRAYS) {
            return rquickjs::Result::<Value>::Err(rquickjs::Error::Exception).or_convert(self.ctx);
        }
        TypedArray::<u8>::new_copy(self.ctx.clone(), v)
            .map(TypedArray::into_value)
            .or_convert(self.ctx)
    }

    fn serialize_none(self) -> Result<Value<'js>> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value<'js>> {
        value.serialize(self.wrapped()?)
    }

    fn serialize_unit(self) -> Result<Value<'js>> {
        Ok(Value::new_null(self.ctx.clone()))
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value<'js>> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value<'js>> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value<'js>> {
        value.serialize(self.wrapped()?)
    }

    // The `{ Variant: value }` object is a level of its own, and its key bytes, as when it is
    // read.
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value<'js>> {
        let inner = self.nested()?;
        inner.budget.bytes(variant.len())?;
        inner.budget.value()?;
        wrap_variant(self.ctx, variant, value.serialize(inner)?)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<ArraySerializer<'a, 'js>> {
        ArraySerializer::new(self.nested()?)
    }

    fn serialize_tuple(self, len: usize) -> Result<ArraySerializer<'a, 'js>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<ArraySerializer<'a, 'js>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        let payload = self.nested()?;
        payload.budget.bytes(variant.len())?;
        payload.budget.value()?;
        Ok(VariantSerializer {
            variant,
            inner: payload.serialize_seq(Some(len))?,
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<ObjectSerializer<'a, 'js>> {
        ObjectSerializer::new(self.nested()?)
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<ObjectSerializer<'a, 'js>> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        let payload = self.nested()?;
        payload.budget.bytes(variant.len())?;
        payload.budget.value()?;
        Ok(VariantSerializer {
            variant,
            inner: payload.serialize_map(Some(len))?,
        })
    }
}

struct ArraySerializer<'a, 'js> {
    /// Serializes the elements.
    ser: JsSerializer<'a, 'js>,
    array: Array<'js>,
    len: u32,
}

impl<'a, 'js> ArraySerializer<'a, 'js> {
    fn new(ser: JsSerializer<'a, 'js>) -> Result<Self> {
        let array = Array::new(ser.ctx.clone()).or_convert(ser.ctx)?;
        Ok(Self { ser, array, len: 0 })
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.ser.budget.value()?;
        let value = value.serialize(self.ser)?;
        // Array indices stop at 2^32 - 2.
        if self.len == u32::MAX - 1 {
            return Err(ConvertError::new(
                "sequence too long for a JavaScript array",
            ));
        }
        define(self.ser.ctx, self.array.as_object(), self.len, value)?;
        self.len += 1;
        Ok(())
    }

    fn finish(self) -> Value<'js> {
        self.array.into_value()
    }
}

impl<'js> ser::SerializeSeq for ArraySerializer<'_, 'js> {
    type Ok = Value<'js>;
    type Error = ConvertError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Value<'js>> {
        Ok(self.finish())
    }
}

impl<'js> ser::SerializeTuple for ArraySerializer<'_, 'js> {
    type Ok = Value<'js>;
    type Error = ConvertError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Value<'js>> {
        Ok(self.finish())
    }
}

impl<'js> ser::SerializeTupleStruct for ArraySerializer<'_, 'js> {
    type Ok = Value<'js>;
    type Error = ConvertError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }

    fn end(self) -> Result<Value<'js>> {
        Ok(self.finish())
    }
}

struct ObjectSerializer<'a, 'js> {
    /// Serializes the property values.
    ser: JsSerializer<'a, 'js>,
    object: Object<'js>,
    /// Key from `serialize_key`, waiting for its `serialize_value`.
    key: Option<Value<'js>>,
}

impl<'a, 'js> ObjectSerializer<'a, 'js> {
    fn new(ser: JsSerializer<'a, 'js>) -> Result<Self> {
        let object = Object::new(ser.ctx.clone()).or_convert(ser.ctx)?;
        Ok(Self {
            ser,
            object,
            key: None,
        })
    }

    // Field names count as bytes, as keys do when read.
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.ser.budget.bytes(key.len())?;
        self.ser.budget.value()?;
        let value = value.serialize(self.ser)?;
        define(self.ser.ctx, &self.object, key, value)
    }
}

impl<'js> ser::SerializeMap for ObjectSerializer<'_, 'js> {
    type Ok = Value<'js>;
    type Error = ConvertError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(KeySerializer { ser: self.ser })?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ConvertError::new("map value serialized before its key"))?;
        self.ser.budget.value()?;
        let value = value.serialize(self.ser)?;
        define(self.ser.ctx, &self.object, key, value)
    }

    fn end(self) -> Result<Value<'js>> {
        Ok(self.object.into_value())
    }
}

impl<'js> ser::SerializeStruct for ObjectSerializer<'_, 'js> {
    type Ok = Value<'js>;
    type Error = ConvertError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }

    fn end(self) -> Result<Value<'js>> {
        Ok(self.object.into_value())
    }
}

/// Tuple and struct variants: the payload, wrapped as `{ variant: payload }` at the end.
struct VariantSerializer<S> {
    variant: &'static str,
    inner: S,
}

impl<'js> ser::SerializeTupleVariant for VariantSerializer<ArraySerializer<'_, 'js>> {
    type Ok = Value<'js>;
    type Error = ConvertError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.inner.push(value)
    }

    fn end(self) -> Result<Value<'js>> {
        let ctx = self.inner.ser.ctx;
        wrap_variant(ctx, self.variant, self.inner.finish())
    }
}

impl<'js> ser::SerializeStructVariant for VariantSerializer<ObjectSerializer<'_, 'js>> {
    type Ok = Value<'js>;
    type Error = ConvertError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.inner.field(key, value)
    }

    fn end(self) -> Result<Value<'js>> {
        let ctx = self.inner.ser.ctx;
        wrap_variant(ctx, self.variant, self.inner.object.into_value())
    }
}

/// Serializes a map key to a JS string, or to a number for floats so that
/// JavaScript's own number-to-key formatting applies (`1.5` -> `"1.5"`).
/// Integers are formatted in Rust so large ones stay exact.
#[derive(Clone, Copy)]
struct KeySerializer<'a, 'js> {
    /// The map's value serializer, which also writes (and counts) string keys.
    ser: JsSerializer<'a, 'js>,
}

impl KeySerializer<'_, '_> {
    fn unsupported(kind: &str) -> ConvertError {
        ConvertError::new(format!("map keys must be strings or numbers, found {kind}"))
    }
}

/// Serializer methods that write the value as its decimal text.
macro_rules! serialize_as_str {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<Value<'js>> {
            self.collect_str(&v)
        })*
    };
}

impl<'a, 'js> ser::Serializer for KeySerializer<'a, 'js> {
    type Ok = Value<'js>;
    type Error = ConvertError;
    type SerializeSeq = Impossible<Value<'js>, ConvertError>;
    type SerializeTuple = Impossible<Value<'js>, ConvertError>;
    type SerializeTupleStruct = Impossible<Value<'js>, ConvertError>;
    type SerializeTupleVariant = Impossible<Value<'js>, ConvertError>;
    type SerializeMap = Impossible<Value<'js>, ConvertError>;
    type SerializeStruct = Impossible<Value<'js>, ConvertError>;
    type SerializeStructVariant = Impossible<Value<'js>, ConvertError>;

    fn serialize_bool(self, _v: bool) -> Result<Value<'js>> {
        Err(Self::unsupported("a bool"))
    }

    // Integer keys are written out exactly, as JavaScript names integer properties.
    serialize_as_str!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
    );

    fn serialize_f32(self, v: f32) -> Result<Value<'js>> {
        self.ser.serialize_f32(v)
    }

    fn serialize_f64(self, v: f64) -> Result<Value<'js>> {
        self.ser.serialize_f64(v)
    }

    fn serialize_char(self, v: char) -> Result<Value<'js>> {
        self.ser.serialize_char(v)
    }

    fn serialize_str(self, v: &str) -> Result<Value<'js>> {
        self.ser.serialize_str(v)
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<Value<'js>> {
        Err(Self::unsupported("bytes"))
    }

    fn serialize_none(self) -> Result<Value<'js>> {
        Err(Self::unsupported("an Option"))
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<Value<'js>> {
        Err(Self::unsupported("an Option"))
    }

    fn serialize_unit(self) -> Result<Value<'js>> {
        Err(Self::unsupported("()"))
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<Value<'js>> {
        Err(Self::unsupported(&format!("unit struct {name}")))
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value<'js>> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value<'js>> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _value: &T,
    ) -> Result<Value<'js>> {
        Err(Self::unsupported(&format!(
            "enum variant {name}::{variant}"
        )))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(Self::unsupported("a sequence"))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(Self::unsupported("a tuple"))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(Self::unsupported(&format!("tuple struct {name}")))
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Self::unsupported(&format!(
            "enum variant {name}::{variant}"
        )))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Self::unsupported("a map"))
    }

    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(Self::unsupported(&format!("struct {name}")))
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Self::unsupported(&format!(
            "enum variant {name}::{variant}"
        )))
    }

    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<Value<'js>> {
        self.serialize_str(&value.to_string())
    }
}

// ---------------------------------------------------------------------------
// JS -> Rust
// ---------------------------------------------------------------------------

/// Converts a JavaScript value into any [`DeserializeOwned`] type.
///
/// Objects are read through their own enumerable string-keyed properties in
/// JavaScript order, running getters and proxy traps; an exception thrown by
/// them becomes a [`ConvertError`] carrying its message (and is no longer
/// pending on the context). Numbers convert to an integer type only when
/// integral and in range, BigInts when in range. `Date`s read as their ISO
/// string, typed arrays and `ArrayBuffer`s as bytes, `undefined` like `null`,
/// and lone surrogates in strings as U+FFFD; `()` accepts and ignores any
/// value. Functions and symbols are
/// errors, as are values nested deeper than [`MAX_DEPTH`] and objects that
/// contain themselves. See the [module docs](self) for the full mapping.
///
/// ```
/// use jsvm::convert::from_js;
/// use serde::Deserialize;
///
/// #[derive(Deserialize, Debug, PartialEq)]
/// enum Shape {
///     Circle { r: f64 },
///     Square(u32),
///     Empty,
/// }
///
/// #[derive(Deserialize, Debug, PartialEq)]
/// struct Scene {
///     name: String,
///     shapes: Vec<Shape>,
///     hidden: Option<bool>,
/// }
///
/// let rt = rquickjs::Runtime::new().unwrap();
/// let ctx = rquickjs::Context::full(&rt).unwrap();
/// ctx.with(|ctx| {
///     let value = ctx
///         .eval(r#"({
///             name: "demo",
///             shapes: [{ Circle: { r: 0.5 } }, { Square: 3 }, "Empty"],
///             get hidden() { return undefined; },
///         })"#)
///         .unwrap();
///     let scene: Scene = from_js(value).unwrap();
///     assert_eq!(
///         scene,
///         Scene {
///             name: "demo".into(),
///             shapes: vec![Shape::Circle { r: 0.5 }, Shape::Square(3), Shape::Empty],
///             hidden: None,
///         }
///     );
/// });
/// ```
pub fn from_js<'js, T: DeserializeOwned>(value: Value<'js>) -> Result<T> {
    from_js_with(value, &Limits::default())
}

/// [`from_js`] within other [`Limits`] than the defaults.
pub fn from_js_with<'js, T: DeserializeOwned>(value: Value<'js>, limits: &Limits) -> Result<T> {
    let budget = Budget::new(limits);
    T::deserialize(JsDeserializer {
        value,
        parent: None,
        budget: &budget,
        wrappers: 0,
    })
}

/// An array or object being read. Children link to their parent, so depth
/// and cycles are checked along the current path without shared state.
struct Frame<'a, 'js> {
    object: Object<'js>,
    depth: usize,
    parent: Option<&'a Frame<'a, 'js>>,
    budget: &'a Budget,
    /// `Option`s and newtypes read on the way here.
    wrappers: usize,
}

impl<'js> Frame<'_, 'js> {
    fn get<K: IntoAtom<'js>>(&self, key: K) -> Result<Value<'js>> {
        self.object.get(key).or_convert(self.object.ctx())
    }

    /// The deserializer for an element or property value of this container.
    fn child(&self, value: Value<'js>) -> JsDeserializer<'_, 'js> {
        JsDeserializer {
            value,
            parent: Some(self),
            budget: self.budget,
            wrappers: self.wrappers,
        }
    }
}

struct JsDeserializer<'a, 'js> {
    value: Value<'js>,
    parent: Option<&'a Frame<'a, 'js>>,
    /// Shared by the whole conversion.
    budget: &'a Budget,
    /// `Option`s and newtypes read on the way here.
    wrappers: usize,
}

/// What a JS value is, as far as the data model is concerned.
enum Kind<'js> {
    Nullish,
    Bool(bool),
    Number(f64),
    BigInt(Value<'js>),
    String(rquickjs::String<'js>),
    Date(Object<'js>),
    /// A typed array or an `ArrayBuffer`.
    Binary(Object<'js>),
    /// An array, or a proxy whose (innermost) target is an array.
    ArrayLike(Object<'js>),
    Object(Object<'js>),
    Unsupported(&'static str),
}

// Class checks answered from the object's class id alone: no JS runs and
// nothing is thrown.
fn typed_array_type(value: &Value<'_>) -> Option<u32> {
    // SAFETY: `as_raw` is a live value owned by `value`; the call only reads its class id.
    let kind = unsafe { qjs::JS_GetTypedArrayType(value.as_raw()) };
    u32::try_from(kind).ok()
}

fn is_array_buffer(value: &Value<'_>) -> bool {
    // SAFETY: as above.
    unsafe { qjs::JS_IsArrayBuffer(value.as_raw()) }
}

fn is_date(value: &Value<'_>) -> bool {
    // SAFETY: as above.
    unsafe { qjs::JS_IsDate(value.as_raw()) }
}

fn is_byte_array(value: &Value<'_>) -> bool {
    matches!(
        typed_array_type(value),
        Some(
            qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8
                | qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8C
        )
    )
}

/// `Array.isArray` semantics: proxies count when their target chain ends in an array.
fn is_array_like<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<bool> {
    let mut current = value.clone();
    for _ in 0..MAX_DEPTH {
        if current.is_array() {
            return Ok(true);
        }
        match current.as_proxy() {
            Some(proxy) => current = proxy.target().or_convert(ctx)?.into_value(),
            None => return Ok(false),
        }
    }
    Err(ConvertError::new(format!(
        "proxy chain longer than {MAX_DEPTH} proxies"
    )))
}

/// Copies the bytes a typed array views, or all of an `ArrayBuffer`, counting
/// them against [`Limits::max_bytes`] before the copy.
fn read_bytes<'js>(ctx: &Ctx<'js>, budget: &Budget, object: &Object<'js>) -> Result<Vec<u8>> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let (buffer, window) = if typed_array_type(object.as_value()).is_some() {
        // The length comes from `byteLength`: for a view that tracks a
        // resizable buffer, the C API reports the length it had when created.
        // This runs JS, so it happens before any pointer is taken.
        let byte_length: Value = object.get("byteLength").or_convert(ctx)?;
        let length = byte_length
            .as_number()
            .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= MAX_SAFE_INTEGER)
            .ok_or_else(|| ConvertError::new("typed array has an invalid byteLength"))?;
        let mut offset: qjs::size_t = 0;
        // SAFETY: `object` is a live typed array and `offset` a valid local;
        // the returned buffer reference is owned and handed to `Value`.
        let buffer = unsafe {
            let raw = qjs::JS_GetTypedArrayBuffer(
                raw_ctx,
                object.as_raw(),
                &mut offset,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            if qjs::JS_IsException(raw) {
                // Detached, or out of bounds of a shrunk buffer.
                return Err(ConvertError::from_rquickjs(ctx, rquickjs::Error::Exception));
            }
            Value::from_raw(ctx.clone(), raw)
        };
        match (usize::try_from(offset), usize::try_from(length as u64)) {
            (Ok(offset), Ok(length)) => (buffer, Some((offset, length))),
            _ => return Err(ConvertError::new("typed array too large")),
        }
    } else {
        (object.clone().into_value(), None)
    };

    let mut size: qjs::size_t = 0;
    // SAFETY: `buffer` is a live ArrayBuffer. The returned pointer stays valid
    // until JavaScript runs again, and none runs before the copy below, which
    // stays within the `size` bytes QuickJS reports.
    unsafe {
        let data = qjs::JS_GetArrayBuffer(raw_ctx, &mut size, buffer.as_raw());
        if data.is_null() {
            if ctx.has_exception() {
                // Detached buffer.
                return Err(ConvertError::from_rquickjs(ctx, rquickjs::Error::Exception));
            }
            return Ok(Vec::new());
        }
        let size = usize::try_from(size).map_err(|_| ConvertError::new("ArrayBuffer too large"))?;
        let (offset, length) = window.unwrap_or((0, size));
        match offset.checked_add(length) {
            Some(end) if end <= size => {
                budget.bytes(length)?;
                Ok(std::slice::from_raw_parts(data.add(offset), length).to_vec())
            }
            _ => Err(ConvertError::new(
                "typed array is out of bounds of its buffer",
            )),
        }
    }
}

fn date_to_iso<'js>(ctx: &Ctx<'js>, date: &Object<'js>) -> Result<String> {
    let to_iso: Function = date.get("toISOString").or_convert(ctx)?;
    let iso: Value = to_iso.call((This(date.clone()),)).or_convert(ctx)?;
    match iso.as_string() {
        Some(s) => js_string(s).or_convert(ctx),
        None => Err(ConvertError::new(
            "Date.prototype.toISOString did not return a string",
        )),
    }
}

/// Exact value of a BigInt, via its decimal string (ToString on a BigInt
/// primitive runs no user code).
fn bigint_value<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<BigIntValue> {
    let digits = value.get::<Coerced<String>>().or_convert(ctx)?.0;
    if let Ok(v) = digits.parse::<i128>() {
        Ok(BigIntValue::Signed(v))
    } else if let Ok(v) = digits.parse::<u128>() {
        Ok(BigIntValue::Unsigned(v))
    } else {
        Err(ConvertError::new(format!(
            "BigInt {digits}n is out of the range of any Rust integer"
        )))
    }
}

enum BigIntValue {
    Signed(i128),
    Unsigned(u128),
}

fn visit_bigint<'de, V: Visitor<'de>>(value: BigIntValue, visitor: V) -> Result<V::Value> {
    match value {
        BigIntValue::Signed(v) => {
            if let Ok(v) = i64::try_from(v) {
                visitor.visit_i64(v)
            } else if let Ok(v) = u64::try_from(v) {
                visitor.visit_u64(v)
            } else {
                visitor.visit_i128(v)
            }
        }
        BigIntValue::Unsigned(v) => visitor.visit_u128(v),
    }
}

const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;
const TWO_POW_127: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
const TWO_POW_128: f64 = 340_282_366_920_938_463_463_374_607_431_768_211_456.0;

/// `deserialize_any` for numbers: integral values in `i64` range as `i64`
/// (except -0, which only `f64` can hold), everything else as `f64`.
fn visit_number<'de, V: Visitor<'de>>(n: f64, visitor: V) -> Result<V::Value> {
    let negative_zero = n == 0.0 && n.is_sign_negative();
    if n.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&n) && !negative_zero {
        visitor.visit_i64(n as i64)
    } else {
        visitor.visit_f64(n)
    }
}

/// Integer requests: the visitor gets the exact integer and applies its own
/// range check; non-integral numbers are rejected rather than truncated.
fn visit_integral<'de, V: Visitor<'de>>(n: f64, visitor: V) -> Result<V::Value> {
    if n.fract() != 0.0 {
        // Also NaN and the infinities, whose `fract()` is NaN.
        return Err(de::Error::invalid_type(Unexpected::Float(n), &visitor));
    }
    if (-TWO_POW_63..TWO_POW_63).contains(&n) {
        visitor.visit_i64(n as i64)
    } else if (0.0..TWO_POW_64).contains(&n) {
        visitor.visit_u64(n as u64)
    } else if (-TWO_POW_127..TWO_POW_127).contains(&n) {
        visitor.visit_i128(n as i128)
    } else if (0.0..TWO_POW_128).contains(&n) {
        visitor.visit_u128(n as u128)
    } else {
        Err(de::Error::invalid_value(Unexpected::Float(n), &visitor))
    }
}

fn visit_scalar<'de, 'js, V: Visitor<'de>>(
    ctx: &Ctx<'js>,
    budget: &Budget,
    kind: Kind<'js>,
    visitor: V,
) -> Result<V::Value> {
    match kind {
        Kind::Nullish => visitor.visit_unit(),
        Kind::Bool(b) => visitor.visit_bool(b),
        Kind::Number(n) => visit_number(n, visitor),
        Kind::BigInt(v) => visit_bigint(bigint_value(ctx, &v)?, visitor),
        Kind::String(s) => visitor.visit_string(read_string(ctx, budget, &s)?),
        Kind::Date(date) => visitor.visit_string(date_to_iso(ctx, &date)?),
        Kind::Binary(object) => visitor.visit_byte_buf(read_bytes(ctx, budget, &object)?),
        Kind::Unsupported(what) => Err(de::Error::invalid_type(Unexpected::Other(what), &visitor)),
        // Containers are dispatched before this is called; an error, not a panic, regardless.
        Kind::ArrayLike(_) | Kind::Object(_) => Err(de::Error::invalid_type(
            Unexpected::Other("container"),
            &visitor,
        )),
    }
}

impl<'a, 'js> JsDeserializer<'a, 'js> {
    fn ctx(&self) -> Ctx<'js> {
        self.value.ctx().clone()
    }

    /// Also counts the value against [`Limits::max_values`]: every value that
    /// is read is classified once.
    fn classify(&self) -> Result<Kind<'js>> {
        self.budget.value()?;
        let value = &self.value;
        if value.is_undefined() || value.is_null() {
            return Ok(Kind::Nullish);
        }
        if let Some(b) = value.as_bool() {
            return Ok(Kind::Bool(b));
        }
        if let Some(n) = value.as_number() {
            return Ok(Kind::Number(n));
        }
        if value.is_big_int() {
            return Ok(Kind::BigInt(value.clone()));
        }
        if let Some(s) = value.as_string() {
            return Ok(Kind::String(s.clone()));
        }
        if value.is_symbol() {
            return Ok(Kind::Unsupported("JavaScript symbol"));
        }
        // Before the object checks: callable proxies and classes are functions too.
        if value.is_function() {
            return Ok(Kind::Unsupported("JavaScript function"));
        }
        let Some(object) = value.as_object() else {
            return Ok(Kind::Unsupported(value.type_name()));
        };
        if value.is_array() {
            return Ok(Kind::ArrayLike(object.clone()));
        }
        if is_date(value) {
            return Ok(Kind::Date(object.clone()));
        }
        if typed_array_type(value).is_some() || is_array_buffer(value) {
            return Ok(Kind::Binary(object.clone()));
        }
        if value.is_proxy() && is_array_like(&self.ctx(), value)? {
            return Ok(Kind::ArrayLike(object.clone()));
        }
        Ok(Kind::Object(object.clone()))
    }

    /// Starts reading a container: enforces [`Limits::max_depth`] and rejects
    /// an object that is already being read further up the path.
    fn enter(&self, object: &Object<'js>) -> Result<Frame<'a, 'js>> {
        let depth = self
            .budget
            .deeper(self.parent.map_or(0, |parent| parent.depth))?;
        let mut ancestor = self.parent;
        while let Some(frame) = ancestor {
            if frame.object == *object {
                return Err(ConvertError::new("cyclic value: an object contains itself"));
            }
            ancestor = frame.parent;
        }
        Ok(Frame {
            object: object.clone(),
            depth,
            parent: self.parent,
            budget: self.budget,
            wrappers: self.wrappers,
        })
    }

    /// The same value, read through one more `Option` or newtype.
    fn wrapped(self) -> Result<Self> {
        Ok(Self {
            wrappers: self.budget.wrapped(self.wrappers)?,
            ..self
        })
    }

    /// Containers recurse from here; everything else is handled by
    /// [`visit_scalar`]. This and the other functions on the recursive path
    /// are kept lean because they sit on the stack once per nesting level.
    fn visit_kind<'de, V: Visitor<'de>>(self, kind: Kind<'js>, visitor: V) -> Result<V::Value> {
        match kind {
            Kind::ArrayLike(array) => self.visit_array(array, visitor),
            Kind::Object(object) => self.visit_object(object, visitor),
            scalar => visit_scalar(self.value.ctx(), self.budget, scalar, visitor),
        }
    }

    fn visit_array<'de, V: Visitor<'de>>(self, array: Object<'js>, visitor: V) -> Result<V::Value> {
        let mut access = self.seq_access(array)?;
        let value = visitor.visit_seq(&mut access)?;
        access.end()?;
        Ok(value)
    }

    fn seq_access(&self, array: Object<'js>) -> Result<SeqAccess<'a, 'js>> {
        let frame = self.enter(&array)?;
        let len = array_length(self.value.ctx(), &array)?;
        // A sparse array can claim 2^32 - 1 elements while holding none:
        // iterating the holes would take minutes for nothing.
        self.budget.room_for(len as usize).map_err(|_| {
            ConvertError::new(format!(
                "value too large: more than {} values (an array of length {len})",
                self.budget.limits.max_values
            ))
        })?;
        Ok(SeqAccess {
            frame,
            index: 0,
            len,
        })
    }

    fn visit_object<'de, V: Visitor<'de>>(
        self,
        object: Object<'js>,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_map(self.map_access(object)?)
    }

    fn map_access(&self, object: Object<'js>) -> Result<MapAccess<'a, 'js>> {
        let frame = self.enter(&object)?;
        let keys = own_keys(self.value.ctx(), &object)?;
        Ok(MapAccess {
            frame,
            keys: keys.into_iter(),
            current: None,
        })
    }

    fn deserialize_integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.classify()? {
            Kind::Number(n) => visit_integral(n, visitor),
            kind => self.visit_kind(kind, visitor),
        }
    }
}

/// `length` of an array-like, validated: proxies can report anything.
fn array_length<'js>(ctx: &Ctx<'js>, array: &Object<'js>) -> Result<u32> {
    let length: Value = array.get("length").or_convert(ctx)?;
    let Some(n) = length.as_number() else {
        return Err(ConvertError::new("array length is not a number"));
    };
    if !(n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n)) {
        return Err(ConvertError::new(format!("invalid array length {n}")));
    }
    Ok(n as u32)
}

fn own_keys<'js>(ctx: &Ctx<'js>, object: &Object<'js>) -> Result<Vec<Atom<'js>>> {
    object
        .own_keys::<Atom>(Filter::default())
        .collect::<rquickjs::Result<Vec<_>>>()
        .or_convert(ctx)
}

fn atom_string<'js>(ctx: &Ctx<'js>, budget: &Budget, atom: &Atom<'js>) -> Result<String> {
    let s = atom.to_js_string().or_convert(ctx)?;
    read_string(ctx, budget, &s)
}

/// Copies a string out, counting it against [`Limits::max_bytes`].
fn read_string<'js>(ctx: &Ctx<'js>, budget: &Budget, s: &rquickjs::String<'js>) -> Result<String> {
    let s = js_string(s).or_convert(ctx)?;
    budget.bytes(s.len())?;
    Ok(s)
}

macro_rules! deserialize_integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.deserialize_integer(visitor)
        }
    )*};
}

impl<'de, 'js> de::Deserializer<'de> for JsDeserializer<'_, 'js> {
    type Error = ConvertError;

    // Dispatches itself rather than calling `visit_kind`: one frame fewer per level.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.classify() {
            Ok(Kind::ArrayLike(array)) => self.visit_array(array, visitor),
            Ok(Kind::Object(object)) => self.visit_object(object, visitor),
            Ok(scalar) => visit_scalar(self.value.ctx(), self.budget, scalar, visitor),
            Err(err) => Err(err),
        }
    }

    deserialize_integers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.classify()? {
            // Straight to `visit_f64` so -0 and integral values keep their float identity.
            Kind::Number(n) => visitor.visit_f64(n),
            kind => self.visit_kind(kind, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.value.is_undefined() || self.value.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self.wrapped()?)
        }
    }

    /// `()` accepts and discards any value without looking at it, as
    /// rquickjs's `FromJs for ()` does, so a caller can drop a completion
    /// value or a function's arguments. Unit structs still require
    /// `null`/`undefined`.
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self.wrapped()?)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.classify()? {
            // Byte views and buffers as a sequence of their bytes; other
            // typed arrays element by element so each number keeps its type.
            Kind::Binary(object) if is_byte_array(&self.value) || is_array_buffer(&self.value) => {
                let bytes = read_bytes(&self.ctx(), self.budget, &object)?;
                visitor.visit_seq(SeqDeserializer::<_, ConvertError>::new(bytes.into_iter()))
            }
            Kind::Binary(object) => self.visit_array(object, visitor),
            kind => self.visit_kind(kind, visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let ctx = self.ctx();
        match self.classify()? {
            Kind::String(s) => {
                let variant = read_string(&ctx, self.budget, &s)?;
                visitor.visit_enum(variant.into_deserializer())
            }
            Kind::Object(object) => {
                let frame = self.enter(&object)?;
                let keys = own_keys(&ctx, &object)?;
                let [key] = keys.as_slice() else {
                    return Err(de::Error::invalid_length(
                        keys.len(),
                        &"an object with exactly one key (the enum variant)",
                    ));
                };
                let variant = atom_string(&ctx, self.budget, key)?;
                let value = object.get(key.clone()).or_convert(&ctx)?;
                visitor.visit_enum(EnumAccess {
                    variant,
                    value,
                    frame,
                })
            }
            Kind::Unsupported(what) => {
                Err(de::Error::invalid_type(Unexpected::Other(what), &visitor))
            }
            _ => Err(de::Error::invalid_type(
                Unexpected::Other("a value that is neither a string nor an object"),
                &visitor,
            )),
        }
    }

    /// Skipped values are not looked at: no getters run, and cycles or
    /// functions in fields the target type ignores are harmless.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool char str string bytes byte_buf unit_struct map struct identifier
    }
}

struct SeqAccess<'a, 'js> {
    frame: Frame<'a, 'js>,
    index: u32,
    len: u32,
}

impl SeqAccess<'_, '_> {
    /// Elements the visitor left unread mean the target was shorter (a tuple).
    fn end(&self) -> Result<()> {
        if self.index < self.len {
            return Err(de::Error::invalid_length(
                self.len as usize,
                &"fewer elements in array",
            ));
        }
        Ok(())
    }
}

impl<'de, 'js> de::SeqAccess<'de> for SeqAccess<'_, 'js> {
    type Error = ConvertError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.index >= self.len {
            return Ok(None);
        }
        let value = self.frame.get(self.index)?;
        self.index += 1;
        seed.deserialize(self.frame.child(value)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        usize::try_from(self.len - self.index).ok()
    }
}

struct MapAccess<'a, 'js> {
    frame: Frame<'a, 'js>,
    keys: std::vec::IntoIter<Atom<'js>>,
    /// Key returned by `next_key_seed`, whose value is read next.
    current: Option<Atom<'js>>,
}

impl<'de, 'js> de::MapAccess<'de> for MapAccess<'_, 'js> {
    type Error = ConvertError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(atom) = self.keys.next() else {
            return Ok(None);
        };
        let key = atom_string(self.frame.object.ctx(), self.frame.budget, &atom)?;
        self.current = Some(atom);
        seed.deserialize(KeyDeserializer(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let atom = self
            .current
            .take()
            .ok_or_else(|| ConvertError::new("map value requested before its key"))?;
        // Runs getters and proxy `get` traps; a property deleted meanwhile reads as undefined.
        let value = self.frame.get(atom)?;
        seed.deserialize(self.frame.child(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.keys.len())
    }
}

struct EnumAccess<'a, 'js> {
    variant: String,
    value: Value<'js>,
    frame: Frame<'a, 'js>,
}

impl<'de, 'a, 'js> de::EnumAccess<'de> for EnumAccess<'a, 'js> {
    type Error = ConvertError;
    type Variant = VariantAccess<'a, 'js>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self::Variant)> {
        let variant = seed.deserialize(KeyDeserializer(self.variant))?;
        Ok((
            variant,
            VariantAccess {
                value: self.value,
                frame: self.frame,
            },
        ))
    }
}

/// The payload of a `{ Variant: payload }` object.
struct VariantAccess<'a, 'js> {
    value: Value<'js>,
    frame: Frame<'a, 'js>,
}

impl<'de, 'js> de::VariantAccess<'de> for VariantAccess<'_, 'js> {
    type Error = ConvertError;

    fn unit_variant(self) -> Result<()> {
        // `{ Unit: null }` is accepted, as serde_json does; checked here
        // because `()` itself accepts anything.
        if self.value.is_undefined() || self.value.is_null() {
            Ok(())
        } else {
            Err(de::Error::invalid_type(
                Unexpected::Other("a non-null payload"),
                &"null for a unit variant",
            ))
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self.frame.child(self.value))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self.frame.child(self.value), visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_any(self.frame.child(self.value), visitor)
    }
}

/// Object keys are always strings; numeric key types parse them, as
/// serde_json does, so `HashMap<u32, _>` round-trips.
struct KeyDeserializer(String);

macro_rules! deserialize_parsed_key {
    ($($method:ident => $visit:ident: $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            match self.0.parse::<$ty>() {
                Ok(v) => visitor.$visit(v),
                Err(_) => Err(de::Error::invalid_type(Unexpected::Str(&self.0), &visitor)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for KeyDeserializer {
    type Error = ConvertError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_string(self.0)
    }

    deserialize_parsed_key! {
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool char str string bytes byte_buf unit unit_struct seq tuple tuple_struct
        map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rquickjs::{Context, Runtime};
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
            let err =
                from_js_with::<Vec<i32>>(eval(&ctx, "Array(10).fill(0)"), &limits).unwrap_err();
            assert_eq!(
                err.message(),
                "value too large: more than 10 values (an array of length 10)"
            );
            let err = to_js_with(&ctx, &[0; 10], &limits).unwrap_err();
            assert_eq!(err.message(), "value too large: more than 10 values");
            // Nested values count too: the last array does not fit what is left.
            let err = from_js_with::<Any>(eval(&ctx, "[[1, 2, 3], [4, 5, 6], [7, 8]]"), &limits)
                .unwrap_err();
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
            let err = from_src::<Any>(&ctx, r#"({ get a() { throw new Error("\uDBFF!") } })"#)
                .unwrap_err();
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
}
