//! Scripts: compiled once, run in any number of contexts.
//!
//! QuickJS bytecode is bound to the realm it is read into, so a script keeps its bytecode as
//! bytes (what cached data also carries) and each context reads them once and keeps the
//! function (see `ContextHandle::run`). Scripts are `Send + Sync`: compile once, share them.

use std::ffi::c_int;
use std::sync::atomic::AtomicU32;
use std::sync::{Arc, OnceLock};

use rquickjs::{qjs, Ctx, Value};

use crate::cached_data;
use crate::declarations::Declarations;
use crate::error::{Error, Result, SyntaxError};
use crate::CancelToken;

mod compile;
pub(crate) mod compile_cache;
pub(crate) mod stack_limit;

/// How to compile a script (Node's `new vm.Script` options).
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let options = jsvm::ScriptOptions {
///     filename: Some("rule.js".into()),
///     line_offset: 99,
///     ..Default::default()
/// };
/// let script = rt.compile("throw new Error('no')", options).unwrap();
/// let Err(jsvm::Error::Thrown(t)) = rt.main_context().run::<()>(&script, &Default::default())
/// else { panic!() };
/// assert!(t.stack.unwrap().contains("rule.js:100"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScriptOptions {
    /// Name used in stack traces; Node's default is `evalmachine.<anonymous>`.
    pub filename: Option<String>,
    /// Added to line numbers in stack traces and errors.
    pub line_offset: i32,
    /// Added to column numbers on the first line.
    pub column_offset: i32,
    /// Cached data from [`Script::cached_data`] of a script with the same source and filename
    /// (made with this runtime's cached data key, if it has one).
    pub cached_data: Option<Vec<u8>>,
}

impl ScriptOptions {
    /// The defaults: Node's filename, no offsets, no cached data.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`ScriptOptions::filename`].
    ///
    /// ```
    /// let options = jsvm::ScriptOptions::new().filename("rule.js").line_offset(9);
    /// assert_eq!(options.filename.as_deref(), Some("rule.js"));
    /// assert_eq!(options.line_offset, 9);
    /// ```
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// Sets [`ScriptOptions::line_offset`].
    pub fn line_offset(mut self, lines: i32) -> Self {
        self.line_offset = lines;
        self
    }

    /// Sets [`ScriptOptions::column_offset`].
    pub fn column_offset(mut self, columns: i32) -> Self {
        self.column_offset = columns;
        self
    }

    /// Sets [`ScriptOptions::cached_data`].
    pub fn cached_data(mut self, data: Vec<u8>) -> Self {
        self.cached_data = Some(data);
        self
    }
}

/// How to run a script (Node's run options).
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let script = rt.compile("while (true) {}", Default::default()).unwrap();
/// let options = jsvm::RunOptions { timeout_ms: Some(10), ..Default::default() };
/// let r = rt.main_context().run::<()>(&script, &options);
/// assert_eq!(r, Err(jsvm::Error::Timeout { ms: 10 }));
/// ```
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Stop with [`Error::Timeout`] after this many milliseconds.
    pub timeout_ms: Option<u64>,
    /// Stop with [`Error::Interrupted`] when this token is cancelled.
    pub cancel: Option<CancelToken>,
    /// Node's `displayErrors`: an error escaping the script gets `file:line`, the source line
    /// and a caret put before its stack (once).
    pub display_errors: bool,
}

impl RunOptions {
    /// The defaults: no timeout, no cancel token, no `displayErrors`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stop with [`Error::Timeout`] once `timeout` has passed (in whole milliseconds, rounded
    /// up).
    ///
    /// ```
    /// use std::time::Duration;
    /// let options = jsvm::RunOptions::new().timeout(Duration::from_millis(50)).display_errors(true);
    /// assert_eq!(options.timeout_ms, Some(50));
    /// ```
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.timeout_ms = Some(crate::interrupt::whole_millis(timeout));
        self
    }

    /// Stop with [`Error::Interrupted`] when `token` is cancelled.
    pub fn cancel(mut self, token: CancelToken) -> Self {
        self.cancel = Some(token);
        self
    }

    /// Sets [`RunOptions::display_errors`].
    pub fn display_errors(mut self, display: bool) -> Self {
        self.display_errors = display;
        self
    }
}

