//! Process natives: stdio, process facts, clocks, memory, exit, signals and the loop's wait.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, AtomicU64, AtomicU8, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

use jsvm::engine::rquickjs::function::Opt;
use jsvm::engine::rquickjs::{qjs, Array, Ctx, Function, Object, Result, TypedArray, Value};
use jsvm::CancelToken;

use crate::set_fn::set_fn;
use crate::shared::Shared;

/// Process start, the origin of `performance.now()` and of the loop's clock.
pub(crate) fn start_instant() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

// ---- signals -------------------------------------------------------------------------------

static SIGINT_LISTENING: AtomicBool = AtomicBool::new(false);
static REPL_RUNNING: AtomicBool = AtomicBool::new(false);
static WAKE_WRITE: AtomicI32 = AtomicI32::new(-1);
static WAKE_READ: AtomicI32 = AtomicI32::new(-1);
static REPL_TOKEN: OnceLock<CancelToken> = OnceLock::new();
/// A SIGINT that reached a REPL between entries, for its prompt to take as a Ctrl-C.
static REPL_SIGINT_BETWEEN: AtomicBool = AtomicBool::new(false);

/// The signals other than SIGINT that JavaScript listens to (a bit per number).
const SIGNAL_SLOTS: usize = 64;
static SIGNALS_WATCHED: AtomicU64 = AtomicU64::new(0);

/// The signals that came for JavaScript's listeners and wait for the loop, in the order they
/// came (as libuv's pipe of messages): a ring the handlers write (a slot claimed, then filled)
/// and the main thread reads. What comes while it is full is kept as a bit in `OVERFLOWED`
/// (as the kernel merges a signal that is already pending): none is lost, SIGINT included.
const RING_LEN: u32 = 4096;
static RING: [AtomicU8; RING_LEN as usize] = [const { AtomicU8::new(0) }; RING_LEN as usize];
static RING_WRITE: AtomicU32 = AtomicU32::new(0);
static RING_READ: AtomicU32 = AtomicU32::new(0);
static OVERFLOWED: AtomicU64 = AtomicU64::new(0);

/// Queues `sig` for the loop and wakes it (async-signal-safe: atomics and one write).
fn push_signal(sig: libc::c_int) {
    let Ok(byte) = u8::try_from(sig) else {
        return;
    };
    if byte == 0 || usize::from(byte) >= SIGNAL_SLOTS {
        return;
    }
    let mut w = RING_WRITE.load(Ordering::SeqCst);
    loop {
        if w.wrapping_sub(RING_READ.load(Ordering::SeqCst)) >= RING_LEN {
            OVERFLOWED.fetch_or(1u64 << byte, Ordering::SeqCst);
            wake_loop();
            return;
        }
        match RING_WRITE.compare_exchange_weak(
            w,
            w.wrapping_add(1),
            Ordering::SeqCst,
            Ordering::SeqCst,
        ) {
            Ok(_) => break,
            Err(now) => w = now,
        }
    }
    RING[(w % RING_LEN) as usize].store(byte, Ordering::SeqCst);
    wake_loop();
}

