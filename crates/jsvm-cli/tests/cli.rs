//! Integration tests of the `jsvm` command.
//!
//! 1. The cases of tests/cli-cases/: each directory holds a program (main.js / main.mjs, run as
//!    `jsvm <abs path> ARGS`, or a file `stdin`, run as `jsvm < stdin`) and what Node v20 did
//!    with it (expected.stdout, expected.stderr filtered, expected.code), recorded by
//!    tests/record-cli.sh. stdout and the exit code must match exactly; stderr must match after
//!    the same filter (paths, pids, stack frames dropped). Where jsvm differs from Node by
//!    design or by engine (QuickJS's own syntax error messages, ...), the case holds
//!    `jsvm.stderr`, the expected filtered stderr of jsvm, and its reason in `jsvm.reason`.
//! 2. Command-line behaviour that Node does not share (-v, --help, --timeout, ...).
//! 3. The REPL: with standard input a pipe (a program), and through a pseudo-terminal
//!    (multi-line input, `_`, Ctrl-C, .exit).

mod common;

use common::{exit_code, filter_stderr, Output, JSVM};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn cases_dir() -> PathBuf {
    common::cases_dir("cli-cases")
}

/// Runs jsvm with a 30 s limit.
fn run(args: &[&str], cwd: &Path, stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(JSVM)
        .args(args)
        .current_dir(cwd)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn jsvm");
    if let Some(input) = stdin {
        let mut i = child.stdin.take().unwrap();
        i.write_all(input).unwrap();
    }
    common::finish(child, &format!("jsvm {args:?}"), Duration::from_secs(30))
}

fn check_case(name: &str) {
    let dir = cases_dir().join(name);
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
    let args: Vec<String> = read("args")
        .map(|a| a.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let out = if let Some(stdin) = read("stdin") {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&a, &dir, Some(stdin.as_bytes()))
    } else {
        let main = if dir.join("main.mjs").exists() {
            "main.mjs"
        } else {
            "main.js"
        };
        let main = dir.join(main).to_string_lossy().into_owned();
        // Options for the runtime itself (`flags`) go before the program, its own after.
        let flags: Vec<String> = read("flags")
            .map(|a| a.split_whitespace().map(String::from).collect())
            .unwrap_or_default();
        let mut a: Vec<&str> = flags.iter().map(String::as_str).collect();
        a.push(main.as_str());
        a.extend(args.iter().map(String::as_str));
        run(&a, &dir, None)
    };
    let mut expected = common::read_expected(&dir);
    let mut out = out;
    // The REPL's welcome names the program (node's its release, jsvm's its own): a case with
    // a file `banner` compares the output after the two welcome lines.
    if dir.join("banner").exists() {
        let after_banner = |s: &str| s.splitn(3, '\n').nth(2).unwrap_or("").to_string();
        expected.stdout = after_banner(&expected.stdout);
        out.stdout = after_banner(&out.stdout);
    }
    let mut stderr = filter_stderr(&out.stderr, &dir.to_string_lossy());
    // Some errors print properties whose layout depends on the checkout's path length
    // (util.inspect breaks lines at 80 columns): those cases compare the error's head only,
    // the lines before its stack.
    if dir.join("stderr-head-only").exists() {
        let raw = &out.stderr;
        let cut = raw.find("\n    at ").map(|i| i + 1).unwrap_or(raw.len());
        stderr = filter_stderr(&raw[..cut], &dir.to_string_lossy());
        expected.stderr = expected
            .stderr
            .split("\n  code:")
            .next()
            .unwrap_or("")
            .to_string();
        if !expected.stderr.ends_with('\n') {
            expected.stderr.push('\n');
        }
    }
    common::assert_case(name, &out, &stderr, &expected);
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_case(stringify!($name));
            }
        )*
        const CASES: &[&str] = &[$(stringify!($name)),*];
    };
}

cases!(
    check_syntax_error,
    check_syntax_ok,
    module_internals,
    module_loader_flags,
    module_hooks_exit,
    module_wrap,
    module_link_error_main,
    import_link_error_job,
    error_frames,
    error_stack_inherited,
    regexp_legacy_statics,
    module_create_require,
    events_async_resource,
    perf_histogram,
    preload_modules,
    module_resolve_paths,
    env_file,
    esm_builtin_sync,
    module_detection,
    repl_interactive,
    repl_underscore_error,
    repl_context_globals,
    repl_server_api,
    console_shape,
    stack_columns_non_ascii,
    uncaught_arrow_custom_format,
    uncaught_arrow_throw,
    uncaught_arrow_stored,
    uncaught_emit_wrapped,
    uncaught_inspect_as_is,
    eval_builtin_globals,
    async_local_storage,
    esm_main_stored_error,
    esm_stack_columns,
    exit_listener_jobs,
    unsettled_tla_exit_code,
    async_throw,
    before_exit_reschedules,
    broadcast_channel,
    builtin_frame_types,
    destructure_wording,
    builtins_without_globals,
    callsite_constructor,
    callsite_methods,
    child_fork_ipc,
    child_ipc_channel,
    child_spawn_events,
    child_spawn_sync,
    child_timeout_no_zombies,
    console_methods,
    node_test_runner,
    domain_errors,
    cluster_fork,
    deep_recursion,
    deprecated_builtins,
    dgram_udp,
    node_test_files,
    console_primitives,
    crypto_module,
    dns_lookup,
    esm_main,
    esm_throw,
    esm_unsettled_tla,
    event_order,
    event_order_simple,
    exit_code_from_listener,
    fs_more,
    fs_roundtrip,
    globals,
    interval_clear,
    lazy_error_stack,
    message_channel,
    node_versions,
    package_exports_require_esm,
    parse_args_diagnostics_channel,
    path_module,
    perf_hooks_module,
    process_basics,
    process_exit,
    process_stdin_stream,
    querystring_module,
    readline_module,
    stream_promises,
    require_files,
    require_hook_tools,
    require_missing,
    require_symlinks,
    stack_parenthesized_callee,
    stack_trace_api,
    stdin_error,
    stdin_program,
    syntax_error,
    syntax_error_wording,
    regexp_literal_caret,
    primitive_property_uncaught,
    timer_errors,
    tty_module,
    uncaught_error,
    uncaught_error_exit_listener,
    uncaught_listener,
    uncaught_object,
    uncaught_props,
    uncaught_string,
    unhandled_listener,
    unhandled_rejection_error,
    unhandled_rejection_value,
    unref_timers,
    url_legacy,
    url_module,
    util_types,
    v8_error_wording,
    v8_wording_eval_proxy,
    vm_global_interceptors,
    vm_global_own_properties,
    vm_global_proto_name,
    vm_global_symbols,
    vm_import_callback_flag,
    vm_main_prepare_stack_trace,
    vm_modules_warning,
    disable_warning,
    web_events_encoding,
    warnings,
    worker_errors,
    worker_lifecycle,
    worker_messages,
    worker_options,
    worker_shared_memory,
    worker_ports,
    worker_vm,
    zlib_module,
    zlib_streams,
    stored_error_after_async_throw,
    stored_error_after_async_job,
);

