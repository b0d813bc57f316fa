//! `jsvm`: runs Node-style programs (and Node's `vm` module) on QuickJS-ng.
//!
//! Thin: argument parsing, the REPL and exit codes; the work is `jsvm_node::NodeHost`'s.

mod repl;

use std::io::Read;
use std::path::PathBuf;

use jsvm_node::{HostOptions, Main, NodeHost};

fn version_line() -> String {
    format!(
        "jsvm {} (QuickJS-ng {})",
        jsvm_node::VERSION,
        jsvm_node::ENGINE_VERSION
    )
}

fn help() -> String {
    format!(
        "{version}
Runs Node-style JavaScript programs (CommonJS and ES modules, Node's vm module) on QuickJS-ng.

Usage: jsvm [options] [script.js | script.mjs | -e \"script\" | -p \"script\" | -] [arguments]

With no script, jsvm starts a REPL when standard input is a terminal, and otherwise runs
standard input as a program (like `node < file`).

Options:
  -e, --eval CODE            run CODE
  -p, --print CODE           run CODE and print its result (util.inspect)
  -c, --check                compile the program (a file, or standard input) without running it
  -h, --help                 print this help and exit
  -v, --version              print the version (`{version}`) and exit
      --timeout MS           stop the program (main code and event loop) after MS
                             milliseconds: it fails with ERR_SCRIPT_EXECUTION_TIMEOUT, exit code 1
      --memory-limit MB      cap the JavaScript heap at MB megabytes
      --stack-size KB        cap the JavaScript stack at KB kilobytes (default: the main
                             thread's stack less 1 MB, 7 MB under the usual 8 MB limit)
      --expose-gc            expose a global gc() function
  -i, --interactive          the REPL, even when standard input is not a terminal
  -r, --require MODULE       load MODULE before the program (repeatable; also read from
                             the NODE_OPTIONS variable, as node's options there)
      --import MODULE        import the ES module MODULE (resolved from the working
                             directory) after the -r modules, before the program (repeatable)
      --unhandled-rejections MODE
                             throw (the default), strict, warn, none or warn-with-error-code:
                             what an unhandled promise rejection does, as node's
      --input-type TYPE      run -e and standard input code as \"module\" or \"commonjs\"
                             (default: an ES module when it compiles only as one)
      --env-file FILE        set the variables of FILE (.env format) that the environment
                             lacks, before anything runs (repeatable)
      --no-warnings          do not print process warnings
      --disable-warning=CODE_OR_TYPE
                             do not print the warnings of that code or type
      --no-deprecation       do not print deprecation warnings
      --test-reporter NAME   node:test's report: tap (the default unless on a terminal) or spec
      --test [PATHS]         run test files (node:test), each in its own process, as one TAP
                             report (the files named, or found under the directories given or
                             the current one: *.test.js, test-*.js, test/**/*.js, ...)
      --experimental-*, --harmony-*, --trace-*, --max-old-space-size=MB, --jitless, ...
                             Node and V8 flags, accepted for compatibility (no effect)
      --v8-options           list the V8 flags jsvm takes, in V8's layout, and exit
  --                         end of options

Versions: `process.version` ({node}) is the Node.js release whose API jsvm implements, as
`process.versions.node`; `process.versions.jsvm` ({v}) and `process.versions.quickjs` tell
jsvm apart.

Exit codes: as node: 0, the code given to process.exit() or process.exitCode, 1 for an
uncaught exception or unhandled rejection, 9 for a bad option, 13 for an unsettled top-level
await, 130 when interrupted by Ctrl-C (SIGINT) with no listener.",
        version = version_line(),
        v = &jsvm_node::VERSION[1..],
        node = jsvm_node::NODE_VERSION
    )
}

fn bad_option(msg: &str) -> ! {
    eprintln!("jsvm: {msg}");
    std::process::exit(9);
}

fn number_arg(name: &str, value: Option<String>) -> u64 {
    let Some(v) = value else {
        bad_option(&format!("{name} requires an argument"))
    };
    match v.trim().parse::<u64>() {
        Ok(n) if n > 0 => n,
        _ => bad_option(&format!("{name} requires a positive integer, got {v:?}")),
    }
}

/// `--v8-options`: the V8 flags jsvm takes, in the layout of V8's list (an `Options:` line, then
/// each flag indented by two spaces with its description), which tools parse for flag names
/// (v8flags, used by gulp, reads the names to know which flags to pass on).
fn v8_options() -> String {
    const FLAGS: &[(&str, &str, &str)] = &[
        (
            "--expose-gc",
            "expose a global gc() function",
            "bool  default: --no-expose-gc",
        ),
        (
            "--stack-size",
            "the JavaScript stack's limit in KB; default: the main thread's stack less 1 MB",
            "int",
        ),
        ("--stack-trace-limit", "accepted, no effect", "int"),
        (
            "--max-old-space-size",
            "accepted, no effect: see --memory-limit",
            "size_t",
        ),
        ("--max-semi-space-size", "accepted, no effect", "size_t"),
        (
            "--jitless",
            "accepted, no effect: QuickJS-ng has no JIT",
            "bool",
        ),
        ("--opt", "accepted as --no-opt, no effect", "bool"),
        ("--allow-natives-syntax", "accepted, no effect", "bool"),
        ("--use-strict", "accepted, no effect", "bool"),
        (
            "--abort-on-uncaught-exception",
            "an uncaught exception ends the process by SIGTRAP after V8's report, an unhandled rejection by SIGABRT",
            "bool",
        ),
        ("--harmony", "accepted, and --harmony-*, no effect", "bool"),
    ];
    let mut text = format!(
        "{}: the V8 flags it takes (QuickJS-ng is not V8)\n\nOptions:\n",
        version_line()
    );
    for (name, what, kind) in FLAGS {
        text.push_str(&format!("  {name} ({what})\n        type: {kind}\n"));
    }
    text
}

/// Node and V8 flags that tools pass (test runners, package scripts), accepted and ignored:
/// they tune V8's compiler and heap, turn on features QuickJS-ng has or lacks regardless, or
/// trace. V8 spells words with `_` or `-` alike.
fn ignored_flag(name: &str) -> bool {
    let name = name.replace('_', "-");
    const EXACT: &[&str] = &[
        "--no-deprecation",
        "--throw-deprecation",
        "--pending-deprecation",
        "--enable-source-maps",
        "--preserve-symlinks",
        "--preserve-symlinks-main",
        "--jitless",
        "--no-opt",
        "--allow-natives-syntax",
        "--no-addons",
        "--no-global-search-paths",
        "--max-old-space-size",
        "--max-semi-space-size",
        "--stack-trace-limit",
        "--use-strict",
        "--abort-on-uncaught-exception",
    ];
    const PREFIXES: &[&str] = &[
        "--harmony",
        "--no-harmony",
        "--experimental-",
        "--no-experimental-",
        "--trace-",
        "--no-trace-",
    ];
    EXACT.contains(&name.as_str()) || PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Applies the option `name` that sets up the host (`value` gives its argument, from `=` or
/// the next word); false when `name` is none of them.
fn apply_option(
    name: &str,
    options: &mut HostOptions,
    mut value: impl FnMut() -> Option<String>,
) -> bool {
    match name {
        "--timeout" => options.timeout_ms = Some(number_arg(name, value())),
        "--memory-limit" => {
            options.memory_limit =
                Some((number_arg(name, value()) as usize).saturating_mul(1 << 20))
        }
        "--stack-size" => {
            options.stack_size = Some((number_arg(name, value()) as usize).saturating_mul(1 << 10))
        }
        "-r" | "--require" => match value() {
            Some(module) => options.preload.push(module),
            None => bad_option(&format!("{name} requires an argument")),
        },
        "--import" => match value() {
            Some(module) => options.imports.push(module),
            None => bad_option(&format!("{name} requires an argument")),
        },
        "--loader" | "--experimental-loader" => match value() {
            Some(module) => options.loaders.push(module),
            None => bad_option(&format!("{name} requires an argument")),
        },
        "--unhandled-rejections" => match value() {
            Some(mode)
                if matches!(
                    mode.as_str(),
                    "throw" | "strict" | "warn" | "none" | "warn-with-error-code"
                ) =>
            {
                options.unhandled_rejections = Some(mode)
            }
            Some(mode) => bad_option(&format!("invalid value for --unhandled-rejections: {mode}")),
            None => bad_option(&format!("{name} requires an argument")),
        },
        "--input-type" => match value() {
            Some(t) if t == "module" || t == "commonjs" => options.input_type = Some(t),
            _ => bad_option("--input-type must be \"module\" or \"commonjs\""),
        },
        "--env-file" => match value() {
            Some(file) => options.env_files.push(file),
            None => bad_option(&format!("{name} requires an argument")),
        },
        "--expose-gc" | "--expose_gc" => options.expose_gc = true,
        "--no-warnings" => options.no_warnings = true,
        "--disable-warning" => match value() {
            Some(code_or_type) => options.disabled_warnings.push(code_or_type),
            None => bad_option(&format!("{name} requires an argument")),
        },
        _ => return ignored_flag(name),
    }
    true
}

/// The options of the NODE_OPTIONS variable, as node reads them (before the command line's,
/// and not in `process.execArgv`): those that set up the host; any other is refused.
fn apply_node_options(options: &mut HostOptions) {
    let Ok(text) = std::env::var("NODE_OPTIONS") else {
        return;
    };
    let Some(words) = shlex::split(&text) else {
        bad_option("NODE_OPTIONS: unterminated string")
    };
    let mut words = words.into_iter();
    while let Some(word) = words.next() {
        let (name, inline) = match word.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (word.clone(), None),
        };
        let known = name.starts_with('-')
            && apply_option(&name, options, || inline.clone().or_else(|| words.next()));
        if !known {
            bad_option(&format!("{word} is not allowed in NODE_OPTIONS"));
        }
    }
}

fn main() {
    tune_malloc();
    let mut args = std::env::args().skip(1).peekable();
    let exec_path = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "jsvm".into());
    let mut options = HostOptions {
        exec_path,
        ..Default::default()
    };
    apply_node_options(&mut options);
    let mut main: Option<Main> = None;
    let mut force_stdin = false;
    let mut force_repl = false;
    let mut check = false;
    while let Some(arg) = args.peek().cloned() {
        if !arg.starts_with('-') || arg == "-" {
            break;
        }
        args.next();
        if arg == "--" {
            break;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let value = |args: &mut std::iter::Peekable<std::iter::Skip<std::env::Args>>| {
            inline.clone().or_else(|| args.next())
        };
        match name.as_str() {
            "-h" | "--help" => {
                println!("{}", help());
                return;
            }
            // The REPL even when standard input is no terminal (`node -i < input`).
            "-i" | "--interactive" => {
                force_repl = true;
                options.exec_argv.push(arg.clone());
                continue;
            }
            "-c" | "--check" => {
                check = true;
                options.exec_argv.push(arg.clone());
                continue;
            }
            "-v" | "--version" => {
                println!("{}", version_line());
                return;
            }
            "--v8-options" => {
                print!("{}", v8_options());
                return;
            }
            // `-pe` is node's spelling of -p (its one clustered short option).
            "-e" | "--eval" | "-p" | "--print" | "-pe" => {
                let print = matches!(name.as_str(), "-p" | "--print" | "-pe");
                let Some(code) = value(&mut args) else {
                    bad_option(&format!("{name} requires an argument"))
                };
                main = Some(Main::Eval { code, print });
                options.exec_argv.push(arg.clone());
                if inline.is_none() {
                    if let Main::Eval { code, .. } = main.as_ref().unwrap() {
                        options.exec_argv.push(code.clone());
                    }
                }
                continue;
            }
            // node:test's reporter (read by js/test.js from process.execArgv).
            "--test-reporter" if inline.is_none() => {
                options.exec_argv.push(arg.clone());
                match args.next() {
                    Some(v) => options.exec_argv.push(v),
                    None => bad_option("--test-reporter requires an argument"),
                }
                continue;
            }
            "--test-reporter" => options.exec_argv.push(arg.clone()),
            "--test" => {
                options.test_runner = true;
                main = Some(Main::Eval {
                    code: String::new(),
                    print: false,
                });
                options.exec_argv.push(arg.clone());
            }
            _ => {
                let mut taken = None;
                let known = apply_option(&name, &mut options, || {
                    taken = value(&mut args);
                    taken.clone()
                });
                if !known {
                    bad_option(&format!("bad option: {arg}"));
                }
                options.exec_argv.push(arg.clone());
                if let (None, Some(v)) = (&inline, taken) {
                    options.exec_argv.push(v);
                }
                continue;
            }
        }
    }
    if options.stack_size.is_none() {
        options.stack_size = Some(main_thread_stack_limit());
    }
    let rest: Vec<String> = args.collect();
    let mut rest = rest.into_iter();
    if main.is_none() {
        match rest.next() {
            Some(f) if f == "-" => force_stdin = true,
            Some(f) => main = Some(Main::File(PathBuf::from(f))),
            None => {}
        }
    }
    options.args = rest.collect();

    let main = match main {
        // `--check` compiles the program only (`-e` code is run, as node runs it).
        Some(Main::File(file)) if check => Main::Check {
            file: Some(file),
            source: String::new(),
        },
        Some(m) => m,
        None if check => {
            let mut source = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut source) {
                eprintln!("jsvm: cannot read standard input: {e}");
                flush_and_exit(1);
            }
            Main::Check { file: None, source }
        }
        None => {
            let tty = unsafe { libc::isatty(0) == 1 };
            if (tty || force_repl) && !force_stdin {
                let code = repl::run(options);
                flush_and_exit(code);
            }
            let mut src = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut src) {
                eprintln!("jsvm: cannot read standard input: {e}");
                flush_and_exit(1);
            }
            Main::Stdin(src)
        }
    };
    let host = match NodeHost::new(options) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("jsvm: cannot start: {e}");
            flush_and_exit(1);
        }
    };
    let code = host.run(main);
    // The host is not dropped: the process ends here, as node's does.
    std::mem::forget(host);
    flush_and_exit(code);
}

/// The JavaScript stack limit of the main thread: its stack (RLIMIT_STACK) less 1 MB for the
/// host's own frames. QuickJS's default, 1 MB, holds about a tenth of the calls V8's does
/// (tape runs each subtest inside the previous one's end: a suite of a few hundred overflowed).
/// QuickJS strings are flat, so building a large string (util.inspect of a deep value, a long
/// `join`) allocates and frees many buffers of hundreds of KB. glibc serves those with `mmap`
/// and gives them back with `munmap`/`brk` trims, and every new page then faults: a 1000-deep
/// inspect spent 15x its time in the kernel. Keeping up to 32 MB blocks on the heap and trimming
/// only past 64 MB free keeps those pages mapped (jsvm's memory limits count the engine's
/// allocations, not the process's, so they are unchanged).
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before any thread is started.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
}

fn main_thread_stack_limit() -> usize {
    const MB: usize = 1 << 20;
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes the struct it is given.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_STACK, &mut limit) } == 0;
    let stack = if !ok || limit.rlim_cur == libc::RLIM_INFINITY {
        8 * MB
    } else {
        usize::try_from(limit.rlim_cur)
            .unwrap_or(8 * MB)
            .min(64 * MB)
    };
    stack.saturating_sub(MB).max(MB)
}

fn flush_and_exit(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}
