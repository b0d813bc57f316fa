//! Runs one attack case in a child process with a watchdog.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable that tells a child which case it is.
const CHILD_VAR: &str = "JSVM_ATTACK_CASE";

/// How long a child may take before it counts as hung. Generous: the machine may be loaded,
/// and each case checks its own timings against its limits.
const WATCHDOG: Duration = Duration::from_secs(60);

/// Defines a test that runs `body` in a child process under the watchdog. The body states its
/// expected outcome with assertions; a panic, a crash or a hang of the child fails the test.
/// Attributes before the name (`#[ignore = "why"]`) go to the test.
#[macro_export]
macro_rules! attack {
    ($(#[$attr:meta])* $name:ident, $body:block) => {
        #[test]
        $(#[$attr])*
        fn $name() {
            $crate::harness::run_isolated(
                concat!(module_path!(), "::", stringify!($name)),
                || $body,
            );
        }
    };
}

/// In the child: runs `body` and exits with 0 (a panic exits non-zero through the test
/// harness). In the parent: starts the child and judges how it ended.
pub fn run_isolated(path: &str, body: impl FnOnce()) {
    // `module_path!()` starts with the crate name; the test harness names tests without it.
    let test_name = path.split_once("::").map_or(path, |(_, rest)| rest);
    if std::env::var(CHILD_VAR).as_deref() == Ok(test_name) {
        body();
        return;
    }
    // One child at a time: cases measure time against their limits, and children competing for
    // the machine's cores would stretch each other's wall-clock time.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut child = Command::new(exe)
        // The parent chose to run the case, ignored or not: so does the child.
        .args([
            test_name,
            "--exact",
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_VAR, test_name)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the attack case's child process");
    let pipes = [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    ];
    let readers: Vec<_> = pipes
        .into_iter()
        .map(|pipe| {
            std::thread::spawn(move || {
                let mut text = Vec::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_end(&mut text);
                }
                String::from_utf8_lossy(&text).into_owned()
            })
        })
        .collect();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for the child") {
            break Some(status);
        }
        if start.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let output: Vec<String> = readers.into_iter().map(|r| r.join().unwrap()).collect();
    let report = || format!("--- stdout\n{}\n--- stderr\n{}", output[0], output[1]);
    let Some(status) = status else {
        panic!(
            "{test_name}: hung (killed after {WATCHDOG:?})\n{}",
            report()
        );
    };
    if !status.success() {
        use std::os::unix::process::ExitStatusExt;
        match status.signal() {
            Some(sig) => panic!(
                "{test_name}: the process crashed (signal {sig})\n{}",
                report()
            ),
            None => panic!("{test_name}: failed ({status})\n{}", report()),
        }
    }
    // A child that ran no test (a misspelt name) would pass silently: make sure it ran ours.
    assert!(
        output[0].contains("1 passed"),
        "{test_name}: the child did not run the case\n{}",
        report()
    );
}

/// Asserts that `took` is within twice `limit` (or `limit` + 50 ms, whichever is larger),
/// the bound issue 10 sets for every limit. On a machine busier than its cores (load average
/// per core above 1, as when other builds share it) the wall clock also measures waiting for a
/// core, so the bound grows with the load, at most eightfold; an idle machine gets the bound.
pub fn assert_within_twice(took: Duration, limit: Duration) {
    let bound = (limit * 2).max(limit + Duration::from_millis(50));
    let share = load_per_core().clamp(1.0, 8.0);
    let allowed = bound.mul_f64(share);
    assert!(
        took <= allowed,
        "took {took:?}, more than {bound:?} (x{share:.1} for the machine's load) for a limit of {limit:?}"
    );
}

/// The 1-minute load average per available core (1.0 where unknown).
fn load_per_core() -> f64 {
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    load.map_or(1.0, |l| l / cores)
}

/// Options of a context whose promise jobs run after each of its runs, inside the run.
pub fn after_evaluate() -> jsvm::ContextOptions {
    jsvm::ContextOptions {
        microtask_mode: jsvm::MicrotaskMode::AfterEvaluate,
        ..Default::default()
    }
}

/// Options of a run with a timeout of `ms`.
pub fn timeout_ms(ms: u64) -> jsvm::RunOptions {
    jsvm::RunOptions {
        timeout_ms: Some(ms),
        ..Default::default()
    }
}

/// Asserts that `rt` makes a new context that runs (what a tenant left is collected, or was
/// never kept), naming `what` came before and the heap's state when it is refused.
pub fn assert_a_new_context_works(rt: &jsvm::Runtime, what: &str) {
    let next = rt.new_empty_context(Default::default());
    let usage = rt.memory_usage();
    let next = next.unwrap_or_else(|e| {
        panic!(
            "after {what}: {e:?}, {} bytes, {} objects",
            usage.malloc_size, usage.obj_count
        )
    });
    assert_eq!(
        next.eval::<i32>("[1, 2, 3].length").unwrap(),
        3,
        "after {what}"
    );
}