#[test]
fn every_case_has_a_test() {
    common::assert_all_cases_listed(
        &cases_dir(),
        CASES,
        "tests/cli-cases and the cases! list differ",
    );
}

// ---- command line ------------------------------------------------------------------------------

fn tmp() -> PathBuf {
    std::env::temp_dir()
}

#[test]
fn eval_and_print() {
    let o = run(
        &["-e", "console.log(1 + 1, typeof require, __filename)"],
        &tmp(),
        None,
    );
    assert_eq!((o.stdout.as_str(), o.code), ("2 function [eval]\n", 0));
    let o = run(&["-p", "({ a: [1, { b: 2 }], s: 'x' })"], &tmp(), None);
    assert_eq!(o.stdout, "{ a: [ 1, { b: 2 } ], s: 'x' }\n");
    let o = run(&["-p", "process.argv.length", "x", "y"], &tmp(), None);
    assert_eq!(o.stdout, "3\n");
    let o = run(&["-p", "Promise.resolve(3)"], &tmp(), None);
    assert_eq!(o.stdout, "Promise { 3 }\n");
    let o = run(&["-e", "process.exitCode = 4"], &tmp(), None);
    assert_eq!(o.code, 4);
    let o = run(&["--print=6*7"], &tmp(), None);
    assert_eq!(o.stdout, "42\n");
    // As node: `-pe` prints, and stays in execArgv as written.
    let o = run(&["-pe", "process.execArgv"], &tmp(), None);
    assert_eq!(o.stdout, "[ '-pe', 'process.execArgv' ]\n");
}

#[test]
fn exec_path_is_the_jsvm_binary() {
    // Programs spawn `process.execPath` to run a script or `-e` code in a fresh jsvm.
    let o = run(
        &[
            "-e",
            "console.log(process.execPath); const r = require('child_process').spawnSync(process.execPath, ['-p', 'process.execPath === process.argv[0]'], { encoding: 'utf8' }); console.log(r.stdout.trim())",
        ],
        &tmp(),
        None,
    );
    let exe = std::fs::canonicalize(JSVM).unwrap();
    assert_eq!(
        o.stdout,
        format!("{}\ntrue\n", exe.display()),
        "{}",
        o.stderr
    );
}

#[test]
fn eval_errors_have_node_header() {
    let o = run(&["-e", "const a = 1;\nnull.x"], &tmp(), None);
    assert_eq!(o.code, 1);
    assert!(o.stderr.starts_with("[eval]:2\nnull.x\n"), "{}", o.stderr);
    assert!(o.stderr.contains("\n\nTypeError: "), "{}", o.stderr);
    let o = run(&["-e", "let x = ;"], &tmp(), None);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .starts_with("[eval]:1\nlet x = ;\n        ^\n\nSyntaxError: "),
        "{}",
        o.stderr
    );
}

/// `https`, `tls` and `http2` load; jsvm has no HTTP/2 sessions: `http2.connect` and the
/// servers throw ERR_METHOD_NOT_IMPLEMENTED, every time.
#[test]
fn tls_modules_load_and_http2_sessions_are_not_available() {
    let program = r#"
for (const m of ['https', 'node:tls', 'http2', '_tls_wrap', '_tls_common']) {
  try { require(m); console.log(m, 'loaded'); } catch (e) { console.log(m, e.code, e.message); }
}
const h2 = require('http2');
for (const f of ['connect', 'createServer', 'createSecureServer', 'connect']) {
  try { h2[f]('https://localhost'); } catch (e) { console.log(e.code, e.message); }
}
console.log(require('module').isBuiltin('https'), require('module').builtinModules.includes('tls'));
"#;
    let o = run(&["-e", program], &tmp(), None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let msg = |f: &str| {
        format!(
            "ERR_METHOD_NOT_IMPLEMENTED The {f}() method is not implemented (jsvm has no HTTP/2)"
        )
    };
    assert_eq!(
        o.stdout,
        format!(
            "https loaded\nnode:tls loaded\nhttp2 loaded\n_tls_wrap loaded\n_tls_common loaded\n{}\n{}\n{}\n{}\ntrue true\n",
            msg("connect"),
            msg("createServer"),
            msg("createSecureServer"),
            msg("connect")
        )
    );
}

/// NODE_EXTRA_CA_CERTS adds a file's certificates to the default trust (fetch and https
/// without `ca`), as in Node; a file that cannot be read is ignored with Node's warning.
#[test]
fn node_extra_ca_certs() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../jsvm-node/tests/fixtures/tls");
    let program = r#"
const https = require('https'), fs = require('fs'), path = require('path');
const F = (n) => fs.readFileSync(path.join(process.argv[1], n));
const srv = https.createServer({ key: F('server-key.pem'), cert: F('server-cert.pem') }, (req, res) => res.end('hello'));
srv.listen(0, async () => {
  const url = `https://localhost:${srv.address().port}/`;
  try { const r = await fetch(url); console.log(r.status, await r.text()); } catch (e) { console.log(e.message, e.cause.code); }
  https.get(url, (res) => {
    console.log(res.socket.authorized, res.socket.getPeerCertificate(true).issuerCertificate.subject.CN);
    res.resume(); res.on('end', () => { srv.close(); https.globalAgent.destroy(); });
  }).on('error', (e) => { console.log(e.code); srv.close(); });
});
"#;
    let run_with = |extra: &Path| {
        let child = Command::new(JSVM)
            .args(["-e", program, fixtures.to_str().unwrap()])
            .env("NODE_EXTRA_CA_CERTS", extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn jsvm");
        common::finish(child, "jsvm NODE_EXTRA_CA_CERTS", Duration::from_secs(30))
    };
    let o = run_with(&fixtures.join("ca-cert.pem"));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout, "200 hello\ntrue jsvm test CA\n", "{}", o.stderr);
    let o = run_with(Path::new("/nonexistent/extra.pem"));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "fetch failed UNABLE_TO_VERIFY_LEAF_SIGNATURE\nUNABLE_TO_VERIFY_LEAF_SIGNATURE\n"
    );
    assert!(
        o.stderr.starts_with("Warning: Ignoring extra certs from `/nonexistent/extra.pem`, load failed: error:80000002:system library::No such file or directory\n"),
        "{}",
        o.stderr
    );
}

