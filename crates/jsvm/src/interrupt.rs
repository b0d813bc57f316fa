//! Stopping running JavaScript: timeouts and cancellation.
//!
//! QuickJS calls the runtime's interrupt handler every few thousand instructions (and from
//! inside the regex engine). Each run pushes a [`Frame`] with its deadline and cancel token; the
//! handler stops execution when any active frame is due. Runs nest (a host function may start
//! another run), so the frame that fired is remembered: the run that owns it reports the
//! timeout, inner runs let the (uncatchable) interruption pass through.
//!
//! The handler is only polled between engine steps, and one step can be long (compiling a big
//! source, multiplying huge BigInts). So a process-wide [`watchdog`] thread also raises the
//! runtime's `overdue` flag shortly after a frame's deadline passes (see [`refusal_grace`]);
//! the runtime's allocator reads it and refuses allocations of an overdue run (see
//! `allocator.rs`), which ends such steps.
//!
//! A frame may also belong to no run ([`crate::Runtime::with_limits`]): every run inside it lets
//! its interruption pass, and the library reports it where it reaches Rust (see
//! `describe_value`).

use std::cell::{Cell, RefCell};
use std::ffi::c_int;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A handle that stops a running script from another thread or a signal handler.
///
/// Give a clone to [`crate::RunOptions::cancel`]; calling [`CancelToken::cancel`] makes that run
/// fail with [`crate::Error::Interrupted`] (Node's `ERR_SCRIPT_EXECUTION_INTERRUPTED`). Cancelling is a
/// single atomic store, so it is safe from a signal handler. A token stays cancelled; use a new
/// one (or [`CancelToken::reset`]) for the next run.
///
/// ```
/// let token = jsvm::CancelToken::new();
/// let t = token.clone();
/// std::thread::spawn(move || t.cancel()).join().unwrap();
/// assert!(token.is_cancelled());
/// ```
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Self::default()
    }
    /// Asks the run(s) holding this token to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
    /// Whether two tokens are clones of one another.
    pub fn same_as(&self, other: &CancelToken) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
    /// Clears the cancellation, so the token can serve another run.
    pub fn reset(&self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// Limits on a job: all the JavaScript that a stretch of Rust code (a pool job, a request's
/// handling) runs on one runtime, whichever run it is in. See [`crate::Runtime::with_limits`]
/// and [`crate::RuntimePool::spawn_with_limits`].
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let limits = jsvm::JobLimits::new().timeout(std::time::Duration::from_millis(500));
/// // Every run inside shares the 500 ms: two loops of 400 ms do not both finish.
/// let r = rt.with_limits(&limits, |rt| {
///     let ctx = rt.main_context();
///     ctx.eval::<()>("const t = Date.now(); while (Date.now() - t < 400) {}")?;
///     ctx.eval::<()>("const u = Date.now(); while (Date.now() - u < 400) {}")
/// });
/// assert_eq!(r, Err(jsvm::Error::Timeout { ms: 500 }));
/// ```
#[derive(Clone, Debug, Default)]
pub struct JobLimits {
    /// Stop with [`crate::Error::Timeout`] this many milliseconds after the limits start.
    pub timeout_ms: Option<u64>,
    /// Stop with [`crate::Error::Interrupted`] when this token is cancelled.
    pub cancel: Option<CancelToken>,
}

impl JobLimits {
    /// No limits (set them with the methods below).
    pub fn new() -> Self {
        Self::default()
    }

    /// Stop with [`crate::Error::Timeout`] once `timeout` has passed (in whole milliseconds,
    /// rounded up).
    ///
    /// ```
    /// use std::time::Duration;
    /// let limits = jsvm::JobLimits::new().timeout(Duration::from_millis(20));
    /// assert_eq!(limits.timeout_ms, Some(20));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout_ms = Some(whole_millis(timeout));
        self
    }

    /// Stop with [`crate::Error::Interrupted`] when `token` is cancelled.
    pub fn cancel(mut self, token: CancelToken) -> Self {
        self.cancel = Some(token);
        self
    }
}

