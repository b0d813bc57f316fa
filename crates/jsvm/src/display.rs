//! Node's `displayErrors`: the `file:line`, source line and caret ("arrow") that Node puts
//! before the stack of an error escaping a vm script.

use rquickjs::{Ctx, Object, Result, Value};

use crate::call_text::is_ident;

const DECORATED: &str = "jsvm.decorated";

/// Node's displayErrors: put `file:line`, the source line and a caret before the stack of an
/// error escaping a vm script (its filename, offsets and source text), once.
pub(crate) fn decorate<'js>(
    ctx: &Ctx<'js>,
    err: &Value<'js>,
    filename: &str,
    line_offset: i32,
    column_offset: i32,
    source: &str,
) {
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
        // Node's arrow marks where the error was thrown: the top frame with a known source,
        // in the script itself or in any other code it called.
        let state = crate::runtime::state::RuntimeState::of(ctx);
        // A position the library kept on the error (`line:col:file` under a symbol).
        let kept = |key: &str| {
            rquickjs::Symbol::new_global(ctx.clone(), key)
                .and_then(|key| obj.get::<_, Option<String>>(key))
                .ok()
                .flatten()
                .and_then(|at| {
                    let mut parts = at.splitn(3, ':');
                    let line = parts.next()?.parse().ok()?;
                    let col = parts.next()?.parse().ok()?;
                    Some((parts.next()?.to_string(), line, col))
                })
        };
        // Thrown again after a catch: Node's arrow marks the last throw. A stack in code's own
        // format may have no frames, or mapped ones: where the error was made comes next.
        let thrown_at = kept(crate::stack::THROWN_AT);
        let made_at = kept(crate::stack::MADE_AT);
        let mut positions = thrown_at.into_iter().chain(made_at).chain(frames(&stack));
        let Some((file, line, column, src)) = positions.find_map(|(file, line, col)| {
            if file == filename {
                let index = line as i64 - 1 - line_offset as i64;
                let src = usize::try_from(index)
                    .ok()
                    .and_then(|i| source.lines().nth(i))?;
                let col = if index == 0 {
                    col.saturating_sub(crate::script::column_pad(column_offset))
                } else {
                    col
                };
                Some((file, line, col, src.to_string()))
            } else {
                let src = state.source_line(&file, line as i32)?;
                Some((file, line, col, src))
            }
        }) else {
            return Ok(());
        };
        let caret_col = throw_arrow_column(&src, column.saturating_sub(1) as usize);
        let header = arrow(
            crate::filename::display_filename(&file),
            line,
            &src,
            caret_col,
            1,
        );
        obj.set("stack", format!("{header}\n{stack}"))?;
        mark_decorated(obj, mark)?;
        Ok(())
    })();
}

/// Line `line` (numbered as stack frames number it) of the code compiled in this runtime under
/// `filename` (a script, a function body, a module), as it was compiled: a host printing an
/// uncaught error puts it in Node's arrow, for code that is not a file too. `None` when no such
/// code was compiled or its text is no longer kept.
pub fn source_line(ctx: &Ctx<'_>, filename: &str, line: i32) -> Option<String> {
    crate::runtime::state::RuntimeState::of(ctx).source_line(filename, line)
}

/// Where code last threw `value`, a value other than an error (`throw 42`, `throw {a: 1}`),
/// as `(filename, line, column)` (the column 1-based, in UTF-16 units), when it was the last
/// such value thrown in this runtime: Node puts the arrow over it too when it is uncaught.
/// `None` for an error (its `stack` says where it was made, and the library keeps where it was
/// thrown on it), for eval code, or when the engine passed the throw on unseen.
///
/// ```
/// use jsvm::engine::{rquickjs::Value, ContextHandle};
///
/// let rt = jsvm::Runtime::new().unwrap();
/// rt.with_ctx(|ctx| {
///     let context = ContextHandle::create(&ctx, None, &Default::default()).unwrap();
///     let options = jsvm::ScriptOptions { filename: Some("t.js".into()), ..Default::default() };
///     let script = jsvm::Script::lazy("let a = 1;\n  throw 42;", options);
///     assert!(context.run(&script, &Default::default()).is_err());
///     let thrown: Value = ctx.catch();
///     let at = jsvm::engine::thrown_value_at(&ctx, &thrown).unwrap();
///     // The engine's column is the value thrown's; `throw_arrow_column` moves to the `throw`.
///     assert_eq!(at, ("t.js".to_string(), 2, 9));
///     assert_eq!(jsvm::engine::throw_arrow_column("  throw 42;", 8), 2);
///     let other = Value::new_int(ctx.clone(), 41);
///     assert_eq!(jsvm::engine::thrown_value_at(&ctx, &other), None);
/// });
/// ```
pub fn thrown_value_at(ctx: &Ctx<'_>, value: &Value<'_>) -> Option<(String, u32, u32)> {
    let state = crate::runtime::state::RuntimeState::of(ctx);
    let kept = state.thrown_value.borrow();
    let (identity, at) = kept.as_ref()?;
    if *identity != crate::stack::identity_of(value) {
        return None;
    }
    let mut parts = at.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let col = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, col))
}

