//! V8's words for a builtin's refusal, where QuickJS's message says less but the builtin that
//! refused (the error's first frame) tells which V8 message it is. Refusals whose V8 wording
//! quotes an argument (`Invalid count value: -1`) are worded from the arguments when the frame
//! gives them ([`refusal_quoting`]); those that quote the receiver (`Method Map.prototype.get
//! called on incompatible receiver #<Object>`) only when the method was called through `call`
//! or `apply`, whose frame holds it as an argument (stack.rs): no frame holds a receiver.

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

/// An argument as V8's messages show it, read without running code.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Arg {
    /// The number as JavaScript prints it.
    Number(String),
    Bool(bool),
    Str(String),
    Undefined,
    Null,
    BigInt,
    /// A symbol, with its description when it has one.
    Symbol(Option<String>),
    Function,
    /// An object, with its constructor's name when one was found (`#<Name>`).
    Object(Option<String>),
    Array,
    /// Anything not shown (a string too long to quote).
    Other,
}

impl Arg {
    /// The value in a message (V8's no-side-effects string): `None` where it is not known.
    pub(crate) fn shown(&self) -> Option<String> {
        Some(match self {
            Arg::Number(n) => n.clone(),
            Arg::Bool(b) => b.to_string(),
            Arg::Str(s) => s.clone(),
            Arg::Undefined => "undefined".into(),
            Arg::Null => "null".into(),
            Arg::Object(Some(name)) => format!("#<{name}>"),
            Arg::Object(None) => "[object Object]".into(),
            Arg::Array => "[object Array]".into(),
            Arg::Symbol(description) => format!("Symbol({})", description.as_deref().unwrap_or("")),
            _ => return None,
        })
    }

    /// Its `typeof`, for a primitive.
    fn type_of(&self) -> Option<&'static str> {
        Some(match self {
            Arg::Number(_) => "number",
            Arg::Bool(_) => "boolean",
            Arg::Str(_) => "string",
            Arg::Undefined => "undefined",
            Arg::BigInt => "bigint",
            Arg::Symbol(_) => "symbol",
            _ => return None,
        })
    }

    /// The number it is or converts to without code (a string of a plain decimal).
    fn number(&self) -> Option<f64> {
        match self {
            Arg::Number(n) => match n.as_str() {
                "Infinity" => Some(f64::INFINITY),
                "-Infinity" => Some(f64::NEG_INFINITY),
                "NaN" => Some(f64::NAN),
                n => n.parse().ok(),
            },
            Arg::Str(s) if s.trim().is_empty() => Some(0.0),
            Arg::Str(s) => Some(s.trim().parse().unwrap_or(f64::NAN)),
            _ => None,
        }
    }
}

/// The engine's typed array constructors.
const TYPED_ARRAYS: [&str; 12] = [
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "Float16Array",
    "Float32Array",
    "Float64Array",
    "BigInt64Array",
    "BigUint64Array",
];