#[test]
fn version_and_help() {
    let o = run(&["--version"], &tmp(), None);
    assert_eq!(o.code, 0);
    assert!(o.stdout.starts_with("jsvm v"), "{}", o.stdout);
    assert!(o.stdout.contains("QuickJS-ng"), "{}", o.stdout);
    // `--version` is jsvm's own; `process.version` is the Node release jsvm implements.
    let v = run(&["-p", "'v' + process.versions.jsvm"], &tmp(), None);
    assert!(
        o.stdout.contains(v.stdout.trim()),
        "{} vs {}",
        o.stdout,
        v.stdout
    );
    let v = run(
        &["-p", "[process.version, process.versions.node].join()"],
        &tmp(),
        None,
    );
    assert_eq!(v.stdout, "v20.20.2,20.20.2\n");
    let o = run(&["-v"], &tmp(), None);
    assert!(o.stdout.starts_with("jsvm v"));
    let o = run(&["--help"], &tmp(), None);
    assert_eq!(o.code, 0);
    for needle in [
        "--timeout",
        "--memory-limit",
        "--stack-size",
        "--expose-gc",
        "-e,",
        "-p,",
        "process.version",
    ] {
        assert!(o.stdout.contains(needle), "--help lacks {needle}");
    }
}

#[test]
fn bad_option_exits_9() {
    let o = run(&["--no-such-flag"], &tmp(), None);
    assert_eq!(o.code, 9);
    assert!(o.stderr.contains("bad option: --no-such-flag"));
    let o = run(&["--timeout"], &tmp(), None);
    assert_eq!(o.code, 9);
}

#[test]
fn accepted_node_flags() {
    let o = run(
        &[
            "--experimental-vm-modules",
            "--no-warnings",
            "--expose-gc",
            "-p",
            "typeof gc",
        ],
        &tmp(),
        None,
    );
    assert_eq!((o.stdout.as_str(), o.code), ("function\n", 0));
    let o = run(&["-p", "typeof gc"], &tmp(), None);
    assert_eq!(o.stdout, "undefined\n");
    // V8 and Node flags that tools pass are accepted (either spelling of V8's words).
    let o = run(
        &[
            "--harmony-top-level-await",
            "--max-old-space-size=4096",
            "--max_old_space_size=4096",
            "--stack-size=900",
            "--experimental-specifier-resolution=node",
            "--trace-deprecation",
            "--enable-source-maps",
            "--jitless",
            "--unhandled-rejections=strict",
            "-p",
            "process.execArgv.length",
        ],
        &tmp(),
        None,
    );
    assert_eq!((o.stdout.as_str(), o.code), ("11\n", 0), "{}", o.stderr);
    let o = run(
        &[
            "--no-deprecation",
            "-e",
            "process.emitWarning('d', 'DeprecationWarning'); console.log(process.noDeprecation)",
        ],
        &tmp(),
        None,
    );
    assert_eq!((o.stdout.as_str(), o.stderr.as_str()), ("true\n", ""));
    let o = run(
        &["--no-warnings", "-e", "process.emitWarning('w')"],
        &tmp(),
        None,
    );
    assert_eq!(o.stderr, "");
    let o = run(&["-e", "process.emitWarning('w')"], &tmp(), None);
    assert!(o.stderr.starts_with("(node:"), "{}", o.stderr);
    assert!(o.stderr.contains(") Warning: w\n"), "{}", o.stderr);
}

#[test]
fn timeout_stops_busy_code_and_the_loop() {
    let start = Instant::now();
    let o = run(&["--timeout", "200", "-e", "for (;;) {}"], &tmp(), None);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("ERR_SCRIPT_EXECUTION_TIMEOUT"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("200ms"), "{}", o.stderr);
    let o = run(
        &["--timeout=200", "-e", "setInterval(() => {}, 1000)"],
        &tmp(),
        None,
    );
    assert_eq!(o.code, 1);
    assert!(start.elapsed() < Duration::from_secs(5));
    let o = run(&["--timeout", "5000", "-p", "1"], &tmp(), None);
    assert_eq!((o.stdout.as_str(), o.code), ("1\n", 0));
}

