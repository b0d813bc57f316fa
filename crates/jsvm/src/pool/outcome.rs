//! Where a job's result goes: a [`Pending`] to wait on, or a [`JobFuture`] to await.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use super::queue::{Job, Queue, Refused};
use crate::error::{Error, Result};
use crate::interrupt::CancelToken;

/// What a worker hands back: the job's result, or the panic that ended it.
pub(super) type Outcome<T> = std::thread::Result<Result<T>>;

/// The slot a worker fills and a waiter reads.
pub(super) struct Slot<T> {
    state: Mutex<(Option<Outcome<T>>, Option<Waker>, bool)>,
    ready: std::sync::Condvar,
}

impl<T> Slot<T> {
    pub(super) fn new() -> Arc<Slot<T>> {
        Arc::new(Slot {
            state: Mutex::new((None, None, false)),
            ready: std::sync::Condvar::new(),
        })
    }
    /// The worker's side: stores the outcome and wakes the waiter.
    pub(super) fn fill(&self, outcome: Outcome<T>) {
        self.finish(Some(outcome));
    }
    /// The pool shut down before the job ran.
    pub(super) fn close(&self) {
        self.finish(None);
    }
    fn finish(&self, outcome: Option<Outcome<T>>) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.0 = outcome;
        s.2 = true;
        let waker = s.1.take();
        drop(s);
        self.ready.notify_all();
        if let Some(w) = waker {
            w.wake();
        }
    }
    fn take(&self, waker: Option<&Waker>) -> Option<Result<T>> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if !s.2 {
            if let Some(w) = waker {
                s.1 = Some(w.clone());
            }
            return None;
        }
        Some(match s.0.take() {
            Some(outcome) => unpack(outcome),
            None => Err(Error::PoolClosed),
        })
    }
    fn wait(&self) -> Result<T> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !s.2 {
            s = self.ready.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        match s.0.take() {
            Some(outcome) => unpack(outcome),
            None => Err(Error::PoolClosed),
        }
    }
}

fn unpack<T>(outcome: Outcome<T>) -> Result<T> {
    match outcome {
        Ok(v) => v,
        Err(panic) => Err(Error::JobPanicked(
            panic
                .downcast_ref::<&str>()
                .map(|m| m.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned()),
        )),
    }
}

/// The result of a job sent to a [`crate::RuntimePool`].
///
/// ```
/// let pool = jsvm::RuntimePool::new(1, jsvm::Runtime::builder()).unwrap();
/// let pending: jsvm::Pending<String> = pool.spawn(|rt| rt.main_context().eval("'hi'").unwrap());
/// assert_eq!(pending.wait().unwrap(), "hi");
/// ```
pub struct Pending<T> {
    pub(super) slot: Arc<Slot<T>>,
}

impl<T> Pending<T> {
    /// Waits for the job and gives what it returned. A job stopped by its limits is their
    /// error ([`Error::Timeout`], [`Error::Interrupted`]); a job that panicked is
    /// [`Error::JobPanicked`] (its worker survives); a job that never ran because the pool's
    /// workers were gone is [`Error::PoolClosed`].
    pub fn wait(self) -> Result<T> {
        self.slot.wait()
    }
}

/// A job sent to a [`crate::RuntimePool`] from async code: a future completed by the worker,
/// with no executor of its own (it works under tokio, async-std, smol or a hand-made one).
///
/// Dropping it before it completes cancels the job: a queued job is skipped, a running one is
/// stopped at its next interrupt check ([`Error::Interrupted`] inside it).
///
/// ```
/// let pool = jsvm::RuntimePool::new(1, jsvm::Runtime::builder()).unwrap();
/// let limits = jsvm::JobLimits { timeout_ms: Some(100), ..Default::default() };
/// let job: jsvm::JobFuture<jsvm::Result<i32>> =
///     pool.run_async(limits, |rt| rt.main_context().eval("1 + 1"));
/// // In an async fn: `job.await`; here, any executor.
/// assert_eq!(futures::executor::block_on(job), Ok(Ok(2)));
/// ```
pub struct JobFuture<T> {
    /// Not queued yet: the pool's queue was full (see [`crate::RuntimePool::run_async`]).
    pub(super) job: Option<(Job, Arc<Queue>)>,
    pub(super) slot: Arc<Slot<T>>,
    pub(super) cancel: CancelToken,
    pub(super) finished: bool,
}

// Nothing in it is pinned in place: the job and the slot are boxed.
impl<T> Unpin for JobFuture<T> {}

impl<T> Future for JobFuture<T> {
    type Output = Result<T>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        if let Some((job, queue)) = self.job.take() {
            match queue.try_push(job, Some(cx.waker())) {
                Ok(()) => {}
                Err(Refused::Full(job)) => {
                    self.job = Some((job, queue));
                    return Poll::Pending;
                }
                Err(Refused::Closed) => {
                    self.finished = true;
                    return Poll::Ready(Err(Error::PoolClosed));
                }
            }
        }
        match self.slot.take(Some(cx.waker())) {
            Some(r) => {
                self.finished = true;
                Poll::Ready(r)
            }
            None => Poll::Pending,
        }
    }
}

impl<T> Drop for JobFuture<T> {
    fn drop(&mut self) {
        if !self.finished {
            self.cancel.cancel();
        }
    }
}
