//! Filenames as users gave them: a script registered for its own `import()` answer gets a
//! suffix in its engine filename, and so does code compiled by `eval` or `new Function` (the
//! filename of the code that called them), which errors and stacks must not show.

/// What [`crate::engine::register_script_import`] appends to a filename, before a number.
pub(crate) const SCRIPT_MARK: &str = "#jsvm-import-";

/// What the compile hook (realm/compile_hook.rs) appends to the filename of `eval` and
/// `new Function` code (the engine's `<input>`, or the name the code gave itself), before the
/// engine filename of the code that called them: the referrer of its `import()`, as V8 takes
/// the script of the eval's caller.
pub(crate) const EVAL_MARK: &str = "#jsvm-eval-in:";

/// Where `mark` (one of the marks above, all starting with `#`) is in `name`, the first or the
/// `last` time: found from the `#`s (a byte search), as every frame of every stack asks this of
/// its filename, which mostly has none.
fn find_mark(name: &str, mark: &str, last: bool) -> Option<usize> {
    let at = |&(i, _): &(usize, &str)| name[i..].starts_with(mark);
    match last {
        true => name.rmatch_indices('#').find(at),
        false => name.match_indices('#').find(at),
    }
    .map(|(i, _)| i)
}

/// The filename a user gave, without the suffix [`register_script_import`](crate::engine::register_script_import) may add.
///
/// ```
/// assert_eq!(jsvm::engine::display_filename("rule.js"), "rule.js");
/// assert_eq!(jsvm::engine::display_filename("rule.js#jsvm-import-3"), "rule.js");
/// ```
pub fn display_filename(name: &str) -> &str {
    let name = eval_code_name(name);
    match find_mark(name, SCRIPT_MARK, true) {
        Some(i)
            if name[i + SCRIPT_MARK.len()..]
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            &name[..i]
        }
        _ => name,
    }
}

/// The engine filename without the referrer the compile hook appends to `eval` code's
/// (`<input>`, or the name the code gave itself); other names as they are.
pub(crate) fn eval_code_name(name: &str) -> &str {
    match find_mark(name, EVAL_MARK, false) {
        Some(i) => &name[..i],
        None => name,
    }
}

/// The engine filename of the code that called the `eval` or `new Function` that compiled
/// code of filename `name` (see [`EVAL_MARK`]), if `name` is such code's.
pub(crate) fn eval_referrer(name: &str) -> Option<&str> {
    let rest = &name[find_mark(name, EVAL_MARK, false)? + EVAL_MARK.len()..];
    Some(find_mark(rest, EVAL_AT_MARK, false).map_or(rest, |i| &rest[..i]))
}

/// What the compile hook appends after the referrer of `eval` code (`<input>`'s): where the
/// call that compiled it was, for V8's `eval at f (file:1:2)` in stacks: the calling function's
/// name, the line and column the engine recorded for the call, and the caller's own engine
/// filename (eval code's for an eval in eval), separated by [`EVAL_AT_SEPARATOR`].
pub(crate) const EVAL_AT_MARK: &str = "#jsvm-eval-at:";
pub(crate) const EVAL_AT_SEPARATOR: char = '\u{1}';

/// Where `eval` code of engine filename `name` was compiled from: the calling function's name,
/// the engine's line and column of the call, and the caller's engine filename.
pub(crate) fn eval_origin(name: &str) -> Option<(&str, i32, i32, &str)> {
    let rest = &name[find_mark(name, EVAL_MARK, false)?..];
    let rest = &rest[find_mark(rest, EVAL_AT_MARK, false)? + EVAL_AT_MARK.len()..];
    let mut parts = rest.splitn(4, EVAL_AT_SEPARATOR);
    let function = parts.next()?;
    let line = parts.next()?.parse().ok()?;
    let col = parts.next()?.parse().ok()?;
    Some((function, line, col, parts.next()?))
}