/// Node's default filename for vm code.
pub const DEFAULT_FILENAME: &str = "evalmachine.<anonymous>";

/// A compiled script.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let script = rt.compile("globalVar = (typeof globalVar === 'number' ? globalVar : 0) + 1",
///                         Default::default()).unwrap();
/// let a = rt.new_empty_context(Default::default()).unwrap();
/// let b = rt.new_empty_context(Default::default()).unwrap();
/// a.run::<()>(&script, &Default::default()).unwrap();
/// a.run::<()>(&script, &Default::default()).unwrap();
/// b.run::<()>(&script, &Default::default()).unwrap();
/// assert_eq!(a.get::<i32>("globalVar").unwrap(), 2);
/// assert_eq!(b.get::<i32>("globalVar").unwrap(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Script {
    inner: Arc<ScriptInner>,
}

#[derive(Debug)]
struct ScriptInner {
    id: u64,
    /// Where the source text starts in `compiled_source` (after the offsets' padding).
    source_start: usize,
    /// The source as compiled: column offset applied, NUL-terminated for QuickJS.
    compiled_source: Arc<Vec<u8>>,
    filename: String,
    line_offset: i32,
    /// First line's number as given to QuickJS.
    line_num: i32,
    column_offset: i32,
    /// Found on first need: only runs in a sandboxed context need them.
    declarations: OnceLock<Declarations>,
    /// The magic comment's URL, found on first need.
    source_map_url: OnceLock<Option<String>>,
    /// The header of this script's cached data (as `cached_data` made it, or as it was
    /// accepted), for `holds_cached_data`.
    cached_data_header: OnceLock<Vec<u8>>,
    /// Bytecode, once made (by compiling, or from accepted cached data).
    bytecode: OnceLock<Bytecode>,
    /// Realms the source was compiled in. The first compiles from source; the second also
    /// saves bytes, which later realms read instead of parsing.
    realms: AtomicU32,
    /// Whether given cached data was rejected (None: none was given).
    cached_data_rejected: Option<bool>,
    /// The lazy builtin groups its code may reach without naming them (realm.rs), found on
    /// first need: asked for in each realm that reads its bytecode.
    lazy_groups: OnceLock<u8>,
}

/// Bytecode: the bytes of `buf` from `start` on (accepted cached data keeps its header).
#[derive(Debug)]
struct Bytecode {
    buf: Vec<u8>,
    start: usize,
}

impl Bytecode {
    fn new(buf: Vec<u8>) -> Bytecode {
        Bytecode { buf, start: 0 }
    }
    fn bytes(&self) -> &[u8] {
        &self.buf[self.start..]
    }
}

