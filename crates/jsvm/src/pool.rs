//! A pool of runtimes on threads of their own, for Rust servers.
//!
//! A [`Runtime`] is single-threaded; a server that runs JavaScript for many requests keeps one
//! runtime per worker thread and sends work to them. Values cross by copy: a job is a closure
//! that gets the worker's runtime and returns any `Send` value (Rust data, serde values), so
//! no JavaScript value ever leaves its heap. A job may carry [`JobLimits`], so that a runaway
//! script cannot hold its worker forever.
//!
//! Jobs wait in one bounded queue (`pool/queue.rs`); their results come back through a
//! [`Pending`] or, from async code, a [`JobFuture`] (`pool/outcome.rs`).

mod outcome;
mod queue;

use std::sync::Arc;
use std::thread;

use outcome::Slot;
pub use outcome::{JobFuture, Pending};
use queue::{Job, Queue, Refused};

use crate::error::{Error, Result};
use crate::interrupt::{CancelToken, JobLimits};
use crate::runtime::{Runtime, RuntimeBuilder};

/// Jobs a pool holds waiting when its builder sets no capacity.
pub const DEFAULT_QUEUE_CAPACITY: usize = 1024;

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
    queue: Arc<Queue>,
    workers: Vec<thread::JoinHandle<()>>,
}

/// What a pool is doing now, for a service's metrics.
///
/// ```
/// let pool = jsvm::RuntimePool::with_capacity(2, jsvm::Runtime::builder(), 64).unwrap();
/// let m = pool.metrics();
/// assert_eq!((m.threads, m.capacity, m.queued), (2, 64, 0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolMetrics {
    /// Worker threads.
    pub threads: usize,
    /// Workers running a job.
    pub busy: usize,
    /// Jobs waiting for a worker.
    pub queued: usize,
    /// How many jobs may wait.
    pub capacity: usize,
}

impl RuntimePool {
    /// Starts `threads` workers, each with a runtime built from `builder`, with a queue of
    /// [`DEFAULT_QUEUE_CAPACITY`] jobs.
    pub fn new(threads: usize, builder: RuntimeBuilder) -> Result<Self> {
        Self::with_capacity(threads, builder, DEFAULT_QUEUE_CAPACITY)
    }