/// A duration in whole milliseconds, rounded up (a timeout of 0.5 ms is not "no time").
pub(crate) fn whole_millis(d: Duration) -> u64 {
    let ms = d.as_nanos().div_ceil(1_000_000);
    u64::try_from(ms).unwrap_or(u64::MAX)
}

/// Throws the engine's own stop, uncatchable, for a wait or a call the library runs outside
/// the engine's interrupt checks (Atomics.wait, wasm code): the frame that fired reports it
/// where its run ends.
pub(crate) fn throw_interrupted(ctx: &rquickjs::Ctx<'_>) -> rquickjs::Error {
    use rquickjs::qjs;
    let c = ctx.as_raw().as_ptr();
    unsafe {
        qjs::JS_ThrowInternalError(c, c"interrupted".as_ptr());
        let e = qjs::JS_GetException(c);
        qjs::JS_SetUncatchableError(c, e);
        qjs::JS_Throw(c, e);
    }
    rquickjs::Error::Exception
}

/// Why a frame stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    Timeout(u64),
    Cancelled,
}

struct Frame {
    deadline: Option<Instant>,
    timeout_ms: u64,
    token: Option<CancelToken>,
    /// The interrupt counter of the realm the run's code is in (see [`Interrupts::watched`]).
    counter: Option<NonNull<c_int>>,
}

/// Polls between two calls of the handler while a run watches its realm's counter. The engine's
/// own period is 10000 polls, and a poll comes with each call or loop turn: a loop calling a
/// step that costs milliseconds without allocating (a `join` of a million empty strings, a
/// search in a long string) reached the handler, and its stop, only after tens of seconds.
const SHORT_PERIOD: c_int = 32;

/// Short periods between two full looks at the frames (the clock, the tokens): the engine's
/// period, so a run reads the clock as often as before; between them the handler only reads
/// the watchdog's `overdue` flag.
const LOOKS_EVERY: u32 = 10000 / SHORT_PERIOD as u32;

/// The active frames of one runtime, shared with its interrupt handler.
#[derive(Default)]
pub(crate) struct Interrupts {
    frames: RefCell<Vec<Frame>>,
    /// The frame that fired, and why; cleared by the run that owns it.
    fired: Cell<Option<(usize, Stop)>>,
    /// Raised by the watchdog when a deadline passed (maybe of a frame already gone): then the
    /// allocator asks [`Interrupts::poll`], which clears it when nothing is due.
    overdue: Arc<AtomicBool>,
    /// When the watchdog will raise `overdue` next, as far as this runtime asked it. Only the
    /// earliest pending time is handed to the watchdog: a runtime doing many runs with one
    /// timeout keeps one entry there, not one per run until each deadline passes.
    armed: Cell<Option<Instant>>,
    /// Above zero while the library makes an error in a context's realm (made_error.rs): the
    /// handler then stops any code at once, without a frame firing (and the allocator, which
    /// asks [`Interrupts::poll_frames`], refuses nothing for it).
    quiet: Cell<u32>,
    /// The counter of the innermost frame that has one: the handler sets it to
    /// [`SHORT_PERIOD`] each time, so a run past its deadline (the watchdog raised `overdue`)
    /// stops within a few dozen polls however long each is.
    watched: Cell<Option<NonNull<c_int>>>,
    /// Short periods left before the next full look at the frames.
    short_left: Cell<u32>,
}

impl Interrupts {
    /// Whether the watchdog saw a deadline pass since the last poll that found nothing due.
    #[inline]
    pub(crate) fn maybe_overdue(&self) -> bool {
        self.overdue.load(Ordering::Relaxed)
    }

    /// The allocator's check: true when a frame is due (and then it has fired).
    pub(crate) fn poll_overdue(&self) -> bool {
        if self.poll_frames() {
            return true;
        }
        self.overdue.store(false, Ordering::Relaxed);
        // The raise was for a frame already gone: ask again for the earliest one still here.
        self.armed.set(None);
        let next = self.frames.try_borrow().ok().and_then(|frames| {
            frames
                .iter()
                .filter_map(|f| f.deadline.map(|d| d + refusal_grace(f.timeout_ms)))
                .min()
        });
        if let Some(at) = next {
            self.arm(at);
        }
        false
    }

