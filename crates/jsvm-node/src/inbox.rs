//! A host's inbox: the queue of events other threads send it (worker_threads), with the
//! eventfd that the loop's wait (`process_binding.rs`) and socket poll (`net_binding.rs`)
//! watch, so that an event wakes a sleeping loop.

use std::collections::VecDeque;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use jsvm::CancelToken;

/// A message: the serialized text and its buffers.
#[derive(Clone)]
pub(crate) struct Payload {
    pub(crate) json: String,
    pub(crate) buffers: Vec<Buffer>,
}

/// A buffer of a message: an ArrayBuffer's bytes (copied), or a SharedArrayBuffer's memory
/// (shared: the receiver's buffer is over the same bytes).
#[derive(Clone)]
pub(crate) enum Buffer {
    Bytes(Vec<u8>),
    Shared(jsvm::SharedMemory),
}

/// What one thread tells another. Ids are thread ids; a worker's messages from its parent
/// come with id 0.
pub(crate) enum Event {
    Online(u64),
    Message(u64, Payload),
    /// An uncaught exception ended the worker.
    Error(u64, Payload),
    /// The worker's heap reached its limit.
    OutOfMemory(u64),
    Exit(u64, i32),
    /// Messages wait on this port (a port id).
    PortReady(u64),
    /// This port's channel was closed.
    PortClosed(u64),
    /// Bytes of a worker's stdout (1) or stderr (2) for its parent, or of its stdin (0) from
    /// its parent (id 0); none ends the stream.
    Stdio(u64, i32, Option<Vec<u8>>),
}

/// Events a worker may have queued for its parent before its sends wait.
pub(crate) const MAX_QUEUED: usize = 1024;

/// The queue of events for one host, and the eventfd that wakes its loop.
pub(crate) struct Inbox {
    pub(crate) queue: Mutex<VecDeque<Event>>,
    pub(crate) space: Condvar,
    pub(crate) fd: OwnedFd,
}

impl Inbox {
    pub(crate) fn new() -> std::io::Result<Arc<Inbox>> {
        let fd = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(Arc::new(Inbox {
            queue: Mutex::new(VecDeque::new()),
            space: Condvar::new(),
            fd: unsafe { OwnedFd::from_raw_fd(fd) },
        }))
    }

    /// The descriptor that is readable while events wait.
    pub(crate) fn fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    /// Wakes the loop without an event (to see its token cancelled).
    pub(crate) fn wake(&self) {
        let one = 1u64;
        unsafe { libc::write(self.fd(), (&one as *const u64).cast(), 8) };
    }

    /// Clears the descriptor's readiness (before taking the queue, so no event is missed).
    pub(crate) fn drain_fd(&self) {
        let mut n = 0u64;
        unsafe { libc::read(self.fd(), (&mut n as *mut u64).cast(), 8) };
    }

    pub(crate) fn push(&self, ev: Event) {
        if let Ok(mut q) = self.queue.lock() {
            q.push_back(ev);
        }
        self.wake();
    }

    /// A worker's send to its parent: waits while the queue is full. False when `stop` was
    /// cancelled meanwhile (nothing was sent).
    pub(crate) fn push_bounded(&self, ev: Event, stop: &CancelToken) -> bool {
        let Ok(mut q) = self.queue.lock() else {
            return false;
        };
        while q.len() >= MAX_QUEUED {
            if stop.is_cancelled() {
                return false;
            }
            q = match self.space.wait_timeout(q, Duration::from_millis(5)) {
                Ok((q, _)) => q,
                Err(_) => return false,
            };
        }
        q.push_back(ev);
        drop(q);
        self.wake();
        true
    }

    pub(crate) fn take(&self, max: usize) -> Vec<Event> {
        let Ok(mut q) = self.queue.lock() else {
            return Vec::new();
        };
        let n = q.len().min(max);
        let out: Vec<Event> = q.drain(..n).collect();
        let more = !q.is_empty();
        drop(q);
        self.space.notify_all();
        if more {
            self.wake();
        }
        out
    }
}
