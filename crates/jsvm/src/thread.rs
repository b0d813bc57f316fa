//! One runtime on a thread of its own, stoppable from other threads: the building block of a
//! host's workers (Node's `worker_threads`), beside [`crate::RuntimePool`]'s shared threads.
//!
//! The runtime is made on the new thread (a [`Runtime`] is `!Send`), so nothing of its heap is
//! ever reachable from another thread; the host passes values by copy, through channels of its
//! own. The thread's stack is sized from the builder's stack limit, so JavaScript recursing
//! to that limit gets its `RangeError` instead of overflowing the thread's real stack.

use std::thread;

use crate::error::{Error, Result};
use crate::interrupt::CancelToken;
use crate::runtime::{Runtime, RuntimeBuilder};

/// The engine's stack limit when the builder sets none (QuickJS's `JS_DEFAULT_STACK_SIZE`).
const ENGINE_DEFAULT_STACK: usize = 1 << 20;

/// Native stack the thread has beyond the engine's limit: the host's Rust frames and the
/// engine's own calls that run past its checks.
const STACK_MARGIN: usize = 2 << 20;

/// A thread running one [`Runtime`].
///
/// ```
/// let t = jsvm::RuntimeThread::spawn(jsvm::Runtime::builder(), "example", |rt, token| {
///     let rt = rt.unwrap();
///     let options = jsvm::RunOptions { cancel: Some(token), ..Default::default() };
///     let script = rt.compile("while (true) {}", Default::default()).unwrap();
///     rt.main_context().run::<()>(&script, &options)
/// })
/// .unwrap();
/// t.cancel();
/// assert_eq!(t.join().unwrap(), Err(jsvm::Error::Interrupted));
/// ```
pub struct RuntimeThread<T> {
    token: CancelToken,
    handle: thread::JoinHandle<T>,
}

impl<T: Send + 'static> RuntimeThread<T> {
    /// Starts a thread named `name` that builds a runtime from `builder` and calls `f` with it
    /// (or with the error building it) and with the thread's [`CancelToken`]. `f` gives the
    /// token to the runs whose code [`cancel`](Self::cancel) must stop
    /// ([`crate::RunOptions::cancel`], [`crate::JobLimits::cancel`]); the runtime is dropped,
    /// on the thread, when `f` returns it or ends.
    pub fn spawn<F>(builder: RuntimeBuilder, name: impl Into<String>, f: F) -> Result<Self>
    where
        F: FnOnce(Result<Runtime>, CancelToken) -> T + Send + 'static,
    {
        let token = CancelToken::new();
        let stack = builder
            .stack_limit()
            .unwrap_or(ENGINE_DEFAULT_STACK)
            .saturating_add(STACK_MARGIN);
        let t = token.clone();
        let handle = thread::Builder::new()
            .name(name.into())
            .stack_size(stack)
            .spawn(move || f(builder.build(), t))
            .map_err(|e| Error::InvalidArgument(format!("cannot start a thread: {e}")))?;
        Ok(RuntimeThread { token, handle })
    }

    /// Stops the JavaScript running under the thread's token (see
    /// [`CancelToken::cancel`]); safe from any thread.
    pub fn cancel(&self) {
        self.token.cancel();
    }

    /// The thread's token.
    pub fn cancel_token(&self) -> &CancelToken {
        &self.token
    }

    /// Whether `f` has returned (or panicked).
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Waits for the thread and gives what `f` returned; [`Error::JobPanicked`] if it panicked.
    pub fn join(self) -> Result<T> {
        self.handle.join().map_err(|panic| {
            Error::JobPanicked(
                panic
                    .downcast_ref::<&str>()
                    .map(|m| m.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned()),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_recursion_is_an_error_not_a_crash() {
        let builder = Runtime::builder().max_stack_size(8 << 20);
        let t = RuntimeThread::spawn(builder, "deep", |rt, _| {
            rt.unwrap()
                .main_context()
                .eval::<()>("function f(n) { return f(n + 1) + 1 } f(0)")
        })
        .unwrap();
        assert_eq!(t.join().unwrap(), Err(Error::StackOverflow));
    }

    #[test]
    fn a_build_error_reaches_f() {
        let t = RuntimeThread::spawn(
            Runtime::builder().cached_data_key([0u8; 3]),
            "bad",
            |rt, _| rt.err(),
        )
        .unwrap();
        assert!(matches!(t.join(), Ok(Some(Error::InvalidArgument(_)))));
    }

    #[test]
    fn cancel_stops_a_loop_from_another_thread() {
        let t = RuntimeThread::spawn(Runtime::builder(), "loop", |rt, token| {
            let rt = rt.unwrap();
            let limits = crate::JobLimits {
                cancel: Some(token),
                ..Default::default()
            };
            rt.with_limits(&limits, |rt| rt.main_context().eval::<()>("for (;;) {}"))
        })
        .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!t.is_finished());
        let start = std::time::Instant::now();
        t.cancel();
        assert!(t.join().unwrap().is_err());
        assert!(start.elapsed() < std::time::Duration::from_millis(100));
    }

    #[test]
    fn a_panic_is_reported() {
        let t = RuntimeThread::spawn(Runtime::builder(), "panics", |_, _| -> () {
            panic!("boom")
        })
        .unwrap();
        assert_eq!(t.join(), Err(Error::JobPanicked(Some("boom".into()))));
    }
}
