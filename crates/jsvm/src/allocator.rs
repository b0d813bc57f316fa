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
use rquickjs::qjs;

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
    /// The engine this heap is for, once made (see [`HeapLimit::collect_soon`]).
    engine: Cell<*mut qjs::JSRuntime>,
    /// `used` when a collection was last asked for (see [`HeapLimit::collect_soon`]).
    asked_at: Cell<usize>,
    /// Whether an allocation was refused for the limit since a run last ended (see
    /// [`HeapLimit::refused_since_run`]).
    refused: Cell<bool>,
    /// What the heap may grow past its limit while exhausted: [`RESERVE`], renewed by
    /// [`HeapLimit::run_ended`].
    over: Cell<usize>,
    /// Past this (the last eighth of the limit) a growing heap asks for collections.
    near_limit: usize,
    /// Where the engine keeps its collection phase (`JSRuntime.gc_phase`), once
    /// [`HeapLimit::probe_collection_phase`] found and confirmed it (see [`HeapLimit::freeing`]).
    phase_at: Cell<Option<usize>>,
    /// A collection asked for while the engine was freeing objects, to be asked for at the
    /// next allocation outside it (see [`HeapLimit::collect_soon`]).
    ask_deferred: Cell<bool>,
    /// Where the engine keeps the flag it sets while making its out-of-memory error
    /// (`JSRuntime.in_out_of_memory`), found with the collection phase; and whether the
    /// allocator set it (see [`HeapLimit::refusing`]).
    oom_flag_at: Cell<Option<usize>>,
    oom_muted: Cell<bool>,
    /// Where the engine keeps its stack's size, top and limit (`JSRuntime.stack_size`, then
    /// `stack_top` and `stack_limit`), found with the collection phase (see
    /// [`HeapLimit::engine_stack_limit`]).
    stack_size_at: Cell<Option<usize>>,
    /// With the engine's flag unknown: no collection is asked for before the heap has grown
    /// this far past a refusal (see [`HeapLimit::making_oom_error`]).
    quiet_until: Cell<usize>,
}

/// What the engine may allocate after a refusal before a collection is asked for, when its
/// out-of-memory flag could not be found: its error object is far smaller (it has no stack).
const QUIET_AFTER_REFUSAL: usize = 64 << 10;