#[test]
fn memory_and_stack_limits() {
    let o = run(
        &[
            "--memory-limit",
            "16",
            "-e",
            "const a = []; for (;;) a.push('x'.repeat(1000) + a.length)",
        ],
        &tmp(),
        None,
    );
    assert_ne!(o.code, 0);
    assert!(o.stderr.contains("out of memory"), "{}", o.stderr);
    let o = run(
        &["--stack-size", "256", "-e", "function f() { f() } f()"],
        &tmp(),
        None,
    );
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("RangeError: Maximum call stack size exceeded"),
        "{}",
        o.stderr
    );
}

// ---- worker limits -------------------------------------------------------------------------------

/// Hostile workers (a busy loop, a memory bomb, deep recursion, a promise flood, a flood of
/// messages to the parent, a wait that nothing notifies, a sleeping loop) neither stop nor
/// crash the main thread, whose timers keep running meanwhile, nor another worker, which keeps
/// answering the main thread's pings; each terminate() resolves with exit code 1.
///
/// Times are measured and printed, and asserted only against generous bounds (eight busy
/// threads on a shared two-core machine leave each a share, not a core): the figures the issue
/// promises (terminate() within 100 ms, the main thread never held) are what the printout shows
/// on an idle machine; the bounds catch a terminate() or a loop that hangs.
#[test]
fn hostile_workers_cannot_hold_or_crash_the_main_thread() {
    let program = r#"
const { Worker } = require('worker_threads');
const hostile = {
  loop: 'while (true) {}',
  bomb: 'const a = []; for (;;) a.push("x".repeat(64) + a.length)',
  recursion: 'function r(n) { return r(n + 1) + 1 } for (;;) { try { r(0) } catch {} }',
  promises: 'function f() { return Promise.resolve().then(f); } f()',
  flood: 'const { parentPort } = require("worker_threads"); for (;;) parentPort.postMessage("spam")',
  wait: 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)',
  sleeper: 'setInterval(() => {}, 1000)',
};
const report = { terminate: {}, received: 0 };
let pending = 0;
for (const [name, code] of Object.entries(hostile)) {
  const w = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 64 } });
  w.on('message', () => { report.received++; });
  w.on('error', () => {});
  pending++;
  setTimeout(() => {
    const start = Date.now();
    w.terminate().then((code) => {
      report.terminate[name] = [code, Date.now() - start];
      if (--pending === 0) done();
    });
  }, 400);
}
// A well-behaved worker beside them: it answers pings all along.
const echo = new Worker('require("worker_threads").parentPort.on("message", (m) => require("worker_threads").parentPort.postMessage(m))', { eval: true });
const rtts = [];
let sent = 0;
echo.on('message', (m) => rtts.push(Date.now() - m));
const pinger = setInterval(() => { echo.postMessage(Date.now()); sent++; }, 20);
let ticks = 0;
let worstGap = 0;
let last = Date.now();
const iv = setInterval(() => {
  const now = Date.now();
  worstGap = Math.max(worstGap, now - last);
  last = now;
  ticks++;
}, 10);
function done() {
  clearInterval(iv);
  clearInterval(pinger);
  echo.terminate();
  for (const [name, [code, ms]] of Object.entries(report.terminate)) console.log('terminate', name, code, ms);
  console.log('received', report.received);
  console.log('ticks', ticks);
  console.log('gap', worstGap);
  console.log('pings', sent, rtts.length, Math.max(...rtts));
}
"#;
    // What the run must show whatever the machine does (a worker that is not stopped, an exit
    // code, a flood that never arrived fail at once), then its times against bounds grown with
    // the load. The load average lags a machine that just got busy, so a run whose times miss
    // the bounds is measured once more: a terminate() or a main thread that hangs misses twice.
    let mut missed = Vec::new();
    for _ in 0..2 {
        let start = Instant::now();
        let o = run(&["-e", program], &tmp(), None);
        assert_eq!(o.code, 0, "{}", o.stderr);
        eprintln!("measured:\n{}", o.stdout);
        match hostile_workers_times(&o.stdout) {
            Ok(()) => {
                assert!(start.elapsed() < Duration::from_secs(20));
                return;
            }
            Err(e) => missed.push(e),
        }
    }
    panic!("times missed their bounds twice: {missed:?}");
}

/// The checks of [`hostile_workers_cannot_hold_or_crash_the_main_thread`] on one run's output:
/// functional ones panic, missed time bounds are `Err`.
fn hostile_workers_times(stdout: &str) -> Result<(), String> {
    let line = |key: &str| -> Vec<u64> {
        let l = stdout.lines().find(|l| l.starts_with(&format!("{key} ")));
        let l = l.unwrap_or_else(|| panic!("no {key} in {stdout}"));
        l.split_whitespace()
            .skip(1)
            .map(|n| n.parse().unwrap())
            .collect()
    };
    let terminated: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("terminate "))
        .collect();
    assert_eq!(terminated.len(), 7, "{stdout}");
    assert!(line("received")[0] > 0, "the flood reached the main thread");
    let pings = line("pings");
    assert!(pings[0] >= 5 && pings[1] + 2 >= pings[0], "{stdout}");
    // Issue 13's bound: terminate() returns within 100 ms whatever the worker runs (on a
    // machine busier than its cores the wall clock also counts waiting for one: see
    // `load_scaled_ms`).
    let bound = load_scaled_ms(100);
    for l in terminated {
        let f: Vec<&str> = l.split_whitespace().collect();
        assert_eq!(f[2], "1", "exit code: {l}");
        if f[3].parse::<u64>().unwrap() >= bound {
            return Err(format!("terminate() took more than {bound} ms: {l}"));
        }
    }
    // The main thread's 10 ms timer ran on through the 400 ms of hostility.
    // (At least 10 on an idle machine; fewer, never none, when other builds share the cores.)
    let share = bound as f64 / 100.0;
    if (line("ticks")[0] as f64) < (10.0 / share).max(2.0) || line("gap")[0] >= bound {
        return Err(format!("the main thread was held: {stdout}"));
    }
    // The echo worker answered, none held for long.
    if pings[2] >= 1000 {
        return Err(format!("a ping waited a second: {stdout}"));
    }
    Ok(())
}

