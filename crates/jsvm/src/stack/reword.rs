//! V8's words for an error the engine made: its message reworded from the failing builtin,
//! its arguments and operands, and the source line (the formatter's step before the header
//! is read).

use rquickjs::function::This;
use rquickjs::{qjs, Ctx, Function, Object, Value};

use super::link_error::link_words;
use super::own::{own_descriptor, own_property, replace_message, Own};
use super::reading::{function_source_reader, text_of, Reading};
use super::source_columns::{callee_at, constructed_without_arguments, proxy_key_in_source};
use super::{invariants, operands};
use crate::call_text::is_ident;
use crate::frames::bytecode::opcodes::{FOR_OF_START, TO_OBJECT};

/// Whether `name` is an own property of the global of the realm the error was made in (a
/// read-only global such as `undefined`, or one defined with `Object.defineProperty`), rather
/// than a `const` binding.
pub(super) fn is_global_property(error: &Object<'_>, name: &str) -> bool {
    let global = error.ctx().globals();
    crate::descriptor::own_named(error.ctx(), &global, name).is_some()
}

/// V8's words for a proxy whose trap broke an invariant, where the engine's name neither the
/// trap's property nor which rule: the key is read from the builtin's arguments
/// (`Reflect.has(p, 'k')`) or the source (`'k' in p`, `delete p.k`), and the proxy's target,
/// when the builtin was given the proxy and the target is an ordinary object, read without
/// running code.
pub(super) fn proxy_invariant<'js>(
    ctx: &Ctx<'js>,
    message: &str,
    function: Option<&str>,
    args: Option<&[Value<'js>]>,
    at: Option<(&str, i32)>,
) -> Option<String> {
    // The target of a proxy given to the builtin, when code can run in none of its reads.
    let target = args
        .and_then(|a| a.first())
        .filter(|p| unsafe { qjs::JS_IsProxy(p.as_raw()) })
        .and_then(|p| unsafe {
            let t = Value::from_raw(
                ctx.clone(),
                qjs::JS_GetProxyTarget(ctx.as_raw().as_ptr(), p.as_raw()),
            );
            let class = qjs::JS_GetClassID(t.as_raw());
            (t.is_object() && !qjs::JS_IsProxy(t.as_raw()) && matches!(class, 1 | 2 | 12 | 13))
                .then_some(t)
        });
    let extensible =
        |t: &Value<'js>| unsafe { qjs::JS_IsExtensible(ctx.as_raw().as_ptr(), t.as_raw()) > 0 };
    // Whether the target's own `key` is configurable (`None`: it has none).
    let configurable = |t: &Value<'js>, key: &str| {
        crate::descriptor::own_named(ctx, t, key).map(|p| p.is_configurable())
    };
    let key_arg = || {
        args.and_then(|a| a.get(1))
            .and_then(|k| k.as_string().and_then(|s| s.to_string().ok()))
            .filter(|k| k.len() <= 256)
    };
    match message {
        "proxy: defineProperty exception" if function == Some("defineProperty") => {
            key_arg().map(|key| {
                format!("'defineProperty' on proxy: trap returned falsish for property '{key}'")
            })
        }
        "proxy: inconsistent preventExtensions" => Some(
            "'preventExtensions' on proxy: trap returned truish but the proxy target is extensible"
                .into(),
        ),
        "proxy: inconsistent isExtensible" => target.as_ref().map(|t| {
            format!(
                "'isExtensible' on proxy: trap result does not reflect extensibility of proxy \
                 target (which is '{}')",
                extensible(t)
            )
        }),
        "proxy: inconsistent prototype"
            if function == Some("getPrototypeOf") && target.as_ref().is_some_and(extensible) =>
        {
            Some("'getPrototypeOf' on proxy: trap returned neither object nor null".into())
        }
        "proxy: inconsistent has" | "proxy: inconsistent deleteProperty" => {
            let trap = if message.ends_with("has") {
                "has"
            } else {
                "deleteProperty"
            };
            let key = match (function, args) {
                (Some("has" | "deleteProperty"), Some(_)) => key_arg(),
                _ => at.and_then(|(line, col)| proxy_key_in_source(line, col, trap)),
            }?;
            // The rule broken: the property is non-configurable, or the target not extensible.
            let non_extensible = target
                .as_ref()
                .is_some_and(|t| configurable(t, &key) == Some(true) && !extensible(t));
            Some(match (trap, non_extensible) {
                ("has", false) => format!(
                    "'has' on proxy: trap returned falsish for property '{key}' which exists in \
                     the proxy target as non-configurable"
                ),
                ("has", true) => format!(
                    "'has' on proxy: trap returned falsish for property '{key}' but the proxy \
                     target is not extensible"
                ),
                (_, false) => format!(
                    "'deleteProperty' on proxy: trap returned truish for property '{key}' which \
                     is non-configurable in the proxy target"
                ),
                (_, true) => format!(
                    "'deleteProperty' on proxy: trap returned truish for property '{key}' but \
                     the proxy target is non-extensible"
                ),
            })
        }
        _ => None,
    }
}

