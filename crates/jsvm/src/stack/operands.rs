//! V8's words for refusals of the `delete` and `in` operators, which name the object and key
//! the engine's message leaves out: `Cannot delete property 'x' of #<Object>` (QuickJS: `could
//! not delete property`; a proxy's trap that returned falsish is named) and `Cannot use 'in'
//! operator to search for 'x' in 5` (`invalid 'in' operand`).
//!
//! While the engine gives the error its stack, the frame of the function whose operator
//! refused is stopped just past that instruction, and both operands are still on its operand
//! stack (the instruction frees them only when it succeeds): [`crate::frames::stopped_operands`]
//! reads them there, from the depth a walk of the bytecode gives. They are shown as V8's
//! messages show them, read without running code ([`Show`], given by stack.rs).
//!
//! An assignment's refusals (`'x' is read-only`, `no setter for property`, a primitive's `not
//! an object`) and the instructions that free their operands when they fail (`get_array_el`,
//! `for_in_start`) are worded from where their operands came from: a variable, a constant of
//! the code or a global, read as [`crate::frames::assigned_object`] and
//! [`crate::frames::operand_values`] read them (an operand no variable holds, a call's result,
//! is not known).

use rquickjs::{qjs, Ctx, Type, Value};

use crate::frames::bytecode::opcodes::{
    DELETE, FOR_IN_START, GET_ARRAY_EL, GET_FIELD, GET_FIELD2, GET_LENGTH, IN, TO_OBJECT,
};