    /// Has the watchdog raise `overdue` at `at`, unless it will already do so earlier.
    fn arm(&self, at: Instant) {
        let earlier_pending = self
            .armed
            .get()
            .is_some_and(|a| a <= at && a > Instant::now());
        if !earlier_pending {
            watchdog::watch(at, &self.overdue);
            self.armed.set(Some(at));
        }
    }

    /// The interrupt handler's body: true stops execution.
    pub(crate) fn poll(&self) -> bool {
        if self.quiet.get() > 0 {
            return true;
        }
        if let Some(counter) = self.watched.get() {
            // SAFETY: the realm lives while the frame watching it does (its run holds it).
            unsafe { counter.as_ptr().write(SHORT_PERIOD) };
            if self.maybe_overdue() && self.poll_overdue() {
                return true;
            }
            let left = self.short_left.get();
            if left > 0 {
                self.short_left.set(left - 1);
                return false;
            }
            self.short_left.set(LOOKS_EVERY);
        }
        self.poll_frames()
    }

    /// See [`Interrupts::quiet`].
    pub(crate) fn begin_quiet(&self) {
        self.quiet.set(self.quiet.get() + 1);
    }
    pub(crate) fn end_quiet(&self) {
        self.quiet.set(self.quiet.get().saturating_sub(1));
    }

    /// Whether a frame is due (then it has fired).
    fn poll_frames(&self) -> bool {
        if self.fired.get().is_some() {
            return true;
        }
        let frames = match self.frames.try_borrow() {
            Ok(f) => f,
            Err(_) => return false,
        };
        let mut now = None;
        for (i, f) in frames.iter().enumerate() {
            if let Some(t) = &f.token {
                if t.is_cancelled() {
                    self.fired.set(Some((i, Stop::Cancelled)));
                    return true;
                }
            }
            if let Some(d) = f.deadline {
                let n = *now.get_or_insert_with(Instant::now);
                if n >= d {
                    self.fired.set(Some((i, Stop::Timeout(f.timeout_ms))));
                    return true;
                }
            }
        }
        false
    }

    /// The earliest deadline of the active frames: how long a host may wait (for a host
    /// future) before some frame is due.
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        let frames = self.frames.try_borrow().ok()?;
        frames.iter().filter_map(|f| f.deadline).min()
    }

    /// Why the frame that fired stopped, if one did and its owner has not yet taken it.
    pub(crate) fn fired(&self) -> Option<Stop> {
        self.fired.get().map(|(_, why)| why)
    }

    /// Starts a frame; the guard ends it. A run with neither deadline nor token pushes nothing
    /// (the common case, kept cheap): any stop it sees is an outer frame's.
    pub(crate) fn enter(
        &self,
        timeout_ms: Option<u64>,
        token: Option<CancelToken>,
    ) -> FrameGuard<'_> {
        let deadline = timeout_ms.map(|ms| Instant::now() + Duration::from_millis(ms));
        self.enter_until(deadline, timeout_ms.unwrap_or(0), token)
    }

    /// [`Interrupts::enter`] for a run of code in the realm whose interrupt counter is
    /// `counter` (`realm::interrupt_counter`): while the frame lasts, the handler is called
    /// every [`SHORT_PERIOD`] polls of that realm.
    pub(crate) fn enter_watching(
        &self,
        timeout_ms: Option<u64>,
        token: Option<CancelToken>,
        counter: Option<NonNull<c_int>>,
    ) -> FrameGuard<'_> {
        let guard = self.enter(timeout_ms, token);
        if guard.index != NO_FRAME {
            if let Some(c) = counter {
                self.frames.borrow_mut()[guard.index].counter = Some(c);
                self.watched.set(Some(c));
                self.short_left.set(LOOKS_EVERY);
                // SAFETY: as in `poll`; the first handler call comes within the short period.
                unsafe { c.as_ptr().write(SHORT_PERIOD) };
            }
        }
        guard
    }

    /// Starts a frame that ends at `deadline` and reports `timeout_ms` when it fires: a budget
    /// that began earlier (the rest of a run's time, for what the library does after it).
    pub(crate) fn enter_until(
        &self,
        deadline: Option<Instant>,
        timeout_ms: u64,
        token: Option<CancelToken>,
    ) -> FrameGuard<'_> {
        if deadline.is_none() && token.is_none() {
            return FrameGuard {
                interrupts: self,
                index: NO_FRAME,
            };
        }
        if let Some(d) = deadline {
            self.arm(d + refusal_grace(timeout_ms));
        }
        let mut frames = self.frames.borrow_mut();
        frames.push(Frame {
            deadline,
            timeout_ms,
            token,
            counter: None,
        });
        FrameGuard {
            interrupts: self,
            index: frames.len() - 1,
        }
    }
}

