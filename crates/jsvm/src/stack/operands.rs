//! V8's words for refusals of the `delete` and `in` operators, which name the object and key
//! the engine's message leaves out: `Cannot delete property 'x' of #<Object>` (QuickJS: `could
//! not delete property`; a proxy's trap that returned falsish is named) and `Cannot use 'in'
//! operator to search for 'x' in 5` (`invalid 'in' operand`).
//!
//! While the engine gives the error its stack, the frame of the function whose operator
//! refused is stopped just past that instruction, and both operands are still on its operand
//! stack (the instruction frees them only when it succeeds): [`crate::frames::stopped_operands`]
//! reads them there, from the depth a walk of the bytecode gives. They are shown as V8's
//! messages show them, read without running code (a function's text through the main realm's
//! `Function.prototype.toString`, as elsewhere here).
//!
//! An assignment's refusals (`'x' is read-only`, `no setter for property`) are not worded so:
//! the engine has freed the assignment's object by then, and V8's message names it.

use rquickjs::{qjs, Ctx, Function, Type, Value};

use crate::frames::bytecode::opcodes::{DELETE, IN};
use crate::v8_wording::Arg;

/// The longest function text quoted (V8 quotes any; a longer one leaves the engine's words).
const MAX_FUNCTION_TEXT: usize = 4096;

/// V8's message for the engine's refusal `message`, made by the instruction the frame of
/// `func` (the error's first frame, still running) is in, when that instruction is the one
/// that makes such a refusal and its operands can be shown.
pub(super) fn reworded<'js>(ctx: &Ctx<'js>, message: &str, func: &Value<'js>) -> Option<String> {
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
            shown(ctx, &left)?,
            shown(ctx, &right)?
        ));
    }
    // `delete object[key]`.
    let key = shown_key(ctx, &right)?;
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
        _ => shown(ctx, &left)?,
    };
    Some(format!("Cannot delete property '{key}' of {object}"))
}

/// A property key as V8's messages show it (a string, number or symbol; another value would
/// be converted by code).
fn shown_key<'js>(ctx: &Ctx<'js>, key: &Value<'js>) -> Option<String> {
    match super::arg_of(ctx, key) {
        a @ (Arg::Str(_) | Arg::Number(_) | Arg::Symbol(_)) => a.shown(),
        _ => None,
    }
}

/// A value as V8's messages show it: a function by its text, anything else as the builtins'
/// refusals show their arguments (`None` where that is not known).
fn shown<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Option<String> {
    if v.type_of() == Type::BigInt {
        // The engine's text of a BigInt runs no code.
        let text = unsafe {
            Value::from_raw(
                ctx.clone(),
                qjs::JS_ToString(ctx.as_raw().as_ptr(), v.as_raw()),
            )
        };
        return match text.as_string().and_then(|s| s.to_string().ok()) {
            Some(t) => Some(t),
            None => {
                drop(ctx.catch());
                None
            }
        };
    }
    if !v.is_function() {
        return super::arg_of(ctx, v).shown();
    }
    if unsafe { qjs::JS_IsProxy(v.as_raw()) } {
        return None;
    }
    let reader: Function<'js> = super::function_source_reader(ctx)?;
    let text: String = reader
        .call((rquickjs::function::This(v.clone()),))
        .map_err(|_| drop(ctx.catch()))
        .ok()?;
    (text.len() <= MAX_FUNCTION_TEXT).then_some(text)
}
