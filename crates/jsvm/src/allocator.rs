//! The engine heap's allocator: the C allocator, with one check added for limits.
//!
//! QuickJS polls its interrupt handler between steps, and nothing bounds one step: compiling
//! a large source, multiplying huge BigInts, joining or stringifying huge arrays are single
//! calls into C. They all allocate as they go, so the allocator is the one place the library
//! sees during such a step: once the watchdog has flagged a deadline (see `interrupt.rs`) and
//! the interrupt frames confirm a run is due, allocations fail. The engine then unwinds with
//! an exception, and the run that owns the frame reports its timeout as usual.
//!
//!
//! The memory limit is enforced here too, rather than by QuickJS, so the library knows when a
//! failure came from the limit: QuickJS reports running out by throwing an "out of memory"
//! error, which itself needs memory; with the heap full that error cannot be made and `null` is
//! thrown instead. After a refusal the heap may grow by [`RESERVE`] more (past where it was at
//! that refusal, and again when the failed run ends, for whoever catches its error), enough for
//! the error and for unwinding, and [`HeapLimit::exhausted`] says the limit was met.
//!
//! Before refusing a request for the limit, the allocator has the engine collect: what the
//! heap holds may be garbage that only a collection finds (a dropped context is a cycle of its
//! global and its functions), and the engine's next collection is due at 1.5 times what
//! survived its last, which is past the limit once a tenant filled the heap (another
//! context's runs, or the host's, were then refused memory that was garbage). A collection
//! cannot run inside the allocator (the engine may be halfway through changing an object), so
//! the allocator sets the engine's collection threshold to zero, which makes its next object
//! creation (its own safe point) collect, and lets the heap run a sixteenth of the limit (at
//! least [`COLLECT_SLACK`]) past where it was until then, at most two of those past the limit
//! (the reserve comes on top once a request was refused). It asks again only once something was freed since the last collection it asked
//! for (nothing else can have become garbage) and [`COLLECT_EVERY`] bytes were allocated
//! since.

use std::cell::Cell;
use std::rc::Rc;

use rquickjs::allocator::Allocator;
use rquickjs::qjs;

use crate::interrupt::Interrupts;

/// What the heap may grow past its limit after a refusal (see the module's comment).
const RESERVE: usize = 256 << 10;

/// What the heap may grow past its limit while a collection it asked for is pending (see the
/// module's comment), at least: a sixteenth of the limit when that is more (the request that
/// asks may be a large array's growth). The reserve comes on top.
const COLLECT_SLACK: usize = 1 << 20;

/// Bytes allocated between two collections asked for (with something freed in between): a
/// heap at its limit is not collected for every request.
const COLLECT_EVERY: usize = 64 << 10;

/// Called once, the first time the heap is full (see `RuntimeBuilder::on_heap_full`).
pub(crate) type FullHook = std::sync::Arc<dyn Fn() + Send + Sync>;

/// The memory limit of one runtime and the bytes its engine holds.
pub(crate) struct HeapLimit {
    limit: usize,
    used: Cell<usize>,
    exhausted: Cell<bool>,
    /// Where the reserve starts once the heap is exhausted: where it was at the first refusal
    /// (or at the end of the run that failed, see `refresh_reserve`), at most two windows past
    /// the limit.
    exhausted_at: Cell<usize>,
    on_full: Cell<Option<FullHook>>,
    /// Bytes admitted whatever the limit and the deadlines say: granted when the interrupt
    /// handler stops a run, so the engine can make the uncatchable error it throws then (with
    /// the heap full or the run's allocations refused, that error would fail, and code could
    /// catch the failure and go on).
    grant: Cell<usize>,
    /// The engine's runtime, once it exists: its collection threshold is what asks it to
    /// collect.
    engine: Cell<*mut qjs::JSRuntime>,
    /// Whether a collection was asked for (it is pending while the threshold stays zero).
    asked: Cell<bool>,
    /// Whether anything was freed since the last collection asked for ran.
    freed: Cell<bool>,
    /// Bytes allocated since the last collection asked for ran.
    allocated: Cell<usize>,
    /// How far the heap may grow while the collection asked for is pending (the reserve
    /// comes on top): a window past where the heap was when it asked, within two windows of
    /// the limit (asking again cannot ratchet the heap up).
    window_end: Cell<usize>,
}

