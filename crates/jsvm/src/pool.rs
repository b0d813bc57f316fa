//! A pool of runtimes on threads of their own, for Rust servers.
//!
//! A [`Runtime`] is single-threaded; a server that runs JavaScript for many requests keeps one
//! runtime per worker thread and sends work to them. Values cross by copy: a job is a closure
//! that gets the worker's runtime and returns any `Send` value (Rust data, serde values), so
//! no JavaScript value ever leaves its heap.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

use crate::error::{Error, Result};
use crate::runtime::{Runtime, RuntimeBuilder};

type Job = Box<dyn FnOnce(&Runtime) + Send>;

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
    receiver: mpsc::Receiver<thread::Result<T>>,
}

impl<T> Pending<T> {
    /// Waits for the job. A job that panicked is reported as an error; its worker survives.
    pub fn wait(self) -> Result<T> {
        match self.receiver.recv() {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(_)) => Err(Error::InvalidArgument("the job panicked".into())),
            Err(_) => Err(Error::InvalidArgument("the pool shut down".into())),
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
                    let runtime = match builder.build() {
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
                            Ok(job) => job(&runtime),
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
        let (tx, rx) = mpsc::channel();
        let boxed: Job = Box::new(move |rt: &Runtime| {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(rt)));
            let _ = tx.send(result);
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
