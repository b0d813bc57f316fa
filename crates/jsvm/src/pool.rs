//! A pool of runtimes on threads of their own, for Rust servers.
//!
//! A [`Runtime`] is single-threaded; a server that runs JavaScript for many requests keeps one
//! runtime per worker thread and sends work to them. Values cross by copy: a job is a closure
//! that gets the worker's runtime and returns any `Send` value (Rust data, serde values), so
//! no JavaScript value ever leaves its heap. A job may carry [`JobLimits`], so that a runaway
//! script cannot hold its worker forever.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

use crate::error::{Error, Result};
use crate::interrupt::JobLimits;
use crate::runtime::{Runtime, RuntimeBuilder};

/// A job, boxed: true when its limits stopped it (its runtime is then replaced).
type Job = Box<dyn FnOnce(&Runtime) -> bool + Send>;

/// A fixed set of worker threads, each owning a [`Runtime`] built from the same settings.
///
/// ```
/// let pool = jsvm::RuntimePool::new(2, jsvm::Runtime::builder()).unwrap();
/// let answers: Vec<i32> = (0..4)
///     .map(|i| pool.spawn(move |rt| {
///         let ctx = rt.new_empty_context(Default::default()).unwrap();
///         ctx.eval::<i32>(&format!("{i} * 10")).unwrap()
///     }))
///     .collect::<Vec<_>>()
///     .into_iter()
///     .map(|pending| pending.wait().unwrap())
///     .collect();
/// assert_eq!(answers, vec![0, 10, 20, 30]);
/// ```
pub struct RuntimePool {
    sender: Option<mpsc::Sender<Job>>,
    workers: Vec<thread::JoinHandle<()>>,
}

/// The result of a job sent to a [`RuntimePool`].
pub struct Pending<T> {
    receiver: mpsc::Receiver<thread::Result<Result<T>>>,
}

impl<T> Pending<T> {
    /// Waits for the job and gives what it returned. A job stopped by its limits is their
    /// error ([`Error::Timeout`], [`Error::Interrupted`]); a job that panicked is
    /// [`Error::JobPanicked`] (its worker survives); a job that never ran because the pool's
    /// workers were gone is [`Error::PoolClosed`].
    pub fn wait(self) -> Result<T> {
        match self.receiver.recv() {
            Ok(Ok(v)) => v,
            Ok(Err(panic)) => Err(Error::JobPanicked(
                panic
                    .downcast_ref::<&str>()
                    .map(|m| m.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned()),
            )),
            Err(_) => Err(Error::PoolClosed),
        }
    }
}

impl RuntimePool {
    /// Starts `threads` workers, each with a runtime built from `builder`.
    pub fn new(threads: usize, builder: RuntimeBuilder) -> Result<Self> {
        let threads = threads.max(1);
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        let (ready_tx, ready_rx) = mpsc::channel::<Result<()>>();
        let mut workers = Vec::with_capacity(threads);
        for i in 0..threads {
            let receiver = receiver.clone();
            let builder = builder.clone();
            let ready = ready_tx.clone();
            let worker = thread::Builder::new()
                .name(format!("jsvm-runtime-{i}"))
                .spawn(move || {
                    let mut runtime = match builder.clone().build() {
                        Ok(rt) => {
                            let _ = ready.send(Ok(()));
                            rt
                        }
                        Err(e) => {
                            let _ = ready.send(Err(e));
                            return;
                        }
                    };
                    loop {
                        let job = match receiver.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => return,
                        };
                        match job {
                            // Stopped code may have left its heap in any state: none of it
                            // is left to the next job. (Should a new runtime fail, the old
                            // one serves on.) Otherwise the job's pending promise jobs and
                            // finalizer callbacks go with it.
                            Ok(job) => {
                                if job(&runtime) {
                                    if let Ok(fresh) = builder.clone().build() {
                                        runtime = fresh;
                                    }
                                } else {
                                    runtime.discard_jobs();
                                }
                            }
                            Err(_) => return, // the pool was dropped
                        }
                    }
                })
                .map_err(|e| Error::InvalidArgument(format!("cannot start a worker: {e}")))?;
            workers.push(worker);
        }
        for _ in 0..threads {
            ready_rx
                .recv()
                .map_err(|_| Error::InvalidArgument("a worker failed to start".into()))??;
        }
        Ok(RuntimePool {
            sender: Some(sender),
            workers,
        })
    }

    /// Runs `job` on the next free worker's runtime; its result comes back through
    /// [`Pending::wait`].
    pub fn spawn<T, F>(&self, job: F) -> Pending<T>
    where
        T: Send + 'static,
        F: FnOnce(&Runtime) -> T + Send + 'static,
    {
        self.spawn_with_limits(JobLimits::default(), job)
    }

    /// Runs `job` as [`spawn`](Self::spawn) does, under `limits` (see
    /// [`Runtime::with_limits`]): its timeout counts from when a worker starts the job (not
    /// while it waits in the queue), and bounds all the JavaScript the job runs. Past it, the
    /// job's runs fail with [`Error::Timeout`], and so does [`Pending::wait`], whatever the
    /// job returned. The worker then gets a new runtime from the pool's builder, so nothing
    /// the stopped code left (globals, queued promise jobs) reaches later jobs. A job that
    /// loops in Rust, not in JavaScript, cannot be stopped.
    ///
    /// ```
    /// let pool = jsvm::RuntimePool::new(1, jsvm::Runtime::builder()).unwrap();
    /// let limits = jsvm::JobLimits { timeout_ms: Some(20), ..Default::default() };
    /// let pending = pool.spawn_with_limits(limits, |rt| {
    ///     rt.main_context().eval::<()>("while (true) {}")
    /// });
    /// assert_eq!(pending.wait(), Err(jsvm::Error::Timeout { ms: 20 }));
    /// ```
    pub fn spawn_with_limits<T, F>(&self, limits: JobLimits, job: F) -> Pending<T>
    where
        T: Send + 'static,
        F: FnOnce(&Runtime) -> T + Send + 'static,
    {
        let (tx, rx) = mpsc::channel();
        let boxed: Job = Box::new(move |rt: &Runtime| {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                rt.with_limits(&limits, job)
            }));
            let stopped = matches!(result, Ok(Err(_)));
            let _ = tx.send(result);
            stopped
        });
        if let Some(sender) = &self.sender {
            let _ = sender.send(boxed);
        }
        Pending { receiver: rx }
    }

    /// Runs `job` on a worker and waits for its result.
    pub fn run<T, F>(&self, job: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Runtime) -> T + Send + 'static,
    {
        self.spawn(job).wait()
    }

    /// How many workers the pool has.
    pub fn threads(&self) -> usize {
        self.workers.len()
    }
}

impl Drop for RuntimePool {
    fn drop(&mut self) {
        // Closing the channel ends each worker's loop once its current job is done.
        self.sender.take();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}
