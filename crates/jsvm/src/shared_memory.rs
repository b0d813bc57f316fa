//! Memory that runtimes on different threads share: the backing store of `SharedArrayBuffer`s,
//! and `Atomics.wait`/`Atomics.notify` that work across runtimes and stop as runs do.
//!
//! A runtime built with [`crate::RuntimeBuilder::shared_memory`] allocates its
//! SharedArrayBuffers here, outside its engine heap, behind a header with a reference count
//! (QuickJS's `JS_SetSharedArrayBufferFunctions` hooks): each buffer object of any runtime
//! holds one reference, and so does each [`SharedMemory`] handle (a host carrying the memory
//! in a message). The memory is freed when the last holder lets go, on whichever thread that
//! is. The bytes count against the memory limit of the runtime that made them for as long as
//! they live, so a runtime cannot escape its limit by allocating shared buffers.
//!
//! QuickJS's own `Atomics.wait` blocks on a condition variable that nothing but a notify
//! ends: a timeout or a cancel token could not stop it. Such runtimes get their own wait and
//! notify in every realm: the wait sleeps in slices and polls the runtime's interrupt frames
//! between them, so a run's timeout or token ends it like any other code.

use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use rquickjs::function::Opt;
use rquickjs::{qjs, Ctx, Exception, Function, Object, Value};

use crate::runtime::state::RuntimeState;

pub(crate) mod sharing;
pub(crate) use sharing::{enable, Sharing};
use sharing::{header, release};
use sharing::{AsyncWaiter, PendingWait};

/// The memory of a `SharedArrayBuffer`, held outside any runtime: send it to another thread
/// and [`crate::Context::set_shared_memory`] (or [`SharedMemory::to_value`] inside the lock)
/// gives a buffer there over the same bytes (not a copy). Both runtimes must be built with
/// [`crate::RuntimeBuilder::shared_memory`].
///
/// A growable buffer arrives as a fixed-length one of the length it had when taken.
///
/// ```
/// let rt = |_| jsvm::Runtime::builder().shared_memory(true).build().unwrap();
/// let (a, b) = (rt(0), rt(1));
/// a.main_context().eval::<()>("globalThis.sab = new SharedArrayBuffer(4)").unwrap();
/// let memory = a.main_context().get_shared_memory("sab").unwrap().unwrap();
/// assert_eq!(memory.len(), 4);
/// let other = b.new_empty_context(Default::default()).unwrap();
/// other.set_shared_memory("sab", &memory).unwrap();
/// other.eval::<()>("new Int32Array(sab)[0] = 42").unwrap();
/// assert_eq!(a.main_context().eval::<i32>("new Int32Array(sab)[0]").unwrap(), 42);
/// ```
pub struct SharedMemory {
    data: NonNull<u8>,
    len: usize,
}

// SAFETY: the bytes are shared by design (JavaScript reaches them through Atomics or races as
// on any engine); the header's count is atomic and its account an `Arc` of an atomic.
unsafe impl Send for SharedMemory {}
unsafe impl Sync for SharedMemory {}

impl SharedMemory {
    /// The memory of `value` if it is a SharedArrayBuffer of a runtime that shares memory: the
    /// in-lock form of [`crate::Context::get_shared_memory`].
    pub fn from_value(ctx: &Ctx<'_>, value: &Value<'_>) -> Option<SharedMemory> {
        let sharing = RuntimeState::of(ctx).sharing.clone()?;
        if !value.is_object()
            || unsafe { qjs::JS_GetClassID(value.as_raw()) } != sharing.class.get()
        {
            return None;
        }
        let mut len = 0;
        let data =
            unsafe { qjs::JS_GetArrayBuffer(ctx.as_raw().as_ptr(), &mut len, value.as_raw()) };
        let data = NonNull::new(data)?;
        unsafe { header(data.as_ptr()).refs.fetch_add(1, Ordering::Relaxed) };
        Some(SharedMemory {
            data,
            len: len as usize,
        })
    }

