//! The state of one host that its natives and the engine's callbacks reach.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::time::Instant;

use jsvm::engine::rquickjs::{Ctx, Object, Persistent};

use crate::host_options::HostOptions;
use crate::inbox::Inbox;
use crate::worker_side::WorkerSide;

/// State reachable from natives and the engine's callbacks.
pub(crate) struct Shared {
    pub(crate) deadline: Option<Instant>,
    pub(crate) hooks: RefCell<Option<Persistent<Object<'static>>>>,
    pub(crate) repl_line: Cell<usize>,
    /// Events from other threads (worker_threads), watched by the loop's wait.
    pub(crate) inbox: Arc<Inbox>,
    /// Set when this host runs a worker.
    pub(crate) worker: Option<WorkerSide>,
    /// What the host was made with (a worker's host starts from its parent's).
    pub(crate) options: HostOptions,
}

impl Shared {
    /// The object bootstrap.js exported (the entry points Rust calls).
    pub(crate) fn hooks<'js>(&self, ctx: &Ctx<'js>) -> jsvm::engine::rquickjs::Result<Object<'js>> {
        let h = self.hooks.borrow().clone();
        match h {
            Some(p) => p.restore(ctx),
            None => Err(jsvm::engine::rquickjs::Error::new_from_js(
                "undefined",
                "host hooks",
            )),
        }
    }
}
