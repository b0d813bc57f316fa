//! How a host is set up (`HostOptions`), kept apart from the host so that the state natives
//! share (`shared.rs`) can hold it.

/// How the host is set up.
#[derive(Clone, Debug, Default)]
pub struct HostOptions {
    /// `process.execPath` (the jsvm binary).
    pub exec_path: String,
    /// `process.execArgv`: the jsvm options before the program.
    pub exec_argv: Vec<String>,
    /// The program's own arguments (after the file, or after `-e CODE`).
    pub args: Vec<String>,
    /// Stop the program after this many milliseconds (main program and event loop).
    pub timeout_ms: Option<u64>,
    /// Engine heap limit, bytes.
    pub memory_limit: Option<usize>,
    /// Engine stack limit, bytes.
    pub stack_size: Option<usize>,
    /// `--expose-gc`: a global `gc()`.
    pub expose_gc: bool,
    /// `--no-warnings`: `process.emitWarning` prints nothing.
    pub no_warnings: bool,
}