    /// A new SharedArrayBuffer of `ctx`'s runtime over this memory: the in-lock form of
    /// [`crate::Context::set_shared_memory`].
    pub fn to_value<'js>(&self, ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        if RuntimeState::of(ctx).sharing.is_none() {
            return Err(Exception::throw_type(
                ctx,
                "this runtime cannot hold shared memory",
            ));
        }
        // The engine takes its own reference through `sab_dup`.
        let raw = unsafe {
            qjs::JS_NewArrayBuffer(
                ctx.as_raw().as_ptr(),
                self.data.as_ptr(),
                self.len as _,
                0,
                None,
                std::ptr::null_mut(),
                true,
            )
        };
        let value = unsafe { Value::from_raw(ctx.clone(), raw) };
        if value.is_exception() {
            return Err(rquickjs::Error::Exception);
        }
        Ok(value)
    }

    /// The buffer's length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the buffer is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Clone for SharedMemory {
    fn clone(&self) -> Self {
        unsafe {
            header(self.data.as_ptr())
                .refs
                .fetch_add(1, Ordering::Relaxed)
        };
        SharedMemory {
            data: self.data,
            len: self.len,
        }
    }
}

impl Drop for SharedMemory {
    fn drop(&mut self) {
        unsafe { release(self.data.as_ptr()) };
    }
}

impl std::fmt::Debug for SharedMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedMemory")
            .field("len", &self.len)
            .finish()
    }
}

// ---- Atomics.wait / Atomics.notify ----------------------------------------------------------

/// Waits, by id and address, in the order they began: a thread's `Atomics.wait`, or an
/// `Atomics.waitAsync` (its waiter, which a notify marks and whose runtime it wakes).
struct Waiters {
    list: Mutex<Vec<Waiter>>,
    woken: Condvar,
}

/// A wait on the list: its id, its element's address, and an async wait's waiter.
type Waiter = (u64, usize, Option<Arc<AsyncWaiter>>);

static WAITERS: Waiters = Waiters {
    list: Mutex::new(Vec::new()),
    woken: Condvar::new(),
};
static NEXT_WAITER: AtomicU64 = AtomicU64::new(1);

/// How long a wait sleeps between two looks at its runtime's interrupt frames.
const WAIT_SLICE: Duration = Duration::from_millis(5);

// The engine's typed array kinds (JSTypedArrayEnum).
const TYPED_INT32: i32 = 5;
const TYPED_BIG_INT64: i32 = 7;
const TYPED_NAMES: [&str; 12] = [
    "Uint8ClampedArray",
    "Int8Array",
    "Uint8Array",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "BigInt64Array",
    "BigUint64Array",
    "Float16Array",
    "Float32Array",
    "Float64Array",
];

/// An element of an Int32Array or BigInt64Array: its address, width, and whether its buffer
/// is shared.
struct Cell {
    addr: usize,
    wide: bool,
    shared: bool,
}

fn describe(v: &Value<'_>) -> String {
    let kind = unsafe { qjs::JS_GetTypedArrayType(v.as_raw()) };
    match usize::try_from(kind).ok().and_then(|k| TYPED_NAMES.get(k)) {
        Some(name) => format!("[object {name}]"),
        None if v.is_object() => "#<Object>".into(),
        None => v
            .as_string()
            .and_then(|s| s.to_string().ok())
            .unwrap_or_else(|| format!("{:?}", v.type_of()).to_lowercase()),
    }
}

fn to_number<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> rquickjs::Result<f64> {
    let mut d = 0.0;
    if unsafe { qjs::JS_ToFloat64(ctx.as_raw().as_ptr(), &mut d, v.as_raw()) } < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(d)
}

/// Validates the array and index as the spec's ValidateIntegerTypedArray and
/// ValidateAtomicAccess do; the address is taken after every conversion.
fn cell<'js>(ctx: &Ctx<'js>, ta: &Value<'js>, index: &Value<'js>) -> rquickjs::Result<Cell> {
    let kind = unsafe { qjs::JS_GetTypedArrayType(ta.as_raw()) };
    if kind != TYPED_INT32 && kind != TYPED_BIG_INT64 {
        return Err(Exception::throw_type(
            ctx,
            &format!("{} is not an int32 or BigInt64 typed array.", describe(ta)),
        ));
    }
    let i = to_number(ctx, index)?;
    let i = if i.is_nan() { 0.0 } else { i.trunc() };
    let c = ctx.as_raw().as_ptr();
    let (mut offset, mut length, mut width) = (0, 0, 0);
    let buffer = unsafe {
        let raw = qjs::JS_GetTypedArrayBuffer(c, ta.as_raw(), &mut offset, &mut length, &mut width);
        Value::from_raw(ctx.clone(), raw)
    };
    if buffer.is_exception() {
        return Err(rquickjs::Error::Exception);
    }
    let count = length.checked_div(width).unwrap_or(0);
    if !(0.0..count as f64).contains(&i) {
        return Err(Exception::throw_range(ctx, "Invalid atomic access index"));
    }
    let shared = RuntimeState::of(ctx)
        .sharing
        .as_ref()
        .is_some_and(|s| unsafe { qjs::JS_GetClassID(buffer.as_raw()) } == s.class.get());
    let mut size = 0;
    let data = unsafe { qjs::JS_GetArrayBuffer(c, &mut size, buffer.as_raw()) };
    if data.is_null() {
        return Err(rquickjs::Error::Exception);
    }
    Ok(Cell {
        addr: data as usize + offset as usize + i as usize * width as usize,
        wide: kind == TYPED_BIG_INT64,
        shared,
    })
}

