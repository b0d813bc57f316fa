//! The text of code compiled by `eval` or `new Function`, for stack traces: the engine names
//! it `<input>` and compiles it with no hook, so jsvm keeps none of it. Nothing is kept here
//! either; the text is read back when an error is formatted:
//! - a function made by `new Function` keeps its own source (as `Function.prototype.toString`
//!   gives it), and the engine compiled exactly `(` + that source + `)` as `<input>`;
//! - top-level `eval` code whose caller passed a string literal, and a `new Function` given
//!   string literals, are read from the caller's line (`call_text::eval_argument`,
//!   `call_text::function_arguments`): so are syntax errors in them.
//!
//! - code run by `eval` whatever its argument, while it runs: the realm's compile hook
//!   (realm/compile_hook.rs) marks the text it compiles and runs as [`running`] for the while,
//!   so an error made in it reads its lines ([`active_eval`]).
//!
//! Functions declared inside such code keep their source too, but not where it starts in
//! `<input>`, so their lines are not read.

use rquickjs::{qjs, Function, Value};

/// The engine's classes of functions with bytecode (`js_class_has_bytecode` in quickjs.c:
/// JS_CLASS_BYTECODE_FUNCTION, _GENERATOR_FUNCTION, _ASYNC_FUNCTION, _ASYNC_GENERATOR_FUNCTION),
/// whose `toString` gives their source and runs no code.
const BYTECODE_CLASSES: [u32; 4] = [13, 17, 55, 59];

/// How the engine's Function constructors begin the source they compile.
const MADE_BY_FUNCTION: [&str; 4] = [
    "function anonymous(",
    "function* anonymous(",
    "async function anonymous(",
    "async function* anonymous(",
];

/// Line `line` (as the engine numbers `<input>`) of the code that made `func`, when `func` was
/// made by a Function constructor; `to_string` is the realm's own `Function.prototype.toString`.
pub(crate) fn function_line<'js>(
    to_string: &Function<'js>,
    func: &Value<'js>,
    line: i32,
) -> Option<String> {
    let class = unsafe { qjs::JS_GetClassID(func.as_raw()) };
    if !BYTECODE_CLASSES.contains(&class) {
        return None;
    }
    let source: String = to_string
        .call((rquickjs::function::This(func.clone()),))
        .ok()?;
    if !MADE_BY_FUNCTION.iter().any(|p| source.starts_with(p)) {
        return None;
    }
    line_of(&format!("({source})"), line)
}

/// What the engine's Function constructor compiles for `args` (parameters, then the body).
pub(crate) fn function_input(args: &[String]) -> String {
    let (body, params) = args
        .split_last()
        .map_or(("", &[][..]), |(b, p)| (b.as_str(), p));
    format!(
        "(function anonymous({}\n) {{\n{body}\n}})",
        params.join(",")
    )
}

/// Line `line` (1-based) of `text`.
pub(crate) fn line_of(text: &str, line: i32) -> Option<String> {
    let index = usize::try_from(line.checked_sub(1)?).ok()?;
    text.split('\n')
        .nth(index)
        .map(|l| l.trim_end_matches('\r').to_string())
}

thread_local! {
    /// The texts of the `eval` calls running on this thread, innermost last: borrowed from the
    /// engine, which holds each for as long as its call runs.
    static ACTIVE: std::cell::RefCell<Vec<(*const u8, usize)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `run` (the engine compiling and running `text` as `eval` code) with `text` marked as
/// running, for [`active_eval`].
pub(crate) fn running<R>(text: &[u8], run: impl FnOnce() -> R) -> R {
    ACTIVE.with(|a| a.borrow_mut().push((text.as_ptr(), text.len())));
    let r = run();
    ACTIVE.with(|a| a.borrow_mut().pop());
    r
}

/// Line `line` of the `eval` code running `depth` calls below the innermost (0), if any.
pub(crate) fn active_eval(depth: usize, line: i32) -> Option<String> {
    let (ptr, len) = ACTIVE.with(|a| {
        let a = a.borrow();
        a.len().checked_sub(depth + 1).map(|i| a[i])
    })?;
    // SAFETY: the engine's call that compiled this text is still running (it is on the
    // stack), and holds the text until it returns.
    let text = unsafe { std::slice::from_raw_parts(ptr, len) };
    line_of(&String::from_utf8_lossy(text), line)
}

thread_local! {
    /// The `eval` and `new Function` code of this thread that named itself (`//# sourceURL=`),
    /// by name: its text, for its frames' lines, and the mark that frames of that name are eval
    /// code. The latest of each name, bounded in entries and bytes.
    static NAMED: std::cell::RefCell<(std::collections::HashMap<String, crate::source_lines::SourceLines>, usize)> =
        std::cell::RefCell::new((std::collections::HashMap::new(), 0));
}

/// Most bytes of named eval code kept for stack traces.
const MAX_NAMED_BYTES: usize = 64 << 20;

/// Remembers `text`, eval code compiled under the name it gave itself, its first line numbered
/// `first_line`.
pub(crate) fn remember_named(name: &str, text: &[u8], first_line: i32) {
    let mut kept = text.to_vec();
    kept.push(0);
    NAMED.with(|n| {
        let (map, bytes) = &mut *n.borrow_mut();
        if (map.len() >= 4096 && !map.contains_key(name)) || *bytes + kept.len() > MAX_NAMED_BYTES {
            map.clear();
            *bytes = 0;
        }
        *bytes += kept.len();
        let lines = crate::source_lines::SourceLines::new(std::sync::Arc::new(kept), first_line);
        if let Some(old) = map.insert(name.to_string(), lines) {
            *bytes = bytes.saturating_sub(old.len());
        }
    });
}

/// Whether frames of `filename` are eval code: the engine's `<input>`, or a name eval code
/// gave itself.
pub(crate) fn is_eval_file(filename: &str) -> bool {
    filename == "<input>" || NAMED.with(|n| n.borrow().0.contains_key(filename))
}

/// Line `line` of the eval code that named itself `name`, if kept.
pub(crate) fn named_line(name: &str, line: i32) -> Option<String> {
    NAMED.with(|n| n.borrow().0.get(name)?.line(line))
}
