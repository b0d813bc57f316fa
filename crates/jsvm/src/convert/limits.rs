//! The bounds a conversion works within, and what one conversion has used of them.

use std::cell::Cell;

use super::error::{ConvertError, Result};

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

/// The bounds a conversion works within; [`to_js`](super::to_js) and [`from_js`](super::from_js) use the
/// defaults ([`MAX_DEPTH`], [`MAX_VALUES`], [`MAX_BYTES`]), [`to_js_with`](super::to_js_with) and
/// [`from_js_with`](super::from_js_with) take others. Exceeding one is a [`ConvertError`] naming it.
///
/// ```
/// use jsvm::engine::convert::{to_js_with, Limits};
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
pub(super) struct Budget {
    pub(super) limits: Limits,
    pub(super) values: Cell<usize>,
    pub(super) bytes: Cell<usize>,
}

impl Budget {
    pub(super) fn new(limits: &Limits) -> Self {
        Self {
            limits: *limits,
            values: Cell::new(0),
            bytes: Cell::new(0),
        }
    }

    pub(super) fn value(&self) -> Result<()> {
        self.room_for(1)?;
        self.values.set(self.values.get() + 1);
        Ok(())
    }

    /// Fails unless `count` more values fit, without taking them.
    pub(super) fn room_for(&self, count: usize) -> Result<()> {
        if count > self.limits.max_values - self.values.get() {
            return Err(ConvertError::new(format!(
                "value too large: more than {} values",
                self.limits.max_values
            )));
        }
        Ok(())
    }

    pub(super) fn bytes(&self, count: usize) -> Result<()> {
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
    pub(super) fn deeper(&self, depth: usize) -> Result<usize> {
        if depth >= self.limits.max_depth {
            return Err(ConvertError::new(format!(
                "value nested deeper than {} levels",
                self.limits.max_depth
            )));
        }
        Ok(depth + 1)
    }

    /// The `Option`/newtype count one wrapper below `wrappers`, if allowed.
    pub(super) fn wrapped(&self, wrappers: usize) -> Result<usize> {
        if wrappers >= self.limits.max_depth {
            return Err(ConvertError::new(format!(
                "value wrapped in more than {} nested Options or newtypes",
                self.limits.max_depth
            )));
        }
        Ok(wrappers + 1)
    }
}