/// V8's message for the refusal `quickjs` made by the builtin named `function` held by
/// `holder` (the type its frame is named by: `Function` for a constructor's static), when
/// V8's quotes one of `args`, the call's arguments.
pub(crate) fn refusal_quoting(
    quickjs: &str,
    function: &str,
    holder: Option<&str>,
    args: &[Arg],
) -> Option<String> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Arg::Undefined);
    let not_object = |a: &Arg| !matches!(a, Arg::Object(_) | Arg::Function | Arg::Null);
    const PROTO: &str = "Object prototype may only be an Object or null";
    Some(match (quickjs, function) {
        ("invalid repeat count", "repeat") => {
            let n = arg(0).number()?;
            if n < 0.0 || n == f64::INFINITY {
                let shown = match arg(0) {
                    Arg::Number(text) => text,
                    _ if n == f64::INFINITY => "Infinity".into(),
                    _ if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", n as i64),
                    _ => return None,
                };
                format!("Invalid count value: {shown}")
            } else {
                "Invalid string length".into()
            }
        }
        ("object prototype may only be an Object or null", "create")
            if holder == Some("Function") =>
        {
            format!("{PROTO}: {}", arg(0).shown()?)
        }
        ("not an object" | "object prototype may only be an Object or null", "setPrototypeOf") => {
            if not_object(&arg(1)) {
                format!("{PROTO}: {}", arg(1).shown()?)
            } else if holder == Some("Reflect") && not_object(&arg(0)) {
                "Reflect.setPrototypeOf called on non-object".into()
            } else if matches!(arg(0), Arg::Undefined | Arg::Null) {
                "Object.setPrototypeOf called on null or undefined".into()
            } else {
                return None;
            }
        }
        ("Property description must be an object", "defineProperty") => {
            format!("{quickjs}: {}", arg(2).shown()?)
        }
        (
            "Invalid property descriptor. Cannot both specify accessors and a value or writable \
             attribute",
            "defineProperty",
        ) => format!("{quickjs}, {}", arg(2).shown()?),
        ("invalid code point", "fromCodePoint") => {
            // The first argument that is no code point.
            let bad = args.iter().find(|a| {
                a.number().is_none_or(|n| {
                    n.fract() != 0.0 || !(0.0..=1_114_111.0).contains(&n) || n.is_nan()
                })
            })?;
            let shown = match bad {
                Arg::Number(text) => text.clone(),
                a if a.number().is_some_and(f64::is_nan) => "NaN".into(),
                _ => return None,
            };
            format!("Invalid code point {shown}")
        }
        (
            "cannot convert to BigInt: not an integer" | "cannot convert NaN or Infinity to BigInt",
            "BigInt",
        ) => match arg(0) {
            Arg::Number(n) => format!(
                "The number {n} cannot be converted to a BigInt because it is not an integer"
            ),
            _ => return None,
        },
        ("invalid BigInt literal", "BigInt") => match arg(0) {
            Arg::Str(s) => format!("Cannot convert {s} to a BigInt"),
            _ => return None,
        },
        ("invalid array index", f) if TYPED_ARRAYS.contains(&f) => match arg(0) {
            Arg::Number(n) if n.starts_with('-') => format!("Invalid typed array length: {n}"),
            _ => return None,
        },
        ("not a symbol", "keyFor") => format!("{} is not a symbol", arg(0).shown()?),
        ("not a function", "apply") if holder == Some("Reflect") => {
            let which = match arg(0) {
                Arg::Null => "null".to_string(),
                Arg::Object(_) | Arg::Array => "an object".into(),
                a => format!("a {}", a.type_of()?),
            };
            format!(
                "Function.prototype.apply was called on {}, which is {which} and not a function",
                arg(0).shown()?
            )
        }
        ("not a object" | "not a constructor", "construct")
            if holder == Some("Reflect") && !matches!(arg(0), Arg::Function) =>
        {
            format!("{} is not a constructor", arg(0).shown()?)
        }
        // A builtin given no function: V8 shows the value.
        ("not a function", f) if CALLBACK_TAKERS.contains(&f) => {
            format!("{} is not a function", arg(0).shown()?)
        }
        ("not a function", "Promise") => {
            format!("Promise resolver {} is not a function", arg(0).shown()?)
        }
        ("object is not extensible", "setPrototypeOf") => {
            format!("{} is not extensible", arg(0).shown()?)
        }
        ("invalid byteOffset", "DataView") => match arg(1) {
            Arg::Number(n) => format!("Start offset {n} is outside the bounds of the buffer"),
            _ => return None,
        },
        // Reflect's methods given a target that is no object.
        ("not an object", f) if holder == Some("Reflect") && not_object(&arg(0)) => {
            format!("Reflect.{f} called on non-object")
        }
        ("value is not iterable", f) if ITERABLE_TAKERS.contains(&f) => {
            let what = match arg(0) {
                Arg::Number(n) => format!("number {n}"),
                Arg::Bool(b) => format!("boolean {b}"),
                Arg::BigInt => "bigint".into(),
                Arg::Symbol(_) => "symbol".into(),
                Arg::Function => "function".into(),
                Arg::Object(_) | Arg::Array => "object".into(),
                _ => return None,
            };
            format!("{what} is not iterable (cannot read property Symbol(Symbol.iterator))")
        }
        _ => return None,
    })
}

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
        // Function.prototype.apply given arguments that are no object.
        ("not a object", "apply") => "CreateListFromArrayLike called on non-object",
        ("ArrayBuffer object expected", "DataView") => {
            "First argument to DataView constructor must be an ArrayBuffer"
        }
        ("regexp must have the 'g' flag", "matchAll") => {
            "String.prototype.matchAll called with a non-global RegExp argument"
        }
        ("regexp must have the 'g' flag", "replaceAll") => {
            "String.prototype.replaceAll called with a non-global RegExp argument"
        }
        // The engine's message is quoted as a whole.
        ("'Immutable prototype object 'Object.prototype' cannot have their prototype set'", _) => {
            "Immutable prototype object 'Object.prototype' cannot have their prototype set"
        }
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
        ("not a Date object", _) => "this is not a Date object.",
        ("not a function", "bind") => "Bind must be called on a function",
        ("not a function", "toString") => {
            "Function.prototype.toString requires that 'this' be a Function"
        }
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

    #[test]
    fn refusals_quoting_an_argument() {
        let n = |s: &str| Arg::Number(s.into());
        let q = |m: &str, f: &str, args: &[Arg]| refusal_quoting(m, f, Some("Function"), args);
        assert_eq!(
            q("invalid repeat count", "repeat", &[n("-1")]).as_deref(),
            Some("Invalid count value: -1")
        );
        assert_eq!(
            q("invalid repeat count", "repeat", &[Arg::Str("-2".into())]).as_deref(),
            Some("Invalid count value: -2")
        );
        assert_eq!(
            q("invalid repeat count", "repeat", &[n("1099511627776")]).as_deref(),
            Some("Invalid string length")
        );
        assert_eq!(
            q(
                "invalid code point",
                "fromCodePoint",
                &[n("65"), n("1114112")]
            )
            .as_deref(),
            Some("Invalid code point 1114112")
        );
        assert_eq!(
            q(
                "not an object",
                "setPrototypeOf",
                &[Arg::Object(None), n("1")]
            )
            .as_deref(),
            Some("Object prototype may only be an Object or null: 1")
        );
        assert_eq!(
            q(
                "object prototype may only be an Object or null",
                "create",
                &[Arg::Symbol(Some("q".into()))]
            )
            .as_deref(),
            Some("Object prototype may only be an Object or null: Symbol(q)")
        );
        assert_eq!(q("something else", "repeat", &[n("-1")]), None);
    }
}