/// The calling thread's errno, which a signal handler must leave as it found it.
fn errno_location() -> *mut libc::c_int {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    unsafe {
        libc::__errno_location()
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    unsafe {
        libc::__error()
    }
}

/// Wakes the loop's wait (async-signal-safe: one write to a non-blocking pipe).
fn wake_loop() {
    let fd = WAKE_WRITE.load(Ordering::SeqCst);
    if fd >= 0 {
        let b = 1u8;
        unsafe { libc::write(fd, (&b as *const u8).cast(), 1) };
    }
}

extern "C" fn on_sigint(_sig: libc::c_int) {
    let errno = errno_location();
    let saved = unsafe { *errno };
    on_sigint_inner();
    unsafe { *errno = saved };
}

fn on_sigint_inner() {
    // A vm run with breakOnSigint takes it first (Node sets the process's listeners aside
    // meanwhile).
    if crate::sigint_run::interrupt_sigint_runs() {
        return;
    }
    if REPL_RUNNING.load(Ordering::SeqCst) {
        if let Some(t) = REPL_TOKEN.get() {
            t.cancel();
        }
        return;
    }
    if REPL_TOKEN.get().is_some() && !SIGINT_LISTENING.load(Ordering::SeqCst) {
        // A REPL between entries: the line editor reads Ctrl-C itself at its prompt; one that
        // came as a signal before the prompt is kept for it (see `take_repl_sigint`).
        REPL_SIGINT_BETWEEN.store(true, Ordering::SeqCst);
        return;
    }
    if SIGINT_LISTENING.load(Ordering::SeqCst) {
        push_signal(libc::SIGINT);
        return;
    }
    // No JavaScript listener: die of SIGINT as a process without a handler does (exit 130).
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
}

/// The handler of the other signals JavaScript listens to (as libuv's): queues the delivery
/// and wakes the loop, which emits it on `process` (the main thread's). A real fault (SIGSEGV
/// and the like from the kernel, not sent) gets the process's own handling back and happens
/// again when the handler returns, rather than coming back forever.
extern "C" fn on_signal(sig: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    let errno = errno_location();
    let saved = unsafe { *errno };
    let fault = matches!(
        sig,
        libc::SIGSEGV | libc::SIGBUS | libc::SIGFPE | libc::SIGILL | libc::SIGTRAP
    );
    if fault && !info.is_null() && unsafe { (*info).si_code } > 0 {
        restore_fault_handling(sig);
    } else {
        push_signal(sig);
    }
    unsafe { *errno = saved };
}

/// The disposition a signal gets back when JavaScript stops listening to it: the default
/// action, as libuv leaves it (SIGPIPE's too, which the process ignored).
fn restore_default(sig: libc::c_int) {
    set_handler(sig, libc::SIG_DFL, 0);
}

/// A real fault while JavaScript listens to it: the handler the process had (Rust's own for
/// SIGSEGV and SIGBUS), the default action otherwise. Async-signal-safe (sigaction only).
fn restore_fault_handling(sig: libc::c_int) {
    let saved = FAULT_HANDLERS.get().map(|h| &h.0[..]).unwrap_or_default();
    match saved.iter().find(|(s, _)| *s == sig) {
        Some(old) => unsafe {
            libc::sigaction(sig, &old.1, std::ptr::null_mut());
        },
        None => restore_default(sig),
    }
}

/// SIGUSR1 starts Node's inspector, which jsvm does not have; as in Node, the process does not
/// die of it until a JavaScript listener came and went.
extern "C" fn on_sigusr1_unwatched(_sig: libc::c_int) {}

fn set_handler(sig: libc::c_int, handler: usize, flags: libc::c_int) -> libc::c_int {
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = handler;
        sa.sa_flags = libc::SA_RESTART | flags;
        libc::sigfillset(&mut sa.sa_mask);
        if libc::sigaction(sig, &sa, std::ptr::null_mut()) == 0 {
            0
        } else {
            -std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EINVAL)
        }
    }
}

/// Starts or stops delivering `sig` (not SIGINT) to JavaScript, as libuv's `uv_signal_start`
/// and the close of the last handle of a signal: 0, or a negative errno (SIGKILL and SIGSTOP
/// cannot be caught: EINVAL).
fn watch_signal(sig: i32, on: bool) -> i32 {
    let Some(slot) = usize::try_from(sig)
        .ok()
        .filter(|&i| i > 0 && i < SIGNAL_SLOTS)
    else {
        return -libc::EINVAL;
    };
    let bit = 1u64 << slot;
    if on {
        if SIGNALS_WATCHED.load(Ordering::SeqCst) & bit != 0 {
            return 0;
        }
        let err = set_handler(sig, on_signal as *const () as usize, libc::SA_SIGINFO);
        if err == 0 {
            SIGNALS_WATCHED.fetch_or(bit, Ordering::SeqCst);
        }
        err
    } else {
        if SIGNALS_WATCHED.fetch_and(!bit, Ordering::SeqCst) & bit == 0 {
            return 0;
        }
        // The process's own handling back (Rust's stack-overflow handler for SIGSEGV).
        restore_fault_handling(sig);
        0
    }
}

/// The handlers of SIGSEGV and SIGBUS as the process started (put back for a real fault while
/// JavaScript listens to them), saved by [`install_signal_handler`].
struct FaultHandlers([(libc::c_int, libc::sigaction); 2]);
// SAFETY: plain data (a handler address, flags and a mask), only read once saved.
unsafe impl Send for FaultHandlers {}
unsafe impl Sync for FaultHandlers {}
static FAULT_HANDLERS: OnceLock<FaultHandlers> = OnceLock::new();

