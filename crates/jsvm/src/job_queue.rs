//! The engine's job list, reached directly (promise jobs and finalizer callbacks).
//!
//! QuickJS keeps one job queue per runtime (`JSRuntime.job_list`); V8 gives Node a queue per
//! context in `afterEvaluate` mode. The engine has no API to pick a job from its queue, so this
//! reaches the list itself: each entry records the engine context that queued it, and a job
//! is run by moving it to the front and asking the engine for its next job; a job is dropped
//! by unlinking it and releasing what it holds. The list's place in `JSRuntime` is checked when
//! a runtime starts (see [`JobQueue::probe`]); if the check fails, the queue is `None` and the
//! callers fall back to running jobs in engine order.

use std::ffi::c_int;
use std::ptr::NonNull;

use rquickjs::qjs;

/// QuickJS's `struct list_head`.
#[repr(C)]
struct ListHead {
    prev: *mut ListHead,
    next: *mut ListHead,
}

/// The head of QuickJS's `JSJobEntry`; `argv` follows `argc`.
#[repr(C)]
pub(crate) struct JobEntry {
    link: ListHead,
    ctx: *mut qjs::JSContext,
    job_func: qjs::JSJobFunc,
    argc: c_int,
}

impl JobEntry {
    /// The engine context that queued the job.
    pub(crate) fn ctx(&self) -> *mut qjs::JSContext {
        self.ctx
    }

    /// The engine function that runs the job (its address: promise jobs are told apart by it).
    pub(crate) fn func(&self) -> Option<usize> {
        self.job_func.map(|f| f as usize)
    }

    /// The job's arguments.
    ///
    /// # Safety
    /// The entry must be queued (it holds its arguments until it runs or is dropped).
    pub(crate) unsafe fn args(&self) -> &[qjs::JSValue] {
        let argv = (self as *const JobEntry as *const u8).add(ARGV_OFFSET) as *const qjs::JSValue;
        std::slice::from_raw_parts(argv, self.argc.max(0) as usize)
    }
}

/// Where `argv` starts in a `JSJobEntry` (after `argc`, aligned for a `JSValue`).
const ARGV_OFFSET: usize = 40;

/// The QuickJS-ng release whose `JSRuntime` layout [`JOB_LIST_OFFSET`] describes; the rquickjs-sys
/// version that ships it is pinned in Cargo.toml.
const ENGINE_VERSION: &str = "0.16.2";

/// `offsetof(JSRuntime, job_list)` in that release, on 64-bit targets.
const JOB_LIST_OFFSET: usize = 1328;

/// A runtime's job list, found and checked.
#[derive(Clone, Copy)]
pub(crate) struct JobQueue {
    head: NonNull<ListHead>,
}

unsafe extern "C" fn probe_job(
    _ctx: *mut qjs::JSContext,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_UNDEFINED
}

impl JobQueue {
    /// Finds the job list of the runtime of `ctx` and checks it is what this module expects:
    /// with the queue empty, one probe job is queued and must be the list's only entry, linked
    /// both ways, with the probe's context, function and argument count. The probe is then run
    /// (it does nothing). `None` when any check fails, or for another engine release or target.
    pub(crate) fn probe(ctx: *mut qjs::JSContext) -> Option<JobQueue> {
        if cfg!(not(target_pointer_width = "64")) || std::mem::size_of::<qjs::JSValue>() != 16 {
            return None;
        }
        let version = unsafe { std::ffi::CStr::from_ptr(qjs::JS_GetVersion()) };
        if version.to_bytes() != ENGINE_VERSION.as_bytes() {
            return None;
        }
        unsafe {
            let rt = qjs::JS_GetRuntime(ctx);
            if qjs::JS_IsJobPending(rt) {
                return None;
            }
            // Compared by the very pointer handed to the engine.
            let probe: qjs::JSJobFunc = Some(probe_job);
            if qjs::JS_EnqueueJob(ctx, probe, 0, std::ptr::null_mut()) < 0 {
                return None;
            }
            let head = (rt as *mut u8).add(JOB_LIST_OFFSET) as *mut ListHead;
            let entry = (*head).next;
            let ok = !entry.is_null()
                && entry != head
                && (*head).prev == entry
                && (*entry).next == head
                && (*entry).prev == head
                && {
                    let e = entry as *mut JobEntry;
                    (*e).ctx == ctx
                        && (*e).job_func.map(|f| f as usize) == probe.map(|f| f as usize)
                        && (*e).argc == 0
                };
            let mut job_ctx = std::ptr::null_mut();
            qjs::JS_ExecutePendingJob(rt, &mut job_ctx);
            if !ok || qjs::JS_IsJobPending(rt) {
                return None;
            }
            Some(JobQueue {
                head: NonNull::new_unchecked(head),
            })
        }
    }

