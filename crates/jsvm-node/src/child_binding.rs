//! Child processes for `child_process`: starting one (argv, cwd, env, stdio, extra fds,
//! detached, uid/gid), the synchronous runner behind `spawnSync`, and signals.
//!
//! Stdio pipes are socket pairs, as libuv makes them: one end goes to the child, the other
//! stays with the parent (a stream of the event loop for `spawn`, see `net_binding.rs`, or
//! read here for `spawnSync`). A child's exit is watched through a pidfd (Linux 5.3 and
//! later); where there is none, the waiting side looks at the child every few milliseconds.

use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use jsvm::engine::rquickjs::{Array, Ctx, Object, Result, TypedArray, Value};

use crate::set_fn::set_fn;

/// How often a child without a pidfd is looked at.
pub(crate) const POLL_CHILD_MS: u64 = 10;

/// Signal names and numbers (Node's `os.constants.signals`).
pub(crate) const SIGNALS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGABRT", libc::SIGABRT),
    ("SIGIOT", libc::SIGIOT),
    ("SIGBUS", libc::SIGBUS),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGCHLD", libc::SIGCHLD),
    #[cfg(any(target_os = "linux", target_os = "android"))]
    ("SIGSTKFLT", libc::SIGSTKFLT),
    ("SIGCONT", libc::SIGCONT),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGURG", libc::SIGURG),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGIO", libc::SIGIO),
    #[cfg(any(target_os = "linux", target_os = "android"))]
    ("SIGPOLL", libc::SIGPOLL),
    #[cfg(any(target_os = "linux", target_os = "android"))]
    ("SIGPWR", libc::SIGPWR),
    ("SIGSYS", libc::SIGSYS),
];

/// What a child gets as one of its descriptors.
pub(crate) enum StdioSpec {
    /// A socket pair: the child's end here, the parent keeps the other.
    Pipe,
    /// `/dev/null` for 0-2; nothing for the others.
    Ignore,
    /// This descriptor of the parent.
    Fd(i32),
}

/// How to start a child.
pub(crate) struct SpawnOptions {
    pub file: String,
    /// The child's argv, argv[0] included.
    pub args: Vec<String>,
    pub cwd: Option<String>,
    /// `KEY=value` pairs; None: the parent's environment.
    pub env: Option<Vec<String>>,
    pub stdio: Vec<StdioSpec>,
    pub detached: bool,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
}

/// A started child and the parent's ends of its pipes (by descriptor number).
pub(crate) struct Spawned {
    pub child: Child,
    pub pipes: Vec<Option<UnixStream>>,
}

fn pair() -> io::Result<(UnixStream, OwnedFd)> {
    // std's pair is close-on-exec on both ends; the child's end is dup2'ed into place.
    let (parent, child) = UnixStream::pair()?;
    Ok((parent, OwnedFd::from(child)))
}

fn dup_of(fd: i32) -> io::Result<OwnedFd> {
    if fd < 0 {
        return Err(io::Error::from_raw_os_error(libc::EBADF));
    }
    unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned()
}