/// A worker's memory bomb ends that worker with ERR_WORKER_OUT_OF_MEMORY, even without
/// resourceLimits (a default cap, 512 MiB) and when made of SharedArrayBuffers (their bytes
/// count against the limit of the worker that made them) or when its code catches the errors
/// (a full heap ends the worker, as in Node), deep recursion is its RangeError, and the process
/// goes on.
#[test]
fn worker_memory_bombs_and_recursion_end_the_worker_only() {
    let program = r#"
const { Worker } = require('worker_threads');
const run = (code, options) => new Promise((resolve) => {
  const w = new Worker(code, { eval: true, ...options });
  let error = 'none';
  w.on('error', (e) => { error = e.code || `${e.name}: ${e.message}`; });
  w.on('exit', (code) => resolve(`${error} ${code}`));
});
(async () => {
  console.log(await run('const s = []; for (;;) s.push(new Array(1e5).fill(s.length))',
    { resourceLimits: { maxOldGenerationSizeMb: 32 } }));
  console.log(await run('const s = []; for (;;) s.push(new Array(1e5).fill(s.length))'));
  console.log(await run('function r(n) { return r(n + 1) + 1 } r(0)'));
  console.log(await run('const k = []; for (;;) k.push(new SharedArrayBuffer(1 << 20))',
    { resourceLimits: { maxOldGenerationSizeMb: 32 } }));
  // Catching its out-of-memory errors does not keep a full worker going (as in Node).
  console.log(await run('const k = []; for (;;) { try { k.push(new Array(1e5).fill(1)) } catch {} }',
    { resourceLimits: { maxOldGenerationSizeMb: 32 } }));
  console.log('main goes on');
})();
"#;
    let o = run(&["-e", program], &tmp(), None);
    assert_eq!(
        (o.stdout.as_str(), o.code),
        (
            "ERR_WORKER_OUT_OF_MEMORY 1\nERR_WORKER_OUT_OF_MEMORY 1\nRangeError: Maximum call stack size exceeded 1\nERR_WORKER_OUT_OF_MEMORY 1\nERR_WORKER_OUT_OF_MEMORY 1\nmain goes on\n",
            0
        ),
        "{}",
        o.stderr
    );
}

/// The program's own code meeting the memory limit is fatal, as in Node, though its unwinding
/// freed the heap before the uncaught handler ran (the engine threw `null`, its error having no
/// room): here the context that filled the heap stays alive (QuickJS keeps a top-level `catch`
/// binding until the module's function returns), so its garbage cannot be collected.
#[test]
fn the_programs_own_code_meeting_the_memory_limit_is_fatal() {
    let program = r#"
const vm = require('vm');
try { vm.runInNewContext('const a = []; for (;;) { try { a.push({}) } catch {} }', {}, { timeout: 300 }); } catch (e) { console.log(e.message); }
const keep = []; for (let i = 0; i < 1e6; i++) keep.push({ i, s: 'v' + i });
console.log('not reached');
"#;
    let o = run(&["--memory-limit", "64", "-e", program], &tmp(), None);
    assert_eq!(
        (o.stdout.as_str(), o.code),
        ("Script execution timed out after 300ms\n", 134),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.starts_with(
            "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"
        ),
        "{}",
        o.stderr
    );
}

/// Runs jsvm with `args`; once it has printed "ready\n", sends SIGINT after each delay (ms).
fn signal_after_ready(args: &[&str], delays_ms: &[u64]) -> Output {
    let mut child = common::Guarded::new(common::spawn_jsvm(args, None));
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 6];
    out.read_exact(&mut first).unwrap(); // "ready\n"
    for &ms in delays_ms {
        std::thread::sleep(Duration::from_millis(ms));
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    }
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    Output {
        stdout: String::from_utf8_lossy(&first).into_owned() + &rest,
        stderr: String::new(),
        code: exit_code(status),
    }
}

