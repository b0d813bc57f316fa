//! JavaScript -> Rust: the serde `Deserializer` reading QuickJS values, with its sequence, map
//! and enum access.

use rquickjs::{Atom, Ctx, Filter, IntoAtom, Object, Value};
use serde::de::{
    self, value::SeqDeserializer, DeserializeOwned, DeserializeSeed, IntoDeserializer, Unexpected,
    Visitor,
};

use super::error::{ConvertError, OrConvert, Result};
use super::limits::{Budget, Limits};
use super::numbers::{bigint_value, visit_bigint, visit_integral, visit_number};
use super::special_values::{
    date_to_iso, is_array_buffer, is_array_like, is_byte_array, is_date, read_bytes,
    typed_array_type,
};
use super::strings::js_string;

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
/// errors, as are values nested deeper than [`MAX_DEPTH`](super::MAX_DEPTH) and objects that
/// contain themselves. See the [module docs](crate::engine::convert) for the full mapping.
///
/// ```
/// use jsvm::engine::convert::from_js;
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
///
/// ```
/// use jsvm::engine::convert::{from_js_with, Limits};
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let limits = Limits { max_depth: 2, ..Limits::default() };
///     let shallow = ctx.eval("[[1]]").unwrap();
///     assert_eq!(from_js_with::<Vec<Vec<u8>>>(shallow, &limits).unwrap(), vec![vec![1]]);
///     let deep = ctx.eval("[[[1]]]").unwrap();
///     assert!(from_js_with::<serde_json::Value>(deep, &limits).is_err());
/// });
/// ```
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

// Reading arrays, objects and enums: serde's sequence, map and enum access.

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