    /// The queued jobs, in queue order. The list must not change while this is read.
    fn iter(&self) -> impl Iterator<Item = *mut JobEntry> + '_ {
        let head = self.head.as_ptr();
        let mut link = unsafe { (*head).next };
        std::iter::from_fn(move || {
            if link == head {
                return None;
            }
            let entry = link as *mut JobEntry;
            link = unsafe { (*link).next };
            Some(entry)
        })
    }

    /// The first queued job `sort` takes; the jobs it passes on the way are moved to the list
    /// in `parked` it names (so no later walk passes them again).
    pub(crate) fn find_parking(
        &self,
        parked: &Parked,
        mut sort: impl FnMut(&JobEntry) -> Sort,
    ) -> Option<*mut JobEntry> {
        let head = self.head.as_ptr();
        let mut link = unsafe { (*head).next };
        while link != head {
            let entry = link as *mut JobEntry;
            link = unsafe { (*link).next };
            match sort(unsafe { &*entry }) {
                Sort::Take => return Some(entry),
                Sort::Park(realm) => unsafe { parked.park(entry, realm) },
            }
        }
        None
    }

    /// Every queued job whose context `pick` accepts, in queue order.
    pub(crate) fn entries(&self, mut pick: impl FnMut(&JobEntry) -> bool) -> Vec<*mut JobEntry> {
        self.iter().filter(|&e| pick(unsafe { &*e })).collect()
    }

    /// Runs `entry` (a queued job, on the engine's list or just taken from `Parked`), leaving
    /// the others in order, in the engine context `home` answers for it (the job's own, or the realm it belongs to: what
    /// the job queues in turn is then queued by that realm, as V8 runs a reaction in its
    /// handler's context). `None` when there is none, else the engine's result (< 0: the job
    /// threw, its exception pending). `before` is called with the job just before it runs, and
    /// `after` with the context it ran in (still held) and what `before` returned.
    ///
    /// # Safety
    /// `home` must answer a live context of the runtime (the job's, or one its arguments
    /// keep alive).
    pub(crate) unsafe fn run_first<T>(
        &self,
        rt: *mut qjs::JSRuntime,
        entry: Option<*mut JobEntry>,
        home: impl FnOnce(&JobEntry) -> *mut qjs::JSContext,
        before: impl FnOnce(&JobEntry) -> T,
        after: impl FnOnce(*mut qjs::JSContext, T),
    ) -> Option<c_int> {
        let entry = entry?;
        // Held through the job: freeing its arguments may free their last reference to it,
        // and the engine frees the entry through it afterwards.
        let realm = qjs::JS_DupContext(home(&*entry));
        (*entry).ctx = realm;
        let entered = before(&*entry);
        let head = self.head.as_ptr();
        if (*head).next != entry as *mut ListHead {
            if !(*entry).link.prev.is_null() {
                unlink(entry as *mut ListHead);
            }
            insert_after(head, entry as *mut ListHead);
        }
        let mut job_ctx = std::ptr::null_mut();
        let r = qjs::JS_ExecutePendingJob(rt, &mut job_ctx);
        after(realm, entered);
        qjs::JS_FreeContext(realm);
        Some(r)
    }

    /// Drops every queued job whose context `pick` accepts, without running it.
    pub(crate) fn discard(
        &self,
        rt: *mut qjs::JSRuntime,
        mut pick: impl FnMut(&JobEntry) -> bool,
    ) -> usize {
        // Passes over the list (a search from its head for each job dropped was quadratic:
        // a stopped run's 10^5 jobs behind another context's 10^5 held the thread for seconds
        // past the run's timeout). Freeing a job's arguments may free a registry's target,
        // which queues a job at the tail: another pass drops what the last one queued.
        let mut dropped = 0;
        loop {
            let before = dropped;
            let head = self.head.as_ptr();
            let mut link = unsafe { (*head).next };
            while link != head {
                let entry = link as *mut JobEntry;
                // Read before the entry is freed (freeing queues jobs only at the tail, and
                // unlinks none).
                link = unsafe { (*link).next };
                if !pick(unsafe { &*entry }) {
                    continue;
                }
                unsafe {
                    unlink(entry as *mut ListHead);
                    free_entry(rt, entry);
                }
                dropped += 1;
            }
            if dropped == before {
                return dropped;
            }
        }
    }
}