/// V8's message for the engine's refusal `message`, made by the instruction the frame of
/// `func` (the error's first frame, still running) is in, when that instruction is the one
/// that makes such a refusal and its operands can be shown.
pub(super) fn reworded<'js>(
    ctx: &Ctx<'js>,
    message: &str,
    func: &Value<'js>,
    show: &Show<'_, 'js>,
) -> Option<String> {
    if message == "not a function" {
        return trap_not_callable(ctx, func, show);
    }
    if message == "Cannot convert undefined or null to object" {
        // A pattern nested in another's property: V8 reads its first key of the value.
        let key = crate::frames::nested_pattern_key(ctx, func)?;
        let value = crate::frames::stopped_operands(ctx, func, &[TO_OBJECT])?;
        let value = value.first()?;
        let shown = match () {
            _ if value.is_undefined() => "undefined",
            _ if value.is_null() => "null",
            _ => return None,
        };
        return Some(format!(
            "Cannot read properties of {shown} (reading '{key}')"
        ));
    }
    if message.starts_with("proxy: ") {
        return invariant_refused(ctx, message, func, show);
    }
    let op = match message {
        "could not delete property" => DELETE,
        "invalid 'in' operand" => IN,
        _ => return None,
    };
    let slots = crate::frames::stopped_operands(ctx, func, &[op])?;
    let [left, right] = <[Value<'js>; 2]>::try_from(slots).ok()?;
    if op == IN {
        return Some(format!(
            "Cannot use 'in' operator to search for '{}' in {}",
            (show.value)(&left)?,
            (show.value)(&right)?
        ));
    }
    // `delete object[key]`.
    let key = (show.key)(&right)?;
    if unsafe { qjs::JS_IsProxy(left.as_raw()) } {
        // A proxy's `deleteProperty` trap returned falsish.
        return Some(format!(
            "'deleteProperty' on proxy: trap returned falsish for property '{key}'"
        ));
    }
    // V8 shows a primitive as the object it converts to.
    let object = match left.type_of() {
        Type::String => "[object String]".to_string(),
        Type::Int | Type::Float => "[object Number]".to_string(),
        Type::Bool => "[object Boolean]".to_string(),
        _ => (show.value)(&left)?,
    };
    Some(format!("Cannot delete property '{key}' of {object}"))
}

/// V8's message for a proxy's invariant refusing its trap's result, made by the instruction
/// the frame of `func` is stopped past: `in` and `delete` (their operands still on the stack),
/// an assignment and a `for in` (read from where they read them).
fn invariant_refused<'js>(
    ctx: &Ctx<'js>,
    message: &str,
    func: &Value<'js>,
    show: &Show<'_, 'js>,
) -> Option<String> {
    let (proxy, key) = match message {
        "proxy: inconsistent has" => {
            let [key, proxy] =
                <[Value<'js>; 2]>::try_from(crate::frames::stopped_operands(ctx, func, &[IN])?)
                    .ok()?;
            (proxy, Some(key))
        }
        "proxy: inconsistent deleteProperty" => {
            let [proxy, key] =
                <[Value<'js>; 2]>::try_from(crate::frames::stopped_operands(ctx, func, &[DELETE])?)
                    .ok()?;
            (proxy, Some(key))
        }
        "proxy: inconsistent set" => {
            let (proxy, key) =
                crate::frames::assigned_object(ctx, func, &|n| global_variable(ctx, n))?;
            (proxy, Some(key?))
        }
        "proxy: target property must be present in proxy ownKeys" => {
            let (_, values) = crate::frames::operand_values(ctx, func, &[FOR_IN_START], &|n| {
                global_variable(ctx, n)
            })?;
            (values.into_iter().next()??, None)
        }
        _ => return None,
    };
    let key = match &key {
        Some(k) if k.is_string() || k.is_number() => Some((show.key)(k)?),
        Some(_) => return None,
        None => None,
    };
    super::invariants::reworded(ctx, message, &proxy, key.as_deref(), None)
}

/// V8's message when a proxy's trap is no function (`'1' returned for property 'get' of object
/// '#<Object>' is not a function`; the engine says `not a function`, which stack.rs would
/// otherwise read as a call's refusal and name a callee from the source): the instruction
/// stopped past reads a property of, asks `in` of, deletes from or enumerates (`for in`) a
/// proxy still on the operand stack or read from where the instruction read it.
fn trap_not_callable<'js>(
    ctx: &Ctx<'js>,
    func: &Value<'js>,
    show: &Show<'_, 'js>,
) -> Option<String> {
    let reads = [GET_FIELD, GET_FIELD2, GET_LENGTH];
    let (proxy, traps): (_, &[&str]) =
        if let Some(slots) = crate::frames::stopped_operands(ctx, func, &reads) {
            (slots.into_iter().next()?, &["get"])
        } else if let Some(slots) = crate::frames::stopped_operands(ctx, func, &[IN]) {
            (slots.into_iter().nth(1)?, &["has"])
        } else if let Some(slots) = crate::frames::stopped_operands(ctx, func, &[DELETE]) {
            (slots.into_iter().next()?, &["deleteProperty"])
        } else if let Some((op, values)) =
            crate::frames::operand_values(ctx, func, &[GET_ARRAY_EL, FOR_IN_START], &|n| {
                global_variable(ctx, n)
            })
        {
            // These free their operands: read from where they came from.
            let traps: &[&str] = match op {
                GET_ARRAY_EL => &["get"],
                _ => &["ownKeys", "getOwnPropertyDescriptor"],
            };
            (values.into_iter().next()??, traps)
        } else {
            // An assignment has freed its object: read from the variable it came from (checked
            // below to be a proxy whose `set` is no function).
            (
                crate::frames::assigned_object(ctx, func, &|n| global_variable(ctx, n))?.0,
                &["set"],
            )
        };
    trap_refusal(ctx, &proxy, traps, show)
}

/// V8's message for the proxy `proxy` whose handler's trap is no function, when an operation
/// that asks its handler for `traps` in that order (the first that is no function refusing)
/// failed with the engine's `not a function`: the trap read as the stack formatter reads
/// errors, along the handler's prototypes (ordinary objects' data properties only: an exotic
/// handler could run code to answer).
pub(super) fn trap_refusal<'js>(
    ctx: &Ctx<'js>,
    proxy: &Value<'js>,
    traps: &[&str],
    show: &Show<'_, 'js>,
) -> Option<String> {
    if !unsafe { qjs::JS_IsProxy(proxy.as_raw()) } {
        return None;
    }
    // SAFETY: a live proxy; the handler returned is owned.
    let handler = unsafe {
        let raw = qjs::JS_GetProxyHandler(ctx.as_raw().as_ptr(), proxy.as_raw());
        Value::from_raw(ctx.clone(), raw)
    };
    if handler.is_exception() {
        // A revoked proxy: no trap to name, and no exception left behind.
        drop(ctx.catch());
        return None;
    }
    let handler_object = handler.as_object()?;
    for trap in traps {
        let Some(value) = handler_trap(ctx, handler_object, trap)? else {
            continue;
        };
        if value.is_function() || value.is_undefined() || value.is_null() {
            continue;
        }
        return Some(format!(
            "'{}' returned for property '{trap}' of object '{}' is not a function",
            (show.value)(&value)?,
            (show.value)(&handler)?
        ));
    }
    None
}