/// The element a wait is for, the value it expects, and its timeout (ms, and when it ends),
/// checked and converted as the spec's `DoWait` does.
#[allow(clippy::type_complexity)]
fn wait_arguments<'js>(
    ctx: &Ctx<'js>,
    ta: Opt<Value<'js>>,
    index: Opt<Value<'js>>,
    value: Opt<Value<'js>>,
    timeout: Opt<Value<'js>>,
) -> rquickjs::Result<(Cell, i64, f64, Option<Instant>)> {
    let ctx = ctx.clone();
    let undefined = || Value::new_undefined(ctx.clone());
    let ta = ta.0.unwrap_or_else(undefined);
    let index = index.0.unwrap_or_else(undefined);
    let value = value.0.unwrap_or_else(undefined);
    let timeout = timeout.0.unwrap_or_else(undefined);
    let first = cell(&ctx, &ta, &index)?;
    if !first.shared {
        return Err(Exception::throw_type(
            &ctx,
            &format!("{} is not a shared typed array.", describe(&ta)),
        ));
    }
    let c = ctx.as_raw().as_ptr();
    let expected = if first.wide {
        let mut v = 0i64;
        if unsafe { qjs::JS_ToBigInt64(c, &mut v, value.as_raw()) } < 0 {
            return Err(rquickjs::Error::Exception);
        }
        v
    } else {
        let mut v = 0i32;
        if unsafe { qjs::JS_ToInt32(c, &mut v, value.as_raw()) } < 0 {
            return Err(rquickjs::Error::Exception);
        }
        v as i64
    };
    let t = if timeout.is_undefined() {
        f64::INFINITY
    } else {
        to_number(&ctx, &timeout)?
    };
    let t = if t.is_nan() {
        f64::INFINITY
    } else {
        t.max(0.0)
    };
    let deadline = (t.is_finite() && t < 1e15)
        .then(|| Instant::now().checked_add(Duration::from_secs_f64(t / 1000.0)))
        .flatten();
    // Conversions above may have run code: the element is looked up again (a SharedArrayBuffer
    // is never detached, but a growable one's views may have changed).
    let at = cell(&ctx, &ta, &index)?;
    Ok((at, expected, t, deadline))
}

/// The element's value now.
///
/// # Safety
/// `at` came from [`cell`] on a buffer its caller keeps alive.
unsafe fn load(at: &Cell) -> i64 {
    if at.wide {
        AtomicI64::from_ptr(at.addr as *mut i64).load(Ordering::SeqCst)
    } else {
        AtomicI32::from_ptr(at.addr as *mut i32).load(Ordering::SeqCst) as i64
    }
}

fn wait<'js>(
    ctx: Ctx<'js>,
    ta: Opt<Value<'js>>,
    index: Opt<Value<'js>>,
    value: Opt<Value<'js>>,
    timeout: Opt<Value<'js>>,
) -> rquickjs::Result<&'static str> {
    let (at, expected, t, deadline) = wait_arguments(&ctx, ta, index, value, timeout)?;
    let interrupts = RuntimeState::of(&ctx).interrupts.clone();
    let id = NEXT_WAITER.fetch_add(1, Ordering::Relaxed);
    let mut list = WAITERS.list.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: `cell` checked the element lies in the buffer, which this call's arguments keep
    // alive; shared memory is only ever accessed atomically by Atomics.
    let current = unsafe { load(&at) };
    if current != expected {
        return Ok("not-equal");
    }
    list.push((id, at.addr, None));
    loop {
        if !list.iter().any(|&(w, ..)| w == id) {
            return Ok("ok");
        }
        let now = Instant::now();
        let expired = deadline.is_some_and(|d| now >= d) || t == 0.0;
        let stop = !expired && interrupts.poll();
        if expired || stop {
            list.retain(|&(w, ..)| w != id);
            drop(list);
            return if stop {
                Err(crate::interrupt::throw_interrupted(&ctx))
            } else {
                Ok("timed-out")
            };
        }
        let slice = deadline.map_or(WAIT_SLICE, |d| (d - now).min(WAIT_SLICE));
        list = match WAITERS.woken.wait_timeout(list, slice) {
            Ok((l, _)) => l,
            Err(e) => e.into_inner().0,
        };
    }
}