/// Frees a job taken off every list, without running it.
///
/// # Safety
/// `entry` must be an unlinked job entry of the runtime `rt`, still holding its arguments.
unsafe fn free_entry(rt: *mut qjs::JSRuntime, entry: *mut JobEntry) {
    // Released through the runtime, not the job's context: the arguments may hold the last
    // reference to that context.
    let argv = (entry as *mut u8).add(ARGV_OFFSET) as *mut qjs::JSValue;
    for i in 0..(*entry).argc.max(0) as usize {
        qjs::JS_FreeValueRT(rt, std::ptr::read(argv.add(i)));
    }
    qjs::js_free_rt(rt, entry.cast());
}

/// The key of the host's parked jobs (no realm's address).
pub(crate) const HOST: usize = 0;

/// What a walk of the engine's list does with a job.
pub(crate) enum Sort {
    /// The job sought: the walk ends.
    Take,
    /// Another's job, moved to the list of the realm given (or [`HOST`]).
    Park(usize),
}

/// Jobs that a walk of the engine's list for another's job has passed, taken off that list
/// into one of their realm's (of an `afterEvaluate` realm), or the host's ([`HOST`]: passed by a
/// context's walk), in queue order (the engine's list has one queue for all; V8 has one per
/// such context). Without this, a context whose run ended in an error left its jobs at the
/// list's head, for its next run, and every later walk for a host job passed all of them: 10^5
/// such jobs made each of the host's jobs cost 10^5 steps; and 10^5 host jobs queued made each
/// of a context's own jobs cost as many (2 000 of them took a minute). The host's list is handed
/// back to the engine's when the context's jobs are done, or the host looks for its own.
///
/// A parked job is still the engine's entry (its links reused): it is run by putting it back
/// at the list's head ([`JobQueue::run_first`]), dropped through the runtime ([`Parked::discard`]),
/// and every list is handed back to the engine's before the engine frees its runtime
/// ([`Parked::hand_back_all`], from the runtime's userdata, which rquickjs drops first), so it
/// frees them as its own. A realm's list is handed back when its context's record goes (its
/// jobs are then the host's, as its jobs on the engine's list are).
///
/// The map is never borrowed across a call into the engine: a record's drop (in a collection,
/// anywhere) finds it free.
pub(crate) struct Parked {
    engine: Option<JobQueue>,
    lists: std::cell::RefCell<std::collections::HashMap<usize, Box<ListHead>>>,
}

impl Parked {
    /// Parked jobs for the runtime whose job list is `engine` (`None`: nothing is ever parked).
    pub(crate) fn new(engine: Option<JobQueue>) -> Parked {
        Parked {
            engine,
            lists: Default::default(),
        }
    }

    /// Moves `entry` from the engine's list to the tail of `realm`'s.
    ///
    /// # Safety
    /// `entry` must be on the engine's list.
    unsafe fn park(&self, entry: *mut JobEntry, realm: usize) {
        let mut lists = self.lists.borrow_mut();
        let list = lists.entry(realm).or_insert_with(|| {
            let mut head = Box::new(ListHead {
                prev: std::ptr::null_mut(),
                next: std::ptr::null_mut(),
            });
            let p: *mut ListHead = &mut *head;
            head.prev = p;
            head.next = p;
            head
        });
        let head: *mut ListHead = &mut **list;
        unlink(entry as *mut ListHead);
        insert_after((*head).prev, entry as *mut ListHead);
    }