/// The traps a builtin asks of a proxy given as its first argument, in the order it asks
/// (until the first that may run more of them than listed).
pub(super) fn builtin_traps(function: &str) -> Option<&'static [&'static str]> {
    Some(match function {
        "ownKeys" | "getOwnPropertyNames" | "getOwnPropertySymbols" => &["ownKeys"],
        "keys" | "getOwnPropertyDescriptors" => &["ownKeys", "getOwnPropertyDescriptor"],
        "values" | "entries" => &["ownKeys", "getOwnPropertyDescriptor", "get"],
        "getOwnPropertyDescriptor" | "hasOwn" => &["getOwnPropertyDescriptor"],
        "defineProperty" => &["defineProperty"],
        "getPrototypeOf" => &["getPrototypeOf"],
        "setPrototypeOf" => &["setPrototypeOf"],
        "isExtensible" => &["isExtensible"],
        "preventExtensions" => &["preventExtensions"],
        "freeze" | "seal" => &["preventExtensions", "ownKeys"],
        "has" => &["has"],
        "get" => &["get"],
        "set" => &["set"],
        "deleteProperty" => &["deleteProperty"],
        _ => return None,
    })
}

/// The handler's property `trap` (`Some(None)`: it has none), read along its prototypes
/// without running code: `None` where that cannot be known.
fn handler_trap<'js>(
    ctx: &Ctx<'js>,
    handler: &rquickjs::Object<'js>,
    trap: &str,
) -> Option<Option<Value<'js>>> {
    const JS_CLASS_OBJECT: u32 = 1;
    let mut at = handler.clone();
    for _ in 0..32 {
        if unsafe { qjs::JS_GetClassID(at.as_raw()) } != JS_CLASS_OBJECT
            || unsafe { qjs::JS_IsProxy(at.as_raw()) }
        {
            return None;
        }
        match super::own::own_property(ctx, &at, trap) {
            Some(super::own::Own::Data(v)) => return Some(Some(v)),
            Some(super::own::Own::Accessor(_)) => return None,
            None => {}
        }
        match at.get_prototype() {
            Some(p) => at = p,
            None => return Some(None),
        }
    }
    None
}

/// V8's message for the engine's refusal of an assignment to a property (`'x' is read-only`,
/// `no setter for property`, strict code's `not an object` for a primitive's) by the
/// instruction the frame of `func` is stopped past, when its object was read from a variable
/// or is a constant of the code (the engine has freed the operand itself) that still holds a
/// value refusing that assignment.
pub(super) fn assignment_reworded<'js>(
    ctx: &Ctx<'js>,
    message: &str,
    func: &Value<'js>,
    show: &Show<'_, 'js>,
) -> Option<String> {
    let read_only = message
        .strip_prefix('\'')
        .and_then(|m| m.strip_suffix("' is read-only"));
    let primitive = message == "not an object";
    if read_only.is_none() && !primitive && message != "no setter for property" {
        return None;
    }
    let (object, key) = crate::frames::assigned_object(ctx, func, &|n| global_variable(ctx, n))?;
    let name = key.as_ref().and_then(|k| (show.key)(k));
    let key = match (read_only, name) {
        (Some(k), Some(n)) if k != n => return None,
        (Some(k), _) => k.to_string(),
        (None, n) => n?,
    };
    if primitive {
        return primitive_refusal(&object, &key, show);
    }
    let refusal = refusal_of(ctx, &object, &key)?;
    match (read_only, refusal) {
        (Some(_), Refusal::ReadOnly) => {
            let kind = match object.type_of() {
                Type::String => "string",
                Type::Function | Type::Constructor => "function",
                _ => "object",
            };
            Some(format!(
                "Cannot assign to read only property '{key}' of {kind} '{}'",
                (show.value)(&object)?
            ))
        }
        (None, Refusal::NoSetter) => Some(format!(
            "Cannot set property {key} of {} which has only a getter",
            (show.value)(&object)?
        )),
        _ => None,
    }
}

