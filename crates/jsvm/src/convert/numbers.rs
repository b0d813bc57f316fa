//! Numbers and BigInts into the integer and float types serde asks for.

use rquickjs::{Coerced, Ctx, Value};
use serde::de::{self, Unexpected, Visitor};

use super::error::{ConvertError, OrConvert, Result};

/// Exact value of a BigInt, via its decimal string (ToString on a BigInt
/// primitive runs no user code).
pub(super) fn bigint_value<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<BigIntValue> {
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

pub(super) enum BigIntValue {
    Signed(i128),
    Unsigned(u128),
}

pub(super) fn visit_bigint<'de, V: Visitor<'de>>(
    value: BigIntValue,
    visitor: V,
) -> Result<V::Value> {
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

pub(super) const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
pub(super) const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;
const TWO_POW_127: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
const TWO_POW_128: f64 = 340_282_366_920_938_463_463_374_607_431_768_211_456.0;

/// `deserialize_any` for numbers: integral values in `i64` range as `i64`
/// (except -0, which only `f64` can hold), everything else as `f64`.
pub(super) fn visit_number<'de, V: Visitor<'de>>(n: f64, visitor: V) -> Result<V::Value> {
    let negative_zero = n == 0.0 && n.is_sign_negative();
    if n.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&n) && !negative_zero {
        visitor.visit_i64(n as i64)
    } else {
        visitor.visit_f64(n)
    }
}

/// Integer requests: the visitor gets the exact integer and applies its own
/// range check; non-integral numbers are rejected rather than truncated.
pub(super) fn visit_integral<'de, V: Visitor<'de>>(n: f64, visitor: V) -> Result<V::Value> {
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