/// How long after a deadline the allocator starts refusing memory. A refused allocation is an
/// ordinary (catchable) exception, which code could see and act on before the stop; code that
/// is not stuck in one long step meets the uncatchable interruption within microseconds of the
/// deadline, well inside this grace, so only long steps ever see a refusal.
fn refusal_grace(timeout_ms: u64) -> Duration {
    Duration::from_millis((timeout_ms / 4).clamp(5, 50))
}

/// The limit under which the library runs JavaScript on its own (describing a thrown value,
/// converting a result, running promise jobs and finalizers for the host): the rest of a run's
/// time, or the runtime's host budget when no run covers it.
#[derive(Clone, Debug)]
pub(crate) struct Budget {
    pub(crate) deadline: Option<Instant>,
    pub(crate) timeout_ms: u64,
    pub(crate) token: Option<CancelToken>,
}

impl Budget {
    /// The host's own budget (`RuntimeBuilder::host_timeout`), starting now.
    pub(crate) fn host(host_timeout: Option<Duration>) -> Budget {
        Budget {
            deadline: host_timeout.map(|d| Instant::now() + d),
            timeout_ms: host_timeout.map_or(0, |d| d.as_millis() as u64),
            token: None,
        }
    }
    /// What is left of a run that started at `started` with these limits; a run without a
    /// timeout leaves the host budget.
    pub(crate) fn after_run(
        started: Instant,
        timeout_ms: Option<u64>,
        token: Option<CancelToken>,
        host_timeout: Option<Duration>,
    ) -> Budget {
        match timeout_ms {
            Some(ms) => Budget {
                deadline: Some(started + Duration::from_millis(ms)),
                timeout_ms: ms,
                token,
            },
            None => Budget {
                token,
                ..Budget::host(host_timeout)
            },
        }
    }
}

/// The index of a guard that pushed no frame: above every real index, so every fired frame
/// counts as an outer one.
const NO_FRAME: usize = usize::MAX;

/// An active run's frame; popped on drop.
pub(crate) struct FrameGuard<'a> {
    interrupts: &'a Interrupts,
    index: usize,
}

impl FrameGuard<'_> {
    /// If this frame fired, why (and clear it so later runs start clean).
    pub(crate) fn take_stop(&self) -> Option<Stop> {
        match self.interrupts.fired.get() {
            Some((i, why)) if i == self.index => {
                self.interrupts.fired.set(None);
                Some(why)
            }
            _ => None,
        }
    }
    /// Whether this frame fired (without clearing it).
    pub(crate) fn fired_here(&self) -> bool {
        matches!(self.interrupts.fired.get(), Some((i, _)) if i == self.index)
    }
    /// Whether an outer frame fired: the interruption must pass through this run.
    pub(crate) fn outer_fired(&self) -> bool {
        matches!(self.interrupts.fired.get(), Some((i, _)) if i < self.index)
    }
}

