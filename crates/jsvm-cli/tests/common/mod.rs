//! Test support shared by tests/cli.rs, tests/http.rs and tests/js_modules.rs: running the
//! `jsvm` binary with a time limit, the stderr filter of tests/record-cli.sh, and comparing a case directory's expected
//! files (expected.stdout, expected.stderr or jsvm.stderr, expected.code) with a run.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const JSVM: &str = env!("CARGO_BIN_EXE_jsvm");

/// tests/<name> (cli-cases, http-cases), as an absolute path.
pub fn cases_dir(name: &str) -> PathBuf {
    let dir = format!("tests/{name}");
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(&dir)
        .canonicalize()
        .expect(&dir)
}

/// A child process that is killed (and reaped) when dropped unless taken back with
/// [`Guarded::take`]: a test that fails midway leaves no jsvm running behind it.
pub struct Guarded(Option<Child>);

impl Guarded {
    pub fn new(child: Child) -> Guarded {
        Guarded(Some(child))
    }
    /// The child, no longer guarded (for a function that waits for it, such as [`finish`]).
    #[allow(dead_code)] // not every test file that shares this module takes one back
    pub fn take(mut self) -> Child {
        self.0.take().expect("guarded child")
    }
}

impl std::ops::Deref for Guarded {
    type Target = Child;
    fn deref(&self) -> &Child {
        self.0.as_ref().expect("guarded child")
    }
}

impl std::ops::DerefMut for Guarded {
    fn deref_mut(&mut self) -> &mut Child {
        self.0.as_mut().expect("guarded child")
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

pub fn exit_code(status: std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(-1)
}

/// Starts `jsvm args` (in `cwd` when given) with stdout and stderr piped and no stdin.
pub fn spawn_jsvm(args: &[&str], cwd: Option<&Path>) -> Child {
    let mut cmd = Command::new(JSVM);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    cmd.spawn()
        .unwrap_or_else(|e| panic!("cannot start {JSVM}: {e}"))
}

/// A child's output as bytes, and whether it had to be killed at the time limit.
pub struct RawOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub code: i32,
    pub timed_out: bool,
}

/// Waits for a child for at most `limit` (then kills it), reading its output (stdout and
/// stderr when piped) while it runs, so a full pipe never stalls it.
pub fn collect(child: Child, limit: Duration) -> RawOutput {
    // Killed if anything below panics.
    let mut child = Guarded::new(child);
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut s);
            }
            s
        })
    };
    let t_out = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let t_err = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait for the killed jsvm");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    RawOutput {
        stdout: t_out.join().unwrap_or_default(),
        stderr: t_err.join().unwrap_or_default(),
        code: exit_code(status),
        timed_out,
    }
}

/// [`collect`] as text; past the limit, panics with "`what` ran longer than `limit`".
pub fn finish(child: Child, what: &str, limit: Duration) -> Output {
    let raw = collect(child, limit);
    if raw.timed_out {
        panic!("{what} ran longer than {limit:?}");
    }
    Output {
        stdout: String::from_utf8_lossy(&raw.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&raw.stderr).into_owned(),
        code: raw.code,
    }
}

/// The filter of record-cli.sh (and so of record-http.sh).
pub fn filter_stderr(text: &str, dir: &str) -> String {
    let mut out = String::new();
    let mut pending = false;
    for raw in text.split_terminator('\n') {
        let mut line = raw.replace(dir, "<DIR>");
        line = line.replace("`node --trace-", "`<EXE> --trace-");
        line = line.replace("`jsvm --trace-", "`<EXE> --trace-");
        if let Some(start) = line.find("(node:") {
            if let Some(end) = line[start..].find(')') {
                let inner = &line[start + 6..start + end];
                if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
                    line = format!("{}(node:<PID>){}", &line[..start], &line[start + end + 1..]);
                }
            }
        }
        if line.starts_with("    at ") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("Node.js v") {
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                pending = false;
                continue;
            }
        }
        if pending {
            out.push('\n');
            pending = false;
        }
        if line.is_empty() {
            pending = true;
            continue;
        }
        out.push_str(&line);
        out.push('\n');
    }
    if pending {
        out.push('\n');
    }
    out
}

/// What a case directory expects: stdout, filtered stderr (jsvm.stderr where the case has one,
/// else expected.stderr) and exit code.
pub struct Expected {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

pub fn read_expected(dir: &Path) -> Expected {
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
    let stdout = read("expected.stdout").expect("expected.stdout");
    let stderr = read("jsvm.stderr")
        .or_else(|| read("expected.stderr"))
        .expect("expected.stderr");
    let code: i32 = read("expected.code")
        .and_then(|c| c.trim().parse().ok())
        .expect("expected.code");
    Expected {
        stdout,
        stderr,
        code,
    }
}

/// Asserts that a run of case `name` (its filtered stderr in `stderr`) did what was expected,
/// listing every difference.
pub fn assert_case(name: &str, out: &Output, stderr: &str, expected: &Expected) {
    let Expected {
        stdout: expected_stdout,
        stderr: expected_stderr,
        code: expected_code,
    } = expected;
    let mut problems = Vec::new();
    if out.stdout != *expected_stdout {
        problems.push(format!(
            "stdout differs:\n--- expected (node)\n{expected_stdout}--- actual (jsvm)\n{}",
            out.stdout
        ));
    }
    if stderr != expected_stderr {
        problems.push(format!(
            "stderr (filtered) differs:\n--- expected\n{expected_stderr}--- actual (jsvm)\n{stderr}--- raw\n{}",
            out.stderr
        ));
    }
    if out.code != *expected_code {
        problems.push(format!(
            "exit code: expected {expected_code}, got {}",
            out.code
        ));
    }
    assert!(problems.is_empty(), "case {name}:\n{}", problems.join("\n"));
}

/// Asserts that the case directories in `dir` are exactly those of `listed`.
pub fn assert_all_cases_listed(dir: &Path, listed: &[&str], message: &str) {
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "{message}");
}