/// Replaces a QuickJS message by V8's where they say the same thing differently; `at` is the
/// source line, column and `new`-ness of the error's position, when known.
/// `function` is the name of the function the error's first frame is in; `quoting`, when that
/// is a builtin, the arguments of its call and the type its frame is named by.
pub(super) fn reword<'js>(
    error: &Object<'js>,
    reading: &Reading<'_, 'js>,
    at: Option<(&str, i32, bool)>,
    function: Option<&str>,
    in_function: bool,
    quoting: Option<(&[Value<'js>], Option<&str>)>,
    refused_callee: Option<&str>,
) {
    let Some(message) = text_of(error, "message", reading) else {
        return;
    };
    let quoted = quoting.zip(function).and_then(|((args, holder), f)| {
        let ctx = error.ctx();
        if f == "defineProperty"
            && matches!(
                message.as_str(),
                "Getter must be a function" | "Setter must be a function"
            )
        {
            // The descriptor's own `get` or `set`, as V8 shows it.
            let key = if message.starts_with("Getter") {
                "get"
            } else {
                "set"
            };
            let descriptor = args.get(2)?.as_object()?;
            let Some(Own::Data(v)) = own_property(ctx, descriptor, key) else {
                return None;
            };
            return arg_of(ctx, &v).shown().map(|v| format!("{message}: {v}"));
        }
        let args: Vec<_> = args.iter().map(|v| arg_of(ctx, v)).collect();
        if f == "RegExp" {
            // The constructor refused a pattern or flags given as strings.
            use crate::v8_wording::Arg;
            let text = |a: Option<&Arg>, missing: &str| match a {
                Some(Arg::Str(s)) => Some(s.clone()),
                None | Some(Arg::Undefined) => Some(missing.to_string()),
                _ => None,
            };
            let pattern = text(args.first(), "(?:)")?;
            let flags = text(args.get(1), "")?;
            return crate::v8_wording::regexp_refusal(&message, &[pattern, flags]);
        }
        crate::v8_wording::refusal_quoting(&message, f, holder, &args)
    });
    // A builtin asking a proxy given to it for a trap that is no function.
    let trap = (message == "not a function")
        .then_some(quoting.zip(function))
        .flatten()
        .and_then(|((args, _), f)| {
            let ctx = error.ctx();
            let show = operands::Show {
                value: &|v| shown_value(ctx, v),
                key: &|k| shown_key(ctx, k),
            };
            operands::trap_refusal(ctx, args.first()?, operands::builtin_traps(f)?, &show)
        });
    // A builtin's proxy (its first argument) refused by an invariant: the key is the second.
    let invariant = message
        .starts_with("proxy: ")
        .then_some(quoting)
        .flatten()
        .and_then(|(args, _)| {
            let key = args
                .get(1)
                .and_then(|k| shown_key(error.ctx(), k))
                .filter(|_| args.get(1).is_some_and(|k| k.is_string()));
            invariants::reworded(
                error.ctx(),
                &message,
                args.first()?,
                key.as_deref(),
                args.get(2),
            )
        });
    let proxy = message.starts_with("proxy: ").then(|| {
        proxy_invariant(
            error.ctx(),
            &message,
            function,
            quoting.map(|(args, _)| args),
            at.map(|(line, col, _)| (line, col)),
        )
    });
    let new_message = if let Some(m) = trap.or(invariant) {
        Some(m)
    } else if let Some(m) = quoted {
        Some(m)
    } else if let Some(Some(m)) = proxy {
        Some(m)
    } else if let Some(m) = crate::v8_wording::builtin_refusal(&message, function) {
        Some(m)
    } else if message == "not a function"
        && function
            .is_some_and(|f| f == "Promise" || crate::v8_wording::CALLBACK_TAKERS.contains(&f))
    {
        // A builtin given no function: V8 prints the value, known when it is a literal (or
        // missing) in the caller's call.
        at.and_then(|(line, col, _)| crate::call_text::literal_argument(line, col))
            .map(|value| match function {
                Some("Promise") => format!("Promise resolver {value} is not a function"),
                _ => format!("{value} is not a function"),
            })
    } else if message == "not an object"
        && matches!(function, Some("fromEntries" | "Map" | "WeakMap"))
    {
        // An entry that is no object: the value is gone with the iterator; a literal element
        // of the caller's array literal tells it.
        at.and_then(|(line, col, _)| crate::call_text::non_entry_element(line, col))
            .map(|value| format!("Iterator value {value} is not an entry object"))
    } else if message == "parent class must be constructor" {
        // V8 prints what the class extends, read from the source.
        at.and_then(|(line, _, _)| {
            let (_, rest) = line.split_once(" extends ")?;
            let value = rest.split('{').next()?.trim();
            (!value.is_empty())
                .then(|| format!("Class extends value {value} is not a constructor or null"))
        })
    } else if message == "value is not iterable"
        && function.is_some_and(|f| crate::v8_wording::ITERABLE_TAKERS.contains(&f))
    {
        // A builtin given what it cannot iterate: V8 names the value's type and the value, known
        // when the caller's argument is a literal.
        at.and_then(|(line, col, _)| crate::call_text::literal_argument(line, col))
            .and_then(|value| {
                let kind = match value.as_str() {
                    "true" | "false" => "boolean",
                    "null" | "undefined" => return None,
                    _ => "number",
                };
                Some(format!(
                    "{kind} {value} is not iterable (cannot read property Symbol(Symbol.iterator))"
                ))
            })
    } else if message == "value is not iterable" && at.is_some() {
        at.and_then(|(line, col, _)| crate::call_text::not_iterable(line, col))
    } else if let Some(m) = link_words(error, &message) {
        Some(m)
    } else if message == "object is not extensible" && function == Some("defineProperty") {
        // Object.defineProperty(o, 'key', ...) adding to a non-extensible object.
        at.and_then(|(line, col, _)| defined_key(line, col))
            .map(|key| format!("Cannot define property {key}, object is not extensible"))
    } else if message == "object is not extensible" && function != Some("setPrototypeOf") {
        // An assignment adding a property (strict code): the key is read from the source.
        at.and_then(|(line, col, _)| crate::call_text::assigned_property(line, col))
            .map(|(_, key)| format!("Cannot add property {key}, object is not extensible"))
    } else if message == "property is not configurable" && function == Some("defineProperty") {
        // Object.defineProperty(o, 'key', ...) refused: the key is read from the caller's call.
        at.and_then(|(line, col, _)| defined_key(line, col))
            .map(|key| format!("Cannot redefine property: {key}"))
    } else if let Some(name) = message
        .strip_prefix("private class field '")
        .and_then(|rest| rest.strip_suffix("' does not exist"))
    {
        // V8 says whether the member was read or written (an assignment with `=` writes; a
        // compound one reads first), as the source tells.
        at.and_then(|(line, col, _)| crate::call_text::private_member_written(line, col, name))
            .map(|written| match written {
                true => {
                    format!("Cannot write private member {name} to an object whose class did not declare it")
                }
                false => {
                    format!("Cannot read private member {name} from an object whose class did not declare it")
                }
            })
    } else if message == "not a function" || message == "not a constructor" {
        let (line, mut col, is_new) = at.unwrap_or(("", 0, false));
        // For a callee that is no constructor QuickJS points at the `new` itself.
        let from = (col - 1).max(0) as usize;
        let at_new = line.chars().skip(from).take(4).eq("new ".chars());
        // The engine says `not a function` for `new` of a primitive, placed at the primitive.
        let after_new = {
            let head: String = line.chars().take(from).collect();
            let head = head.trim_end();
            head.strip_suffix("new")
                .is_some_and(|h| h.chars().last().is_none_or(|c| !is_ident(c)))
                && head.len() < line.len()
        };
        // A parenthesized callee constructed without arguments (`new ({})`).
        let parenthesized = crate::call_text::constructed_parenthesized(line, col);
        let is_new = is_new || at_new || after_new || parenthesized.is_some();
        if at_new {
            let spaces = line
                .chars()
                .skip(from + 4)
                .take_while(|c| *c == ' ')
                .count();
            col += 4 + spaces as i32;
        }
        if message == "not a constructor" {
            // callee_at reads a dotted chain back from its last name (`new a.b.C()`).
            let chain: Vec<char> = line
                .chars()
                .skip((col - 1) as usize)
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$' || *c == '.')
                .collect();
            if let Some(dot) = chain.iter().rposition(|c| *c == '.') {
                col += dot as i32 + 1;
            }
        }
        let callee = refused_callee
            .map(str::to_owned)
            .or(parenthesized)
            .or_else(|| callee_at(line, col))
            .or_else(|| crate::call_text::computed_callee(line, col))
            .or_else(|| {
                (is_new || message == "not a constructor")
                    .then(|| constructed_without_arguments(line, col))
                    .flatten()
            })
            .unwrap_or_else(|| "expression".into());
        Some(if is_new || message == "not a constructor" {
            format!("{callee} is not a constructor")
        } else {
            format!("{callee} is not a function")
        })
    } else if message == "proxy: inconsistent prototype" {
        // Both traps' invariant: the builtin that ran the trap tells which (`instanceof` and
        // `__proto__` run it with no builtin frame of that name: left as is).
        match function {
            Some("getPrototypeOf") => Some(
                "'getPrototypeOf' on proxy: proxy target is non-extensible but the trap did not \
                 return its actual prototype"
                    .into(),
            ),
            Some("setPrototypeOf") => Some(
                "'setPrototypeOf' on proxy: trap returned truish for setting a new prototype on \
                 the non-extensible proxy target"
                    .into(),
            ),
            _ => None,
        }
    } else if message == "class constructors must be invoked with 'new'" {
        // The first frame is the class's own constructor.
        function.map(|class| format!("Class constructor {class} cannot be invoked without 'new'"))
    } else if function == Some("RegExp")
        && text_of(error, "name", reading).is_some_and(|n| n == "SyntaxError")
    {
        // The RegExp constructor refused a pattern or flags: V8 quotes them, which the message
        // lacks; known when the call's arguments are literals.
        at.and_then(|(line, col, _)| {
            // QuickJS's position is the callee's name (`new`) or the call's first argument.
            let head: String = line.chars().take(col.max(0) as usize + 5).collect();
            let start = head.rfind("RegExp")?;
            let col = head[..start].chars().count() as i32 + 1;
            crate::call_text::constructor_arguments(line, col, "RegExp")
        })
        .and_then(|args| crate::v8_wording::regexp_refusal(&message, &args))
    } else if text_of(error, "name", reading).is_some_and(|n| n == "SyntaxError") {
        // A syntax error thrown while running (by eval, new Function): the compile-time words.
        match at {
            // Thrown in a function of source code: the engine's refusal of a redeclaration when
            // a script is instantiated, or else made by the program (`new SyntaxError`; the
            // parser's position is a frame of no function), in its own words.
            Some(_) if in_function && function != Some("<eval>") => {
                let lowered = message.to_lowercase();
                (lowered.starts_with("redeclaration of '")
                    || lowered.starts_with("invalid redefinition of "))
                .then(|| crate::v8_wording::v8_syntax_known(&message))
                .flatten()
                .or_else(|| {
                    message
                        .starts_with("redeclaration of ")
                        .then(|| v8_wording(&message))
                        .flatten()
                })
            }
            Some((line, col, _)) if crate::script::is_import_statement(line, col as u32) => {
                Some("Cannot use import statement outside a module".into())
            }
            _ => {
                // The parser's position is a frame of no function; an error code made with
                // `new SyntaxError` has its maker's frame there (an anonymous function's has
                // no name, but has the function), and its own words.
                let site =
                    at.filter(|_| function.is_none() && !in_function)
                        .map(|(line, col, _)| {
                            crate::v8_wording::Site {
                                line,
                                column: col.max(0) as u32,
                                // Only the line is known here.
                                strict: line.contains("use strict"),
                            }
                        });
                site.and_then(|site| crate::v8_wording::v8_syntax_site(&message, &site))
                    .or_else(|| crate::v8_wording::v8_syntax_known(&message))
                    .or_else(|| v8_wording(&message))
            }
        }
    } else {
        v8_wording(&message)
    };
    if let Some(m) = new_message {
        replace_message(error, &m);
    }
}

/// The key of the `Object.defineProperty(o, 'key', ...)` call around `col` of `line` (the
/// caller's position), when a literal.
pub(super) fn defined_key(line: &str, col: i32) -> Option<String> {
    let head: String = line.chars().take(col.max(0) as usize + 16).collect();
    let start = head.rfind("defineProperty(")?;
    let open = head[..start].chars().count() as i32 + "defineProperty(".len() as i32;
    crate::call_text::defined_property(line, open + 1)
}

/// V8's message for the engine's refusal to destructure undefined or null, in the function
/// `func` of the error's first frame (still running) at `at` (its line and column): when it
/// was a parameter's pattern (the function's source tells the pattern, its frame the
/// argument), or the one pattern declared on the line, of a value the source or the
/// function's arguments tell.
pub(super) fn destructured<'js>(
    ctx: &Ctx<'js>,
    error: &Object<'js>,
    reading: &Reading<'_, 'js>,
    func: Option<&(Value<'js>, Option<String>)>,
    at: Option<(&str, i32, bool)>,
) -> Option<(String, Option<(i32, i32)>)> {
    if text_of(error, "message", reading)? != "Cannot convert undefined or null to object" {
        return None;
    }
    let known = func.and_then(|(func, _)| {
        let args = crate::frames::args_of(ctx, func)?;
        let source: String = function_source_reader(ctx)?
            .call((This(func.clone()),))
            .map_err(|_| drop(ctx.catch()))
            .ok()?;
        Some((args, source))
    });
    // (An argument past those read is not known.)
    let kind = |v: Option<&Value<'js>>| match v {
        Some(v) if v.is_undefined() => Some(false),
        Some(v) if v.is_null() => Some(true),
        _ => None,
    };
    // Where V8 points, `offset` chars into the function's source, when the engine's position
    // is the function's start: the lines below the engine's, and the column.
    let column = |source: &str, offset: usize| {
        let (line, col, _) = at?;
        let start = (col - 1).max(0) as usize;
        let first = source.split('\n').next()?;
        let rest: String = line.chars().skip(start).collect();
        if !rest.starts_with(first) {
            return None;
        }
        let head: String = source.chars().take(offset).collect();
        let below = head.matches('\n').count();
        let in_line = head.rsplit('\n').next().unwrap_or("").chars().count();
        let col = if below == 0 { start + in_line } else { in_line };
        Some((below as i32, col as i32 + 1))
    };
    if let Some((args, source)) = &known {
        let m = crate::call_text::destructured_parameter(source, |i| kind(args.get(i)));
        if let Some((m, offset)) = m {
            return Some((m, column(source, offset)));
        }
    }
    // The value the function's `to_object` refused (a pattern's), still on its stack.
    let refused = func
        .and_then(|(func, _)| crate::frames::stopped_operands(ctx, func, &[TO_OBJECT]))
        .and_then(|slots| kind(slots.first()));
    let value_of = |name: &str| {
        let parameter = known.as_ref().and_then(|(args, source)| {
            kind(args.get(crate::call_text::parameter_index(source, name)?))
        });
        parameter.or(refused)
    };
    // The engine's position may be the function's start: then its one pattern, if one.
    if let Some((line, _, _)) = at {
        if let Some((m, offset)) = crate::call_text::destructured_declaration(line, value_of) {
            return Some((m, Some((0, offset as i32 + 1))));
        }
    }
    let (_, source) = known.as_ref()?;
    crate::call_text::destructured_declaration(source, value_of)
        .map(|(m, offset)| (m, column(source, offset)))
}

