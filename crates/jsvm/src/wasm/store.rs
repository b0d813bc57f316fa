//! One realm's WebAssembly store (wasmi): its limits and how code runs in it.
//!
//! Every realm that uses WebAssembly gets one wasmi `Store`, holding the instances, memories and
//! host functions the realm made: wasm objects of one realm never link with another's. The
//! store's growth (memories, tables), the code it compiles and the instances it makes ask the
//! runtime's memory limit first ([`Limiter`]), and the bytes stay charged to the runtime's heap
//! until the store is dropped (wasmi frees compiled code and instances only then). Calls run on fuel,
//! in slices: between two slices the runtime's interrupt frames are polled, so a run's timeout
//! or cancel token ends wasm code as it ends JavaScript.

use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::rc::Rc;

use wasmi::{AsContextMut, Caller, Engine, Func, ResumableCall, Store, StoreContextMut, Val};

use crate::allocator::HeapLimit;
use crate::interrupt::Interrupts;

/// Fuel of one slice: about a hundred thousand instructions (a fraction of a millisecond)
/// between two polls of the interrupt frames.
const FUEL_SLICE: u64 = 100_000;

/// Nested wasm calls (wasm to wasm) before a call traps with a stack overflow: far below what
/// the engine's own stack allows, as V8's limit is.
const MAX_RECURSION: usize = 10_000;

/// Instances, tables and memories a store may hold (wasmi's default).
const DEFAULT_COUNT: usize = 10_000;

/// Bytes a table element is charged (wasmi keeps a reference per element).
const TABLE_ELEMENT_BYTES: usize = 16;

/// V8's bound on a table's size (its `kV8MaxWasmTableSize`).
pub(crate) const MAX_TABLE_ELEMENTS: usize = 10_000_000;

/// A new engine, for one realm's store. Each realm has its own: wasmi's engine keeps every
/// function it compiled (and every function type) until it is dropped itself, so the one engine
/// of the process this was once grew with each module any runtime compiled, never freed (a
/// loop compiling a module of 10^5 functions added 16 MiB a turn, outside every memory limit).
/// A realm's engine goes with its store and the last module compiled in it.
pub(crate) fn new_engine() -> Engine {
    let mut config = wasmi::Config::default();
    config.consume_fuel(true);
    // Every function translated when the module is compiled: lazily, a function's first
    // call pays its translation in fuel, which a call nested in a host call cannot resume
    // after (wasmi reports it as an error), and V8 reports invalid code at compilation.
    config.compilation_mode(wasmi::CompilationMode::Eager);
    config.set_max_recursion_depth(MAX_RECURSION);
    // Fixed-width SIMD, which V8 in Node 20 has (undici's llhttp_simd, @mswjs/interceptors'
    // parser); not relaxed SIMD, which it does not.
    config.wasm_simd(true);
    config.wasm_relaxed_simd(false);
    Engine::new(&config)
}

/// Grows a store's memories and tables only as far as the runtime's memory limit allows;
/// what it admitted stays charged to the runtime's heap until the store goes.
pub(crate) struct Limiter {
    heap: Rc<HeapLimit>,
    /// Bytes charged for this store.
    held: usize,
    /// The last growth admitted, taken back if the store then failed to grow.
    last: usize,
    /// Whether the last growth was refused for the limit (not for a declared maximum).
    pub(crate) refused: bool,
}

impl Limiter {
    fn admit(&mut self, extra: usize) -> bool {
        self.last = 0;
        if !self.heap.charge(extra) {
            self.refused = true;
            return false;
        }
        self.held += extra;
        self.last = extra;
        true
    }
    /// Charges `bytes` the store holds for good (compiled code, instances: wasmi frees neither
    /// before the store goes), if the limit admits them.
    pub(crate) fn hold(&mut self, bytes: usize) -> bool {
        self.refused = false;
        self.admit(bytes)
    }
    fn undo_last(&mut self) {
        self.heap.release(self.last);
        self.held -= self.last;
        self.last = 0;
    }
}

impl Drop for Limiter {
    fn drop(&mut self) {
        self.heap.release(self.held);
    }
}

impl Limiter {
    /// A memory or table growing from `current` to `desired` units (bytes, elements) of
    /// `unit` bytes each, within its declared `maximum`.
    fn growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
        unit: usize,
    ) -> bool {
        self.refused = false;
        if maximum.is_some_and(|m| desired > m) {
            return false;
        }
        self.admit(desired.saturating_sub(current).saturating_mul(unit))
    }
}

impl wasmi::ResourceLimiter for Limiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool, wasmi_core::LimiterError> {
        Ok(self.growing(current, desired, maximum, 1))
    }
    fn memory_grow_failed(
        &mut self,
        _error: &wasmi::errors::MemoryError,
    ) -> Result<(), wasmi_core::LimiterError> {
        self.undo_last();
        Ok(())
    }
    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> Result<bool, wasmi_core::LimiterError> {
        // V8's bound on a table's elements, whatever its declared maximum: past it a grow fails
        // (wasm's `table.grow` answers -1) without meeting the memory limit.
        if desired > MAX_TABLE_ELEMENTS {
            self.refused = false;
            return Ok(false);
        }
        Ok(self.growing(current, desired, maximum, TABLE_ELEMENT_BYTES))
    }
    fn table_grow_failed(
        &mut self,
        _error: &wasmi::errors::TableError,
    ) -> Result<(), wasmi_core::LimiterError> {
        self.undo_last();
        Ok(())
    }
    fn instances(&self) -> usize {
        DEFAULT_COUNT
    }
    fn tables(&self) -> usize {
        DEFAULT_COUNT
    }
    fn memories(&self) -> usize {
        DEFAULT_COUNT
    }
}