    /// Starts `threads` workers whose queue holds at most `capacity` waiting jobs. Past it,
    /// [`spawn`](Self::spawn) waits for room, [`run_async`](Self::run_async) awaits it, and
    /// [`try_spawn`](Self::try_spawn) and [`try_run_async`](Self::try_run_async) answer
    /// [`Error::QueueFull`] at once: the caller chooses.
    pub fn with_capacity(threads: usize, builder: RuntimeBuilder, capacity: usize) -> Result<Self> {
        let threads = threads.max(1);
        let queue = Arc::new(Queue::new(capacity));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<()>>();
        let mut workers = Vec::with_capacity(threads);
        for i in 0..threads {
            let queue = queue.clone();
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
                    while let Some(job) = queue.pop() {
                        // Stopped code may have left its heap in any state: none of it is
                        // left to the next job. (Should a new runtime fail, the old one
                        // serves on.) Otherwise the job's pending promise jobs and finalizer
                        // callbacks go with it.
                        if job(&runtime) {
                            if let Ok(fresh) = builder.clone().build() {
                                runtime = fresh;
                            }
                        } else {
                            runtime.discard_jobs();
                        }
                        queue.done();
                    }
                })
                .map_err(|e| Error::InvalidArgument(format!("cannot start a worker: {e}")))?;
            workers.push(worker);
        }
        let pool = RuntimePool { queue, workers };
        for _ in 0..threads {
            ready_rx
                .recv()
                .map_err(|_| Error::InvalidArgument("a worker failed to start".into()))??;
        }
        Ok(pool)
    }

    /// Runs `job` on the next free worker's runtime; its result comes back through
    /// [`Pending::wait`]. Waits for room when the queue is full.
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
        let slot = Slot::new();
        let boxed = boxed_job(limits, None, slot.clone(), job);
        if self.queue.push(boxed).is_err() {
            slot.close();
        }
        Pending { slot }
    }

    /// Like [`spawn`](Self::spawn), but a full queue answers [`Error::QueueFull`] at once.
    pub fn try_spawn<T, F>(&self, limits: JobLimits, job: F) -> Result<Pending<T>>
    where
        T: Send + 'static,
        F: FnOnce(&Runtime) -> T + Send + 'static,
    {
        let slot = Slot::new();
        self.try_queue(boxed_job(limits, None, slot.clone(), job))?;
        Ok(Pending { slot })
    }

    /// Runs `job` under `limits` from async code: the future completes when a worker has run
    /// it, awaiting room first when the queue is full. Dropping the future cancels the job
    /// (skipped if still queued, stopped at its next interrupt check if running). No executor
    /// is assumed: the worker wakes the future's waker.
    ///
    /// ```
    /// let pool = jsvm::RuntimePool::new(1, jsvm::Runtime::builder()).unwrap();
    /// let job = pool.run_async(Default::default(), |rt| rt.main_context().eval::<i32>("6 * 7"));
    /// # let answer = futures::executor::block_on(job);
    /// assert_eq!(answer.unwrap().unwrap(), 42);
    /// ```
    pub fn run_async<T, F>(&self, limits: JobLimits, job: F) -> JobFuture<T>
    where
        T: Send + 'static,
        F: FnOnce(&Runtime) -> T + Send + 'static,
    {
        let slot = Slot::new();
        let cancel = CancelToken::new();
        let boxed = boxed_job(limits, Some(cancel.clone()), slot.clone(), job);
        JobFuture {
            job: Some((boxed, self.queue.clone())),
            slot,
            cancel,
            finished: false,
        }
    }

    /// Like [`run_async`](Self::run_async), but a full queue answers [`Error::QueueFull`] at
    /// once instead of waiting.
    pub fn try_run_async<T, F>(&self, limits: JobLimits, job: F) -> Result<JobFuture<T>>
    where
        T: Send + 'static,
        F: FnOnce(&Runtime) -> T + Send + 'static,
    {
        let slot = Slot::new();
        let cancel = CancelToken::new();
        self.try_queue(boxed_job(limits, Some(cancel.clone()), slot.clone(), job))?;
        Ok(JobFuture {
            job: None,
            slot,
            cancel,
            finished: false,
        })
    }

    /// Queues a job if there is room now.
    fn try_queue(&self, job: Job) -> Result<()> {
        self.queue
            .try_push(job, None)
            .map_err(|refused| match refused {
                Refused::Full(_) => Error::QueueFull,
                Refused::Closed => Error::PoolClosed,
            })
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

    /// Queue length and busy workers, now.
    pub fn metrics(&self) -> PoolMetrics {
        let (queued, busy) = self.queue.counts();
        PoolMetrics {
            threads: self.workers.len(),
            busy,
            queued,
            capacity: self.queue.capacity(),
        }
    }
}

/// Wraps a job for a worker: limits (and the future's cancel token, as an outer limit), panics
/// caught, the outcome handed to `slot`.
fn boxed_job<T, F>(
    limits: JobLimits,
    dropped: Option<CancelToken>,
    slot: Arc<Slot<T>>,
    job: F,
) -> Job
where
    T: Send + 'static,
    F: FnOnce(&Runtime) -> T + Send + 'static,
{
    Box::new(move |rt: &Runtime| {
        if dropped.as_ref().is_some_and(CancelToken::is_cancelled) {
            slot.fill(Ok(Err(Error::Interrupted)));
            return false; // never started: nothing to clean
        }
        let outer = JobLimits {
            timeout_ms: None,
            cancel: dropped,
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            rt.with_limits(&outer, |rt| rt.with_limits(&limits, job))
                .and_then(|inner| inner)
        }));
        let stopped = matches!(result, Ok(Err(Error::Timeout { .. } | Error::Interrupted)));
        slot.fill(result);
        stopped
    })
}

impl Drop for RuntimePool {
    fn drop(&mut self) {
        // Workers finish the queued jobs, then leave.
        self.queue.close();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}