/// V8's message for strict code assigning `key` of the primitive `value` (the engine's `not an
/// object`): a string's index or length is read only, any other property cannot be made.
fn primitive_refusal<'js>(value: &Value<'js>, key: &str, show: &Show<'_, 'js>) -> Option<String> {
    let kind = match value.type_of() {
        Type::String => "string",
        Type::Int | Type::Float => "number",
        Type::Bool => "boolean",
        Type::Symbol => "symbol",
        Type::BigInt => "bigint",
        _ => return None,
    };
    let shown = (show.value)(value)?;
    if let Some(Refusal::ReadOnly) = value
        .as_string()
        .and_then(|_| refusal_of(value.ctx(), value, key))
    {
        return Some(format!(
            "Cannot assign to read only property '{key}' of string '{shown}'"
        ));
    }
    Some(format!(
        "Cannot create property '{key}' on {kind} '{shown}'"
    ))
}

/// How values are shown in messages, as V8 shows them (stack.rs): a value, and a property key
/// (a string, number or symbol).
pub(super) struct Show<'a, 'js> {
    pub(super) value: &'a dyn Fn(&Value<'js>) -> Option<String>,
    pub(super) key: &'a dyn Fn(&Value<'js>) -> Option<String>,
}

/// Why an assignment to `key` of `object` is refused.
enum Refusal {
    ReadOnly,
    NoSetter,
}

/// Why `object` refuses an assignment to its property `key`, as its own properties and those
/// of its prototypes (ordinary objects and the engine's own classes: no proxy, no embedder
/// hook) tell; `None` when they do not refuse it.
fn refusal_of<'js>(ctx: &Ctx<'js>, object: &Value<'js>, key: &str) -> Option<Refusal> {
    /// `JS_CLASS_INIT_COUNT`: the classes past it are the embedder's.
    const CLASS_INIT_COUNT: u32 = 67;
    if let Some(text) = object.as_string() {
        let length = text.to_string().ok()?.encode_utf16().count();
        let index = key.parse::<usize>().ok().filter(|i| key == i.to_string());
        return (key == "length" || index.is_some_and(|i| i < length)).then_some(Refusal::ReadOnly);
    }
    let mut at = object.as_object()?.clone();
    for _ in 0..32 {
        let class = unsafe { qjs::JS_GetClassID(at.as_raw()) };
        if unsafe { qjs::JS_IsProxy(at.as_raw()) } || class >= CLASS_INIT_COUNT {
            return None;
        }
        if let Some(p) = crate::descriptor::own_named(ctx, &at, key) {
            return match (p.is_accessor(), p.is_writable()) {
                (true, _) if p.setter.is_undefined() => Some(Refusal::NoSetter),
                (false, false) => Some(Refusal::ReadOnly),
                _ => None,
            };
        }
        at = at.get_prototype()?;
    }
    None
}

