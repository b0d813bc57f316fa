//! The one error type of the library.

use std::fmt;

/// What went wrong when compiling or running JavaScript.
///
/// Every failure of the library is one of these; [`Error::kind`] names it without its details
/// (a stable string for logs and metrics), and [`Error::code`] gives Node's error code where
/// Node has one, so a Node-compatible layer can rethrow it unchanged. More variants may come
/// (the enum is `#[non_exhaustive]`).
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let ctx = rt.main_context();
/// match ctx.eval::<()>("null.x") {
///     Err(jsvm::Error::Thrown(t)) => assert_eq!(t.name, "TypeError"),
///     other => panic!("{other:?}"),
/// }
/// let timeout = jsvm::Error::Timeout { ms: 5 };
/// assert_eq!(timeout.code(), Some("ERR_SCRIPT_EXECUTION_TIMEOUT"));
/// assert_eq!(timeout.to_string(), "Script execution timed out after 5ms");
/// assert_eq!(timeout.kind(), jsvm::ErrorKind::Timeout);
/// assert_eq!(timeout.kind().as_str(), "timeout");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The source did not parse.
    Syntax(SyntaxError),
    /// JavaScript threw a value that was not caught.
    Thrown(Thrown),
    /// The run's timeout elapsed (`Script execution timed out after {ms}ms`).
    Timeout {
        /// The timeout that elapsed, in milliseconds.
        ms: u64,
    },
    /// The run was cancelled through a [`crate::CancelToken`] (Node's breakOnSigint).
    Interrupted,
    /// The runtime's memory limit was reached.
    OutOfMemory,
    /// The engine's stack limit was reached (`RangeError: Maximum call stack size exceeded`).
    StackOverflow,
    /// An argument given to the library was not acceptable.
    InvalidArgument(String),
    /// A job sent to a [`crate::RuntimePool`] panicked (its worker survives); the panic's
    /// message, when it was a string.
    JobPanicked(Option<String>),
    /// The [`crate::RuntimePool`] was gone before the job could run.
    PoolClosed,
    /// The [`crate::RuntimePool`]'s queue was full (`try_spawn`, `try_run_async`).
    QueueFull,
    /// A promise awaited by [`crate::Context::run_settled`] can never settle: no promise job
    /// and no call of an async host function is left that could settle it.
    Unsettled,
}

/// A syntax error, with what Node prints above it when `displayErrors` is on.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let opts = jsvm::ScriptOptions { filename: Some("rule.js".into()), ..Default::default() };
/// let Err(jsvm::Error::Syntax(e)) = rt.compile("let x = ;", opts) else { panic!() };
/// assert_eq!((e.filename.as_str(), e.line), ("rule.js", 1));
/// assert!(e.header().starts_with("rule.js:1\nlet x = ;\n"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// The engine's message, e.g. `unexpected token in expression: ')'`.
    pub message: String,
    /// The script's filename.
    pub filename: String,
    /// 1-based line, with the script's line offset applied.
    pub line: u32,
    /// 1-based column, with the column offset applied on the first line.
    pub column: u32,
    /// The text of the offending line.
    pub source_line: String,
}