fn save_fault_handlers() {
    FAULT_HANDLERS.get_or_init(|| {
        FaultHandlers([libc::SIGSEGV, libc::SIGBUS].map(|sig| unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            libc::sigaction(sig, std::ptr::null(), &mut old);
            (sig, old)
        }))
    });
}

/// The signals that came for JavaScript's listeners since the last call, in the order they
/// came (those no longer watched left out).
fn take_signals() -> Vec<i32> {
    let mut out = Vec::new();
    let watched = SIGNALS_WATCHED.load(Ordering::SeqCst);
    let wanted = |sig: i32| {
        sig == libc::SIGINT || (sig as usize) < SIGNAL_SLOTS && watched & (1u64 << sig) != 0
    };
    let mut r = RING_READ.load(Ordering::SeqCst);
    let w = RING_WRITE.load(Ordering::SeqCst);
    while r != w {
        let sig = RING[(r % RING_LEN) as usize].swap(0, Ordering::SeqCst);
        if sig == 0 {
            // Claimed by a handler on another thread that has not filled it yet: next time.
            break;
        }
        r = r.wrapping_add(1);
        let sig = i32::from(sig);
        if wanted(sig) {
            out.push(sig);
        }
    }
    RING_READ.store(r, Ordering::SeqCst);
    // Those that came while the ring was full: once each, after the ones it kept.
    let mut overflowed = OVERFLOWED.swap(0, Ordering::SeqCst);
    while overflowed != 0 {
        let sig = overflowed.trailing_zeros() as i32;
        overflowed &= overflowed - 1;
        if wanted(sig) {
            out.push(sig);
        }
    }
    out
}

/// Installs the SIGINT handler and the self-pipe that wakes the loop (once per process).
pub(crate) fn install_signal_handler() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| unsafe {
        let mut fds = [0 as libc::c_int; 2];
        if libc::pipe(fds.as_mut_ptr()) == 0 {
            for fd in fds {
                let fl = libc::fcntl(fd, libc::F_GETFL);
                libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
                libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
            }
            WAKE_READ.store(fds[0], Ordering::SeqCst);
            WAKE_WRITE.store(fds[1], Ordering::SeqCst);
        }
        set_handler(libc::SIGINT, on_sigint as *const () as usize, 0);
        save_fault_handlers();
        set_handler(libc::SIGUSR1, on_sigusr1_unwatched as *const () as usize, 0);
    });
}

/// While a REPL line runs, SIGINT cancels `token` instead of reaching JavaScript listeners.
pub fn set_repl_running(token: &CancelToken, running: bool) {
    let _ = REPL_TOKEN.set(token.clone());
    REPL_RUNNING.store(running, Ordering::SeqCst);
}

/// Whether a SIGINT reached the REPL between entries since the last call (clears it): the
/// REPL treats it as a Ctrl-C typed at its next prompt.
pub fn take_repl_sigint() -> bool {
    REPL_SIGINT_BETWEEN.swap(false, Ordering::SeqCst)
}

/// The token the REPL's SIGINT handler cancels (the first one the REPL marks as running).
pub fn repl_token() -> CancelToken {
    REPL_TOKEN.get_or_init(CancelToken::new).clone()
}

/// The read end of the self-pipe a signal writes to (the socket poll watches it too).
pub(crate) fn wake_read_fd() -> i32 {
    WAKE_READ.load(Ordering::SeqCst)
}

/// Whether a signal waits for JavaScript's listeners.
pub(crate) fn signal_pending() -> bool {
    RING_READ.load(Ordering::SeqCst) != RING_WRITE.load(Ordering::SeqCst)
        || OVERFLOWED.load(Ordering::SeqCst) != 0
}

pub(crate) fn drain_wake_pipe() {
    let fd = WAKE_READ.load(Ordering::SeqCst);
    if fd < 0 {
        return;
    }
    let mut buf = [0u8; 64];
    while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
}