fn notify<'js>(
    ctx: Ctx<'js>,
    ta: Opt<Value<'js>>,
    index: Opt<Value<'js>>,
    count: Opt<Value<'js>>,
) -> rquickjs::Result<i32> {
    let undefined = || Value::new_undefined(ctx.clone());
    let ta = ta.0.unwrap_or_else(undefined);
    let index = index.0.unwrap_or_else(undefined);
    let count = count.0.unwrap_or_else(undefined);
    let at = cell(&ctx, &ta, &index)?;
    let n = if count.is_undefined() {
        f64::INFINITY
    } else {
        let n = to_number(&ctx, &count)?;
        if n.is_nan() {
            0.0
        } else {
            n.trunc().max(0.0)
        }
    };
    if !at.shared {
        return Ok(0);
    }
    let mut list = WAITERS.list.lock().unwrap_or_else(|e| e.into_inner());
    let mut woken = 0i32;
    let mut asynchronous = Vec::new();
    list.retain_mut(|(_, addr, waiter)| {
        if *addr == at.addr && f64::from(woken) < n && woken < i32::MAX {
            woken += 1;
            asynchronous.extend(waiter.take());
            false
        } else {
            true
        }
    });
    drop(list);
    if woken > 0 {
        WAITERS.woken.notify_all();
    }
    for waiter in asynchronous {
        waiter.notify();
    }
    Ok(woken)
}

/// Takes the waits whose id `which` picks off the list of waiters; how many it took.
pub(crate) fn forget_waiters(which: impl Fn(u64) -> bool) -> usize {
    let mut list = WAITERS.list.lock().unwrap_or_else(|e| e.into_inner());
    let before = list.len();
    list.retain(|(id, ..)| !which(*id));
    before - list.len()
}

/// Registers a wait of the runtime of `ctx` (listed as waiter `id` by the caller, under the
/// list's lock): its promise is resolved by [`settle_async_waits`] once notified or due.
/// Returns the waiter to list, and the promise.
fn register_async_wait<'js>(
    ctx: &Ctx<'js>,
    id: u64,
    deadline: Option<Instant>,
) -> rquickjs::Result<(Arc<AsyncWaiter>, Value<'js>)> {
    let state = RuntimeState::of(ctx);
    let c = ctx.as_raw().as_ptr();
    let mut funcs = [qjs::JS_UNDEFINED; 2];
    let promise = unsafe { qjs::JS_NewPromiseCapability(c, funcs.as_mut_ptr()) };
    if unsafe { qjs::JS_IsException(promise) } {
        return Err(rquickjs::Error::Exception);
    }
    unsafe { qjs::JS_FreeValue(c, funcs[1]) };
    let waiter = Arc::new(AsyncWaiter {
        notified: AtomicBool::new(false),
        wake: state.async_waits.wake.borrow().clone(),
    });
    state.async_waits.pending.borrow_mut().push(PendingWait {
        id,
        waiter: waiter.clone(),
        deadline,
        resolve: funcs[0],
    });
    Ok((waiter, unsafe { Value::from_raw(ctx.clone(), promise) }))
}

/// What `Atomics.waitAsync` returns: `{ async, value }`, in the calling realm.
fn wait_result<'js>(
    ctx: &Ctx<'js>,
    asynchronous: bool,
    value: Value<'js>,
) -> rquickjs::Result<Object<'js>> {
    let result = Object::new(ctx.clone())?;
    result.set("async", asynchronous)?;
    result.set("value", value)?;
    Ok(result)
}