impl SyntaxError {
    /// How many characters Node's caret marks at the error's column: the token there (an
    /// identifier, a number, a string literal, a regular expression literal V8 quotes), none
    /// at the end of the source.
    pub(crate) fn caret_len(&self) -> usize {
        let s = self;
        let col = s.column.saturating_sub(1) as usize;
        // The end of the source is a token of no width: V8 marks nothing.
        match s.message.as_str() {
            "Unexpected end of input" => 0,
            // A string left open: V8's bad token runs to the end of the line.
            "Invalid or unexpected token"
                if matches!(s.source_line.chars().nth(col), Some('"' | '\''))
                    || s.source_line.chars().skip(col).take(2).eq("/*".chars()) =>
            {
                s.source_line.chars().count().saturating_sub(col)
            }
            // A regular expression literal refused: V8 marks all of it (the message quotes it).
            m if m
                .strip_prefix("Invalid regular expression: ")
                .and_then(|r| r.rsplit_once(": "))
                .is_some_and(|(text, _)| {
                    text.starts_with('/')
                        && s.source_line
                            .chars()
                            .skip(col)
                            .collect::<String>()
                            .starts_with(text)
                }) =>
            {
                let (text, _) = m["Invalid regular expression: ".len()..]
                    .rsplit_once(": ")
                    .unwrap_or_default();
                text.chars().count()
            }
            // An open template expression: V8 marks it to the end of the line.
            "Missing } in template expression" => s.source_line.chars().count().saturating_sub(col),
            // A redeclaration V8 finds when the script is instantiated (not at the name): its
            // first character.
            m if m.strip_prefix("Identifier '").is_some_and(|r| {
                r.strip_suffix("' has already been declared")
                    .is_some_and(|name| {
                        !s.source_line
                            .chars()
                            .skip(col)
                            .collect::<String>()
                            .starts_with(name)
                    })
            }) =>
            {
                1
            }
            _ => token_len(&s.source_line, col),
        }
    }

    /// The header Node prints for a syntax error: `file:line`, the source line, and a caret.
    pub fn header(&self) -> String {
        let caret_at = self.column.saturating_sub(1) as usize;
        let pad: String = self
            .source_line
            .chars()
            .take(caret_at)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let caret = "^".repeat(self.caret_len());
        format!(
            "{}:{}\n{}\n{}{}\n",
            self.filename, self.line, self.source_line, pad, caret
        )
    }
}

/// A JavaScript value thrown out of a run, described in Rust terms.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let thrown = rt.main_context()
///     .eval::<()>("throw Object.assign(new RangeError('too big'), { code: 'E_BIG' })");
/// let Err(jsvm::Error::Thrown(t)) = thrown else { panic!() };
/// assert_eq!((t.name.as_str(), t.message.as_str()), ("RangeError", "too big"));
/// assert_eq!(t.code.as_deref(), Some("E_BIG"));
/// assert!(t.stack.is_some());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Thrown {
    /// `name` of the thrown error (`TypeError`, ...); empty for non-error values.
    pub name: String,
    /// `message` of the thrown error, or the value converted to a string.
    pub message: String,
    /// The `stack` property, if it had one.
    pub stack: Option<String>,
    /// The `code` property, if it had a string one (`ERR_...`).
    pub code: Option<String>,
}

