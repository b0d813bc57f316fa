//! What a host is given: how it is set up (`HostOptions`, and the runtime that follows from
//! them) and what it runs (`Main`); apart from the host, so that the state natives share
//! (`shared.rs`) and worker_threads can hold them.

use std::path::PathBuf;

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
    /// `--disable-warning`: warnings of these codes or types are not printed (the `'warning'`
    /// event still fires).
    pub disabled_warnings: Vec<String>,
    /// `-r`/`--require`: modules loaded before the program (and the REPL), in order.
    pub preload: Vec<String>,
    /// `--import`: ES modules imported (from the working directory) after the `--require`
    /// modules and before the program, in order.
    pub imports: Vec<String>,
    /// `--loader`/`--experimental-loader`: hooks modules registered (`module.register`, from
    /// the working directory) before the `--import` modules, in order.
    pub loaders: Vec<String>,
    /// `--unhandled-rejections`: what an unhandled rejection does (`throw` when None: Node's
    /// default), one of `throw`, `strict`, `warn`, `none`, `warn-with-error-code`.
    pub unhandled_rejections: Option<String>,
    /// `--env-file`: files of variables set before the program runs, in order.
    pub env_files: Vec<String>,
    /// `--input-type`: "module" or "commonjs" for `-e` and standard input code (None: detected).
    pub input_type: Option<String>,
    /// `--test`: run the test files named by `args` (or found) instead of a program.
    pub test_runner: bool,
}

/// What to run.
#[derive(Clone, Debug)]
pub enum Main {
    /// A program file (`.mjs`: an ES module; anything else: CommonJS).
    File(PathBuf),
    /// `-e CODE` (`print`: `-p`, show the completion value).
    Eval {
        /// The code.
        code: String,
        /// Print the result with util.inspect.
        print: bool,
    },
    /// A program read from standard input (`node < file`).
    Stdin(String),
    /// `--check`: a program compiled, not run (a file, or standard input's text when `None`
    /// with the text given).
    Check {
        /// The program file.
        file: Option<PathBuf>,
        /// Standard input's text, when no file.
        source: String,
    },
}

/// The runtime settings of `options`.
pub(crate) fn runtime_builder(options: &HostOptions) -> jsvm::RuntimeBuilder {
    // Workers share SharedArrayBuffers with their parent; Atomics.wait blocks, as in Node.
    // Node 20's language in the main realm and every vm context: no builtin newer than its V8.
    let mut builder = jsvm::Runtime::builder()
        .shared_memory(true)
        .language_level(jsvm::LanguageLevel::Node20);
    if let Some(m) = options.memory_limit {
        builder = builder.memory_limit(m);
    }
    if let Some(s) = options.stack_size {
        builder = builder.max_stack_size(s);
    }
    builder
}
