//! Why a conversion failed: `ConvertError`, and describing the JavaScript exception behind it.

use std::fmt;

use rquickjs::{Coerced, Ctx, Object, Value};
use serde::de;
use serde::ser;

use super::strings::js_string;

/// Why a conversion between Rust and JavaScript failed.
///
/// Covers type mismatches, out-of-range numbers, unsupported values
/// (functions, symbols, non-string map keys), excessive nesting, and
/// exceptions thrown by JavaScript code that ran during the conversion
/// (getters, proxy traps, `toISOString`); for the latter the exception is
/// taken off the context and its message is included here.
///
/// ```
/// use jsvm::engine::convert::from_js;
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
    pub(super) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The human-readable description of the failure.
    ///
    /// ```
    /// use serde::de::Error as _;
    /// let err = jsvm::engine::convert::ConvertError::custom("bad input");
    /// assert_eq!(err.message(), "bad input");
    /// assert_eq!(err.to_string(), "bad input");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Converts an rquickjs error, taking the pending JavaScript exception
    /// (if any) off the context so it neither leaks into later evaluation nor
    /// gets lost.
    pub(super) fn from_rquickjs(ctx: &Ctx<'_>, err: rquickjs::Error) -> Self {
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

pub(super) type Result<T, E = ConvertError> = std::result::Result<T, E>;

/// Attaches the context needed to turn an rquickjs error into a [`ConvertError`].
pub(super) trait OrConvert<T> {
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
