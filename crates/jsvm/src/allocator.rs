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
//! thrown instead. After a refusal the heap may grow by [`RESERVE`] more, enough for the error
//! and for unwinding, and [`HeapLimit::exhausted`] says the limit was met.

use std::cell::Cell;
use std::rc::Rc;

use rquickjs::allocator::Allocator;

use crate::interrupt::Interrupts;

/// What the heap may grow past its limit after a refusal (see the module's comment).
const RESERVE: usize = 256 << 10;

/// Called once, the first time the heap is full (see `RuntimeBuilder::on_heap_full`).
pub(crate) type FullHook = std::sync::Arc<dyn Fn() + Send + Sync>;

/// The memory limit of one runtime and the bytes its engine holds.
pub(crate) struct HeapLimit {
    limit: usize,
    used: Cell<usize>,
    exhausted: Cell<bool>,
    on_full: Cell<Option<FullHook>>,
    /// Bytes admitted whatever the limit and the deadlines say: granted when the interrupt
    /// handler stops a run, so the engine can make the uncatchable error it throws then (with
    /// the heap full or the run's allocations refused, that error would fail, and code could
    /// catch the failure and go on).
    grant: Cell<usize>,
    /// Whether anything was freed since the heap was last collected for a run (see
    /// [`HeapLimit::wants_collection`]).
    freed: Cell<bool>,
}

/// What a stopping run may allocate past every refusal (its "interrupted" error).
const STOP_GRANT: usize = 16 << 10;

impl HeapLimit {
    pub(crate) fn new(limit: Option<usize>, on_full: Option<FullHook>) -> Rc<HeapLimit> {
        Rc::new(HeapLimit {
            limit: limit.unwrap_or(usize::MAX),
            used: Cell::new(0),
            exhausted: Cell::new(false),
            on_full: Cell::new(on_full),
            grant: Cell::new(0),
            freed: Cell::new(false),
        })
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
    /// Whether a run should have the heap collected before it starts: the heap met its limit
    /// and has not had room since, and something was freed since the last such collection
    /// (what it released may hold a dropped context, a cycle only a collection frees; the
    /// engine's next one is due at 1.5 times what survived its last, past the limit).
    pub(crate) fn wants_collection(&self) -> bool {
        self.exhausted.get() && self.freed.get()
    }
    /// Called after such a collection.
    pub(crate) fn collected(&self) {
        self.freed.set(false);
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
        if self.exhausted.get() && wanted <= self.limit.saturating_add(RESERVE) {
            return true;
        }
        self.exhausted.set(true);
        // Full: the heap itself is at its limit, not one large request over it (a big buffer
        // refused is an ordinary error, as in V8, whose buffers live outside its heap).
        if self.used.get() >= self.limit / 10 * 9 {
            if let Some(hook) = self.on_full.take() {
                hook();
            }
        }
        false
    }
    /// Charges `bytes` the runtime holds outside the engine's heap (wasm memories and tables),
    /// if the limit admits them: false, and nothing charged, when it does not.
    pub(crate) fn charge(&self, bytes: usize) -> bool {
        if !self.admit(bytes) {
            return false;
        }
        self.grew(bytes);
        true
    }
    /// Gives back bytes [`HeapLimit::charge`] took.
    pub(crate) fn release(&self, bytes: usize) {
        if bytes > 0 {
            self.shrank(bytes);
        }
    }
    fn grew(&self, bytes: usize) {
        self.used.set(self.used.get() + bytes);
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