#[test]
fn sigint_reaches_listeners_or_kills() {
    let dir = tmp().join(format!("jsvm-sigint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sig.js");
    std::fs::write(
        &file,
        "let n = 0;\nprocess.on('SIGINT', (s) => { console.log('got', s); if (++n === 2) clearInterval(t); });\nconst t = setInterval(() => {}, 50);\nconsole.log('ready');\n",
    )
    .unwrap();
    let o = signal_after_ready(&[file.to_str().unwrap()], &[0, 150]);
    assert_eq!(
        (o.stdout.as_str(), o.code),
        ("ready\ngot SIGINT\ngot SIGINT\n", 0)
    );
    let o = signal_after_ready(
        &["-e", "console.log('ready'); setTimeout(() => {}, 20000)"],
        &[0],
    );
    assert_eq!(o.code, 130);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn break_on_sigint_interrupts_the_run_and_restores_listeners() {
    let dir = tmp().join(format!("jsvm-break-sigint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("break.js");
    std::fs::write(
        &file,
        "const vm = require('vm');\n\
         process.on('SIGINT', () => { console.log('listener'); clearInterval(t); });\n\
         console.log('ready');\n\
         try {\n\
           vm.runInNewContext('while (true) {}', {}, { breakOnSigint: true });\n\
         } catch (e) { console.log(e.code, e.message, process.listenerCount('SIGINT')); }\n\
         const t = setInterval(() => {}, 50);\n\
         console.log('waiting');\n",
    )
    .unwrap();
    // The first SIGINT stops the run (the listener is set aside meanwhile); the second
    // reaches the restored listener, which lets the program end.
    let o = signal_after_ready(&[file.to_str().unwrap()], &[200, 300]);
    assert_eq!(
        o.stdout,
        "ready\nERR_SCRIPT_EXECUTION_INTERRUPTED Script execution was interrupted by `SIGINT` 1\nwaiting\nlistener\n"
    );
    assert_eq!(o.code, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn startup_is_fast() {
    // Not a benchmark: a guard against loading every builtin at start (node takes ~40 ms).
    let start = Instant::now();
    for _ in 0..5 {
        let o = run(&["-e", "1"], &tmp(), None);
        assert_eq!(o.code, 0);
    }
    let each = start.elapsed() / 5;
    assert!(each < Duration::from_millis(400), "jsvm -e 1 took {each:?}");
}

// ---- REPL ------------------------------------------------------------------------------------------

#[test]
fn piped_stdin_runs_as_a_program() {
    let o = run(
        &[],
        &tmp(),
        Some(b"const x = 20;\nconsole.log(x + 22, __filename);\n"),
    );
    assert_eq!((o.stdout.as_str(), o.code), ("42 [stdin]\n", 0));
    let o = run(&["-"], &tmp(), Some(b"console.log(process.argv.length)"));
    assert_eq!(o.stdout, "1\n");
}

/// A jsvm REPL on a pseudo-terminal.
struct Pty {
    master: std::fs::File,
    /// Killed when the test fails (the Pty is dropped while it runs).
    child: common::Guarded,
    seen: String,
}

impl Pty {
    fn spawn() -> Pty {
        Pty::spawn_with(&[])
    }

    /// jsvm with `args` on a new terminal.
    fn spawn_with(args: &[&str]) -> Pty {
        Pty::spawn_in(args, None)
    }

    /// jsvm with `args` on a new terminal, in `cwd` if given.
    fn spawn_in(args: &[&str], cwd: Option<&Path>) -> Pty {
        use std::os::fd::FromRawFd;
        use std::os::unix::process::CommandExt;
        let (mut master, mut slave) = (0, 0);
        let ws = libc::winsize {
            ws_row: 24,
            ws_col: 120,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let r = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                &ws,
            )
        };
        assert_eq!(r, 0, "openpty");
        let mk = |fd: i32| unsafe { Stdio::from_raw_fd(libc::dup(fd)) };
        let mut cmd = Command::new(JSVM);
        if let Some(dir) = cwd {
            cmd.current_dir(dir);
        }
        cmd.args(args)
            .stdin(mk(slave))
            .stdout(mk(slave))
            .stderr(mk(slave))
            .env("TERM", "xterm")
            .env("NO_COLOR", "1")
            .env("JSVM_REPL_HISTORY", "");
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY, 0);
                Ok(())
            });
        }
        let child = common::Guarded::new(cmd.spawn().expect("spawn jsvm on a pty"));
        unsafe { libc::close(slave) };
        let flags = unsafe { libc::fcntl(master, libc::F_GETFL) };
        unsafe { libc::fcntl(master, libc::F_SETFL, flags | libc::O_NONBLOCK) };
        Pty {
            master: unsafe { std::fs::File::from_raw_fd(master) },
            child,
            seen: String::new(),
        }
    }

    fn send(&mut self, s: &str) {
        self.master.write_all(s.as_bytes()).unwrap();
    }

    /// Reads until `needle` appears after what was already consumed.
    fn expect(&mut self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(i) = self.seen.find(needle) {
                let upto = self.seen[..i + needle.len()].to_string();
                self.seen = self.seen[i + needle.len()..].to_string();
                return upto;
            }
            let mut buf = [0u8; 4096];
            match self.master.read(&mut buf) {
                Ok(0) => {}
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(_) => {}
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("REPL output lacks {needle:?}; got {:?}", self.seen);
            }
        }
    }

    /// Reads until `n` bytes came after what was already consumed; gives them (fewer if the
    /// terminal closed or 10 s passed).
    fn take_bytes(&mut self, n: usize, raw: &mut Vec<u8>) -> Vec<u8> {
        let start = Instant::now();
        while raw.len() < n && start.elapsed() < Duration::from_secs(10) {
            let mut buf = [0u8; 4096];
            match self.master.read(&mut buf) {
                Ok(0) => break,
                Ok(k) => raw.extend_from_slice(&buf[..k]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(_) => break,
            }
        }
        let k = n.min(raw.len());
        raw.drain(..k).collect()
    }

    /// Waits for the program's end, reading what it writes until then; gives its exit code
    /// and that output.
    fn finish_output(mut self, raw: &mut Vec<u8>) -> (i32, Vec<u8>) {
        let start = Instant::now();
        loop {
            let mut buf = [0u8; 4096];
            while let Ok(k) = self.master.read(&mut buf) {
                if k == 0 {
                    break;
                }
                raw.extend_from_slice(&buf[..k]);
            }
            if let Some(s) = self.child.try_wait().unwrap() {
                // What it wrote just before it ended.
                std::thread::sleep(Duration::from_millis(50));
                while let Ok(k) = self.master.read(&mut buf) {
                    if k == 0 {
                        break;
                    }
                    raw.extend_from_slice(&buf[..k]);
                }
                return (exit_code(s), std::mem::take(raw));
            }
            if start.elapsed() > Duration::from_secs(10) {
                let _ = self.child.kill();
                panic!(
                    "the program did not end; it wrote {:?}",
                    String::from_utf8_lossy(raw)
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn wait(mut self) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return exit_code(s);
            }
            let mut buf = [0u8; 4096];
            let _ = self.master.read(&mut buf);
            if start.elapsed() > Duration::from_secs(10) {
                let _ = self.child.kill();
                panic!("the REPL did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

#[test]
fn repl_on_a_terminal() {
    let mut p = Pty::spawn();
    p.expect("Welcome to jsvm");
    p.expect("> ");
    p.send("1 + 1\r");
    p.expect("2\r\n");
    p.expect("> ");
    p.send("_ * 21\r");
    p.expect("42\r\n");
    // Multi-line input: an unfinished function continues on the next line.
    p.send("function f() {\r");
    p.expect("... ");
    p.send("  return 'multi' }\r");
    p.expect("undefined");
    p.send("f()\r");
    p.expect("'multi'");
    p.send("{ a: 1 }\r");
    p.expect("{ a: 1 }");
    p.send("let s = new Set([1]); s\r");
    p.expect("Set(1) { 1 }");
    p.send("throw new Error('oops')\r");
    p.expect("Uncaught Error: oops");
    p.send("require('path').join('a', 'b')\r");
    p.expect("'a/b'");
    // On a terminal, stdio are tty streams sized as the terminal (openpty's 120x24).
    p.send("[process.stdout.isTTY, process.stdout.columns, process.stdout.rows, process.stdout instanceof require('tty').WriteStream, process.stdin.isTTY, require('tty').isatty(1)].join()\r");
    p.expect("'true,120,24,true,true,true'");
    p.send("process.stdin.setRawMode(true).isRaw + ',' + process.stdin.setRawMode(false).isRaw\r");
    p.expect("'true,false'");
    p.send("await Promise.resolve(7)\r");
    p.expect("7\r\n");
    // Ctrl-C stops a running entry, and the REPL goes on.
    // (Sent once the entry is running: its output says so, whatever the machine's load.)
    p.send("console.log('spin' + 'ning'); while (true) {}\r");
    p.expect("spinning");
    p.send("\x03");
    p.expect("interrupted");
    p.expect("> ");
    p.send("'still here'\r");
    p.expect("'still here'");
    // Ctrl-C on an empty prompt explains how to leave; .exit leaves.
    p.send("\x03");
    p.expect("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
    p.send(".exit\r");
    assert_eq!(p.wait(), 0);
}

/// On a terminal, process.stdin is a tty.ReadStream (a net.Socket) that reads typed lines;
/// pausing it lets the program end, as in Node.
#[test]
fn terminal_stdin_reads_lines() {
    let program = r#"
const tty = require('tty');
console.log('tty', process.stdin.isTTY, process.stdin instanceof tty.ReadStream,
  process.stdin instanceof require('net').Socket);
const rl = require('readline').createInterface({ input: process.stdin });
rl.on('line', (l) => {
  console.log('line:' + l.toUpperCase());
  if (l === 'quit') rl.close();
});
rl.on('close', () => console.log('closed'));
"#;
    let mut p = Pty::spawn_with(&["-e", program]);
    p.expect("tty true true true");
    p.send("hello\r");
    p.expect("line:HELLO");
    p.send("quit\r");
    p.expect("line:QUIT");
    p.expect("closed");
    assert_eq!(p.wait(), 0);
}

/// A terminal resized: process.stdout re-reads its size on SIGWINCH and emits 'resize', as in
/// Node (readline redraws its line on it).
#[test]
fn terminal_resize_emits_resize() {
    use std::os::fd::AsRawFd;
    let program = r#"
process.stdout.on('resize', () => {
  console.log('resize', process.stdout.columns, process.stdout.rows, process.stdout.getWindowSize().join('x'));
  process.exit(0);
});
console.log('ready', process.stdout.columns, process.stdout.rows, process.listenerCount('SIGWINCH') > 0);
setTimeout(() => {}, 10000);
"#;
    let mut p = Pty::spawn_with(&["-e", program]);
    p.expect("ready 120 24 true");
    let ws = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    assert_eq!(
        unsafe { libc::ioctl(p.master.as_raw_fd(), libc::TIOCSWINSZ, &ws) },
        0
    );
    p.expect("resize 100 30 100x30");
    assert_eq!(p.wait(), 0);
}

#[test]
fn repl_ctrl_c_between_entries_is_a_ctrl_c_on_the_prompt() {
    // Sent as soon as an entry's result shows, before the next prompt (what a loaded machine
    // made of repl_on_a_terminal once): the prompt gets it, as on an empty prompt. Several
    // times, each right on the output.
    let mut p = Pty::spawn();
    p.expect("> ");
    for i in 0..5 {
        p.send(&format!("'entry {i}'\r"));
        p.expect(&format!("'entry {i}'"));
        p.send("\x03");
        p.expect("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
    }
    // Sent while the result is being shown (a custom inspect that takes its time), or while
    // the event loop runs timers at an empty line: the same, once they are done.
    const BUSY: &str = "const t = Date.now(); while (Date.now() - t < 300) {}";
    p.send(&format!(
        "({{ [require('util').inspect.custom]() {{ console.log('showing'); {BUSY}; return 'shown' }} }})\r"
    ));
    p.expect("showing");
    p.send("\x03");
    p.expect("shown");
    p.expect("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
    // (The entry outlasts the timer's 1 ms, so the empty line finds it due.)
    p.send(&format!(
        "setTimeout(() => {{ console.log('tick'); {BUSY} }}, 0); {{ const s = Date.now(); while (Date.now() - s < 5) {{}} }} 'scheduled'\r"
    ));
    p.expect("'scheduled'");
    p.send("\r");
    p.expect("tick");
    p.send("\x03");
    p.expect("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
    // Sent while the entry runs and prints: it stops the entry, and only that.
    p.send("for (let i = 0; i < 3; i++) console.log('line ' + i); while (true) {}\r");
    p.expect("line 2");
    p.send("\x03");
    p.expect("interrupted");
    p.send("'after'\r");
    p.expect("'after'");
    p.send(".exit\r");
    assert_eq!(p.wait(), 0);
}

#[test]
fn repl_ctrl_d_between_entries_ends_it() {
    // Sent as soon as an entry's result shows, before the next prompt: as on the prompt.
    for _ in 0..5 {
        let mut p = Pty::spawn();
        p.expect("> ");
        p.send("process.exitCode = 4\r");
        p.expect("4\r\n");
        p.send("\x04");
        assert_eq!(p.wait(), 4);
    }
}

#[test]
fn repl_ctrl_d_and_double_ctrl_c() {
    let mut p = Pty::spawn();
    p.expect("> ");
    p.send("process.exitCode = 3\r");
    p.expect("3\r\n");
    p.send("\x04");
    assert_eq!(p.wait(), 3);
    let mut p = Pty::spawn();
    p.expect("> ");
    p.send("\x03");
    p.expect("(To exit");
    p.send("\x03");
    assert_eq!(p.wait(), 0);
}

/// `ms`, grown with the machine's 1-minute load average per core when above 1 (at most
/// eightfold): other builds sharing the cores delay every thread by wall clock. An idle machine
/// gets `ms`.
fn load_scaled_ms(ms: u64) -> u64 {
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    (ms as f64 * load_share(load, cores)) as u64
}

/// The machine's load per core, between 1 (idle) and 8.
fn load_share(load: Option<f64>, cores: f64) -> f64 {
    load.map_or(1.0, |l| l / cores).clamp(1.0, 8.0)
}

// ---- programs on a terminal (tests/pty-cases/) ------------------------------------------------

/// The text of the golden files of tests/pty-cases/: `\xNN` escapes and `\\` for a backslash.
fn pty_unescape(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'\\') {
            out.push(b'\\');
            i += 2;
        } else if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') && i + 4 <= b.len() {
            let hex = std::str::from_utf8(&b[i + 2..i + 4]).expect("hex escape");
            out.push(u8::from_str_radix(hex, 16).expect("hex escape"));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// A case of tests/pty-cases/ (recorded from node by tests/record-pty.py): its program runs on
/// a new terminal; the keys of each step are typed once the output of the step before is all
/// there, and the output after them must be node's, byte for byte, escapes included; then the
/// program's last output and exit code.
fn check_pty_case(name: &str) {
    let dir = common::cases_dir("pty-cases").join(name);
    let expected = std::fs::read_to_string(dir.join("expected")).expect("expected");
    let lines: Vec<&str> = expected.split('\n').collect();
    let main = if dir.join("main.mjs").exists() {
        "main.mjs"
    } else {
        "main.js"
    };
    let mut p = Pty::spawn_in(&[main], Some(&dir));
    let mut raw = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let (head, want) = (lines[i], pty_unescape(lines[i + 1]));
        i += 2;
        if let Some(code) = head.strip_prefix("@@exit ") {
            let (got_code, got) = p.finish_output(&mut raw);
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want),
                "{name}: output at the end"
            );
            assert_eq!(got_code.to_string(), code, "{name}: exit code");
            return;
        }
        let keys = pty_unescape(head.strip_prefix("@@ ").expect("a step"));
        if !keys.is_empty() {
            p.master.write_all(&keys).unwrap();
        }
        let got = p.take_bytes(want.len(), &mut raw);
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want),
            "{name}: output after keys {:?}",
            String::from_utf8_lossy(&keys)
        );
    }
    panic!("{name}: the expected file has no @@exit step");
}

macro_rules! pty_cases {
    ($($name:ident),* $(,)?) => {
        mod pty_cases {
            $(#[test] fn $name() { super::check_pty_case(stringify!($name)); })*
        }

        #[test]
        fn every_pty_case_has_a_test() {
            let listed = [$(stringify!($name)),*];
            for entry in std::fs::read_dir(common::cases_dir("pty-cases")).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                assert!(listed.contains(&name.as_str()), "pty case {name} has no test");
            }
        }
    };
}

pty_cases!(
    readline_line_editing,
    keypress_menu,
    tty_wrap_raw_read,
    repl_custom_eval,
    write_stream_sink
);

/// `--abort-on-uncaught-exception`, as node v20 (exit statuses and words recorded from it): an
/// uncaught throw is V8's `Uncaught ...` / `FROM` report and SIGTRAP (133), before any
/// 'uncaughtException' listener; a capture callback takes the error instead; an unhandled
/// rejection is the usual report, then SIGABRT (134), as `process.abort()` is.
#[test]
fn abort_on_uncaught_exception_ends_by_a_signal_as_node() {
    let flag = "--abort-on-uncaught-exception";
    let thrown = "process.on('uncaughtException', () => console.log('never'));\n\
                  console.log('before');\n\
                  function fail() { throw new TypeError('bad input'); }\n\
                  fail();";
    let o = run(&[flag, "-e", thrown], &tmp(), None);
    assert_eq!(
        (o.stdout.as_str(), o.code),
        ("before\n", 133),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr
            .starts_with("Uncaught TypeError: bad input\n\nFROM\nfail ([eval]:3:"),
        "{}",
        o.stderr
    );
    let o = run(&[flag, "-e", "throw {a: 1}"], &tmp(), None);
    assert_eq!(o.code, 133);
    assert!(
        o.stderr.starts_with("Uncaught #<Object>\n\nFROM\n"),
        "{}",
        o.stderr
    );
    let captured = "process.setUncaughtExceptionCaptureCallback((e) => console.log('cap', e.message)); throw new Error('y')";
    let o = run(&[flag, "-e", captured], &tmp(), None);
    assert_eq!((o.stdout.as_str(), o.code), ("cap y\n", 0), "{}", o.stderr);
    let o = run(
        &[flag, "-e", "Promise.reject(new Error('r'))"],
        &tmp(),
        None,
    );
    assert_eq!(o.code, 134);
    assert!(o.stderr.contains("\nError: r\n"), "{}", o.stderr);
    let o = run(
        &["-e", "console.log('a'); process.abort(); console.log('b')"],
        &tmp(),
        None,
    );
    assert_eq!((o.stdout.as_str(), o.code), ("a\n", 134));
}
