//! The shared buffers' memory itself: allocated outside any engine heap behind a reference
//! count, charged to the limit of the runtime that made it (see `shared_memory.rs`). Below
//! the runtime's state, which holds a runtime's [`Sharing`].

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::cell::RefCell;
use std::ffi::c_void;
use std::rc::Rc;
use std::sync::atomic::{fence, AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use rquickjs::{qjs, Ctx, Value};

use crate::allocator::HeapLimit;
use crate::interrupt::Interrupts;

/// What precedes the bytes of every shared buffer.
#[repr(C, align(16))]
pub(crate) struct Header {
    pub(crate) refs: AtomicUsize,
    /// Bytes after the header.
    pub(crate) capacity: usize,
    /// Bytes alive made by the runtime that made this one.
    pub(crate) account: Arc<AtomicUsize>,
}

const HEADER: usize = std::mem::size_of::<Header>();

fn layout(capacity: usize) -> Option<Layout> {
    Layout::from_size_align(
        HEADER.checked_add(capacity)?,
        std::mem::align_of::<Header>(),
    )
    .ok()
}

/// # Safety
/// `data` came from [`sab_alloc`] and a reference to it is held.
pub(crate) unsafe fn header<'a>(data: *mut u8) -> &'a Header {
    &*(data.sub(HEADER) as *const Header)
}

/// Drops one reference; the last frees the memory.
///
/// # Safety
/// `data` came from [`sab_alloc`] and the caller owns one reference to it.
pub(crate) unsafe fn release(data: *mut u8) {
    let h = header(data);
    if h.refs.fetch_sub(1, Ordering::Release) != 1 {
        return;
    }
    fence(Ordering::Acquire);
    let capacity = h.capacity;
    h.account.fetch_sub(capacity, Ordering::Relaxed);
    let base = data.sub(HEADER);
    std::ptr::drop_in_place(base as *mut Header);
    if let Some(l) = layout(capacity) {
        dealloc(base, l);
    }
}

/// One runtime's side of the sharing: what its allocation hook charges. Lives as long as the
/// engine (the hook's opaque pointer points at it).
pub(crate) struct Sharing {
    pub(crate) heap: Rc<HeapLimit>,
    /// Whether the run asking is overdue: refused then, as the engine allocator refuses it
    /// (the engine zeroes each buffer in one step no interrupt ends).
    pub(crate) interrupts: Rc<Interrupts>,
    pub(crate) account: Arc<AtomicUsize>,
    /// The engine's class id of SharedArrayBuffer objects (learnt once the hooks are in).
    pub(crate) class: std::cell::Cell<qjs::JSClassID>,
    /// The runtime's main context, through which a refusal is thrown.
    pub(crate) main: *mut qjs::JSContext,
    /// The engine's natives that allocate a shared buffer from code (the `SharedArrayBuffer`
    /// constructor, `slice`): a refusal while one of them runs is a `RangeError` of its realm.
    pub(crate) allocating: std::cell::Cell<[usize; 2]>,
}

impl Sharing {
    /// Bytes of the buffers this runtime made that are still alive.
    pub(crate) fn live_bytes(&self) -> usize {
        self.account.load(Ordering::Relaxed)
    }
}

unsafe extern "C" fn sab_alloc(opaque: *mut c_void, size: qjs::size_t) -> *mut c_void {
    let Ok(size) = usize::try_from(size) else {
        return std::ptr::null_mut();
    };
    let sharing = &*(opaque as *const Sharing);
    let held = sharing.account.load(Ordering::Relaxed);
    // The runtime's heap and its live shared bytes together stay under its limit.
    let overdue = sharing.interrupts.maybe_overdue() && sharing.interrupts.poll_overdue();
    if overdue || !sharing.heap.admit(held.saturating_add(size)) {
        // The engine fails the constructor without an exception of its own. While its
        // constructor (or `slice`) runs: V8's `RangeError` of that builtin's realm. Otherwise
        // (the host making a buffer) a string, not an error object: the object would be of the
        // main context's realm, and the code asking may be of another.
        let c = sharing.main;
        let called = crate::frames::current_function(c)
            .and_then(|f| crate::natives::builtin_called(f, &sharing.allocating.get()));
        match called {
            Some(realm) => {
                qjs::JS_ThrowRangeError(realm, c"Array buffer allocation failed".as_ptr());
            }
            None => {
                let text = "out of memory";
                let message = qjs::JS_NewStringLen(c, text.as_ptr().cast(), text.len() as _);
                qjs::JS_Throw(c, message);
            }
        }
        return std::ptr::null_mut();
    }
    let Some(l) = layout(size) else {
        return std::ptr::null_mut();
    };
    let base = alloc_zeroed(l);
    if base.is_null() {
        return std::ptr::null_mut();
    }
    std::ptr::write(
        base as *mut Header,
        Header {
            refs: AtomicUsize::new(1),
            capacity: size,
            account: sharing.account.clone(),
        },
    );
    sharing.account.fetch_add(size, Ordering::Relaxed);
    base.add(HEADER).cast()
}

unsafe extern "C" fn sab_dup(_opaque: *mut c_void, ptr: *mut c_void) {
    header(ptr.cast()).refs.fetch_add(1, Ordering::Relaxed);
}

unsafe extern "C" fn sab_free(_opaque: *mut c_void, ptr: *mut c_void) {
    release(ptr.cast());
}

/// Turns sharing on for a runtime (before any of its code runs): its SharedArrayBuffers are
/// allocated by the hooks above and may be handed to other such runtimes. The returned value
/// must outlive the engine.
pub(crate) fn enable(
    ctx: &Ctx<'_>,
    heap: Rc<HeapLimit>,
    interrupts: Rc<Interrupts>,
) -> rquickjs::Result<Rc<Sharing>> {
    let sharing = Rc::new(Sharing {
        heap,
        interrupts,
        account: Arc::default(),
        class: std::cell::Cell::new(0),
        main: ctx.as_raw().as_ptr(),
        allocating: Default::default(),
    });
    let hooks = qjs::JSSharedArrayBufferFunctions {
        sab_alloc: Some(sab_alloc),
        sab_free: Some(sab_free),
        sab_dup: Some(sab_dup),
        sab_opaque: Rc::as_ptr(&sharing) as *mut c_void,
    };
    unsafe {
        let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
        qjs::JS_SetSharedArrayBufferFunctions(rt, &hooks);
    }
    // Made after the hooks are in, so its memory is theirs to free too.
    let probe: Value = ctx.eval("new SharedArrayBuffer(0)")?;
    sharing
        .class
        .set(unsafe { qjs::JS_GetClassID(probe.as_raw()) });
    let natives: [Value; 2] = [
        ctx.eval("SharedArrayBuffer")?,
        ctx.eval("SharedArrayBuffer.prototype.slice")?,
    ];
    sharing.allocating.set(natives.map(|f| unsafe {
        crate::natives::native_address(ctx.as_raw().as_ptr(), f.as_raw()).unwrap_or(0)
    }));
    Ok(sharing)
}

// ---- Atomics.waitAsync's waits (made and settled by wait_async.rs) ----------------------

/// Wakes a runtime's host loop (from any thread).
pub(crate) type Wake = Arc<dyn Fn() + Send + Sync>;

/// One async waiter, as the list of waiters holds it.
pub(crate) struct AsyncWaiter {
    /// Set by the notify that took it off the list.
    pub(crate) notified: AtomicBool,
    pub(crate) wake: Option<Wake>,
}

impl AsyncWaiter {
    /// Marks it notified and wakes its runtime's loop (called with no lock held).
    pub(crate) fn notify(&self) {
        self.notified.store(true, Ordering::SeqCst);
        if let Some(wake) = &self.wake {
            wake();
        }
    }
}

/// A runtime's pending `Atomics.waitAsync` waits (kept by its state; `wait_async.rs` makes
/// and settles them).
#[derive(Default)]
pub(crate) struct AsyncWaits {
    pub(crate) pending: RefCell<Vec<PendingWait>>,
    pub(crate) wake: RefCell<Option<Wake>>,
}

/// A pending wait: its id on the list of waiters, when it is due, and its promise's resolve
/// function (owned: freed by `shared_memory/wait_async.rs`).
pub(crate) struct PendingWait {
    pub(crate) id: u64,
    pub(crate) waiter: Arc<AsyncWaiter>,
    pub(crate) deadline: Option<Instant>,
    pub(crate) resolve: qjs::JSValue,
}