/// What kind of failure an [`Error`] is, without its details: one per variant of [`Error`].
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let e = rt.main_context().eval::<()>("let x = ;").unwrap_err();
/// assert_eq!(e.kind(), jsvm::ErrorKind::Syntax);
/// assert_eq!(e.kind().to_string(), "syntax");
/// assert_eq!(e.code(), None); // Node has no code for a syntax error
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::Syntax`].
    Syntax,
    /// [`Error::Thrown`].
    Thrown,
    /// [`Error::Timeout`].
    Timeout,
    /// [`Error::Interrupted`].
    Interrupted,
    /// [`Error::OutOfMemory`].
    OutOfMemory,
    /// [`Error::StackOverflow`].
    StackOverflow,
    /// [`Error::InvalidArgument`].
    InvalidArgument,
    /// [`Error::JobPanicked`].
    JobPanicked,
    /// [`Error::PoolClosed`].
    PoolClosed,
    /// [`Error::QueueFull`].
    QueueFull,
    /// [`Error::Unsettled`].
    Unsettled,
}

impl ErrorKind {
    /// A stable snake_case name: `syntax`, `thrown`, `timeout`, `interrupted`,
    /// `out_of_memory`, `stack_overflow`, `invalid_argument`, `job_panicked`, `pool_closed`,
    /// `queue_full`, `unsettled`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::Thrown => "thrown",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Interrupted => "interrupted",
            ErrorKind::OutOfMemory => "out_of_memory",
            ErrorKind::StackOverflow => "stack_overflow",
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::JobPanicked => "job_panicked",
            ErrorKind::PoolClosed => "pool_closed",
            ErrorKind::QueueFull => "queue_full",
            ErrorKind::Unsettled => "unsettled",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Syntax(_) => ErrorKind::Syntax,
            Error::Thrown(_) => ErrorKind::Thrown,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Interrupted => ErrorKind::Interrupted,
            Error::OutOfMemory => ErrorKind::OutOfMemory,
            Error::StackOverflow => ErrorKind::StackOverflow,
            Error::InvalidArgument(_) => ErrorKind::InvalidArgument,
            Error::JobPanicked(_) => ErrorKind::JobPanicked,
            Error::PoolClosed => ErrorKind::PoolClosed,
            Error::QueueFull => ErrorKind::QueueFull,
            Error::Unsettled => ErrorKind::Unsettled,
        }
    }

    /// Node's error code for this failure, if Node has one: `ERR_SCRIPT_EXECUTION_TIMEOUT`,
    /// `ERR_SCRIPT_EXECUTION_INTERRUPTED`, `ERR_INVALID_ARG_VALUE`, or the `code` of a thrown
    /// error.
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Timeout { .. } => Some("ERR_SCRIPT_EXECUTION_TIMEOUT"),
            Error::Interrupted => Some("ERR_SCRIPT_EXECUTION_INTERRUPTED"),
            Error::Thrown(t) => t.code.as_deref(),
            Error::InvalidArgument(_) => Some("ERR_INVALID_ARG_VALUE"),
            _ => None,
        }
    }

    /// The message of the error as JavaScript would see it.
    pub fn message(&self) -> String {
        match self {
            Error::Syntax(s) => s.message.clone(),
            Error::Thrown(t) => t.message.clone(),
            Error::Timeout { ms } => format!("Script execution timed out after {ms}ms"),
            Error::Interrupted => "Script execution was interrupted by `SIGINT`".to_string(),
            Error::OutOfMemory => "out of memory".to_string(),
            Error::StackOverflow => "Maximum call stack size exceeded".to_string(),
            Error::InvalidArgument(m) => m.clone(),
            Error::JobPanicked(Some(m)) => format!("the job panicked: {m}"),
            Error::JobPanicked(None) => "the job panicked".to_string(),
            Error::PoolClosed => "the pool shut down before the job ran".to_string(),
            Error::QueueFull => "the pool's queue is full".to_string(),
            Error::Unsettled => {
                "the promise can never settle: nothing is left to settle it".to_string()
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Syntax(s) => write!(f, "{}SyntaxError: {}", s.header(), s.message),
            Error::Thrown(t) if t.name.is_empty() => write!(f, "Uncaught {}", t.message),
            Error::Thrown(t) => write!(f, "{}: {}", t.name, t.message),
            Error::StackOverflow => write!(f, "RangeError: {}", self.message()),
            _ => f.write_str(&self.message()),
        }
    }
}

impl std::error::Error for Error {}

impl From<rquickjs::Error> for Error {
    fn from(e: rquickjs::Error) -> Self {
        match e {
            rquickjs::Error::Allocation => Error::OutOfMemory,
            other => Error::InvalidArgument(other.to_string()),
        }
    }
}

/// Result with the library's [`Error`].
///
/// ```
/// fn answer(rt: &jsvm::Runtime) -> jsvm::Result<i32> {
///     rt.main_context().eval("6 * 7")
/// }
/// assert_eq!(answer(&jsvm::Runtime::new().unwrap()), Ok(42));
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Length of the token starting at `col` (an identifier or keyword, a string literal on the
/// line, else one character).
fn token_len(line: &str, col: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(col).collect();
    if let Some(&quote) = rest.first().filter(|c| **c == '"' || **c == '\'') {
        let mut escaped = false;
        for (i, &c) in rest.iter().enumerate().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                _ if c == quote => return i + 1,
                _ => {}
            }
        }
        return 1;
    }
    // A number runs to its last digit (`123abc`: V8's bad token is `123`).
    if rest.first().is_some_and(char::is_ascii_digit) {
        return rest
            .iter()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '_'))
            .count();
    }
    let ident = rest
        .iter()
        .take_while(|c| c.is_alphanumeric() || **c == '_' || **c == '$')
        .count();
    ident.max(1)
}