/// What a stopping run may allocate past every refusal (its "interrupted" error).
const STOP_GRANT: usize = 16 << 10;

impl HeapLimit {
    pub(crate) fn new(limit: Option<usize>, on_full: Option<FullHook>) -> Rc<HeapLimit> {
        Rc::new(HeapLimit {
            limit: limit.unwrap_or(usize::MAX),
            used: Cell::new(0),
            exhausted: Cell::new(false),
            exhausted_at: Cell::new(0),
            on_full: Cell::new(on_full),
            grant: Cell::new(0),
            engine: Cell::new(std::ptr::null_mut()),
            asked: Cell::new(false),
            freed: Cell::new(true),
            allocated: Cell::new(COLLECT_EVERY),
            window_end: Cell::new(0),
        })
    }
    /// Tells the limit the engine it serves (see `collect_first`).
    pub(crate) fn set_engine(&self, rt: *mut qjs::JSRuntime) {
        self.engine.set(rt);
    }
    /// How far past the limit the heap may grow while a collection is pending.
    fn slack(&self) -> usize {
        (self.limit / 16).max(COLLECT_SLACK)
    }
    /// Called for a request past the limit: whether to admit it because a collection is
    /// pending (asked for now, or before and not yet run). See the module's comment.
    fn collect_first(&self, wanted: usize) -> bool {
        let rt = self.engine.get();
        if rt.is_null() {
            return false;
        }
        // SAFETY: the runtime outlives its allocator's requests; these read and write one
        // field, and allocate nothing.
        let pending = unsafe { qjs::JS_GetGCThreshold(rt) } == 0;
        if self.asked.get() && !pending {
            // It ran, and the heap is still past its limit.
            self.asked.set(false);
            self.freed.set(false);
            self.allocated.set(0);
        }
        if !self.asked.get() {
            if !self.freed.get()
                || self.allocated.get() < COLLECT_EVERY
                || self.used.get() < self.limit / 2
            {
                // Nothing can have become garbage since the last one, or the last one was
                // just now, or a collection could not make room for this request (one large
                // request over the limit).
                return false;
            }
            unsafe { qjs::JS_SetGCThreshold(rt, 0) };
            self.asked.set(true);
            let slack = self.slack();
            let end = self.used.get().max(self.limit).saturating_add(slack);
            self.window_end
                .set(end.min(self.limit.saturating_add(2 * slack)));
        }
        wanted <= self.window_end.get()
    }
    /// Lets the next [`STOP_GRANT`] bytes through (see `grant`).
    pub(crate) fn grant_for_stop(&self) {
        self.grant.set(STOP_GRANT);
    }
    fn take_grant(&self, bytes: usize) -> bool {
        let g = self.grant.get();
        if bytes <= g {
            self.grant.set(g - bytes);
            return true;
        }
        false
    }
    /// The limit, if any.
    pub(crate) fn limit(&self) -> Option<usize> {
        (self.limit != usize::MAX).then_some(self.limit)
    }
    /// Whether an allocation was refused for the limit since the heap last had room again.
    pub(crate) fn exhausted(&self) -> bool {
        self.exhausted.get()
    }
    /// Whether the heap can grow by `extra` now without a refusal for the limit (nothing is
    /// marked).
    pub(crate) fn has_room(&self, extra: usize) -> bool {
        !self.exhausted.get() && self.used.get().saturating_add(extra) <= self.limit
    }
    /// Whether the heap may grow by `extra`; a refusal marks it exhausted.
    pub(crate) fn admit(&self, extra: usize) -> bool {
        let wanted = self.used.get().saturating_add(extra);
        if wanted <= self.limit {
            return true;
        }
        if self.collect_first(wanted)
            || (self.exhausted.get() && wanted <= self.exhausted_at.get().saturating_add(RESERVE))
        {
            return true;
        }
        if !self.exhausted.get() {
            self.exhausted.set(true);
            self.exhausted_at.set(self.reserve_base());
        }
        // Full: the heap itself is at its limit, not one large request over it (a big buffer
        // refused is an ordinary error, as in V8, whose buffers live outside its heap).
        if self.used.get() >= self.limit / 10 * 9 {
            if let Some(hook) = self.on_full.take() {
                hook();
            }
        }
        false
    }
    /// Where the reserve starts from the heap as it is now.
    fn reserve_base(&self) -> usize {
        let most = self.limit.saturating_add(2 * self.slack());
        self.used.get().max(self.limit).min(most)
    }
    /// Called when a run failed with the heap exhausted: whoever catches the failure gets the
    /// reserve afresh (the run's unwinding may have taken it), and the next request past the
    /// limit may ask for a collection (the run's garbage may become free once its error is).
    pub(crate) fn refresh_reserve(&self) {
        if self.exhausted.get() {
            self.exhausted_at.set(self.reserve_base());
            self.freed.set(true);
            self.allocated.set(self.allocated.get().max(COLLECT_EVERY));
        }
    }
    fn grew(&self, bytes: usize) {
        self.used.set(self.used.get() + bytes);
        self.allocated
            .set(self.allocated.get().saturating_add(bytes));
    }
    fn shrank(&self, bytes: usize) {
        let used = self.used.get().saturating_sub(bytes);
        self.used.set(used);
        self.freed.set(true);
        if self.exhausted.get() && used.saturating_add(RESERVE) < self.limit {
            self.exhausted.set(false);
        }
    }
}