/// V8's message for the engine's `value is not iterable` of the one array pattern declared in
/// the function `func` of the error's first frame (still running), when the engine's position
/// `at` does not tell the expression (it gives the function's start): the function iterates
/// once (one `for_of_start`), which is the instruction that refused.
pub(super) fn not_iterable_pattern<'js>(
    ctx: &Ctx<'js>,
    error: &Object<'js>,
    reading: &Reading<'_, 'js>,
    func: &Value<'js>,
    at: Option<(&str, i32, bool)>,
) -> Option<String> {
    if text_of(error, "message", reading)? != "value is not iterable"
        || at.is_some_and(|(line, col, _)| crate::call_text::not_iterable(line, col).is_some())
        || crate::frames::bytecode::count_of(func, FOR_OF_START)? != 1
    {
        return None;
    }
    crate::frames::stopped_operands(ctx, func, &[FOR_OF_START])?;
    let source: String = function_source_reader(ctx)?
        .call((This(func.clone()),))
        .map_err(|_| drop(ctx.catch()))
        .ok()?;
    crate::call_text::not_iterable_declaration(&source)
}

/// V8's message for a method of a builtin class called on a receiver that is none of its
/// instances (the engine's `Map object expected`), the method being `name`.
pub(super) fn incompatible_receiver<'js>(
    ctx: &Ctx<'js>,
    message: &str,
    name: &str,
    receiver: &Value<'js>,
) -> Option<String> {
    let class = message.strip_suffix(" object expected")?;
    if !matches!(
        class,
        "Map" | "Set" | "WeakMap" | "WeakSet" | "Promise" | "RegExp" | "ArrayBuffer"
    ) {
        return None;
    }
    let shown = arg_of(ctx, receiver).shown()?;
    // An accessor's name leads with its kind: `get Map.prototype.size`.
    let (kind, name) = match name.split_once(' ') {
        Some((kind @ ("get" | "set"), key)) => (format!("{kind} "), key),
        _ => (String::new(), name),
    };
    Some(format!(
        "Method {kind}{class}.prototype.{name} called on incompatible receiver {shown}"
    ))
}

