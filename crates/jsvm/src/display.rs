//! Node's `displayErrors`: the `file:line`, source line and caret ("arrow") that Node puts
//! before the stack of an error escaping a vm script, and V8's wording of syntax errors.

use rquickjs::{Ctx, Object, Result, Value};

use crate::script::Script;

const DECORATED: &str = "jsvm.decorated";

/// Node's displayErrors: put `file:line`, the source line and a caret before the stack of an
/// error escaping a vm script, once.
pub(crate) fn decorate<'js>(ctx: &Ctx<'js>, err: &Value<'js>, script: &Script) {
    let Some(obj) = err.as_object() else { return };
    if rquickjs::Exception::from_object(obj.clone()).is_none() {
        return;
    }
    let _ = (|| -> Result<()> {
        let mark = rquickjs::Symbol::new_global(ctx.clone(), DECORATED)?;
        if obj.get::<_, Option<bool>>(mark.clone())?.unwrap_or(false) {
            return Ok(());
        }
        let stack: Option<String> = obj.get("stack")?;
        let Some(stack) = stack else { return Ok(()) };
        let Some((line, column)) = frame_location(&stack, script.filename()) else {
            return Ok(());
        };
        let index = line as i64 - 1 - script.line_offset() as i64;
        let Some(src) = usize::try_from(index)
            .ok()
            .and_then(|i| script.source().lines().nth(i))
        else {
            return Ok(());
        };
        let caret_col = match src.find("throw") {
            Some(i) => i,
            None => {
                let c = column.saturating_sub(1) as usize;
                if index == 0 {
                    c.saturating_sub(script.column_offset().max(0) as usize)
                } else {
                    c
                }
            }
        };
        let header = arrow(
            crate::module::display_filename(script.filename()),
            line,
            src,
            caret_col,
            1,
        );
        obj.set("stack", format!("{header}\n{stack}"))?;
        mark_decorated(obj, mark)?;
        Ok(())
    })();
}

/// Marks an error as decorated, invisibly to enumeration (util.inspect must not show it).
fn mark_decorated<'js>(err: &Object<'js>, mark: rquickjs::Symbol<'js>) -> Result<()> {
    err.prop(
        mark,
        rquickjs::object::Property::from(true)
            .writable()
            .configurable(),
    )
}

/// `file:line\nsource\n   ^^^\n`
fn arrow(filename: &str, line: u32, source_line: &str, col: usize, len: usize) -> String {
    let pad: String = source_line
        .chars()
        .take(col)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "{filename}:{line}\n{source_line}\n{pad}{}\n",
        "^".repeat(len.max(1))
    )
}

/// Line and column of the first stack frame in `filename`.
fn frame_location(stack: &str, filename: &str) -> Option<(u32, u32)> {
    for l in stack.lines() {
        let t = l.trim_start();
        if !t.starts_with("at ") {
            continue;
        }
        let loc = t.trim_end_matches(')');
        let loc = loc.rsplit_once('(').map(|(_, r)| r).unwrap_or(&loc[3..]);
        let mut parts = loc.rsplitn(3, ':');
        let col = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        if parts.next()? == filename {
            return Some((line, col));
        }
    }
    None
}

/// V8's wording for the syntax errors QuickJS words differently, so programs print what Node
/// prints.
pub(crate) fn v8_syntax_message(quickjs: &str) -> String {
    let table: &[(&str, &str)] = &[
        ("return not in a function", "Illegal return statement"),
        ("unexpected end of input", "Unexpected end of input"),
        ("unexpected end of string", "Invalid or unexpected token"),
        ("unexpected token in expression: '", "Unexpected token '"),
        ("expecting ')'", "missing ) after argument list"),
        ("unterminated string literal", "Invalid or unexpected token"),
        (
            "invalid assignment left-hand side",
            "Invalid left-hand side in assignment",
        ),
    ];
    for (q, v) in table {
        if let Some(rest) = quickjs.strip_prefix(q) {
            return format!("{v}{rest}");
        }
    }
    if let Some(name) = quickjs
        .strip_prefix("invalid redefinition of lexical identifier '")
        .or_else(|| quickjs.strip_prefix("redeclaration of '"))
    {
        return format!("Identifier '{} has already been declared", name);
    }
    if let Some(tok) = quickjs.strip_prefix("unexpected token: '") {
        return format!("Unexpected token '{tok}");
    }
    let mut chars = quickjs.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Throws a SyntaxError carrying Node's decoration (`file:line`, source line, carets).
pub(crate) fn syntax_error_value<'js>(
    ctx: &Ctx<'js>,
    s: &crate::SyntaxError,
) -> Result<Value<'js>> {
    let ctor: rquickjs::Constructor = ctx.globals().get("SyntaxError")?;
    let err: Object = ctor.construct((s.message.clone(),))?;
    let col = s.column.saturating_sub(1) as usize;
    let len = token_len(&s.source_line, col);
    let header = arrow(
        crate::module::display_filename(&s.filename),
        s.line,
        &s.source_line,
        col,
        len,
    );
    let stack: String = err.get("stack").unwrap_or_default();
    err.set("stack", format!("{header}\n{stack}"))?;
    let mark = rquickjs::Symbol::new_global(ctx.clone(), DECORATED)?;
    mark_decorated(&err, mark)?;
    Ok(err.into_value())
}

/// Length of the token starting at `col` (an identifier or keyword, else one character).
fn token_len(line: &str, col: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(col).collect();
    let ident = rest
        .iter()
        .take_while(|c| c.is_alphanumeric() || **c == '_' || **c == '$')
        .count();
    ident.max(1)
}