/// The process-wide thread that raises a runtime's `overdue` flag when a deadline passes.
mod watchdog {
    use std::collections::BinaryHeap;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Condvar, Mutex, OnceLock, Weak};
    use std::time::Instant;

    struct Entry(Instant, Weak<AtomicBool>);
    impl PartialEq for Entry {
        fn eq(&self, o: &Self) -> bool {
            self.0 == o.0
        }
    }
    impl Eq for Entry {}
    impl PartialOrd for Entry {
        fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(o))
        }
    }
    impl Ord for Entry {
        // Earliest deadline first in a max-heap.
        fn cmp(&self, o: &Self) -> std::cmp::Ordering {
            o.0.cmp(&self.0)
        }
    }

    struct Watchdog {
        deadlines: Mutex<BinaryHeap<Entry>>,
        wake: Condvar,
    }

    fn watchdog() -> Option<&'static Watchdog> {
        static WATCHDOG: OnceLock<Option<&'static Watchdog>> = OnceLock::new();
        *WATCHDOG.get_or_init(|| {
            let dog: &'static Watchdog = Box::leak(Box::new(Watchdog {
                deadlines: Mutex::new(BinaryHeap::new()),
                wake: Condvar::new(),
            }));
            // Without the thread, deadlines still hold at the interrupt checks.
            std::thread::Builder::new()
                .name("jsvm-watchdog".into())
                .stack_size(64 << 10)
                .spawn(move || dog.run())
                .ok()
                .map(|_| dog)
        })
    }

    impl Watchdog {
        fn run(&self) {
            let Ok(mut heap) = self.deadlines.lock() else {
                return;
            };
            loop {
                let now = Instant::now();
                while heap.peek().is_some_and(|e| e.0 <= now) {
                    if let Some(flag) = heap.pop().and_then(|e| e.1.upgrade()) {
                        flag.store(true, Ordering::Relaxed);
                    }
                }
                heap = match heap.peek().map(|e| e.0) {
                    Some(next) => match self.wake.wait_timeout(heap, next - now) {
                        Ok((h, _)) => h,
                        Err(_) => return,
                    },
                    None => match self.wake.wait(heap) {
                        Ok(h) => h,
                        Err(_) => return,
                    },
                };
            }
        }
    }

    /// How many raises are waiting.
    #[cfg(test)]
    pub(super) fn pending() -> usize {
        watchdog().map_or(0, |dog| dog.deadlines.lock().map_or(0, |h| h.len()))
    }

    /// Raises `flag` at `deadline`.
    pub(super) fn watch(deadline: Instant, flag: &Arc<AtomicBool>) {
        let Some(dog) = watchdog() else { return };
        let Ok(mut heap) = dog.deadlines.lock() else {
            return;
        };
        let earliest = heap.peek().is_none_or(|e| deadline < e.0);
        heap.push(Entry(deadline, Arc::downgrade(flag)));
        drop(heap);
        if earliest {
            dog.wake.notify_one();
        }
    }
}

impl Drop for FrameGuard<'_> {
    fn drop(&mut self) {
        if self.index == NO_FRAME {
            return;
        }
        let mut frames = self.interrupts.frames.borrow_mut();
        frames.truncate(self.index);
        self.interrupts
            .watched
            .set(frames.iter().rev().find_map(|f| f.counter));
        // A frame that fired but whose run never looked (e.g. a panic unwinding) must not
        // poison the next run.
        if matches!(self.interrupts.fired.get(), Some((i, _)) if i >= self.index) {
            self.interrupts.fired.set(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{RunOptions, Runtime};

    #[test]
    fn many_timed_runs_leave_one_pending_raise() {
        let rt = Runtime::new().unwrap();
        let ctx = rt.new_empty_context(Default::default()).unwrap();
        let script = rt.compile("1 + 1", Default::default()).unwrap();
        let timed = RunOptions {
            timeout_ms: Some(60_000),
            ..Default::default()
        };
        ctx.run::<i32>(&script, &timed).unwrap();
        let before = super::watchdog::pending();
        for _ in 0..1000 {
            assert_eq!(ctx.run::<i32>(&script, &timed).unwrap(), 2);
        }
        // Each run's deadline is later than the one already handed to the watchdog.
        assert!(
            super::watchdog::pending() <= before + 1,
            "{} -> {}",
            before,
            super::watchdog::pending()
        );
    }
}