/// `Atomics.waitAsync(typedArray, index, value, timeout)`: as [`wait`]'s checks and
/// conversions; a wait that cannot begin (not equal, a zero timeout) answers at once, any
/// other is a promise (`wait_async.rs` settles it).
fn wait_async<'js>(
    ctx: Ctx<'js>,
    ta: Opt<Value<'js>>,
    index: Opt<Value<'js>>,
    value: Opt<Value<'js>>,
    timeout: Opt<Value<'js>>,
) -> rquickjs::Result<Object<'js>> {
    let (at, expected, t, deadline) = wait_arguments(&ctx, ta, index, value, timeout)?;
    let id = NEXT_WAITER.fetch_add(1, Ordering::Relaxed);
    let mut list = WAITERS.list.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: as in `wait`.
    let current = unsafe { load(&at) };
    let word = |w: &str| rquickjs::String::from_str(ctx.clone(), w).map(|s| s.into_value());
    if current != expected {
        drop(list);
        return wait_result(&ctx, false, word("not-equal")?);
    }
    if t == 0.0 {
        drop(list);
        return wait_result(&ctx, false, word("timed-out")?);
    }
    let (waiter, promise) = register_async_wait(&ctx, id, deadline)?;
    list.push((id, at.addr, Some(waiter)));
    drop(list);
    wait_result(&ctx, true, promise)
}

/// Puts this module's wait and notify on a realm's `Atomics` (made in that realm).
pub(crate) fn install_atomics(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let Ok(atomics) = ctx.globals().get::<_, Object>("Atomics") else {
        return Ok(());
    };
    install_atomics_on(ctx, &atomics)
}

/// For a realm's `Atomics` made on first use (sandbox/lazy_groups.rs, through `realm::GroupMaker`): the
/// same on the object itself (borrowed). False on an exception.
pub(crate) unsafe fn install_atomics_raw(
    ctx: *mut rquickjs::qjs::JSContext,
    atomics: rquickjs::qjs::JSValue,
) -> bool {
    let Some(realm) = std::ptr::NonNull::new(ctx) else {
        return false;
    };
    let c = Ctx::from_raw(realm);
    let value = rquickjs::Value::from_raw(c.clone(), rquickjs::qjs::JS_DupValue(ctx, atomics));
    match value.into_object() {
        Some(o) => install_atomics_on(&c, &o).is_ok(),
        None => true,
    }
}

