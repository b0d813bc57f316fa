//! The pool's job queue: bounded, shared by the workers, with the counts a service watches.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::task::Waker;

use crate::runtime::Runtime;

/// A job, boxed: true when its limits stopped it (its runtime is then replaced).
pub(super) type Job = Box<dyn FnOnce(&Runtime) -> bool + Send>;

struct State {
    jobs: VecDeque<Job>,
    /// Set when the pool is dropped: workers finish what is queued, then leave.
    closed: bool,
    busy: usize,
    /// Submissions waiting for room (async ones: their wakers; sync ones wait on `room`).
    room_wakers: Vec<Waker>,
}

pub(super) struct Queue {
    state: Mutex<State>,
    /// Signalled when a job is queued (workers wait on it).
    work: Condvar,
    /// Signalled when a job leaves the queue (blocked submitters wait on it).
    room: Condvar,
    capacity: usize,
}

/// Why a job could not be queued.
pub(super) enum Refused {
    Full(Job),
    Closed,
}

impl Queue {
    pub(super) fn new(capacity: usize) -> Queue {
        Queue {
            state: Mutex::new(State {
                jobs: VecDeque::new(),
                closed: false,
                busy: 0,
                room_wakers: Vec::new(),
            }),
            work: Condvar::new(),
            room: Condvar::new(),
            capacity: capacity.max(1),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while the lock is held cannot leave the state half-changed: every change
        // below is one statement.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues `job` if there is room; with `waker`, registers it to be woken when there is.
    pub(super) fn try_push(&self, job: Job, waker: Option<&Waker>) -> Result<(), Refused> {
        let mut s = self.lock();
        if s.closed {
            return Err(Refused::Closed);
        }
        if s.jobs.len() >= self.capacity {
            if let Some(w) = waker {
                s.room_wakers.push(w.clone());
            }
            return Err(Refused::Full(job));
        }
        s.jobs.push_back(job);
        drop(s);
        self.work.notify_one();
        Ok(())
    }

    /// Queues `job`, waiting for room.
    pub(super) fn push(&self, job: Job) -> Result<(), Refused> {
        let mut s = self.lock();
        loop {
            if s.closed {
                return Err(Refused::Closed);
            }
            if s.jobs.len() < self.capacity {
                s.jobs.push_back(job);
                drop(s);
                self.work.notify_one();
                return Ok(());
            }
            s = self.room.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// The next job for a worker (counted busy until [`Queue::done`]); `None` once the pool is
    /// closed and the queue empty.
    pub(super) fn pop(&self) -> Option<Job> {
        let mut s = self.lock();
        loop {
            if let Some(job) = s.jobs.pop_front() {
                s.busy += 1;
                let wakers = std::mem::take(&mut s.room_wakers);
                drop(s);
                self.room.notify_one();
                wakers.into_iter().for_each(Waker::wake);
                return Some(job);
            }
            if s.closed {
                return None;
            }
            s = self.work.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// A worker finished its job.
    pub(super) fn done(&self) {
        let mut s = self.lock();
        s.busy = s.busy.saturating_sub(1);
    }

    pub(super) fn close(&self) {
        let mut s = self.lock();
        s.closed = true;
        let wakers = std::mem::take(&mut s.room_wakers);
        drop(s);
        self.work.notify_all();
        self.room.notify_all();
        wakers.into_iter().for_each(Waker::wake);
    }

    pub(super) fn capacity(&self) -> usize {
        self.capacity
    }

    /// (jobs waiting, workers running a job)
    pub(super) fn counts(&self) -> (usize, usize) {
        let s = self.lock();
        (s.jobs.len(), s.busy)
    }
}
