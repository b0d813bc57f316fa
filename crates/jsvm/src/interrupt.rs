//! Stopping running JavaScript: timeouts and cancellation.
//!
//! QuickJS calls the runtime's interrupt handler every few thousand instructions (and from
//! inside the regex engine). Each run pushes a [`Frame`] with its deadline and cancel token; the
//! handler stops execution when any active frame is due. Runs nest (a host function may start
//! another run), so the frame that fired is remembered: the run that owns it reports the
//! timeout, inner runs let the (uncatchable) interruption pass through. A frame may also belong
//! to no run ([`crate::Runtime::with_limits`]): every run inside it lets its interruption pass,
//! and the library reports it where it reaches Rust (see `describe_value`).

use std::cell::{Cell, RefCell};
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
#[derive(Clone, Debug, Default)]
pub struct JobLimits {
    /// Stop with [`crate::Error::Timeout`] this many milliseconds after the limits start.
    pub timeout_ms: Option<u64>,
    /// Stop with [`crate::Error::Interrupted`] when this token is cancelled.
    pub cancel: Option<CancelToken>,
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
}

/// The active frames of one runtime, shared with its interrupt handler.
#[derive(Default)]
pub(crate) struct Interrupts {
    frames: RefCell<Vec<Frame>>,
    /// The frame that fired, and why; cleared by the run that owns it.
    fired: Cell<Option<(usize, Stop)>>,
}

impl Interrupts {
    /// The interrupt handler's body: true stops execution.
    pub(crate) fn poll(&self) -> bool {
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
        if timeout_ms.is_none() && token.is_none() {
            return FrameGuard {
                interrupts: self,
                index: NO_FRAME,
            };
        }
        let mut frames = self.frames.borrow_mut();
        frames.push(Frame {
            deadline: timeout_ms.map(|ms| Instant::now() + Duration::from_millis(ms)),
            timeout_ms: timeout_ms.unwrap_or(0),
            token,
        });
        FrameGuard {
            interrupts: self,
            index: frames.len() - 1,
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

impl Drop for FrameGuard<'_> {
    fn drop(&mut self) {
        if self.index == NO_FRAME {
            return;
        }
        let mut frames = self.interrupts.frames.borrow_mut();
        frames.truncate(self.index);
        // A frame that fired but whose run never looked (e.g. a panic unwinding) must not
        // poison the next run.
        if matches!(self.interrupts.fired.get(), Some((i, _)) if i >= self.index) {
            self.interrupts.fired.set(None);
        }
    }
}
