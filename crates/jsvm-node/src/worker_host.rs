//! How worker_threads makes a worker's host without naming `NodeHost`: the host (above the
//! bindings) hands `worker_binding` a [`MakeWorkerHost`], so that the two do not use each other.

use std::sync::Arc;

use crate::host_options::{HostOptions, Main};
use crate::inbox::Inbox;
use crate::worker_side::WorkerSide;

/// A worker's host, as its thread runs it.
pub(crate) trait WorkerHost {
    /// Runs the worker's program and loop; gives the exit code.
    fn run(&self, main: Main) -> i32;
}

/// Makes a worker's host on `rt`. A failure says whether the heap ran out.
pub(crate) type MakeWorkerHost = fn(
    jsvm::Runtime,
    HostOptions,
    Arc<Inbox>,
    WorkerSide,
) -> Result<Box<dyn WorkerHost>, (String, bool)>;