/// Sleeps up to `ms` milliseconds (negative: until woken), waking early on a signal (the main
/// thread) or an event from another thread.
fn wait(shared: &Shared, ms: f64) {
    let mut timeout: i64 = if ms.is_finite() && ms >= 0.0 {
        ms.ceil() as i64
    } else {
        -1
    };
    if let Some(deadline) = shared.deadline {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .as_millis() as i64;
        timeout = if timeout < 0 { left } else { timeout.min(left) };
    }
    let main_thread = shared.worker.is_none();
    if main_thread && signal_pending() {
        return;
    }
    let mut fds = vec![libc::pollfd {
        fd: shared.inbox.fd(),
        events: libc::POLLIN,
        revents: 0,
    }];
    // Signals are the main thread's.
    let sig = WAKE_READ.load(Ordering::SeqCst);
    if main_thread && sig >= 0 {
        fds.push(libc::pollfd {
            fd: sig,
            events: libc::POLLIN,
            revents: 0,
        });
    }
    let t = timeout.clamp(-1, i32::MAX as i64) as libc::c_int;
    unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, t) };
    if main_thread {
        drain_wake_pipe();
    }
}

// ---- stdio ----------------------------------------------------------------------------------

fn bytes_of<'js>(v: &Value<'js>) -> Option<Vec<u8>> {
    if let Some(s) = v.as_string() {
        return s.to_string().ok().map(String::into_bytes);
    }
    if let Ok(a) = TypedArray::<u8>::from_value(v.clone()) {
        return unsafe { a.as_bytes() }.map(|b| b.to_vec());
    }
    if let Some(ab) = jsvm::engine::rquickjs::ArrayBuffer::from_value(v.clone()) {
        return unsafe { ab.as_bytes() }.map(|b| b.to_vec());
    }
    None
}

fn write_to(out: &mut dyn Write, v: &Value<'_>) {
    if let Some(b) = bytes_of(v) {
        // A closed pipe (EPIPE) is ignored, as Node does for stdout by default.
        let _ = out.write_all(&b);
        let _ = out.flush();
    }
}

/// Whether the heap is at its memory limit, or the code running met it. QuickJS throws `null` when even its "out of
/// memory" error cannot be allocated; Node never hands a heap-limit failure to JavaScript (it
/// is fatal), so a `null` thrown while the heap is nearly full is reported as that fatal error
/// (by the uncaught handler, and by the host for what escapes it).
pub(crate) fn heap_exhausted(ctx: &Ctx<'_>) -> bool {
    let u = jsvm::MemoryUsage::of(ctx);
    u.malloc_limit != u64::MAX
        && (u.refused_since_run || u.malloc_size + u.shared_size >= u.malloc_limit / 10 * 9)
}

/// In a terminated worker, ends its JavaScript (after a wait, which the interrupt checks
/// might not reach before the next one).
pub(crate) fn stop_if_terminated(ctx: &Ctx<'_>, shared: &Shared) -> Result<()> {
    match &shared.worker {
        Some(side) if side.token.is_cancelled() => Err(crate::worker_side::throw_stop(ctx, side)),
        _ => Ok(()),
    }
}

/// Flushes stdio and exits the process now.
pub(crate) fn really_exit(code: i32) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}

/// Ends the process by `signal` (SIGTRAP as V8's abort on an uncaught exception, SIGABRT as
/// `process.abort()`), its default action restored first so no handler takes it; `abort()` if
/// the signal returns.
pub(crate) fn abort_process(signal: i32) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    if signal == libc::SIGTRAP {
        // SAFETY: restores the default action of a signal and raises it on this thread.
        unsafe {
            libc::signal(libc::SIGTRAP, libc::SIG_DFL);
            libc::raise(libc::SIGTRAP);
        }
    }
    std::process::abort()
}

// ---- the binding -----------------------------------------------------------------------------

fn hrtime_pair() -> (f64, f64) {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec as f64, ts.tv_nsec as f64)
}

fn rss_bytes() -> f64 {
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as f64;
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|x| x.parse::<f64>().ok())
        })
        .map(|pages| pages * page)
        .unwrap_or(0.0)
}

pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    binding: &Object<'js>,
    shared: &std::rc::Rc<Shared>,
) -> Result<()> {
    set_fn(ctx, binding, "writeStdout", |v: Value<'js>| {
        write_to(&mut std::io::stdout().lock(), &v)
    })?;
    set_fn(ctx, binding, "writeStderr", |v: Value<'js>| {
        write_to(&mut std::io::stderr().lock(), &v)
    })?;
    set_fn(
        ctx,
        binding,
        "getPromiseState",
        |ctx: Ctx<'js>, p: Value<'js>| -> Result<Value<'js>> {
            let arr = Array::new(ctx.clone())?;
            unsafe {
                let raw = ctx.as_raw().as_ptr();
                let state = qjs::JS_PromiseState(raw, p.as_raw());
                if state < 0 {
                    return Ok(Value::new_undefined(ctx.clone()));
                }
                arr.set(0, state as i32)?;
                if state != 0 {
                    let r = Value::from_raw(ctx.clone(), qjs::JS_PromiseResult(raw, p.as_raw()));
                    arr.set(1, r)?;
                }
            }
            Ok(arr.into_value())
        },
    )?;
    set_fn(
        ctx,
        binding,
        "getProxyDetails",
        |ctx: Ctx<'js>, v: Value<'js>| -> Result<Value<'js>> {
            unsafe {
                if !qjs::JS_IsProxy(v.as_raw()) {
                    return Ok(Value::new_undefined(ctx.clone()));
                }
                let raw = ctx.as_raw().as_ptr();
                let target = Value::from_raw(ctx.clone(), qjs::JS_GetProxyTarget(raw, v.as_raw()));
                let handler =
                    Value::from_raw(ctx.clone(), qjs::JS_GetProxyHandler(raw, v.as_raw()));
                // A revoked proxy has neither: node reports [null, null].
                let (target, handler) = if target.is_exception() || handler.is_exception() {
                    let _ = ctx.catch();
                    (Value::new_null(ctx.clone()), Value::new_null(ctx.clone()))
                } else {
                    (target, handler)
                };
                let arr = Array::new(ctx.clone())?;
                arr.set(0, target)?;
                arr.set(1, handler)?;
                Ok(arr.into_value())
            }
        },
    )?;
    // classOf(v): the engine's class of an object (a number; -1 for a primitive). util.js
    // compares it with the classes of objects it made, for brand checks that throw nothing
    // (an exception made by a failed check cost microseconds) and run no code of the value.
    set_fn(ctx, binding, "classOf", |v: Value<'js>| -> i64 {
        match v.is_object() {
            // SAFETY: reads the class field of a live object.
            true => unsafe { qjs::JS_GetClassID(v.as_raw()) as i64 },
            false => -1,
        }
    })?;
    set_fn(ctx, binding, "cwd", || -> String {
        std::env::current_dir()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "/".into())
    })?;
    set_fn(
        ctx,
        binding,
        "chdir",
        |ctx: Ctx<'js>, dir: String| -> Result<()> {
            std::env::set_current_dir(&dir)
                .map_err(|e| crate::fs_binding::throw_io(&ctx, &e, "chdir", &dir, None))
        },
    )?;
    let s = shared.clone();
    set_fn(
        ctx,
        binding,
        "env",
        move |ctx: Ctx<'js>| -> Result<Object<'js>> {
            let obj = Object::new(ctx)?;
            if let Some(side) = &s.worker {
                for (k, v) in &side.env {
                    obj.set(k.as_str(), v.as_str())?;
                }
                return Ok(obj);
            }
            for (k, v) in std::env::vars_os() {
                obj.set(k.to_string_lossy().as_ref(), v.to_string_lossy().as_ref())?;
            }
            Ok(obj)
        },
    )?;
    set_fn(
        ctx,
        binding,
        "hrtime",
        |ctx: Ctx<'js>| -> Result<Array<'js>> {
            let (s, ns) = hrtime_pair();
            let arr = Array::new(ctx)?;
            arr.set(0, s)?;
            arr.set(1, ns)?;
            Ok(arr)
        },
    )?;
    set_fn(ctx, binding, "now", || -> f64 {
        start_instant().elapsed().as_secs_f64() * 1000.0
    })?;
    set_fn(
        ctx,
        binding,
        "memoryUsage",
        |ctx: Ctx<'js>| -> Result<Object<'js>> {
            let mut u: qjs::JSMemoryUsage = unsafe { std::mem::zeroed() };
            unsafe {
                let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
                qjs::JS_ComputeMemoryUsage(rt, &mut u);
            }
            let obj = Object::new(ctx)?;
            obj.set("rss", rss_bytes())?;
            obj.set("heapTotal", u.malloc_size as f64)?;
            obj.set("heapUsed", u.memory_used_size as f64)?;
            obj.set("external", 0)?;
            obj.set("arrayBuffers", 0)?;
            Ok(obj)
        },
    )?;
    // The process's user and group ids: uid, euid, gid, egid.
    set_fn(ctx, binding, "ids", || -> Vec<f64> {
        unsafe {
            vec![
                libc::getuid() as f64,
                libc::geteuid() as f64,
                libc::getgid() as f64,
                libc::getegid() as f64,
            ]
        }
    })?;
    // The password-database entry of the process's user: [uid, gid, name, home, shell] (all
    // text), or
    // undefined when there is none.
    set_fn(ctx, binding, "passwd", || -> Option<Vec<String>> {
        let uid = unsafe { libc::geteuid() };
        let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let mut buf = vec![0 as libc::c_char; 16 * 1024];
        let r =
            unsafe { libc::getpwuid_r(uid, &mut entry, buf.as_mut_ptr(), buf.len(), &mut found) };
        if r != 0 || found.is_null() {
            return None;
        }
        let text = |p: *const libc::c_char| match p.is_null() {
            true => String::new(),
            false => unsafe { std::ffi::CStr::from_ptr(p) }
                .to_string_lossy()
                .into_owned(),
        };
        Some(vec![
            entry.pw_uid.to_string(),
            entry.pw_gid.to_string(),
            text(entry.pw_name),
            text(entry.pw_dir),
            text(entry.pw_shell),
        ])
    })?;
    set_fn(ctx, binding, "groups", || -> Vec<f64> {
        let n = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
        let mut groups = vec![0 as libc::gid_t; n.max(0) as usize];
        let n = unsafe { libc::getgroups(n, groups.as_mut_ptr()) };
        groups.truncate(n.max(0) as usize);
        groups.into_iter().map(|g| g as f64).collect()
    })?;
    // Sets the mask when given one (-1: none); the previous mask either way (read by setting and
    // restoring, the only way POSIX gives).
    set_fn(ctx, binding, "umask", |mask: i32| -> u32 {
        unsafe {
            let old = libc::umask(mask.max(0) as libc::mode_t);
            if mask < 0 {
                libc::umask(old);
            }
            old as u32
        }
    })?;
    // getrusage(RUSAGE_SELF), in Node's resourceUsage() order (CPU times in microseconds).
    set_fn(ctx, binding, "rusage", || -> Vec<f64> {
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
        let micros = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
        vec![
            micros(u.ru_utime),
            micros(u.ru_stime),
            u.ru_maxrss as f64,
            u.ru_ixrss as f64,
            u.ru_idrss as f64,
            u.ru_isrss as f64,
            u.ru_minflt as f64,
            u.ru_majflt as f64,
            u.ru_nswap as f64,
            u.ru_inblock as f64,
            u.ru_oublock as f64,
            u.ru_msgsnd as f64,
            u.ru_msgrcv as f64,
            u.ru_nsignals as f64,
            u.ru_nvcsw as f64,
            u.ru_nivcsw as f64,
        ]
    })?;
    set_fn(ctx, binding, "heapExhausted", |ctx: Ctx<'js>| {
        heap_exhausted(&ctx)
    })?;
    set_fn(
        ctx,
        binding,
        "isHeapLimitError",
        |ctx: Ctx<'js>, v: Value<'js>| jsvm::engine::is_heap_limit_error(&ctx, &v),
    )?;
    // abortProcess(signal): see `abort_process` (the main thread's; a worker's is refused
    // before, as Node's).
    set_fn(ctx, binding, "abortProcess", |signal: i32| -> Result<()> {
        abort_process(signal)
    })?;
    let s = shared.clone();
    set_fn(
        ctx,
        binding,
        "reallyExit",
        move |ctx: Ctx<'js>, code: Opt<i32>| -> Result<()> {
            let code = code.0.unwrap_or(0);
            match &s.worker {
                // A worker's exit ends the worker only.
                Some(side) => {
                    side.exit_code.set(Some(code));
                    Err(crate::worker_side::throw_stop(&ctx, side))
                }
                None => really_exit(code),
            }
        },
    )?;
    set_fn(ctx, binding, "gc", |ctx: Ctx<'js>| unsafe {
        qjs::JS_RunGC(qjs::JS_GetRuntime(ctx.as_raw().as_ptr()));
    })?;
    let s = shared.clone();
    set_fn(
        ctx,
        binding,
        "wait",
        move |ctx: Ctx<'js>, ms: f64| -> Result<()> {
            wait(&s, ms);
            stop_if_terminated(&ctx, &s)
        },
    )?;
    // Atomics.waitAsync: a notify wakes the loop (from any thread), which then settles the
    // waits notified or due (how many it settled); the next one due
    // bounds the loop's wait (ms, -1: none).
    let inbox = shared.inbox.clone();
    jsvm::engine::set_async_wait_wake(ctx, move || inbox.wake());
    set_fn(ctx, binding, "settleAtomicsWaits", |ctx: Ctx<'js>| -> f64 {
        jsvm::engine::settle_async_waits(&ctx).settled as f64
    })?;
    set_fn(ctx, binding, "atomicsWaitDelay", |ctx: Ctx<'js>| -> f64 {
        jsvm::engine::async_wait_deadline(&ctx).map_or(-1.0, |d| {
            d.saturating_duration_since(Instant::now()).as_secs_f64() * 1000.0
        })
    })?;
    let s = shared.clone();
    // Signals are the main thread's: a worker's listeners are only events.
    set_fn(
        ctx,
        binding,
        "watchSignal",
        move |sig: i32, on: bool| -> i32 {
            if s.worker.is_some() {
                0
            } else if sig == libc::SIGINT {
                SIGINT_LISTENING.store(on, Ordering::SeqCst);
                0
            } else {
                watch_signal(sig, on)
            }
        },
    )?;
    let s = shared.clone();
    // takeSignals(): the signals that came, or undefined when none did (the loop asks at each
    // turn: no array made for nothing).
    set_fn(ctx, binding, "takeSignals", move || -> Option<Vec<i32>> {
        if s.worker.is_some() {
            return None;
        }
        let came = take_signals();
        (!came.is_empty()).then_some(came)
    })?;
    set_fn(
        ctx,
        binding,
        "runMicrotasks",
        |ctx: Ctx<'js>| -> Result<()> {
            // Jobs of contexts in `afterEvaluate` mode wait for their own runs, as in Node;
            // a job's exception stays pending and propagates to the caller.
            while jsvm::engine::run_host_job(&ctx)? {}
            Ok(())
        },
    )?;
    // The async context frame (js/async_hooks.js) lives in the library's slot, which promise
    // reactions carry: code after an `await` or in a `then` callback runs in the frame current
    // when it was registered.
    set_fn(ctx, binding, "asyncContextFrame", |ctx: Ctx<'js>| {
        jsvm::engine::async_context(&ctx)
    })?;
    set_fn(
        ctx,
        binding,
        "setAsyncContextFrame",
        |ctx: Ctx<'js>, frame: Value<'js>| -> Result<()> {
            jsvm::engine::set_async_context(&ctx, frame)?;
            Ok(())
        },
    )?;
    // For a scope set back before any async function running now can suspend (`run`).
    set_fn(
        ctx,
        binding,
        "enterAsyncContextFrame",
        |ctx: Ctx<'js>, frame: Value<'js>| -> Result<()> {
            jsvm::engine::enter_async_context(&ctx, frame)?;
            Ok(())
        },
    )?;
    set_fn(ctx, binding, "timedOut", {
        let s = shared.clone();
        move || -> bool { s.deadline.is_some_and(|d| Instant::now() >= d) }
    })?;
    // `hideFrames(fn, which)`: the loop's own frames, which Node's native loop does not show
    // (which: 0 its own, 1 those below it, 2 both).
    set_fn(
        ctx,
        binding,
        "hideFrames",
        |ctx: Ctx<'js>, f: Function<'js>, which: i32| -> Result<()> {
            use jsvm::engine::HiddenFrames;
            let which = match which {
                0 => HiddenFrames::Own,
                1 => HiddenFrames::Below,
                _ => HiddenFrames::OwnAndBelow,
            };
            jsvm::engine::hide_frames(&ctx, &f, which)
        },
    )?;
    Ok(())
}