/// The data addresses of the ArrayBuffers handed out over wasm memories, with how many
/// (`wasm::WasmHost::buffers`, `wasm::guard_transfer`).
pub(crate) type Buffers = Rc<RefCell<std::collections::HashMap<usize, usize>>>;

/// What a store's host functions reach: the realm whose imports they call (set when the
/// realm's record is made, see wasm.rs) and the limiter.
pub(crate) struct Host {
    /// The realm's record (`wasm::WasmRealm`), alive while its functions can be called.
    pub(crate) realm: *const c_void,
    pub(crate) limiter: Limiter,
}

/// A realm's store, shared by the realm's record and the ArrayBuffers over its memories (which
/// keep the memory's bytes alive after the record is gone).
pub(crate) struct Shared {
    pub(crate) store: RefCell<Store<Host>>,
    /// The innermost host call in progress (a `Caller<Host>`): while wasm runs, the store is
    /// borrowed by the call, and code the host function runs reaches the store through it.
    active: Cell<*mut c_void>,
    pub(crate) interrupts: Rc<Interrupts>,
    /// The runtime's ArrayBuffers over wasm memories.
    pub(crate) buffers: Buffers,
}

impl Shared {
    pub(crate) fn new(
        heap: Rc<HeapLimit>,
        interrupts: Rc<Interrupts>,
        buffers: Buffers,
    ) -> Rc<Shared> {
        let mut store = Store::new(
            &new_engine(),
            Host {
                realm: std::ptr::null(),
                limiter: Limiter {
                    heap,
                    held: 0,
                    last: 0,
                    refused: false,
                },
            },
        );
        store.limiter(|host| &mut host.limiter);
        Rc::new(Shared {
            store: RefCell::new(store),
            active: Cell::new(std::ptr::null_mut()),
            interrupts,
            buffers,
        })
    }

    /// Runs `f` on the store: the store itself, or, while wasm code runs (JavaScript called by
    /// it), the innermost host call's view of it. `None` when it cannot be reached (never
    /// expected).
    pub(crate) fn with<R>(&self, f: impl FnOnce(StoreContextMut<'_, Host>) -> R) -> Option<R> {
        let active = self.active.get();
        if !active.is_null() {
            // SAFETY: set by `enter_host` for the duration of a host call whose `Caller` it
            // points to; host calls nest, and each restores the previous one.
            let caller = unsafe { &mut *active.cast::<Caller<'static, Host>>() };
            return Some(f(caller.as_context_mut()));
        }
        let mut store = self.store.try_borrow_mut().ok()?;
        Some(f(store.as_context_mut()))
    }

    /// The store's engine (what its modules must be compiled with).
    pub(crate) fn engine(&self) -> Option<Engine> {
        self.with(|s| s.engine().clone())
    }

    /// Makes `caller` the store's view while `f` runs (JavaScript called from wasm).
    pub(crate) fn enter_host<R>(&self, caller: &mut Caller<'_, Host>, f: impl FnOnce() -> R) -> R {
        let previous = self
            .active
            .replace((caller as *mut Caller<'_, Host>).cast::<c_void>());
        let r = f();
        self.active.set(previous);
        r
    }
}

/// Why a call did not finish.
pub(crate) enum Failure {
    /// A trap, a host function's error (JavaScript threw: its exception is pending), or a
    /// refusal.
    Wasm(wasmi::Error),
    /// A frame of the runtime is due: the run stops.
    Interrupted,
    /// The store could not be reached.
    Busy,
}

/// Calls `func` with `inputs`, its results into `outputs`, on fuel in slices with a poll of
/// the interrupt frames between them.
pub(crate) fn call(
    shared: &Shared,
    func: &Func,
    inputs: &[Val],
    outputs: &mut [Val],
) -> Result<(), Failure> {
    let r = shared.with(|mut store| {
        store.set_fuel(FUEL_SLICE).map_err(Failure::Wasm)?;
        let mut state = func
            .call_resumable(&mut store, inputs, outputs)
            .map_err(Failure::Wasm)?;
        loop {
            match state {
                ResumableCall::Finished => return Ok(()),
                ResumableCall::HostTrap(trap) => return Err(Failure::Wasm(trap.into_host_error())),
                ResumableCall::OutOfFuel(more) => {
                    if shared.interrupts.poll() {
                        // The stop's uncatchable error must get its memory, as when the
                        // engine's interrupt handler stops a run.
                        store.data().limiter.heap.grant_for_stop();
                        return Err(Failure::Interrupted);
                    }
                    let fuel = FUEL_SLICE.max(more.required_fuel());
                    store.set_fuel(fuel).map_err(Failure::Wasm)?;
                    state = more.resume(&mut store, outputs).map_err(Failure::Wasm)?;
                }
            }
        }
    });
    r.unwrap_or(Err(Failure::Busy))
}