/// A property key as V8's messages show it (a string, number or symbol; another value would
/// be converted by code).
pub(super) fn shown_key<'js>(ctx: &Ctx<'js>, key: &Value<'js>) -> Option<String> {
    match arg_of(ctx, key) {
        a @ (crate::v8_wording::Arg::Str(_)
        | crate::v8_wording::Arg::Number(_)
        | crate::v8_wording::Arg::Symbol(_)) => a.shown(),
        _ => None,
    }
}

/// A value as V8's messages show it: a function by its text (up to 4 KiB; V8 quotes any), a
/// BigInt by its digits, anything else as the builtins' refusals show their arguments (`None`
/// where that is not known).
pub(super) fn shown_value<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> Option<String> {
    if v.type_of() == rquickjs::Type::BigInt {
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
        return arg_of(ctx, v).shown();
    }
    if unsafe { qjs::JS_IsProxy(v.as_raw()) } {
        return None;
    }
    let reader: Function<'js> = function_source_reader(ctx)?;
    let text: String = reader
        .call((This(v.clone()),))
        .map_err(|_| drop(ctx.catch()))
        .ok()?;
    (text.len() <= 4096).then_some(text)
}

/// An argument as V8's messages show it, read without running code.
pub(super) fn arg_of<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> crate::v8_wording::Arg {
    use crate::v8_wording::Arg;
    use rquickjs::Type;
    // Longer strings are not quoted (V8 would; the message would be as long).
    const MAX_QUOTED: usize = 256;
    match v.type_of() {
        Type::Undefined | Type::Uninitialized => Arg::Undefined,
        Type::Null => Arg::Null,
        Type::Bool => Arg::Bool(v.as_bool().unwrap_or(false)),
        Type::Int => Arg::Number(v.as_int().unwrap_or(0).to_string()),
        Type::Float => {
            // The engine's text of a number runs no code.
            let text = unsafe {
                Value::from_raw(
                    ctx.clone(),
                    qjs::JS_ToString(ctx.as_raw().as_ptr(), v.as_raw()),
                )
            };
            match text.as_string().and_then(|s| s.to_string().ok()) {
                Some(t) => Arg::Number(t),
                None => {
                    drop(ctx.catch());
                    Arg::Other
                }
            }
        }
        Type::String => match v.as_string().and_then(|s| s.to_string().ok()) {
            Some(s) if s.len() <= MAX_QUOTED => Arg::Str(s),
            _ => Arg::Other,
        },
        // A symbol's description, as the engine keeps it with its atom (no code runs).
        Type::Symbol => Arg::Symbol(unsafe {
            let c = ctx.as_raw().as_ptr();
            let atom = qjs::JS_ValueToAtom(c, v.as_raw());
            let text = qjs::JS_AtomToCStringLen(c, std::ptr::null_mut(), atom);
            qjs::JS_FreeAtom(c, atom);
            if text.is_null() {
                drop(ctx.catch());
                None
            } else {
                let s = std::ffi::CStr::from_ptr(text)
                    .to_string_lossy()
                    .into_owned();
                qjs::JS_FreeCString(c, text);
                Some(s).filter(|s| s.len() <= MAX_QUOTED)
            }
        }),
        Type::BigInt => Arg::BigInt,
        _ if v.is_function() => Arg::Function,
        _ => match v.as_object() {
            Some(o) if o.is_array() => Arg::Array,
            Some(o) => Arg::Object(class_name(ctx, o)),
            None => Arg::Other,
        },
    }
}

