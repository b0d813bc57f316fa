//! V8's inferred names of anonymous functions (`at module.exports`, `at exports.C.m` for a
//! method of `exports.C = class {}`), read from the source before each function's start; which
//! forms are read is `call_text::inferred_name`'s.

use rquickjs::{Ctx, Value};

use crate::runtime::state::RuntimeState;

/// How many bytes of source lines the frames of one stack are settled against (each settling
/// reads its frame's line: thousands of frames on a line of megabytes was one step of minutes
/// that no timeout stops). Frames past it keep the engine's columns.
pub(super) const LINE_BUDGET: usize = 2 << 20;

/// V8's inferred name of the anonymous function `func` of script `file`
/// (`module.exports = function`), read from the text before its start: its line, and the two
/// above when it has no assignment. `read` counts the bytes read.
pub(super) fn inferred_name(
    state: &RuntimeState,
    file: &str,
    func: &Value<'_>,
    read: &mut usize,
) -> Option<String> {
    let (line, mut col, len) = crate::frames::bytecode::function_start(func)?;
    // The engine may place an arrow before its text (at the `[` of `[() => x]`): its text's
    // first line, found from there on, starts it.
    let head = crate::frames::bytecode::function_head(func, 64);
    if let Some(head) = &head {
        let text = state.shared_source_line(file, line)?;
        let from = usize::try_from(col - 1).ok()?;
        if let Some(i) = text.get(from..).and_then(|t| t.find(head.as_str())) {
            col += i32::try_from(i).ok()?;
        }
    }
    // V8 names an arrow in parentheses (`x = c && (() => y)`), not a function.
    let arrow = head.is_some_and(|h| {
        let h = h.strip_prefix("async").map_or(h.as_str(), str::trim_start);
        !h.starts_with("function") && !h.starts_with("class")
    });
    let name = inferred_name_at(state, file, line, col, arrow, read)?;
    // What follows it may drop the name (`function () {}.bind(o)`, see `kept_after`): its end
    // is found by reading its text, within the budget (past it, the name stays).
    *read += len;
    if *read > LINE_BUDGET {
        return Some(name);
    }
    let (below, end) = crate::frames::bytecode::function_end(func)?;
    let end = match below {
        0 => usize::try_from(col - 1).ok()? + end,
        _ => end,
    };
    let text = state.shared_source_line(file, line + below)?;
    *read += text.len();
    crate::call_text::kept_after(text.get(end..)?).then_some(name)
}

/// The inferred name of a function whose text starts at `line`, byte column `col` (1-based);
/// an `arrow` is named through the parentheses around it.
fn inferred_name_at(
    state: &RuntimeState,
    file: &str,
    line: i32,
    col: i32,
    arrow: bool,
    read: &mut usize,
) -> Option<String> {
    let text = state.shared_source_line(file, line)?;
    *read += text.len();
    let bytes = usize::try_from(col - 1).ok()?;
    let mut before = std::borrow::Cow::Borrowed(text.get(..bytes)?);
    // The lines above too where this one holds no assignment (`const f = c\n  ? function`),
    // unless this one's text is longer than what is read back anyway (a minified line).
    let trim = |c: char| arrow && (c == '(' || c.is_whitespace());
    let long = |b: &str| {
        let b = b.trim_end_matches(trim);
        b.chars().nth(crate::call_text::READ_BACK).is_some()
    };
    for up in 1..=2 {
        if long(&before) || before.contains('=') || *read > LINE_BUDGET {
            break;
        }
        let above = state.source_line(file, line - up)?;
        *read += above.len();
        before = std::borrow::Cow::Owned(format!("{above}\n{before}"));
    }
    if arrow {
        let open = before
            .trim_end_matches(|c: char| c == '(' || c.is_whitespace())
            .len();
        before = match before {
            std::borrow::Cow::Borrowed(b) => std::borrow::Cow::Borrowed(&b[..open]),
            std::borrow::Cow::Owned(mut b) => {
                b.truncate(open);
                std::borrow::Cow::Owned(b)
            }
        };
    }
    crate::call_text::assigned_member_name(&before)
}

/// The inferred name of an anonymous constructor (a class or function), which V8 names its
/// instances' and its static methods' frames by (`exports.C.m`); its script's own source, within
/// what `read` has left of the budget.
pub(super) fn constructor_inferred_name(
    ctx: &Ctx<'_>,
    ctor: &Value<'_>,
    read: &mut usize,
) -> Option<String> {
    if *read > LINE_BUDGET {
        return None;
    }
    let file = crate::frames::bytecode::function_filename(ctx, ctor)?;
    let file = crate::filename::eval_code_name(&file);
    if file == "<input>" || crate::eval_source::is_eval_file(file) {
        return None;
    }
    let state = RuntimeState::of(ctx);
    let text = crate::frames::bytecode::function_text(ctor, LINE_BUDGET - *read)?;
    *read += text.len();
    if !text.starts_with("class") {
        return inferred_name(&state, file, ctor, read);
    }
    let (line, col) = class_start(&state, file, ctor, &text, read)?;
    inferred_name_at(&state, file, line, col, false, read)
}

/// Where the class whose text is `text` starts (line, 1-based byte column). The engine places a
/// class's constructor elsewhere (at its `constructor`, or at the class's end for the default
/// one), at most as many lines below the start as the text has: the start is the line there
/// that ends with the text's first line (or, for a class on one line, holds the whole text
/// around the engine's column), whose last line starts the line as many lines below.
fn class_start(
    state: &RuntimeState,
    file: &str,
    ctor: &Value<'_>,
    text: &str,
    read: &mut usize,
) -> Option<(i32, i32)> {
    let (line, col, _) = crate::frames::bytecode::function_start(ctor)?;
    let below = i32::try_from(text.matches('\n').count()).ok()?;
    if below == 0 {
        let here = state.source_line(file, line)?;
        *read += here.len();
        let at = usize::try_from(col - 1).ok()?;
        return here
            .match_indices(text)
            .map(|(i, _)| i)
            .find(|&i| i <= at && at < i + text.len())
            .map(|i| (line, i as i32 + 1));
    }
    let first = text.split('\n').next()?;
    let last = text.rsplit('\n').next()?;
    for start in (line - below..=line).rev() {
        if *read > LINE_BUDGET {
            return None;
        }
        let Some(head) = state.source_line(file, start) else {
            continue;
        };
        *read += head.len();
        if !head.ends_with(first) {
            continue;
        }
        let tail = state.source_line(file, start + below)?;
        *read += tail.len();
        if tail.starts_with(last) {
            return Some((start, (head.len() - first.len()) as i32 + 1));
        }
    }
    None
}