    /// `realm`'s oldest parked job, put back at the head of the engine's list (where
    /// [`JobQueue::run_first`] runs it from).
    pub(crate) fn take_first(&self, realm: usize) -> Option<*mut JobEntry> {
        let engine = self.engine?;
        let mut lists = self.lists.borrow_mut();
        let list = lists.get_mut(&realm)?;
        let head: *mut ListHead = &mut **list;
        unsafe {
            let entry = (*head).next;
            unlink(entry);
            if (*head).next == head {
                lists.remove(&realm);
            }
            insert_after(engine.head.as_ptr(), entry);
            Some(entry as *mut JobEntry)
        }
    }

    /// Puts `realm`'s parked jobs back at the head of the engine's list, in order (they are
    /// older than every job there).
    pub(crate) fn hand_back(&self, realm: usize) {
        let Ok(mut lists) = self.lists.try_borrow_mut() else {
            return;
        };
        if let (Some(mut list), Some(engine)) = (lists.remove(&realm), self.engine) {
            unsafe { splice_front(engine.head.as_ptr(), &mut list) };
        }
    }

    /// Puts every parked job back on the engine's list: before the engine frees its runtime,
    /// which frees what is on it.
    pub(crate) fn hand_back_all(&self) {
        let Ok(mut lists) = self.lists.try_borrow_mut() else {
            return;
        };
        let Some(engine) = self.engine else {
            return;
        };
        for (_, mut list) in lists.drain() {
            unsafe { splice_front(engine.head.as_ptr(), &mut list) };
        }
    }

    /// Drops the parked jobs of the realms `realm` accepts, and those `pick` accepts, without
    /// running them.
    pub(crate) fn discard(
        &self,
        rt: *mut qjs::JSRuntime,
        mut realm: impl FnMut(usize) -> bool,
        mut pick: impl FnMut(&JobEntry) -> bool,
    ) -> usize {
        // Taken off under the borrow, freed after it: freeing may run finalizers, a record's
        // drop among them, which hands its realm's list back.
        let mut taken = Vec::new();
        {
            let mut lists = self.lists.borrow_mut();
            lists.retain(|&r, list| {
                let all = realm(r);
                let head: *mut ListHead = &mut **list;
                unsafe {
                    let mut link = (*head).next;
                    while link != head {
                        let entry = link as *mut JobEntry;
                        link = (*link).next;
                        if all || pick(&*entry) {
                            unlink(entry as *mut ListHead);
                            taken.push(entry);
                        }
                    }
                    (*head).next != head
                }
            });
        }
        for &entry in &taken {
            unsafe { free_entry(rt, entry) };
        }
        taken.len()
    }

    /// Drops the queued jobs `pick` accepts, on the engine's list `q` and parked, and every job
    /// parked for a realm `realm` accepts, until freeing what they held has queued no more of
    /// them.
    pub(crate) fn discard_queued(
        &self,
        q: &JobQueue,
        rt: *mut qjs::JSRuntime,
        mut realm: impl FnMut(usize) -> bool,
        mut pick: impl FnMut(&JobEntry) -> bool,
    ) {
        while self.discard(rt, &mut realm, &mut pick) + q.discard(rt, &mut pick) > 0 {}
    }
}

/// Moves the entries of `list` to the front of the list at `head`, in order.
unsafe fn splice_front(head: *mut ListHead, list: &mut ListHead) {
    let own: *mut ListHead = list;
    if list.next == own {
        return;
    }
    let (first, last) = (list.next, list.prev);
    let next = (*head).next;
    (*head).next = first;
    (*first).prev = head;
    (*last).next = next;
    (*next).prev = last;
    list.next = own;
    list.prev = own;
}

unsafe fn unlink(el: *mut ListHead) {
    let prev = (*el).prev;
    let next = (*el).next;
    (*prev).next = next;
    (*next).prev = prev;
    (*el).prev = std::ptr::null_mut();
    (*el).next = std::ptr::null_mut();
}

unsafe fn insert_after(head: *mut ListHead, el: *mut ListHead) {
    let next = (*head).next;
    (*el).prev = head;
    (*el).next = next;
    (*next).prev = el;
    (*head).next = el;
}