/// Where Node's arrow points on the source line `src` for an error made at `col` (0-based, in
/// characters): the `throw` statement it was made in (the last `throw` before it; `x; throw
/// ...` with `x` undefined marks `x`), or, for an error made by `new` before the line's
/// `throw` (`const e = new Error(); throw e`), that `throw`; else `col`. The library decorates
/// the errors of vm scripts with it; a host printing uncaught errors can use the same rule.
///
/// ```
/// use jsvm::engine::throw_arrow_column;
/// assert_eq!(throw_arrow_column("if (a) throw new Error('x')", 17), 7);
/// assert_eq!(throw_arrow_column("x; throw new Error('x')", 0), 0);
/// assert_eq!(throw_arrow_column("const e = new Error(); throw e", 10), 23);
/// ```
pub fn throw_arrow_column(src: &str, col: usize) -> usize {
    let chars: Vec<char> = src.chars().collect();
    let word_at = |i: usize, w: &str| {
        let n = w.chars().count();
        i + n <= chars.len()
            && chars[i..i + n].iter().copied().eq(w.chars())
            && (i == 0 || !is_ident(chars[i - 1]) && chars[i - 1] != '.')
            && chars.get(i + n).is_none_or(|&c| !is_ident(c))
    };
    // QuickJS places `new X()` at `new` or at X.
    let before: String = chars[..col.min(chars.len())].iter().collect();
    let made_by_new =
        word_at(col, "new") || before.trim_end().ends_with("new") && before.trim_end() != before;
    let mut last_before = None;
    for i in 0..chars.len() {
        if !word_at(i, "throw") {
            continue;
        }
        if i <= col {
            last_before = Some(i);
        } else {
            return last_before.unwrap_or(if made_by_new { i } else { col });
        }
    }
    last_before.unwrap_or(col)
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

/// `file:line\nsource\n   ^^^\n`; as Node's, no caret line when the marked range runs past
/// the end of the source line (an error at the start of an empty line).
fn arrow(filename: &str, line: u32, source_line: &str, col: usize, len: usize) -> String {
    if col + len > source_line.chars().count() {
        return format!("{filename}:{line}\n{source_line}\n");
    }
    let pad: String = source_line
        .chars()
        .take(col)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "{filename}:{line}\n{source_line}\n{pad}{}\n",
        "^".repeat(len)
    )
}

/// The file, line and column of each V8-style stack frame that has them, top first.
fn frames(stack: &str) -> impl Iterator<Item = (String, u32, u32)> + '_ {
    stack.lines().filter_map(|l| {
        let t = l.trim_start().strip_prefix("at ")?;
        let loc = t.trim_end_matches(')');
        let loc = loc.rsplit_once('(').map(|(_, r)| r).unwrap_or(loc);
        let mut parts = loc.rsplitn(3, ':');
        let col = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        // Frames of a script without a name print as `<anonymous>` (stack.rs).
        let file = match parts.next()? {
            "<anonymous>" => "",
            f => f,
        };
        Some((file.to_string(), line, col))
    })
}

/// Throws a SyntaxError carrying Node's decoration (`file:line`, source line, carets).
pub(crate) fn syntax_error_value<'js>(
    ctx: &Ctx<'js>,
    s: &crate::SyntaxError,
) -> Result<Value<'js>> {
    let ctor: rquickjs::Constructor = ctx.globals().get("SyntaxError")?;
    let err: Object = ctor.construct((s.message.clone(),))?;
    let col = s.column.saturating_sub(1) as usize;
    let len = s.caret_len();
    let header = arrow(
        crate::filename::display_filename(&s.filename),
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
