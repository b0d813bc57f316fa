//! V8's words for a builtin's refusal, where QuickJS's message says less but the builtin that
//! refused (the error's first frame) tells which V8 message it is. Refusals whose V8 wording
//! quotes an argument or the receiver (`Invalid count value: -1`, `#<Object> is not
//! extensible`) are left as they are: the message does not carry them.

/// Array methods that call a function they are given (V8 names the value when it is none).
pub(crate) const CALLBACK_TAKERS: [&str; 12] = [
    "forEach",
    "map",
    "filter",
    "some",
    "every",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
    "reduce",
    "reduceRight",
    "flatMap",
];

/// Builtins that iterate an argument (V8 names the value and its type when it cannot).
pub(crate) const ITERABLE_TAKERS: [&str; 8] = [
    "Set",
    "Map",
    "WeakSet",
    "WeakMap",
    "all",
    "allSettled",
    "any",
    "race",
];

/// V8's message for the refusal `quickjs` made by the builtin named `function` (the name of
/// the error's first frame), when known.
pub(crate) fn builtin_refusal(quickjs: &str, function: Option<&str>) -> Option<String> {
    let f = function.unwrap_or("");
    // Iterating null or undefined: the engine reads the iterator method off it.
    for nothing in ["null", "undefined"] {
        if quickjs == format!("cannot read property 'Symbol.iterator' of {nothing}") {
            return Some(match f {
                "from" | "all" | "allSettled" | "any" | "race" => format!(
                    "object {nothing} is not iterable (cannot read property Symbol(Symbol.iterator))"
                ),
                _ => format!("{nothing} is not iterable"),
            });
        }
    }
    let fixed = match (quickjs, f) {
        ("invalid number of digits", "toFixed") => {
            "toFixed() digits argument must be between 0 and 100"
        }
        ("invalid number of digits", "toPrecision") => {
            "toPrecision() argument must be between 1 and 100"
        }
        ("invalid number of digits", "toExponential") => {
            "toExponential() argument must be between 0 and 100"
        }
        ("not a function", "sort" | "toSorted") => {
            "The comparison function must be either a function or undefined"
        }
        ("not a constructor", "Symbol") => "Symbol is not a constructor",
        ("not a constructor", "BigInt") => "BigInt is not a constructor",
        ("invalid array index", "ArrayBuffer" | "SharedArrayBuffer") => {
            "Invalid array buffer length"
        }
        ("not an object", "Proxy") => "Cannot create proxy with a non-object as target or handler",
        ("not an object", "ownKeys") => "Reflect.ownKeys called on non-object",
        ("not an object", "deleteProperty") => "Reflect.deleteProperty called on non-object",
        // Object's, far more used than Reflect's of the same name.
        ("not an object", "defineProperty") => "Object.defineProperty called on non-object",
        ("not an object", "resolve") => "PromiseResolve called on non-object",
        (
            "not a number",
            "toString" | "toFixed" | "toPrecision" | "toExponential" | "valueOf" | "toLocaleString",
        ) => {
            return Some(format!(
                "Number.prototype.{f} requires that 'this' be a Number"
            ))
        }
        // String.prototype's methods on `null` or `undefined`.
        ("null or undefined are forbidden", name) if !name.is_empty() => {
            return Some(format!(
                "String.prototype.{name} called on null or undefined"
            ))
        }
        (
            "cannot convert BigInt to number",
            "max" | "min" | "abs" | "floor" | "ceil" | "round" | "trunc" | "sqrt" | "pow" | "sign"
            | "log" | "exp" | "hypot" | "fround" | "cbrt",
        ) => "Cannot convert a BigInt value to a number",
        // V8 also says where the circle starts and closes; the engine's error does not.
        ("circular reference", _) => "Converting circular structure to JSON",
        ("toPrimitive", _) => "Cannot convert object to primitive value",
        ("cannot convert symbol to number", _) => "Cannot convert a Symbol value to a number",
        ("invalid target", "WeakRef") => "WeakRef: invalid target",
        ("not a symbol", "toString" | "valueOf" | "description") => {
            return Some(format!(
                "Symbol.prototype.{f} requires that 'this' be a Symbol"
            ))
        }
        ("out of bound", name) if name.starts_with("get") || name.starts_with("set") => {
            "Offset is outside the bounds of the DataView"
        }
        ("invalid array length" | "Invalid array length", "set") => "offset is out of bounds",
        ("Date value is NaN", _) => "Invalid time value",
        ("BigInt division by zero", _) => "Division by zero",
        ("bad normalization form", _) => {
            "The normalization form should be one of NFC, NFD, NFKC, NFKD."
        }
        ("invalid value used as WeakMap key", _) => "Invalid value used as weak map key",
        ("invalid value used as WeakSet key", _) => "Invalid value used in weak set",
        ("invalid string length", _) => "Invalid string length",
        ("'this' can be initialized only once", _) => "Super constructor may only be called once",
        // encodeURI and decodeURI's refusals: V8 says the same of all.
        (
            "expecting %"
            | "expecting hex digit"
            | "expecting surrogate pair"
            | "invalid character"
            | "malformed UTF-8",
            "encodeURI" | "encodeURIComponent" | "decodeURI" | "decodeURIComponent",
        ) => "URI malformed",
        _ => return None,
    };
    Some(fixed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_by_the_builtin_that_made_them() {
        assert_eq!(
            builtin_refusal("invalid number of digits", Some("toFixed")).as_deref(),
            Some("toFixed() digits argument must be between 0 and 100")
        );
        assert_eq!(
            builtin_refusal("invalid number of digits", Some("other")),
            None
        );
        assert_eq!(
            builtin_refusal("null or undefined are forbidden", Some("trim")).as_deref(),
            Some("String.prototype.trim called on null or undefined")
        );
        assert_eq!(builtin_refusal("not a function", None), None);
    }
}