pub(crate) struct EngineAllocator {
    interrupts: Rc<Interrupts>,
    heap: Rc<HeapLimit>,
}

impl EngineAllocator {
    pub(crate) fn new(interrupts: Rc<Interrupts>, heap: Rc<HeapLimit>) -> Self {
        EngineAllocator { interrupts, heap }
    }

    /// Whether a due run must not get more memory. One relaxed load on the common path.
    #[inline]
    fn refuse(&self) -> bool {
        self.interrupts.maybe_overdue() && self.interrupts.poll_overdue()
    }
}

// SAFETY: every pointer comes from the C allocator, which aligns for any type (QuickJS needs
// 8 bytes) and whose usable size is what `malloc_usable_size` reports.
unsafe impl Allocator for EngineAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        if !self.heap.take_grant(size) && (self.refuse() || !self.heap.admit(size)) {
            return std::ptr::null_mut();
        }
        let p = unsafe { libc::malloc(size) };
        if !p.is_null() {
            self.heap.grew(unsafe { libc::malloc_usable_size(p) });
        }
        p.cast()
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        let bytes = count.saturating_mul(size);
        if !self.heap.take_grant(bytes) && (self.refuse() || !self.heap.admit(bytes)) {
            return std::ptr::null_mut();
        }
        let p = unsafe { libc::calloc(count, size) };
        if !p.is_null() {
            self.heap.grew(unsafe { libc::malloc_usable_size(p) });
        }
        p.cast()
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        self.heap.shrank(libc::malloc_usable_size(ptr.cast()));
        libc::free(ptr.cast());
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        if ptr.is_null() {
            return self.alloc(new_size);
        }
        let old = libc::malloc_usable_size(ptr.cast());
        let extra = new_size.saturating_sub(old);
        if !self.heap.take_grant(extra) && (self.refuse() || !self.heap.admit(extra)) {
            return std::ptr::null_mut();
        }
        let p = libc::realloc(ptr.cast(), new_size);
        if !p.is_null() {
            self.heap.shrank(old);
            self.heap.grew(libc::malloc_usable_size(p));
        }
        p.cast()
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        libc::malloc_usable_size(ptr.cast())
    }
}