/// Growth past the limit between two collections asked for (see [`HeapLimit::collect_soon`]).
const OVER_SPACING: usize = RESERVE / 8;

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
            engine: Cell::new(std::ptr::null_mut()),
            asked_at: Cell::new(0),
            refused: Cell::new(false),
            over: Cell::new(RESERVE),
            near_limit: limit.map_or(usize::MAX, |l| l - l / 8),
            phase_at: Cell::new(None),
            ask_deferred: Cell::new(false),
            oom_flag_at: Cell::new(None),
            oom_muted: Cell::new(false),
            stack_size_at: Cell::new(None),
            quiet_until: Cell::new(0),
        })
    }
    /// Whether the engine is freeing objects now (a collection, or the release of objects whose
    /// count fell to zero). No collection may be asked for then (see
    /// [`HeapLimit::collect_soon`]): a refusal there makes the engine throw its out-of-memory
    /// error, which creates an object, and an object created while a collection is asked for
    /// runs one inside the freeing, over objects half freed. A context registering targets
    /// with a `FinalizationRegistry` in a loop at the limit (each freed target queues a job,
    /// whose entry was refused) crashed the process so. (Admitting what the engine allocates
    /// while it frees is no way out: job entries, made only then, grew without bound.)
    fn freeing(&self) -> bool {
        let (Some(at), rt) = (self.phase_at.get(), self.engine.get()) else {
            return false;
        };
        // SAFETY: a byte of the live engine's runtime record, at the offset the probe confirmed.
        !rt.is_null() && unsafe { *(rt as *const u8).add(at) } != 0
    }
    /// Whether the engine is making its out-of-memory error now (its flag for that is set, and
    /// not by [`HeapLimit::refusing`]); when the flag is unknown, whether the heap is still
    /// within [`QUIET_AFTER_REFUSAL`] of the last refusal. No collection may be asked for then
    /// (see [`HeapLimit::collect_soon`]).
    #[inline]
    fn making_oom_error(&self) -> bool {
        match (self.oom_flag_at.get(), self.engine.get()) {
            (Some(at), rt) if !rt.is_null() => {
                // SAFETY: a byte of the live engine's runtime record, at the offset the probe
                // confirmed.
                !self.oom_muted.get() && unsafe { *(rt as *const u8).add(at) } != 0
            }
            _ => self.used.get() < self.quiet_until.get(),
        }
    }
    /// Finds where the engine keeps its collection phase: in the runtime record, the field
    /// just before the collection threshold (an enum, 8 bits wide; the threshold is the next
    /// 8-aligned `size_t`). The threshold's place is found by setting it to two marks; the
    /// phase must read 0 now and 1 (freeing objects whose count fell to zero) in the free
    /// callback of an ArrayBuffer released while the probe watches. Left unknown (nothing is
    /// ever admitted for it) when anything disagrees.
    pub(crate) fn probe_collection_phase(&self, ctx: *mut qjs::JSContext) {
        /// The phase read by [`phase_seen`] and where to read it.
        struct Watch {
            at: usize,
            seen: Option<u8>,
        }
        unsafe extern "C" fn phase_seen(
            rt: *mut qjs::JSRuntime,
            opaque: *mut std::ffi::c_void,
            _ptr: *mut std::ffi::c_void,
            size: qjs::size_t,
        ) -> *mut std::ffi::c_void {
            if size == 0 && !opaque.is_null() {
                let watch = &mut *opaque.cast::<Watch>();
                watch.seen = Some(*(rt as *const u8).add(watch.at));
            }
            std::ptr::null_mut()
        }
        let rt = self.engine.get();
        if rt.is_null() || ctx.is_null() {
            return;
        }
        // The runtime record is a block of this allocator: read no further than it holds.
        // SAFETY: the engine's own allocation, made by `calloc` above.
        let span = unsafe { libc::malloc_usable_size(rt.cast()) }.min(2048);
        const MARKS: [usize; 2] = [0x6a73_766d_0000_0051, 0x6a73_766d_0000_00a2];
        // SAFETY: reads within the engine's runtime record (`span` bytes), and the engine's
        // API.
        unsafe {
            let before = qjs::JS_GetGCThreshold(rt);
            let base = rt as *const u8;
            let find = |mark: usize| -> Vec<usize> {
                qjs::JS_SetGCThreshold(rt, mark as _);
                (8..span.saturating_sub(7))
                    .step_by(8)
                    .filter(|&o| std::ptr::read_unaligned(base.add(o) as *const usize) == mark)
                    .collect()
            };
            let first = find(MARKS[0]);
            let second = find(MARKS[1]);
            qjs::JS_SetGCThreshold(rt, before);
            let [threshold] = first[..] else { return };
            if second != [threshold] {
                return;
            }
            let at = threshold - 8;
            if std::ptr::read_unaligned(base.add(at) as *const u32) != 0 {
                return;
            }
            let mut watch = Watch { at, seen: None };
            static BYTE: [u8; 1] = [0];
            let b = qjs::JS_NewArrayBuffer(
                ctx,
                BYTE.as_ptr() as *mut u8,
                1,
                0,
                Some(phase_seen),
                (&mut watch as *mut Watch).cast(),
                false,
            );
            if qjs::JS_IsException(b) {
                let e = qjs::JS_GetException(ctx);
                qjs::JS_FreeValue(ctx, e);
                return;
            }
            // Its only reference: freed now, its free callback runs inside the engine's
            // release of objects whose count fell to zero.
            qjs::JS_FreeValue(ctx, b);
            if watch.seen != Some(1) || *base.add(at) != 0 {
                return;
            }
            // Past the threshold: the stack's size, top and limit, the pending exception (a
            // value), then the flag the engine sets while it makes its out-of-memory error.
            // The size and the exception are confirmed by setting them.
            let size_at = threshold + 8;
            let exception_at = threshold + 32;
            let flag_at = threshold + 48;
            if flag_at + 8 > span {
                return;
            }
            let size = std::ptr::read_unaligned(base.add(size_at) as *const usize);
            qjs::JS_SetMaxStackSize(rt, 0x0074_7300);
            let size_seen = std::ptr::read_unaligned(base.add(size_at) as *const usize);
            // The limit follows from the size and the top.
            let top = std::ptr::read_unaligned(base.add(size_at + 8) as *const usize);
            let limit = std::ptr::read_unaligned(base.add(size_at + 16) as *const usize);
            let stack_ok = top > 0x0074_7300 && limit == top - 0x0074_7300;
            qjs::JS_SetMaxStackSize(rt, size as _);
            qjs::JS_Throw(ctx, qjs::JS_MKVAL(qjs::JS_TAG_INT, 0x6a73));
            let thrown = std::ptr::read_unaligned(base.add(exception_at) as *const i32);
            let e = qjs::JS_GetException(ctx);
            qjs::JS_FreeValue(ctx, e);
            let flags = std::ptr::read_unaligned(base.add(flag_at) as *const [u8; 3]);
            if size_seen == 0x0074_7300 && thrown == 0x6a73 && flags == [0, 0, 0] {
                self.phase_at.set(Some(at));
                self.oom_flag_at.set(Some(flag_at));
                if stack_ok {
                    self.stack_size_at.set(Some(size_at));
                }
            }
        }
    }
    /// The engine's stack limit now (`JSRuntime.stack_limit`: its checks fail below this
    /// address); `None` when the fields are unknown or the engine has no limit. For telling a
    /// compile that met the limit (`script/stack_limit.rs`).
    pub(crate) fn engine_stack_limit(&self) -> Option<usize> {
        let (Some(at), rt) = (self.stack_size_at.get(), self.engine.get()) else {
            return None;
        };
        if rt.is_null() {
            return None;
        }
        // SAFETY: fields of the live engine's runtime record, at the offsets the probe confirmed.
        let (size, limit) = unsafe {
            let base = rt as *const u8;
            (
                std::ptr::read_unaligned(base.add(at) as *const usize),
                std::ptr::read_unaligned(base.add(at + 16) as *const usize),
            )
        };
        (size != 0 && limit != 0).then_some(limit)
    }
    /// Called once the engine is made, with it.
    pub(crate) fn set_engine(&self, rt: *mut qjs::JSRuntime) {
        self.engine.set(rt);
    }
    /// Whether an allocation was refused for the limit since a context's run (or a module's
    /// evaluation) last ended: the code running now met the limit, though what it let go of
    /// since may have left the heap with room.
    pub(crate) fn refused_since_run(&self) -> bool {
        self.refused.get()
    }
    /// Called when a run ends (its code may have filled the heap and caught every refusal,
    /// using up the reserve): the code the run returns to gets a reserve of its own, within
    /// which collections are asked for, so that what the run left becomes garbage and is
    /// collected before that code's allocations are refused (for the `jsvm` command's own
    /// code, a refusal is fatal). At most twice [`RESERVE`] past the limit.
    pub(crate) fn run_ended(&self) {
        self.refused.set(false);
        if self.exhausted.get() && self.limit != usize::MAX {
            let past = self.used.get().saturating_sub(self.limit);
            self.over
                .set((past + RESERVE).min(2 * RESERVE).max(self.over.get()));
            self.asked_at.set(self.used.get());
        }
    }
    /// Near or past the limit: has the engine collect at its next new object, a point where it
    /// is between steps (a collection cannot run inside this allocator). The engine schedules
    /// its collections at 1.5 times what survived the last one, which a nearly full heap puts
    /// past the limit: garbage left by a context that filled the heap (a dropped context is a
    /// cycle only a collection frees) would never be collected, and every allocation would be
    /// refused, fatal for the host's own code. V8 collects before it gives up, too.
    /// A growing heap asks again only after growing three quarters of the way to the limit since
    /// the last ask, [`OVER_SPACING`] past it; a `refusal` always asks, once the engine has made
    /// its error (a loop catching every refusal collects once per refusal, each bounded by the
    /// heap's size).
    fn collect_soon(&self, refusal: bool) {
        let rt = self.engine.get();
        let used = self.used.get();
        let asked = self.asked_at.get();
        // Three quarters of the way to the limit each time (a few collections over the last
        // eighth), a fixed step past it.
        let spacing = if used > self.limit {
            OVER_SPACING
        } else {
            ((self.limit - asked.min(self.limit)) / 4 * 3).max(OVER_SPACING)
        };
        if rt.is_null() || (!refusal && used.saturating_sub(asked) < spacing) {
            return;
        }
        self.asked_at.set(used);
        if refusal {
            self.quiet_until
                .set(used.saturating_add(QUIET_AFTER_REFUSAL));
        }
        // SAFETY: plain field stores on the live engine this allocator serves (the pointer is
        // set once the engine exists; the allocator is dropped with it).
        if refusal || self.freeing() || self.making_oom_error() {
            // A refusal: the engine makes its out-of-memory error next, in the middle of the
            // C function whose allocation failed, where objects may be half made (`Map.set`
            // has added a record whose value is not yet set when its table's growth fails): a
            // collection run by that error's object would mark garbage memory. The ask waits
            // until the error is made. Nor inside the engine's freeing (see
            // [`HeapLimit::freeing`]). The ask waits for the next allocation outside both, and
            // an ask already made (a threshold of 0, met by the next object) is put off too.
            self.ask_deferred.set(true);
            unsafe { qjs::JS_SetGCThreshold(rt, usize::MAX as _) };
        } else {
            unsafe { qjs::JS_SetGCThreshold(rt, 0) };
        }
    }
    /// Called at each refusal (for the limit or for an overdue run). Inside the engine's
    /// freeing, the engine must not make its out-of-memory error: an object made there (with a
    /// stack captured by the library's hooks, and a collection if one is due) works over
    /// objects half freed; a context registering targets with a `FinalizationRegistry` in a
    /// loop at the limit crashed the process so (each freed target queues a job, whose entry
    /// was refused). The engine's own guard against a nested out-of-memory error is set until
    /// the freeing is over, so the failure is silent (the engine drops the job, as at any
    /// failed allocation there), and a collection asked for is put off.
    fn refusing(&self) {
        let rt = self.engine.get();
        if rt.is_null() || !self.freeing() {
            return;
        }
        self.ask_deferred.set(true);
        // SAFETY: field stores on the live engine's runtime record, at offsets the probe
        // confirmed (see `collect_soon`).
        unsafe {
            qjs::JS_SetGCThreshold(rt, usize::MAX as _);
            if let Some(at) = self.oom_flag_at.get() {
                *(rt as *mut u8).add(at) = 1;
                self.oom_muted.set(true);
            }
        }
    }
    /// Makes a collection asked for while the engine was freeing objects (see
    /// [`HeapLimit::collect_soon`]) due at the next object, once it no longer is.
    #[inline]
    fn deferred_ask(&self) {
        if self.ask_deferred.get() && !self.freeing() && !self.making_oom_error() {
            self.ask_deferred.set(false);
            let rt = self.engine.get();
            if !rt.is_null() {
                // SAFETY: as in `refusing`.
                unsafe {
                    qjs::JS_SetGCThreshold(rt, 0);
                    if let (true, Some(at)) =
                        (self.oom_muted.replace(false), self.oom_flag_at.get())
                    {
                        *(rt as *mut u8).add(at) = 0;
                    }
                }
            }
        }
    }
    /// Lets the next `bytes` through whatever the limit says, until [`HeapLimit::end_grant`]
    /// (a context being made: `ContextHandle::create`); gives the grant it replaced.
    pub(crate) fn grant_up_to(&self, bytes: usize) -> usize {
        self.grant.replace(bytes)
    }
    /// Ends a grant of [`HeapLimit::grant_up_to`], putting back the one it replaced.
    pub(crate) fn end_grant(&self, previous: usize) {
        self.grant.set(previous);
    }
    /// Whether the heap holds more than its limit now (the reserve past it is for errors and
    /// the code a run returns to, not for a new context).
    pub(crate) fn past_limit(&self) -> bool {
        self.limit != usize::MAX && self.used.get() > self.limit
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
            if wanted > self.near_limit {
                self.collect_soon(false);
            }
            return true;
        }
        if self.exhausted.get() && wanted <= self.limit.saturating_add(self.over.get()) {
            self.collect_soon(false);
            return true;
        }
        self.exhausted.set(true);
        self.refused.set(true);
        self.collect_soon(true);
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
        // A low-water mark: collections are asked for by growth since, not by churn.
        if used < self.asked_at.get() {
            self.asked_at.set(used);
        }
        self.freed.set(true);
        if self.exhausted.get() && used.saturating_add(RESERVE) < self.limit {
            self.exhausted.set(false);
            self.over.set(RESERVE);
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
        self.heap.deferred_ask();
        if !self.heap.take_grant(size) && (self.refuse() || !self.heap.admit(size)) {
            self.heap.refusing();
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
        self.heap.deferred_ask();
        if !self.heap.take_grant(bytes) && (self.refuse() || !self.heap.admit(bytes)) {
            self.heap.refusing();
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
        self.heap.deferred_ask();
        if !self.heap.take_grant(extra) && (self.refuse() || !self.heap.admit(extra)) {
            self.heap.refusing();
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