/// The name of `obj`'s constructor along its prototype chain (data properties only, no
/// proxy), as V8 names an object `#<Name>`.
pub(super) fn class_name<'js>(ctx: &Ctx<'js>, obj: &Object<'js>) -> Option<String> {
    let mut at = obj.clone();
    for _ in 0..32 {
        if unsafe { qjs::JS_IsProxy(at.as_raw()) } {
            return None;
        }
        if let Some(own) = own_descriptor(ctx, &at, "constructor", false) {
            let Own::Data(ctor) = own else { return None };
            let Some(Own::Data(name)) = own_descriptor(ctx, ctor.as_object()?, "name", false)
            else {
                return None;
            };
            return name.as_string()?.to_string().ok().filter(|n| !n.is_empty());
        }
        at = at.get_prototype()?;
    }
    None
}

/// V8's wording of engine messages that do not depend on the source.
pub(super) fn v8_wording(message: &str) -> Option<String> {
    let quoted = |rest: &str, sep: &str| -> Option<(String, String)> {
        let rest = rest.strip_prefix('\'')?;
        let (name, tail) = rest.split_once(sep)?;
        Some((name.to_string(), tail.to_string()))
    };
    if let Some(rest) = message.strip_prefix("cannot read property ") {
        let (name, of) = quoted(rest, "' of ")?;
        if name.starts_with("Symbol.") {
            return None;
        }
        return Some(format!("Cannot read properties of {of} (reading '{name}')"));
    }
    if let Some(rest) = message.strip_prefix("cannot set property ") {
        let (name, of) = quoted(rest, "' of ")?;
        return Some(format!("Cannot set properties of {of} (setting '{name}')"));
    }
    if message == "this is not initialized" {
        return Some(
            "Must call super constructor in derived class before accessing 'this' or returning \
             from derived constructor"
                .into(),
        );
    }
    if let Some(name) = message.strip_suffix(" is not initialized") {
        return Some(format!("Cannot access '{name}' before initialization"));
    }
    if let Some(rest) = message.strip_prefix("redeclaration of ") {
        let (name, tail) = quoted(rest, "'")?;
        return tail
            .is_empty()
            .then(|| format!("Identifier '{name}' has already been declared"));
    }
    // QuickJS-ng adds the line and column to JSON.parse's position; V8 (Node 20) does not.
    if message.contains(" in JSON at position ") && message.ends_with(')') {
        if let Some(i) = message.rfind(" (line ") {
            return Some(message[..i].to_string());
        }
    }
    let fixed = match message {
        "cannot convert symbol to string" => "Cannot convert a Symbol value to a string",
        "invalid array length" => "Invalid array length",
        "empty array" => "Reduce of empty array with no initial value",
        "BigInt are forbidden in JSON.stringify" => "Do not know how to serialize a BigInt",
        "bigint argument with unary +" => "Cannot convert a BigInt value to a number",
        "BigInt is too large to allocate" | "BigInt is too large" => "Maximum BigInt size exceeded",
        // V8's own words for a negative exponent (it names no operand).
        "BigInt negative exponent" => "undefined must be positive",
        "cannot convert BigInt to number" => {
            "Cannot mix BigInt and other types, use explicit conversions"
        }
        "expecting hex digit" => "URI malformed",
        // QuickJS says this for any right operand that is no function; V8 has two messages,
        // and a missing (undefined) class is the case programs meet.
        "invalid 'instanceof' right operand" => "Right-hand side of 'instanceof' is not an object",
        // Thrown only for a proxy's setPrototypeOf trap that returned false (V8 names the
        // property as `undefined`, literally).
        "proxy: bad prototype" => {
            "'setPrototypeOf' on proxy: trap returned falsish for property 'undefined'"
        }
        // Only a proxy can refuse Object.preventExtensions.
        "Cannot prevent extensions" => "'preventExtensions' on proxy: trap returned falsish",
        // Proxy invariants whose QuickJS message has one V8 counterpart that names nothing the
        // message lacks.
        "proxy: inconsistent preventExtensions" => {
            "'preventExtensions' on proxy: trap returned truish but the proxy target is extensible"
        }
        "proxy: ownKeys must return an object" => "CreateListFromArrayLike called on non-object",
        "proxy: duplicate property" => "'ownKeys' on proxy: trap returned duplicate entries",
        "proxy: property not present in target were returned by non extensible proxy" => {
            "'ownKeys' on proxy: trap returned extra keys but proxy target is non-extensible"
        }
        _ => return None,
    };
    Some(fixed.to_string())
}