/// The same, on a realm's `Atomics` object itself.
pub(crate) fn install_atomics_on<'js>(
    ctx: &Ctx<'js>,
    atomics: &Object<'js>,
) -> rquickjs::Result<()> {
    let own = |f: Function<'js>| crate::realm::own_realm_function(ctx, f);
    atomics.set(
        "wait",
        own(Function::new(ctx.clone(), wait)?
            .with_name("wait")?
            .with_length(4)?)?,
    )?;
    atomics.set(
        "notify",
        own(Function::new(ctx.clone(), notify)?
            .with_name("notify")?
            .with_length(3)?)?,
    )?;
    // A method as the others (not enumerable): QuickJS has none of its own.
    atomics.prop(
        "waitAsync",
        rquickjs::object::Property::from(own(Function::new(ctx.clone(), wait_async)?
            .with_name("waitAsync")?
            .with_length(4)?)?)
        .writable()
        .configurable(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, RunOptions, Runtime, RuntimeThread};

    fn shared() -> Runtime {
        Runtime::builder().shared_memory(true).build().unwrap()
    }

    fn live_bytes(rt: &Runtime) -> usize {
        rt.with_ctx(|ctx| {
            let state = RuntimeState::of(&ctx);
            let sharing = state.sharing.as_ref().unwrap();
            sharing.account.load(Ordering::Relaxed)
        })
    }

    #[test]
    fn a_wait_on_one_thread_ends_with_a_notify_from_another() {
        let a = shared();
        let memory = a.with_ctx(|ctx| {
            let sab = ctx
                .eval("globalThis.i = new Int32Array(new SharedArrayBuffer(8)); i.buffer")
                .unwrap();
            SharedMemory::from_value(&ctx, &sab).unwrap()
        });
        let t = RuntimeThread::spawn(Runtime::builder().shared_memory(true), "waiter", move |rt, _| {
            let rt = rt.unwrap();
            rt.with_ctx(|ctx| {
                let sab = memory.to_value(&ctx).unwrap();
                ctx.globals().set("sab", sab).unwrap();
            });
            drop(memory);
            rt.main_context()
                .eval::<String>("const i = new Int32Array(sab); [Atomics.wait(i, 0, 0), Atomics.load(i, 1)].join()")
                .unwrap()
        })
        .unwrap();
        // Stores, then notifies until the waiter was there to be woken.
        let woken: i32 = a
            .main_context()
            .eval("Atomics.store(i, 1, 7); Atomics.store(i, 0, 1); let n = 0; for (let k = 0; k < 1e6 && n === 0; k++) n = Atomics.notify(i, 0); n")
            .unwrap();
        let got = t.join().unwrap();
        // The waiter either slept and was woken, or saw the store first.
        assert!(
            (woken == 1 && got == "ok,7") || (woken == 0 && got == "not-equal,7"),
            "{woken} {got}"
        );
    }

    #[test]
    fn a_timeout_or_a_token_ends_a_wait_that_nothing_notifies() {
        let rt = shared();
        let ctx = rt.main_context();
        let script = rt
            .with_ctx(|c| {
                crate::Script::compile(
                    &c,
                    "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)",
                    Default::default(),
                )
            })
            .unwrap();
        let timed = RunOptions {
            timeout_ms: Some(30),
            ..Default::default()
        };
        assert_eq!(
            ctx.run::<()>(&script, &timed),
            Err(Error::Timeout { ms: 30 })
        );
        let token = crate::CancelToken::new();
        let t = token.clone();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            t.cancel();
        });
        let cancelled = RunOptions {
            cancel: Some(token),
            ..Default::default()
        };
        assert_eq!(ctx.run::<()>(&script, &cancelled), Err(Error::Interrupted));
        stopper.join().unwrap();
        // A plain timed wait and the checks of its arguments.
        assert_eq!(
            ctx.eval::<String>(
                "const i = new Int32Array(new SharedArrayBuffer(8)); \
                 [Atomics.wait(i, 0, 1), Atomics.wait(i, 0, 0, 1), Atomics.notify(i, 0)].join()"
            )
            .unwrap(),
            "not-equal,timed-out,0"
        );
        let e = ctx
            .eval::<String>("try { Atomics.wait(new Int32Array(4), 0, 0) } catch (e) { e.message }")
            .unwrap();
        assert_eq!(e, "[object Int32Array] is not a shared typed array.");
    }

    #[test]
    fn the_memory_lives_while_any_holder_does_and_counts_for_its_maker() {
        let rt = shared();
        let memory = rt.with_ctx(|ctx| {
            let sab = ctx
                .eval("globalThis.s = new SharedArrayBuffer(1 << 20); s")
                .unwrap();
            SharedMemory::from_value(&ctx, &sab).unwrap()
        });
        assert_eq!(live_bytes(&rt), 1 << 20);
        rt.main_context().eval::<()>("s = null").unwrap();
        rt.run_gc();
        assert_eq!(live_bytes(&rt), 1 << 20, "the handle still holds it");
        let other = shared();
        other.with_ctx(|ctx| {
            let v = memory.to_value(&ctx).unwrap();
            ctx.globals().set("t", v).unwrap();
        });
        drop(memory);
        assert_eq!(live_bytes(&rt), 1 << 20, "the other runtime still holds it");
        drop(other);
        assert_eq!(live_bytes(&rt), 0);
        // Past the maker's limit, a buffer is refused like any allocation.
        let small = Runtime::builder()
            .shared_memory(true)
            .memory_limit(8 << 20)
            .build()
            .unwrap();
        let r = small
            .main_context()
            .eval::<String>("const k = []; try { for (;;) k.push(new SharedArrayBuffer(1 << 20)); } catch (e) { k.length = 0; String(e) }")
            .unwrap();
        // V8's refusal, a RangeError of the realm whose constructor ran.
        assert_eq!(r, "RangeError: Array buffer allocation failed");
    }

    #[test]
    fn without_sharing_nothing_blocks_or_escapes() {
        let rt = Runtime::new().unwrap();
        rt.with_ctx(|ctx| {
            let sab = ctx.eval("new SharedArrayBuffer(4)").unwrap();
            assert!(SharedMemory::from_value(&ctx, &sab).is_none());
        });
        let e = rt
            .main_context()
            .eval::<String>("try { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0) } catch (e) { e.message }")
            .unwrap();
        assert_eq!(e, "cannot block in this thread");
    }
}
