//! Rust -> JavaScript: the serde `Serializer` building QuickJS values.

use std::fmt;

use rquickjs::{object::Property, Array, Ctx, IntoAtom, Object, TypedArray, Value};
use serde::ser::{self, Impossible, Serialize};

use super::error::{ConvertError, OrConvert, Result};
use super::limits::{Budget, Limits};

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
/// use jsvm::engine::convert::{from_js, to_js};
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
///
/// ```
/// use jsvm::engine::convert::{to_js_with, Limits};
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let limits = Limits { max_bytes: 8, ..Limits::default() };
///     assert!(to_js_with(&ctx, "short", &limits).is_ok());
///     assert!(to_js_with(&ctx, "a longer string", &limits).is_err());
/// });
/// ```
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
    pub(super) ctx: &'a Ctx<'js>,
    pub(super) budget: &'a Budget,
    /// Arrays and objects above the value being written.
    pub(super) depth: usize,
    /// `Option`s and newtypes above it.
    pub(super) wrappers: usize,
}

impl JsSerializer<'_, '_> {
    /// The serializer for what goes inside a new array or object.
    pub(super) fn nested(self) -> Result<Self> {
        Ok(Self {
            depth: self.budget.deeper(self.depth)?,
            ..self
        })
    }

    pub(super) fn wrapped(self) -> Result<Self> {
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
    pub(super) ser: JsSerializer<'a, 'js>,
    pub(super) array: Array<'js>,
    pub(super) len: u32,
}

impl<'a, 'js> ArraySerializer<'a, 'js> {
    pub(super) fn new(ser: JsSerializer<'a, 'js>) -> Result<Self> {
        let array = Array::new(ser.ctx.clone()).or_convert(ser.ctx)?;
        Ok(Self { ser, array, len: 0 })
    }

    pub(super) fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
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
    pub(super) ser: JsSerializer<'a, 'js>,
    pub(super) object: Object<'js>,
    /// Key from `serialize_key`, waiting for its `serialize_value`.
    pub(super) key: Option<Value<'js>>,
}

impl<'a, 'js> ObjectSerializer<'a, 'js> {
    pub(super) fn new(ser: JsSerializer<'a, 'js>) -> Result<Self> {
        let object = Object::new(ser.ctx.clone()).or_convert(ser.ctx)?;
        Ok(Self {
            ser,
            object,
            key: None,
        })
    }

    // Field names count as bytes, as keys do when read.
    pub(super) fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
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
    pub(super) variant: &'static str,
    pub(super) inner: S,
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
    pub(super) ser: JsSerializer<'a, 'js>,
}

impl KeySerializer<'_, '_> {
    pub(super) fn unsupported(kind: &str) -> ConvertError {
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