static NEXT_SCRIPT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl ScriptInner {
    fn lazy_groups(&self) -> u8 {
        *self
            .lazy_groups
            .get_or_init(|| crate::realm::groups_for_source(&self.compiled_source, false))
    }

    /// The source text as given: the part of `compiled_source` between the padding and the NUL.
    fn source(&self) -> &str {
        let bytes = &self.compiled_source[self.source_start..self.compiled_source.len() - 1];
        // SAFETY: copied from a &str by `prepare_source`, unchanged since.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

impl Script {
    /// A script that will compile in the context that first runs it (no bytecode yet): the
    /// cheapest form for code run once, such as `vm.runInContext(source)`.
    pub fn lazy(source: &str, options: ScriptOptions) -> Script {
        Script::prepare(source, &options)
    }

    fn prepare(source: &str, options: &ScriptOptions) -> Script {
        let filename = options
            .filename
            .clone()
            .unwrap_or_else(|| DEFAULT_FILENAME.to_string());
        let (compiled_source, line_num) =
            prepare_source(source, options.line_offset, options.column_offset);
        let source_start = compiled_source.len() - 1 - source.len();
        Script {
            inner: Arc::new(ScriptInner {
                id: NEXT_SCRIPT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                source_start,
                compiled_source: Arc::new(compiled_source),
                filename,
                line_offset: options.line_offset,
                line_num,
                column_offset: options.column_offset,
                declarations: OnceLock::new(),
                source_map_url: OnceLock::new(),
                cached_data_header: OnceLock::new(),
                bytecode: OnceLock::new(),
                realms: AtomicU32::new(0),
                cached_data_rejected: None,
                lazy_groups: OnceLock::new(),
            }),
        }
    }

    /// Whether `data` is this script's own cached data, judged by its header (which names the
    /// source, the engine, the payload's length and checksum) and its length, without reading
    /// the payload: a script that holds its code compiled does not need it. This is the check
    /// V8 makes on data for a source it holds compiled (release builds skip the checksum); the
    /// full check (`ScriptOptions::cached_data`) reads every byte. False until this script made
    /// or accepted cached data.
    pub fn holds_cached_data(&self, data: &[u8]) -> bool {
        match (
            self.inner.cached_data_header.get(),
            self.inner.bytecode.get(),
        ) {
            (Some(header), Some(bytecode)) => {
                data.len() == header.len() + bytecode.bytes().len() && data.starts_with(header)
            }
            _ => false,
        }
    }

    /// Whether two handles are the same compiled script (e.g. served by the compile cache).
    pub fn same_as(&self, other: &Script) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// `Some(true)` if cached data was given and rejected, `Some(false)` if accepted.
    pub fn cached_data_rejected(&self) -> Option<bool> {
        self.inner.cached_data_rejected
    }
    /// The URL of the source's `//# sourceMappingURL=` comment, as V8 reads it (Node's
    /// `script.sourceMapURL`).
    pub fn source_map_url(&self) -> Option<&str> {
        self.inner
            .source_map_url
            .get_or_init(|| crate::source_map::source_map_url(self.inner.source()))
            .as_deref()
    }
    /// The source text.
    pub fn source(&self) -> &str {
        self.inner.source()
    }
    /// The filename used in stack traces.
    pub fn filename(&self) -> &str {
        &self.inner.filename
    }
    /// The line offset.
    pub fn line_offset(&self) -> i32 {
        self.inner.line_offset
    }
    /// The column offset.
    pub fn column_offset(&self) -> i32 {
        self.inner.column_offset
    }
    /// Unique within the process; contexts key their bytecode by it.
    pub(crate) fn id(&self) -> u64 {
        self.inner.id
    }
    pub(crate) fn declarations(&self) -> &Declarations {
        self.inner
            .declarations
            .get_or_init(|| Declarations::scan(self.inner.source()))
    }
}

fn write_bytecode(ctx: &Ctx<'_>, func: &Value<'_>) -> Result<Vec<u8>> {
    write_object(ctx, func.as_raw())
}

/// QuickJS-ng's bytecode starts with its format version (1 byte) and a 32-bit checksum of the
/// rest, which its reader recomputes, a word at a time in one dependent chain, before reading:
/// on every read of every script. The bytes written here stay in this process, or leave it as
/// cached data, whose header carries its own 64-bit checksum of them (checked before they reach
/// the reader), so the engine's is redundant: it is set to the value the reader takes as "no
/// checksum" (UINT32_MAX).
fn skip_engine_checksum(bytes: &mut [u8]) {
    if let Some(sum) = bytes.get_mut(1..5) {
        sum.copy_from_slice(&u32::MAX.to_le_bytes());
    }
}

/// Serializes compiled code (a script's function or a module) to bytecode bytes.
pub(crate) fn write_object(ctx: &Ctx<'_>, value: qjs::JSValue) -> Result<Vec<u8>> {
    unsafe {
        let mut size = 0 as _;
        let p = qjs::JS_WriteObject(
            ctx.as_raw().as_ptr(),
            &mut size,
            value,
            qjs::JS_WRITE_OBJ_BYTECODE as c_int,
        );
        if p.is_null() {
            let _ = ctx.catch();
            return Err(Error::OutOfMemory);
        }
        let mut bytes = std::slice::from_raw_parts(p, size as usize).to_vec();
        qjs::js_free(ctx.as_raw().as_ptr(), p.cast());
        skip_engine_checksum(&mut bytes);
        Ok(bytes)
    }
}

/// The most columns a first line is padded by: Node takes any int32 offset, and 2 GiB of
/// spaces is no source (a larger offset moves the first line's columns by this much).
const MAX_COLUMN_PAD: i32 = 1 << 20;

/// How many columns a script's first line is padded by for its column offset.
pub(crate) fn column_pad(column_offset: i32) -> u32 {
    column_offset.clamp(0, MAX_COLUMN_PAD) as u32
}

/// The source as given to QuickJS, NUL-terminated, and its first line's number. QuickJS has no
/// column offset: the first line is padded, which only moves its columns. It reads a first
/// line number of 0 as "unset" (1), so that case starts a line earlier instead. The line
/// number is int arithmetic, as V8's (an offset of 2^31 - 1 starts at -2^31).
pub(crate) fn prepare_source(source: &str, line_offset: i32, column_offset: i32) -> (Vec<u8>, i32) {
    let pad = column_pad(column_offset) as usize;
    let mut out = Vec::with_capacity(source.len() + pad + 2);
    let mut line_num = line_offset.wrapping_add(1);
    if line_num == 0 {
        out.push(b'\n');
        line_num = -1;
    }
    out.resize(out.len() + pad, b' ');
    out.extend_from_slice(source.as_bytes());
    out.push(0);
    (out, line_num)
}

/// A syntax error as the user sees it: V8's wording, their filename, and the position and
/// source line of their code (offsets taken back out).
pub(crate) fn locate_syntax_error(
    mut s: SyntaxError,
    source: &str,
    filename: &str,
    line_offset: i32,
    column_offset: i32,
    module: bool,
) -> SyntaxError {
    if s.message == "'undefined' already declared" && !module {
        // A script's `let undefined` (QuickJS refuses it as it parses): V8 refuses it when the
        // script is instantiated, as any conflict with the global's bindings, at its start.
        s.message = "Identifier 'undefined' has already been declared".into();
        s.line = u32::try_from(1 + i64::from(line_offset)).unwrap_or(1);
        s.column = 1 + column_pad(column_offset);
    }
    let index = (s.line as i64 - 1 - line_offset as i64).max(0) as usize;
    s.source_line = source.lines().nth(index).unwrap_or("").to_string();
    if index == 0 {
        s.column = s.column.saturating_sub(column_pad(column_offset));
    }
    end_of_input(&mut s, source, index);
    s.message = if let Some(at) = import_statement_at(&s.source_line, s.column) {
        // An import declaration outside a module: QuickJS stops at what follows `import`; V8
        // marks the keyword.
        s.column = at;
        "Cannot use import statement outside a module".into()
    } else if let Some((message, col)) = (s.message == "expecting ';'"
        // Worded already where the engine made it (stack.rs), but not moved to the `await`.
        || s.message == crate::v8_wording::AWAIT_OUTSIDE)
        .then(|| crate::v8_wording::unexpected_after_expression(&s.source_line, s.column))
        .flatten()
    {
        s.column = col;
        message
    } else if let Some((name, col)) =
        crate::call_text::redeclared_name(&s.message, &s.source_line, s.column)
    {
        // QuickJS points after the name and does not name it; V8 does both.
        s.column = col;
        format!("Identifier '{name}' has already been declared")
    } else {
        let site = crate::v8_wording::Site {
            line: &s.source_line,
            column: s.column,
            strict: module || is_strict(source),
        };
        crate::v8_wording::v8_syntax_at(&s.message, Some(&site))
    };
    if let Some(col) = v8_syntax_column(&s.message, &s.source_line, s.column) {
        s.column = col;
    }
    if s.message == "Missing } in template expression" {
        s = open_template_expression(s, source, line_offset);
    }
    s.filename = crate::filename::display_filename(filename).to_string();
    s
}

/// Where the last `${` of `source` opens an expression left open at the end (something
/// follows it, and no `}` or backtick closes it).
pub(crate) fn open_template_expression_at(source: &str) -> Option<usize> {
    let at = source.rfind("${")?;
    let rest = &source[at + 2..];
    (!rest.contains(['}', '`']) && !rest.trim().is_empty()).then_some(at)
}

/// A template's `${` left open: V8 marks the expression after the last `${` of the source
/// (`s` unchanged when the source has none such).
pub(crate) fn open_template_expression(
    mut s: SyntaxError,
    source: &str,
    line_offset: i32,
) -> SyntaxError {
    let Some(open) = open_template_expression_at(source) else {
        return s;
    };
    let mut at = open + 2;
    while source[at..].starts_with([' ', '\t']) {
        at += 1;
    }
    let index = source[..at].matches('\n').count();
    let line_start = source[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = source[line_start..].split('\n').next().unwrap_or("");
    s.line = (index as i64 + line_offset as i64 + 1).max(1) as u32;
    s.column = source[line_start..at].chars().count() as u32 + 1;
    s.source_line = line.trim_end_matches('\r').to_string();
    s
}

/// Where V8 marks a syntax error that QuickJS places elsewhere (1-based columns): an argument
/// list missing its `)` at the token before the one found (`f(1 2)` marks `1`), and a function
/// statement without a name at its `function`.
fn v8_syntax_column(message: &str, line: &str, column: u32) -> Option<u32> {
    let chars: Vec<char> = line.chars().collect();
    let at = (column.saturating_sub(1) as usize).min(chars.len());
    match message {
        "missing ) after argument list" => {
            let mut end = at;
            while end > 0 && chars[end - 1].is_whitespace() {
                end -= 1;
            }
            let last = *chars.get(end.checked_sub(1)?)?;
            let start = if matches!(last, '"' | '\'' | '`') {
                (0..end - 1).rev().find(|&i| chars[i] == last)?
            } else if crate::call_text::is_ident(last) {
                let mut s = end - 1;
                while s > 0 && crate::call_text::is_ident(chars[s - 1]) {
                    s -= 1;
                }
                s
            } else {
                end - 1
            };
            Some(start as u32 + 1)
        }
        "Function statements require a function name" => {
            let head: String = chars[..at].iter().collect();
            let start = head.rfind("function")?;
            Some(head[..start].chars().count() as u32 + 1)
        }
        _ => None,
    }
}

/// Whether the source has a "use strict" directive somewhere (a function's counts: a syntax
/// error's wording only needs to know which words are reserved).
fn is_strict(source: &str) -> bool {
    source.contains("\"use strict\"") || source.contains("'use strict'")
}

/// V8 reports any token missing at the end of the source as `Unexpected end of input`, at the
/// end (QuickJS names what it expected there, or, for a template literal left open, points at
/// its backtick). Errors about a literal left open keep their words (V8's differ from these).
/// `index` is the error's line in `source` (0-based).
fn end_of_input(s: &mut SyntaxError, source: &str, index: usize) {
    const END: &str = "unexpected end of input";
    let at = s.column.saturating_sub(1) as usize;
    let open_template = matches!(
        s.message.as_str(),
        "unexpected end of string" | "Invalid or unexpected token"
    ) && s.source_line.chars().nth(at) == Some('`');
    if open_template {
        let last = source.split('\n').count().saturating_sub(1);
        let text = source.split('\n').next_back().unwrap_or("");
        s.line += (last.saturating_sub(index)) as u32;
        s.column = text.chars().count() as u32 + 1;
        s.source_line = text.trim_end_matches('\r').to_string();
        s.message = END.into();
        return;
    }
    let literal = [
        "string",
        "regexp",
        "comment",
        "template",
        "Invalid or unexpected",
    ]
    .iter()
    .any(|w| s.message.contains(w));
    let rest_blank = s.source_line.chars().skip(at).all(char::is_whitespace)
        && source
            .split('\n')
            .skip(index + 1)
            .all(|l| l.trim().is_empty());
    // Only where QuickJS names a token (found or expected): a rule refused at the end (`++1`,
    // `try {}`, `continue`) keeps its own words.
    let lowered = s.message.to_ascii_lowercase();
    let token_words = [
        "expecting",
        "unexpected token",
        "unexpected identifier",
        "variable name",
    ]
    .iter()
    .any(|w| lowered.starts_with(w));
    if rest_blank && !literal && token_words && !s.message.eq_ignore_ascii_case(END) {
        s.message = END.into();
    }
}

/// Whether the error at `column` (1-based) of `line` follows an `import` keyword that starts a
/// statement and is not `import(` or `import.meta`: an import declaration.
pub(crate) fn is_import_statement(line: &str, column: u32) -> bool {
    import_statement_at(line, column).is_some()
}

/// The 1-based column of the `import` keyword when the engine's position `column` on `line` is
/// just past one that starts an import declaration (not `import(` or `import.meta`).
fn import_statement_at(line: &str, column: u32) -> Option<u32> {
    let chars: Vec<char> = line.chars().collect();
    let at = (column.saturating_sub(1) as usize).min(chars.len());
    let before: String = chars[..at].iter().collect();
    let head = before.trim_end().strip_suffix("import")?;
    let starts_statement = head
        .trim_end()
        .chars()
        .last()
        .is_none_or(|c| matches!(c, ';' | '}' | '{'));
    let next = chars[at..].iter().find(|c| !c.is_whitespace());
    (starts_statement && !matches!(next, Some('(') | Some('.')))
        .then(|| head.chars().count() as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redeclared_name_is_read_from_the_source() {
        let m = "Invalid redefinition of lexical identifier";
        assert_eq!(
            crate::call_text::redeclared_name(m, "let r = 2;", 7),
            Some(("r".into(), 5))
        );
        assert_eq!(
            crate::call_text::redeclared_name(m, "function f(){ let a; let a = 2; }", 28),
            Some(("a".into(), 26))
        );
        assert_eq!(crate::call_text::redeclared_name(m, "} })", 1), None);
        assert_eq!(
            crate::call_text::redeclared_name("other", "let r = 2;", 7),
            None
        );
    }

    const SOURCE: &str = "class Foo { constructor() { this.e = new Error('x'); } }\n\
                          function f() { return new Foo().e.stack; }\nf()";

    fn stack_of(cached_data: Option<Vec<u8>>) -> (String, Option<bool>) {
        let rt = crate::Runtime::new().unwrap();
        let options = ScriptOptions {
            filename: Some("t.js".into()),
            cached_data,
            ..Default::default()
        };
        let script = rt.compile(SOURCE, options).unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        let stack: String = ctx.run(&script, &RunOptions::default()).unwrap();
        (stack, script.cached_data_rejected())
    }

    #[test]
    fn a_script_from_cached_data_has_the_stack_traces_of_one_compiled_from_source() {
        let data = crate::Runtime::new()
            .unwrap()
            .compile(
                SOURCE,
                ScriptOptions {
                    filename: Some("t.js".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        let data = crate::Runtime::new()
            .unwrap()
            .with_ctx(|ctx| data.cached_data(&ctx))
            .unwrap();
        let (from_source, none) = stack_of(None);
        let (from_data, accepted) = stack_of(Some(data));
        assert_eq!((none, accepted), (None, Some(false)));
        // V8's columns (`new` rather than the class name) need the source line.
        assert!(
            from_source.contains("at new Foo (t.js:1:38)\n    at f (t.js:2:23)"),
            "{from_source}"
        );
        assert_eq!(from_data, from_source);
    }
}