/// Starts a child; the error is the OS error of the failing step (ENOENT for a missing file).
pub(crate) fn spawn(o: &SpawnOptions) -> io::Result<Spawned> {
    let mut cmd = Command::new(&o.file);
    if let Some(a0) = o.args.first() {
        cmd.arg0(a0);
    }
    cmd.args(o.args.iter().skip(1));
    if let Some(cwd) = &o.cwd {
        cmd.current_dir(cwd);
    }
    // The child's environment in the order given (libuv's `environ = options.env`):
    // `Command::env` would sort it. Set in the forked child, where `execvp` reads it (the
    // command's own environment is left untouched, so it sets none).
    let environment: Option<(Vec<std::ffi::CString>, Vec<usize>)> = o.env.as_ref().map(|env| {
        let pairs: Vec<std::ffi::CString> = env
            .iter()
            .filter(|kv| kv.split_once('=').is_some_and(|(k, _)| !k.is_empty()))
            .filter_map(|kv| std::ffi::CString::new(kv.as_str()).ok())
            .collect();
        let mut pointers: Vec<usize> = pairs.iter().map(|p| p.as_ptr() as usize).collect();
        pointers.push(0);
        (pairs, pointers)
    });
    let mut pipes = Vec::with_capacity(o.stdio.len());
    // Descriptors 3 and up: (target, source) moved into place after the fork.
    let mut extra: Vec<(i32, OwnedFd)> = Vec::new();
    for (i, spec) in o.stdio.iter().enumerate() {
        let child_end: Option<OwnedFd> = match spec {
            StdioSpec::Pipe => {
                let (parent, child) = pair()?;
                pipes.push(Some(parent));
                Some(child)
            }
            StdioSpec::Ignore => {
                pipes.push(None);
                None
            }
            StdioSpec::Fd(fd) => {
                pipes.push(None);
                if *fd == i as i32 && i < 3 {
                    None
                } else {
                    Some(dup_of(*fd)?)
                }
            }
        };
        let inherit_own = matches!(spec, StdioSpec::Fd(fd) if *fd == i as i32);
        match i {
            0..=2 => {
                let s = match (child_end, spec) {
                    (Some(fd), _) => Stdio::from(fd),
                    (None, StdioSpec::Ignore) => Stdio::null(),
                    (None, _) => Stdio::inherit(),
                };
                match i {
                    0 => cmd.stdin(s),
                    1 => cmd.stdout(s),
                    _ => cmd.stderr(s),
                };
            }
            _ => {
                if let Some(fd) = child_end {
                    extra.push((i as i32, fd));
                } else if inherit_own {
                    extra.push((i as i32, dup_of(i as i32)?));
                }
            }
        }
    }
    // Missing 0-2 (a shorter stdio list) are ignored, as libuv does.
    for i in o.stdio.len()..3 {
        match i {
            0 => cmd.stdin(Stdio::null()),
            1 => cmd.stdout(Stdio::null()),
            _ => cmd.stderr(Stdio::null()),
        };
    }
    if let Some(uid) = o.uid {
        cmd.uid(uid);
    }
    if let Some(gid) = o.gid {
        cmd.gid(gid);
    }
    let detached = o.detached;
    if detached || !extra.is_empty() || environment.is_some() {
        let moves: Vec<(i32, i32)> = extra.iter().map(|(t, f)| (*t, f.as_raw_fd())).collect();
        let base = moves.iter().map(|m| m.0).max().unwrap_or(0) + 1;
        // Runs in the forked child: only async-signal-safe calls, no allocation.
        unsafe {
            cmd.pre_exec(move || {
                if let Some((_, pointers)) = &environment {
                    extern "C" {
                        static mut environ: *const *const libc::c_char;
                    }
                    environ = pointers.as_ptr() as *const *const libc::c_char;
                }
                if detached && libc::setsid() < 0 {
                    return Err(io::Error::last_os_error());
                }
                // First above every target, so a source that is another's target survives;
                // dup2 then leaves the targets open across exec.
                let mut tmp = [0i32; 64];
                for (k, (_, src)) in moves.iter().enumerate().take(64) {
                    tmp[k] = libc::fcntl(*src, libc::F_DUPFD_CLOEXEC, base);
                    if tmp[k] < 0 {
                        return Err(io::Error::last_os_error());
                    }
                }
                for (k, (target, _)) in moves.iter().enumerate().take(64) {
                    if libc::dup2(tmp[k], *target) < 0 {
                        return Err(io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
    }
    let child = cmd.spawn()?;
    // The child's ends close here with the command.
    drop(cmd);
    drop(extra);
    Ok(Spawned { child, pipes })
}

/// A pidfd for `pid`: readable once the child exits.
pub(crate) fn pidfd_open(pid: u32) -> Option<OwnedFd> {
    #[cfg(target_os = "linux")]
    {
        let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) };
        if fd >= 0 {
            let fd = unsafe { OwnedFd::from_raw_fd(fd as i32) };
            unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
            return Some(fd);
        }
    }
    let _ = pid;
    None
}

/// Exit code and signal number of a finished child (one of them is set).
pub(crate) fn exit_parts(status: ExitStatus) -> (Option<i32>, Option<i32>) {
    match status.signal() {
        Some(sig) => (None, Some(sig)),
        None => (status.code(), None),
    }
}

pub(crate) fn errno_of(e: &io::Error) -> i32 {
    -(e.raw_os_error().unwrap_or(libc::EIO))
}

/// What `spawnSync` returns to JavaScript.
struct SyncResult {
    pid: u32,
    status: Option<ExitStatus>,
    output: Vec<Option<Vec<u8>>>,
    error: i32,
}

/// Runs a started child to its end: writes `input` to its stdin, collects what it writes to
/// its pipes, kills it with `kill_signal` past `timeout` or when one pipe passes `max_buffer`
/// bytes (the error then is ETIMEDOUT or ENOBUFS), and reaps it.
fn run_sync(
    sp: Spawned,
    input: Option<Vec<u8>>,
    timeout: Option<Duration>,
    kill_signal: i32,
    max_buffer: Option<usize>,
) -> SyncResult {
    let Spawned { mut child, pipes } = sp;
    let pid = child.id();
    let deadline = timeout.map(|t| Instant::now() + t);
    let pidfd = pidfd_open(pid);
    let mut output: Vec<Option<Vec<u8>>> = pipes
        .iter()
        .enumerate()
        .map(|(i, p)| (i > 0 && p.is_some()).then(Vec::new))
        .collect();
    let mut open: Vec<Option<UnixStream>> = pipes;
    // Stdin: written from `input`, then closed so the child sees its end.
    let input = input.unwrap_or_default();
    let mut written = 0;
    if let Some(Some(s)) = open.first() {
        if input.is_empty() {
            open[0] = None;
        } else {
            let _ = s.set_nonblocking(true);
        }
    }
    for s in open.iter().skip(1).flatten() {
        let _ = s.set_nonblocking(true);
    }
    let mut status: Option<ExitStatus> = None;
    let mut error = 0;
    let mut killed = false;
    let mut buf = vec![0u8; 64 * 1024];
    let kill = |child: &Child| unsafe {
        libc::kill(child.id() as libc::pid_t, kill_signal);
    };
    loop {
        if status.is_none() {
            match child.try_wait() {
                Ok(Some(s)) => status = Some(s),
                Ok(None) => {}
                Err(_) => break,
            }
        }
        // Done when the child is gone and its pipes are closed (or it was killed: what a
        // grandchild still holds open is not waited for then).
        if status.is_some() && (killed || open.iter().all(Option::is_none)) {
            break;
        }
        let now = Instant::now();
        if !killed {
            if let Some(d) = deadline {
                if now >= d {
                    error = -libc::ETIMEDOUT;
                    killed = true;
                    kill(&child);
                    continue;
                }
            }
        }
        let mut fds: Vec<libc::pollfd> = Vec::new();
        let mut which: Vec<usize> = Vec::new();
        for (i, s) in open.iter().enumerate() {
            if let Some(s) = s {
                let events = if i == 0 { libc::POLLOUT } else { libc::POLLIN };
                fds.push(libc::pollfd {
                    fd: s.as_raw_fd(),
                    events,
                    revents: 0,
                });
                which.push(i);
            }
        }
        if status.is_none() {
            if let Some(p) = &pidfd {
                fds.push(libc::pollfd {
                    fd: p.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                });
            }
        }
        let mut wait_ms: i64 = match deadline {
            Some(d) if !killed => d.saturating_duration_since(now).as_millis() as i64 + 1,
            _ => -1,
        };
        if status.is_none() && pidfd.is_none() {
            wait_ms = if wait_ms < 0 {
                POLL_CHILD_MS as i64
            } else {
                wait_ms.min(POLL_CHILD_MS as i64)
            };
        }
        let r = unsafe {
            libc::poll(
                fds.as_mut_ptr(),
                fds.len() as libc::nfds_t,
                wait_ms.clamp(-1, i32::MAX as i64) as libc::c_int,
            )
        };
        if r < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            break;
        }
        for (k, &i) in which.iter().enumerate() {
            if fds[k].revents == 0 {
                continue;
            }
            let Some(s) = open[i].as_mut() else { continue };
            if i == 0 {
                match s.write(&input[written..]) {
                    Ok(n) => {
                        written += n;
                        if written >= input.len() {
                            open[0] = None;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    // The child does not read its input (EPIPE): stop offering it.
                    Err(_) => open[0] = None,
                }
                continue;
            }
            let mut done = false;
            loop {
                match s.read(&mut buf) {
                    Ok(0) => done = true,
                    Ok(n) => {
                        let out = output[i].get_or_insert_with(Vec::new);
                        out.extend_from_slice(&buf[..n]);
                        if max_buffer.is_some_and(|m| out.len() > m) && !killed {
                            error = -libc::ENOBUFS;
                            killed = true;
                            kill(&child);
                        }
                        continue;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(_) => done = true,
                }
                break;
            }
            if done {
                open[i] = None;
            }
        }
    }
    if status.is_none() {
        status = child.wait().ok();
    }
    SyncResult {
        pid,
        status,
        output,
        error,
    }
}

fn opt_string(v: &Value<'_>) -> Option<String> {
    v.as_string().and_then(|s| s.to_string().ok())
}

/// Reads the options `child_process.js` passes: `{ file, args, cwd, envPairs, stdio, detached,
/// uid, gid }`, stdio a list of 'pipe', 'ignore' or descriptor numbers.
pub(crate) fn spawn_options(o: &Object<'_>) -> Result<SpawnOptions> {
    let stdio_list: Array = o.get("stdio")?;
    let mut stdio = Vec::with_capacity(stdio_list.len());
    for v in stdio_list.iter::<Value>() {
        let v = v?;
        stdio.push(match (v.as_number(), opt_string(&v).as_deref()) {
            (Some(n), _) => StdioSpec::Fd(n as i32),
            (_, Some("pipe")) => StdioSpec::Pipe,
            _ => StdioSpec::Ignore,
        });
    }
    let num = |k: &str| -> Result<Option<u32>> {
        let v: Value = o.get(k)?;
        Ok(v.as_number().map(|n| n as i32 as u32))
    };
    let cwd: Value = o.get("cwd")?;
    let env: Option<Vec<String>> = o.get("envPairs")?;
    Ok(SpawnOptions {
        file: o.get("file")?,
        args: o.get("args")?,
        cwd: opt_string(&cwd),
        env,
        stdio,
        detached: o.get::<_, Option<bool>>("detached")?.unwrap_or(false),
        uid: num("uid")?,
        gid: num("gid")?,
    })
}

pub(crate) fn signal_name(sig: i32) -> Option<&'static str> {
    SIGNALS
        .iter()
        .find(|(_, n)| *n == sig)
        .map(|(name, _)| *name)
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    let signals = Object::new(ctx.clone())?;
    for (name, n) in SIGNALS {
        signals.set(*name, *n)?;
    }
    binding.set("signals", signals)?;
    set_fn(ctx, binding, "kill", |pid: i32, sig: i32| -> i32 {
        if unsafe { libc::kill(pid, sig) } == 0 {
            0
        } else {
            errno_of(&io::Error::last_os_error())
        }
    })?;
    set_fn(
        ctx,
        binding,
        "spawnSync",
        |ctx: Ctx<'js>, o: Object<'js>| -> Result<Object<'js>> {
            // Also: input (bytes), timeout (ms, 0 none), killSignal, maxBuffer (Infinity none).
            let opts = spawn_options(&o)?;
            let input: Value = o.get("input")?;
            let input = if input.is_undefined() || input.is_null() {
                None
            } else {
                let a = TypedArray::<u8>::from_value(input)?;
                Some(unsafe { a.as_bytes() }.unwrap_or(&[]).to_vec())
            };
            let timeout: f64 = o.get::<_, Option<f64>>("timeout")?.unwrap_or(0.0);
            let timeout = (timeout > 0.0).then(|| Duration::from_millis(timeout as u64));
            let kill_signal: i32 = o
                .get::<_, Option<i32>>("killSignal")?
                .unwrap_or(libc::SIGTERM);
            let max_buffer: f64 = o
                .get::<_, Option<f64>>("maxBuffer")?
                .unwrap_or(f64::INFINITY);
            let max_buffer = max_buffer.is_finite().then_some(max_buffer as usize);
            let r = Object::new(ctx.clone())?;
            let sp = match spawn(&opts) {
                Ok(sp) => sp,
                Err(e) => {
                    r.set("error", errno_of(&e))?;
                    r.set("status", Value::new_null(ctx.clone()))?;
                    r.set("signal", Value::new_null(ctx.clone()))?;
                    r.set("output", Value::new_null(ctx.clone()))?;
                    r.set("pid", 0)?;
                    return Ok(r);
                }
            };
            let res = run_sync(sp, input, timeout, kill_signal, max_buffer);
            if res.error != 0 {
                r.set("error", res.error)?;
            }
            let (code, sig) = res.status.map(exit_parts).unwrap_or((None, None));
            let null = || Value::new_null(ctx.clone());
            match code {
                Some(c) => r.set("status", c)?,
                None => r.set("status", null())?,
            }
            match sig.and_then(signal_name) {
                Some(name) => r.set("signal", name)?,
                None => r.set("signal", null())?,
            }
            let output = Array::new(ctx.clone())?;
            for (i, o) in res.output.into_iter().enumerate() {
                match o {
                    Some(b) => output.set(i, TypedArray::<u8>::new(ctx.clone(), b)?)?,
                    None => output.set(i, Value::new_null(ctx.clone()))?,
                }
            }
            r.set("output", output)?;
            r.set("pid", res.pid)?;
            Ok(r)
        },
    )
}
