//! The serde bridge between Rust values and JavaScript values, published as
//! [`crate::engine::convert`] (its mapping is documented there), split by concept below.

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