/// V8's message for an array method (`method`, the realm's own, called on `array`) refused by
/// the array (frozen, sealed or not extensible): the engine says what failed, V8 also which
/// index, which the method's own steps on the array's length tell (`pop`, `shift` and
/// `splice` delete the last index first; `push` adds at the length, `unshift` past it by its
/// arguments).
pub(super) fn array_refusal<'js>(
    ctx: &Ctx<'js>,
    message: &str,
    method: &str,
    array: &Value<'js>,
    args: &[Value<'js>],
    show: &Show<'_, 'js>,
) -> Option<String> {
    // The methods that write only to their array (others write to a new one, which may be
    // what refused).
    const WRITERS: [&str; 9] = [
        "pop",
        "push",
        "shift",
        "unshift",
        "splice",
        "reverse",
        "sort",
        "fill",
        "copyWithin",
    ];
    if !WRITERS.contains(&method)
        || !array.as_object()?.is_array()
        || unsafe { qjs::JS_IsProxy(array.as_raw()) }
    {
        return None;
    }
    if let Some(key) = message
        .strip_prefix('\'')
        .and_then(|m| m.strip_suffix("' is read-only"))
    {
        return Some(format!(
            "Cannot assign to read only property '{key}' of object '{}'",
            (show.value)(array)?
        ));
    }
    let length = crate::descriptor::own_named(ctx, array, "length")?;
    let length = length.value.as_int().and_then(|l| u32::try_from(l).ok())?;
    match (message, method) {
        ("could not delete property", "pop" | "shift" | "splice") => Some(format!(
            "Cannot delete property '{}' of {}",
            length.checked_sub(1)?,
            (show.value)(array)?
        )),
        ("object is not extensible", "push") => Some(format!(
            "Cannot add property {length}, object is not extensible"
        )),
        ("object is not extensible", "unshift") if !args.is_empty() => Some(format!(
            "Cannot add property {}, object is not extensible",
            u64::from(length) + args.len() as u64 - 1
        )),
        _ => None,
    }
}

/// V8's message for the realm's `Array.from` (the builtin `func`) refusing its argument's
/// iterator method (the engine's `value is not iterable`: it is there, and no function).
pub(super) fn array_from_refusal<'js>(
    ctx: &Ctx<'js>,
    message: &str,
    func: &Value<'js>,
) -> Option<String> {
    const JS_CLASS_ARRAY: u32 = 2;
    if message != "value is not iterable" {
        return None;
    }
    // SAFETY: the id is the engine's own class of arrays.
    let proto = unsafe {
        Value::from_raw(
            ctx.clone(),
            qjs::JS_GetClassProto(ctx.as_raw().as_ptr(), JS_CLASS_ARRAY),
        )
    };
    // Own data properties of ordinary objects only: code may have made `constructor` anything
    // (a proxy's traps must not run).
    let data = |obj: &Value<'js>, key: &str| match super::own::own_descriptor(
        ctx,
        obj.as_object()?,
        key,
        false,
    )? {
        super::own::Own::Data(v) => Some(v),
        super::own::Own::Accessor(_) => None,
    };
    let from = data(&data(&proto, "constructor")?, "from")?;
    (from == *func).then(|| {
        "%Array%.from requires that the property of the first argument, items[Symbol.iterator], \
         when exists, be a function"
            .to_string()
    })
}

/// The value of the global variable `name` of `ctx`'s realm, read without running code: the
/// global lexical scope's binding (an initialized one), or else the global object's own data
/// property (only of the engine's own global: a contextified one could run code to answer).
fn global_variable<'js>(ctx: &Ctx<'js>, name: &str) -> Option<Value<'js>> {
    /// `JS_CLASS_INIT_COUNT`: the classes past it are the embedder's.
    const CLASS_INIT_COUNT: u32 = 67;
    let c = ctx.as_raw().as_ptr();
    // SAFETY: the realm is live; the lexical scope's object is the context's.
    let lexicals = unsafe { crate::realm::global_lexicals(c)? };
    let lexicals = unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, lexicals)) };
    if let Some(p) = crate::descriptor::own_named(ctx, &lexicals, name) {
        return (!p.is_accessor() && p.value.type_of() != rquickjs::Type::Uninitialized)
            .then_some(p.value);
    }
    let global = ctx.globals();
    let class = unsafe { qjs::JS_GetClassID(global.as_raw()) };
    if unsafe { qjs::JS_IsProxy(global.as_raw()) } || class >= CLASS_INIT_COUNT {
        return None;
    }
    let p = crate::descriptor::own_named(ctx, global.as_value(), name)?;
    (!p.is_accessor()).then_some(p.value)
}
