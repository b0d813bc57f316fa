//! The runtime: one engine heap (a V8 isolate in Node's terms), its limits, and its main context.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use rquickjs::{qjs, Ctx, Object, Persistent};

use crate::context::owned::Context;
use crate::error::{Error, Result};
use crate::interrupt::Interrupts;
use crate::sandbox::{classes::register_classes, layout::layout_holds, lazy_groups::ensure_group};

pub(crate) mod state;
use state::RuntimeState;
use state::{GcPacer, StateSlot};

/// Settings for a new [`Runtime`].
///
/// ```
/// let rt = jsvm::Runtime::builder()
///     .memory_limit(64 << 20)
///     .max_stack_size(512 << 10)
///     .build()
///     .unwrap();
/// assert_eq!(rt.main_context().eval::<i32>("6 * 7").unwrap(), 42);
/// ```
#[derive(Clone, Debug, Default)]
pub struct RuntimeBuilder {
    memory_limit: Option<usize>,
    max_stack_size: Option<usize>,
    gc_headroom: Option<usize>,
    host_timeout: Option<Option<Duration>>,
    /// The key given to `cached_data_key`, if any (checked by `build`).
    cached_data_key: Option<Result<crate::cached_data::DataKey, usize>>,
    /// `Some(false)`: every context gets all its builtins at creation.
    lazy_builtins: Option<bool>,
    language_level: crate::LanguageLevel,
    shared_memory: bool,
    on_heap_full: Option<HeapFullHook>,
}

/// The hook given to [`RuntimeBuilder::on_heap_full`].
#[derive(Clone)]
struct HeapFullHook(crate::allocator::FullHook);

impl std::fmt::Debug for HeapFullHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HeapFullHook")
    }
}

/// How long the library lets JavaScript run on the host's behalf when no run's limit covers it
/// (see [`RuntimeBuilder::host_timeout`]).
pub const DEFAULT_HOST_TIMEOUT: Duration = Duration::from_secs(1);

/// Native stack a thread keeps past the engine's limit when the limit is cut to fit it: the
/// frames the engine and the library run beyond the engine's checks (making the `RangeError`
/// and its stack); the `jsvm` command keeps as much below its main thread's limit.
const STACK_MARGIN: usize = 1 << 20;

/// The engine's stack limit for a request of `requested` bytes on the calling thread (where
/// the engine measures its stack from): at most what the thread's stack has left below here,
/// less [`STACK_MARGIN`]. A limit past the real stack lets recursion overflow it (a crash of
/// the process) before the engine's check fires.
fn stack_limit_for_this_thread(requested: usize) -> usize {
    let here = &requested as *const usize as usize;
    let left = crate::script::stack_limit::thread_stack().map(|(low, _)| here.saturating_sub(low));
    match left {
        Some(left) => requested.min(left.saturating_sub(STACK_MARGIN).max(64 << 10)),
        // Unknown: what rquickjs would accept.
        None => requested.min(16 << 20),
    }
}

impl RuntimeBuilder {
    /// Caps the bytes the engine heap may allocate; past it, allocation fails with
    /// [`Error::OutOfMemory`] instead of growing.
    pub fn memory_limit(mut self, bytes: usize) -> Self {
        self.memory_limit = Some(bytes);
        self
    }
    /// Caps the native stack JavaScript may use; deeper recursion is a
    /// `RangeError: Maximum call stack size exceeded`. The cap is cut to what the stack of the
    /// thread that builds the runtime has left (less a margin for native frames), so that
    /// recursion meets the error before the thread's real stack ends.
    pub fn max_stack_size(mut self, bytes: usize) -> Self {
        self.max_stack_size = Some(bytes);
        self
    }
    /// At least this many bytes of heap growth between two cycle collections (see
    /// the GC pacer in `runtime.rs`). Larger: fewer collections, more garbage held between them.
    pub fn gc_headroom(mut self, bytes: usize) -> Self {
        self.gc_headroom = Some(bytes);
        self
    }
    /// Bounds the JavaScript the library runs on its own when no run's timeout covers it:
    /// describing a thrown value and converting a result after a run without a timeout,
    /// [`Context::get`](crate::Context::get) and the other owned-context accessors (getters,
    /// proxy traps, `toJSON`), and promise jobs and finalizer callbacks run by
    /// [`Runtime::run_jobs`]. Past it they fail with [`Error::Timeout`]. Default
    /// [`DEFAULT_HOST_TIMEOUT`]; `None` removes the bound (a host whose jobs are its own program,
    /// like the `jsvm` command).
    pub fn host_timeout(mut self, limit: Option<Duration>) -> Self {
        self.host_timeout = Some(limit);
        self
    }
    /// Authenticates cached data with `key` (at least 16 bytes; use 32 random ones): cached
    /// data this runtime makes carries an HMAC-SHA256 tag taken with the key over all of the
    /// data, and cached data given to it is verified (in constant time) before any byte of it
    /// reaches the engine's bytecode reader. Data without a valid tag (forged, altered, made
    /// without a key or with another key) is rejected as damaged data is: the script compiles
    /// from source and reports its cached data rejected (a module fails with
    /// `ERR_VM_MODULE_CACHED_DATA_REJECTED`, as in Node). Without a key, the checksum in the
    /// data detects accidents only, and data crafted to pass it can crash the process.
    ///
    /// # What remains trusted
    ///
    /// - The key and everyone who holds it: data made by any runtime with this key (or by
    ///   anyone who has the key) is read as it is, and QuickJS's bytecode reader trusts what
    ///   it reads, so keep the key as you would a code-signing key, never where the data is.
    /// - The engine: data is authenticated, not checked for sense; genuine data made by this
    ///   build of the library is what the reader expects.
    /// - Bytecode a runtime makes and keeps in the process (a script's compiled form shared
    ///   between contexts) is never tagged: it never leaves the process.
    /// - Without a key, whatever store the data comes from: load it only from where you would
    ///   load code.
    ///
    /// The tag authenticates; it does not hide: the data still holds the source text.
    /// [`build`](Self::build) fails with [`Error::InvalidArgument`] for a key shorter than
    /// 16 bytes.
    pub fn cached_data_key(mut self, key: impl AsRef<[u8]>) -> Self {
        let key = key.as_ref();
        self.cached_data_key = Some(crate::cached_data::DataKey::new(key).ok_or(key.len()));
        self
    }
    /// Whether contexts get their less used builtins (`Date`, `Proxy`, `Map`/`Set`/`WeakMap`/
    /// `WeakSet`, typed arrays/`ArrayBuffer`/`DataView`/`Atomics`, `WeakRef`/
    /// `FinalizationRegistry`) on first use rather than at creation (default: on first use).
    /// Nothing a script can observe differs, apart from the figures of
    /// [`Runtime::memory_usage`]: a context is about 40 % smaller and faster to make until its
    /// code first names one of them (docs/design.md, "Builtins made on first use").
    ///
    /// ```
    /// let rt = jsvm::Runtime::builder().lazy_builtins(false).build().unwrap();
    /// let ctx = rt.new_context(&serde_json::json!({}), Default::default()).unwrap();
    /// assert_eq!(ctx.eval::<String>("typeof Map").unwrap(), "function");
    /// ```
    pub fn lazy_builtins(mut self, lazy: bool) -> Self {
        self.lazy_builtins = Some(lazy);
        self
    }
    /// Which of the engine's builtins the runtime's realms (the main one and every context's)
    /// keep: [`LanguageLevel::Full`](crate::LanguageLevel::Full), the default, all of them;
    /// [`LanguageLevel::Node20`](crate::LanguageLevel::Node20) only those of Node 20's V8, so
    /// that code feature-testing newer ones (`Object.groupBy`, `Set.prototype.union`,
    /// `Iterator`) or listing a realm's builtins sees what it sees under Node 20.
    ///
    /// ```
    /// let rt = jsvm::Runtime::builder()
    ///     .language_level(jsvm::LanguageLevel::Node20)
    ///     .build()
    ///     .unwrap();
    /// let main = rt.main_context();
    /// assert_eq!(main.eval::<String>("typeof Promise.withResolvers").unwrap(), "undefined");
    /// assert_eq!(main.eval::<String>("typeof Iterator").unwrap(), "undefined");
    /// ```
    pub fn language_level(mut self, level: crate::LanguageLevel) -> Self {
        self.language_level = level;
        self
    }
    /// Lets the runtime share `SharedArrayBuffer` memory with other runtimes that do (on other
    /// threads; see [`crate::SharedMemory`]), and makes `Atomics.wait` block (on Node's
    /// threads, the main one included, it does): without it, it throws, as in a browser's main
    /// thread. A waiting run stops at its timeout or token like running code does. The buffers'
    /// bytes count against the memory limit of the runtime that made them while they live.
    pub fn shared_memory(mut self, enabled: bool) -> Self {
        self.shared_memory = enabled;
        self
    }
    /// Calls `hook` the first time the heap is full: an allocation refused for the memory
    /// limit while the heap itself holds most of it (not one large request over it). It runs
    /// inside the allocator, on the runtime's thread, and must not touch the engine: cancel a
    /// token, set a flag. A host that treats a full heap as fatal, as Node does for a worker
    /// (code that catches its "out of memory" errors would otherwise go on at its limit),
    /// cancels the token its runs hold.
    pub fn on_heap_full(mut self, hook: impl Fn() + Send + Sync + 'static) -> Self {
        self.on_heap_full = Some(HeapFullHook(std::sync::Arc::new(hook)));
        self
    }
    /// The stack limit set by [`max_stack_size`](Self::max_stack_size), if any.
    pub fn stack_limit(&self) -> Option<usize> {
        self.max_stack_size
    }
    /// Creates the runtime.
    pub fn build(self) -> Result<Runtime> {
        let cached_data_key = match self.cached_data_key {
            Some(Err(len)) => {
                return Err(Error::InvalidArgument(format!(
                    "the cached data key must have at least {} bytes, not {len}",
                    crate::cached_data::MIN_KEY_LEN
                )))
            }
            Some(Ok(key)) => Some(key),
            None => None,
        };
        let interrupts = Rc::new(Interrupts::default());
        // The memory limit is the allocator's (see allocator.rs), not QuickJS's.
        let heap =
            crate::allocator::HeapLimit::new(self.memory_limit, self.on_heap_full.map(|h| h.0));
        let allocator = crate::allocator::EngineAllocator::new(interrupts.clone(), heap.clone());
        let rt = rquickjs::Runtime::new_with_alloc(allocator).map_err(Error::from)?;
        let gc_pacer = GcPacer::new(
            self.gc_headroom.unwrap_or(DEFAULT_GC_HEADROOM),
            self.memory_limit,
        );
        let handler_view = interrupts.clone();
        let heap_view = heap.clone();
        rt.set_interrupt_handler(Some(Box::new(move || {
            let stop = handler_view.poll();
            if stop {
                // The engine now makes its uncatchable error: it must get the memory.
                heap_view.grant_for_stop();
            }
            stop
        })));

        let main = rquickjs::Context::full(&rt).map_err(Error::from)?;
        heap.set_engine(main.get_runtime_ptr());
        main.with(|ctx| heap.probe_collection_phase(ctx.as_raw().as_ptr()));
        if let Some(size) = self.max_stack_size {
            // Set on the engine itself: rquickjs takes a limit over 16 MiB for no limit at all
            // (a worker's `stackSizeMb: 64` overflowed the thread's real stack and aborted the
            // process).
            let limit = stack_limit_for_this_thread(size);
            unsafe { qjs::JS_SetMaxStackSize(main.get_runtime_ptr(), limit as _) };
        }
        let last_match_class = main.with(|ctx| unsafe { crate::realm::register_last_match(&ctx) });
        let main_transfer = std::cell::RefCell::new(None);
        let walks = main.with(|ctx| unsafe {
            let c = ctx.as_raw().as_ptr();
            let global = qjs::JS_GetGlobalObject(c);
            if !crate::realm::add_regexp_legacy(c, last_match_class) {
                qjs::JS_FreeValue(c, global);
                return false;
            }
            let level = self.language_level;
            // `transfer` refusing buffers over wasm memory, kept for the host (a level may take
            // it out of JavaScript's reach: `engine::transfer_array_buffer`).
            if !crate::wasm::guard_transfer(c) {
                qjs::JS_FreeValue(c, global);
                return false;
            }
            // `JS_CLASS_ARRAY_BUFFER`'s prototype, of the pinned engine.
            let proto = qjs::JS_GetClassProto(c, 20);
            let transfer = qjs::JS_GetPropertyStr(c, proto, c"transfer".as_ptr());
            qjs::JS_FreeValue(c, proto);
            let transfer = rquickjs::Value::from_raw(ctx.clone(), transfer);
            if let Some(f) = transfer.into_function() {
                *main_transfer.borrow_mut() = Some(Persistent::save(&ctx, f));
            }
            if !crate::realm::trim_main(c, global, level) {
                qjs::JS_FreeValue(c, global);
                return false;
            }
            crate::realm::delete_from_async(c, global, level);
            crate::realm::delete_missing_globals(c, global, level);
            crate::realm::hook_main(qjs::JS_GetRuntime(c), c);
            crate::weak_preview::capture(c);
            let ok = crate::hole_walks::install(c, global)
                && crate::realm::keep_weak_ref_targets(c, global)
                && crate::json_parse::install(c, global)
                && crate::function_source::install(c);
            qjs::JS_FreeValue(c, global);
            crate::frames::probe(&ctx);
            crate::frames::bytecode::probe(&ctx);
            crate::frames::awaiting::probe(&ctx);
            crate::stack::probe_receivers(&ctx);
            crate::stack::probe_in_flight(&ctx);
            ok
        });
        if !walks {
            return Err(Error::OutOfMemory);
        }
        let classes = register_classes(main.get_runtime_ptr());
        // The exotic global only where the engine's object layout is the expected one.
        let global_class = classes.global.filter(|&class| {
            main.with(|ctx| unsafe { layout_holds(ctx.as_raw().as_ptr(), class) })
        });
        let registry = main.with(|ctx| -> Result<_> {
            let weak_map: rquickjs::Constructor = ctx.globals().get("WeakMap")?;
            let map: Object = weak_map.construct(())?;
            // Its methods before any code runs: code of the main context may replace the
            // prototype's, and must neither see nor change what the library registers.
            let get: rquickjs::Function = map.get("get")?;
            let set: rquickjs::Function = map.get("set")?;
            let delete: rquickjs::Function = map.get("delete")?;
            Ok(state::Registry {
                map: Persistent::save(&ctx, map),
                get: Persistent::save(&ctx, get),
                set: Persistent::save(&ctx, set),
                delete: Persistent::save(&ctx, delete),
                constructor: Persistent::save(&ctx, weak_map),
            })
        })?;
        let job_queue = crate::job_queue::JobQueue::probe(main.with(|ctx| ctx.as_raw().as_ptr()));
        if let Some(queue) = &job_queue {
            // What a promise job is for (async context, a reaction's queue), once per process.
            main.with(|ctx| crate::promise_jobs::probe(&ctx, queue));
        }
        let sharing =
            if self.shared_memory {
                Some(main.with(|ctx| {
                    crate::shared_memory::enable(&ctx, heap.clone(), interrupts.clone())
                })?)
            } else {
                None
            };
        let state = Rc::new(RuntimeState {
            interrupts,
            heap,
            host_timeout: self.host_timeout.unwrap_or(Some(DEFAULT_HOST_TIMEOUT)),
            job_queue: Cell::new(job_queue),
            parked: Rc::new(crate::job_queue::Parked::new(job_queue)),
            async_context: Default::default(),
            after_evaluate_realms: Default::default(),
            abandoned_realms: Default::default(),
            wasm_forbidden: Default::default(),
            live_contexts: Rc::new(Cell::new(0)),
            scope_class: classes.scope,
            global_class: Cell::new(global_class),
            next_id: Cell::new(1),
            registry,
            sources: Default::default(),
            source_bytes: Cell::new(0),
            import_specifiers: Default::default(),
            module_source_reader: Default::default(),
            compile_cache: Default::default(),
            builtin_names: Default::default(),
            lazy_builtins: self.lazy_builtins.unwrap_or(true) && global_class.is_some(),
            language_level: self.language_level,
            builtins_on_holder: std::cell::Cell::new(true),
            gc_pacer,
            cached_data_key,
            host_calls: Default::default(),
            async_waits: Default::default(),
            sharing: sharing.clone(),
            interruptions: Default::default(),
            thrown_value: Default::default(),
            main_realm: Default::default(),
            main_intl: Default::default(),
            array_buffer_transfer: main_transfer,
            site_facts_key: Default::default(),
            hidden_frames: Default::default(),
            frame_holders: Default::default(),
        });
        main.with(|ctx| -> Result<()> {
            let _ = ctx.store_userdata(StateSlot(state.clone()));
            let _ = ctx.store_userdata(crate::realm::weak_ref::KeptObjects::default());
            let _ = ctx.store_userdata(crate::wasm::WasmHost {
                interrupts: state.interrupts.clone(),
                heap: state.heap.clone(),
                forbidden: state.wasm_forbidden.clone(),
                buffers: Default::default(),
            });
            // The main realm is made whole by rquickjs, without the library's steps.
            let c = ctx.as_raw().as_ptr();
            if unsafe { crate::wasm::add_webassembly(c) } != 0 {
                return Err(Error::OutOfMemory);
            }
            if state.lazy_builtins {
                let on_atomics: Option<unsafe fn(_, _) -> bool> = if sharing.is_some() {
                    Some(crate::shared_memory::install_atomics_raw)
                } else {
                    None
                };
                let _ = ctx.store_userdata(crate::realm::GroupMaker {
                    scope_class: state.scope_class,
                    make: ensure_group,
                    level: state.language_level,
                    on_atomics,
                });
            }
            if sharing.is_some() {
                crate::shared_memory::install_atomics(&ctx)?;
            }
            crate::intl_main::install(&ctx)?;
            // The library owns the runtime's module loader (see module.rs).
            crate::module::install(&ctx)
        })?;
        let main_context = main.with(|ctx| Context::adopt_main(&ctx, main.clone()))?;
        main.with(|ctx| state.gc_pacer.pace(&ctx));
        Ok(Runtime {
            main_context,
            state,
            main,
            rt,
            _sharing: sharing,
        })
    }
}

/// One JavaScript engine heap with its limits, interrupt handler and main context.
///
/// Contexts made from it share its heap and limits; values pass between them directly, as
/// between Node's contexts of one isolate. It is single-threaded (`!Send`): for many threads,
/// make one runtime per thread.
///
/// ```
/// let rt = jsvm::Runtime::new().unwrap();
/// let sandbox: std::collections::BTreeMap<&str, i32> = [("count", 2)].into_iter().collect();
/// let ctx = rt.new_context(&sandbox, Default::default()).unwrap();
/// ctx.eval::<()>("count += 1").unwrap();
/// assert_eq!(ctx.get::<i32>("count").unwrap(), 3);
/// ```
pub struct Runtime {
    // Drop order: values held for the runtime go before the engine itself.
    main_context: Context,
    state: Rc<RuntimeState>,
    main: rquickjs::Context,
    rt: rquickjs::Runtime,
    /// The engine's shared-memory hooks point at it: dropped after the engine.
    _sharing: Option<Rc<crate::shared_memory::Sharing>>,
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // Pending host calls hold engine values and realms: gone before the engine is.
        self.state.host_calls.clear();
        crate::wait_async::clear(&self.state, self.main.get_runtime_ptr());
        self.state.main_realm.borrow_mut().take();
        self.state.main_intl.borrow_mut().take();
        self.state.array_buffer_transfer.borrow_mut().take();
        self.state.frame_holders.borrow_mut().clear();
        self.main.with(|ctx| crate::realm::weak_ref::clear(&ctx));
        // Removes its promise hook, which points at it.
        self.state.async_context.borrow_mut().take();
    }
}

impl Runtime {
    /// A runtime with the engine's default limits.
    pub fn new() -> Result<Self> {
        RuntimeBuilder::default().build()
    }
    /// Settings for a runtime.
    pub fn builder() -> RuntimeBuilder {
        RuntimeBuilder::default()
    }
    /// The main context ("this context" in Node): its global is the plain engine global, not a
    /// sandbox.
    pub fn main_context(&self) -> &Context {
        &self.main_context
    }
    /// Creates a context whose globals are the properties of `sandbox` (any serde value that
    /// serializes to a map or struct).
    pub fn new_context<T: serde::Serialize + ?Sized>(
        &self,
        sandbox: &T,
        options: crate::ContextOptions,
    ) -> Result<Context> {
        self.collect_and_retry(|| self.new_context_once(sandbox, &options))
    }
    fn new_context_once<T: serde::Serialize + ?Sized>(
        &self,
        sandbox: &T,
        options: &crate::ContextOptions,
    ) -> Result<Context> {
        self.with_ctx(|ctx| {
            // The sandbox is built in the new context's own realm, so that code inside reaches
            // nothing of any other realm through its values' prototypes.
            let handle = crate::context::ContextHandle::create(&ctx, None, options)?;
            let inner = handle.ctx();
            let value = crate::convert::to_js(&inner, sandbox)
                .map_err(|e| Error::InvalidArgument(e.to_string()))?;
            let Some(object) = value.into_object() else {
                return Err(Error::InvalidArgument(
                    "the sandbox must serialize to an object".into(),
                ));
            };
            let target = handle.globals_object();
            for entry in object.props::<rquickjs::Value, rquickjs::Value>() {
                let (k, v) = entry?;
                target.set(k, v)?;
            }
            Ok(handle.to_owned_context(&ctx, self.main.clone()))
        })
    }
    /// Creates a context with an empty sandbox.
    pub fn new_empty_context(&self, options: crate::ContextOptions) -> Result<Context> {
        self.collect_and_retry(|| {
            self.with_ctx(|ctx| {
                let handle = crate::context::ContextHandle::create(&ctx, None, &options)?;
                Ok(handle.to_owned_context(&ctx, self.main.clone()))
            })
        })
    }
    /// Runs `make`; if it ran out of memory, collects garbage (what dropped contexts left may
    /// not have been collected yet) and tries once more.
    fn collect_and_retry<R>(&self, make: impl Fn() -> Result<R>) -> Result<R> {
        self.with_ctx(|ctx| {
            let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
            crate::jobs::discard_abandoned(&self.state, rt)
        });
        match make() {
            Err(Error::OutOfMemory) => {
                self.rt.run_gc();
                make()
            }
            other => other,
        }
    }
    /// Runs `f` with the engine locked, in the main context: the escape hatch to the
    /// [`engine`](crate::engine) tier, for working with JavaScript values directly.
    ///
    /// ```
    /// let rt = jsvm::Runtime::new().unwrap();
    /// let n = rt.with_ctx(|ctx| ctx.eval::<i32, _>("6 * 7").unwrap());
    /// assert_eq!(n, 42);
    /// ```
    pub fn with_ctx<R>(&self, f: impl FnOnce(Ctx<'_>) -> R) -> R {
        self.main.with(f)
    }
    /// Runs `f` with `limits` on all the JavaScript it runs on this runtime, in any context
    /// and through any API of the library. Once the timeout elapses (counted from now) or the
    /// token is cancelled, the running code stops, every run inside `f` fails with
    /// [`Error::Timeout`] (or [`Error::Interrupted`]) until `f` returns, and so does this
    /// call, whatever `f` returned. A run with a limit of its own that is reached first
    /// reports its own (and `f` goes on); limits nest. Code reached through the raw engine
    /// (rquickjs calls inside [`Runtime::with_ctx`]) stops too, with the engine's uncatchable
    /// `InternalError: interrupted`.
    ///
    /// Code stops at the engine's interrupt checks (every few thousand instructions), so a
    /// run begun after the deadline may still complete if it is that short. Rust code in `f`
    /// is never stopped: an `f` that loops in Rust is not bounded by this. Promise jobs that
    /// stopped code had queued stay in the runtime's queue: drop them with
    /// [`Runtime::discard_jobs`], or drop the runtime ([`crate::RuntimePool`] replaces it).
    ///
    /// ```
    /// let rt = jsvm::Runtime::new().unwrap();
    /// let limits = jsvm::JobLimits { timeout_ms: Some(20), ..Default::default() };
    /// let r = rt.with_limits(&limits, |rt| rt.main_context().eval::<()>("while (true) {}"));
    /// assert_eq!(r, Err(jsvm::Error::Timeout { ms: 20 }));
    /// assert_eq!(rt.with_limits(&limits, |_| 42), Ok(42));
    /// ```
    pub fn with_limits<R>(
        &self,
        limits: &crate::JobLimits,
        f: impl FnOnce(&Runtime) -> R,
    ) -> Result<R> {
        let frame = self
            .state
            .interrupts
            .enter(limits.timeout_ms, limits.cancel.clone());
        let r = f(self);
        match frame.take_stop() {
            Some(stop) => Err(crate::exception::stop_error(stop)),
            None => Ok(r),
        }
    }
    /// Bytes the engine heap uses now, and its other counters.
    pub fn memory_usage(&self) -> MemoryUsage {
        self.with_ctx(|ctx| MemoryUsage::of(&ctx))
    }
    /// Runs the cycle collector now.
    pub fn run_gc(&self) {
        self.rt.run_gc();
    }
    /// Whether promise jobs or finalizer callbacks are waiting for the host (those of contexts
    /// in `afterEvaluate` mode wait for their context's next run instead).
    pub fn is_job_pending(&self) -> bool {
        self.with_ctx(|ctx| crate::jobs::host_job_pending(&ctx))
    }
    /// Runs one pending job of the host (a promise job or finalizer callback of a context in
    /// the default microtask mode), under the host budget; false when there was none. An
    /// exception thrown by the job is returned as an error (it is an unhandled error of that
    /// job, not of a run).
    pub fn run_pending_job(&self) -> Result<bool> {
        self.with_ctx(|ctx| self.bounded(&ctx, crate::jobs::run_host_job_described))
    }
    /// Runs the host's jobs until none is left, all of them under one host budget
    /// ([`RuntimeBuilder::host_timeout`]): an endless chain of promise jobs or a looping
    /// finalizer ends with [`Error::Timeout`].
    pub fn run_jobs(&self) -> Result<()> {
        self.with_ctx(|ctx| {
            self.bounded(&ctx, |ctx| {
                while crate::jobs::run_host_job_described(ctx)? {}
                Ok(())
            })
        })
    }
    /// Drops every pending promise job and finalizer callback, of every context, and every
    /// pending call of an async host function ([`crate::Context::register_async`]), without
    /// running them: a host reusing the runtime for an unrelated job (a pool worker) starts it
    /// with nothing left by the previous one. Runs the cycle collector first, so finalizers of
    /// what the previous job left unreachable are queued (and dropped) now rather than later.
    pub fn discard_jobs(&self) {
        self.state.host_calls.clear();
        self.with_ctx(|ctx| crate::realm::weak_ref::clear(&ctx));
        crate::wait_async::clear(&self.state, self.main.get_runtime_ptr());
        self.rt.run_gc();
        self.with_ctx(|ctx| crate::jobs::discard_all(&ctx));
    }
    /// Runs `f` under the host budget: a stop is reported as [`Error::Timeout`].
    fn bounded<R>(&self, ctx: &Ctx<'_>, f: impl FnOnce(&Ctx<'_>) -> Result<R>) -> Result<R> {
        let budget = crate::interrupt::Budget::host(self.state.host_timeout);
        crate::exception::within(ctx, &self.state.interrupts, &budget, f)
    }
    /// The underlying rquickjs runtime, for embedders that need engine features the library
    /// does not wrap (an escape hatch of the [`engine`](crate::engine) tier).
    pub fn engine(&self) -> &rquickjs::Runtime {
        &self.rt
    }
}

/// Scripts and modules, through the runtime's main context.
impl Runtime {
    /// Compiles a script (in the main context's realm; it runs in any context).
    pub fn compile(&self, source: &str, options: crate::ScriptOptions) -> Result<crate::Script> {
        self.with_ctx(|ctx| crate::Script::compile(&ctx, source, options))
    }

    /// The cached data of a compiled script (Node's `script.createCachedData()`): give it as
    /// [`ScriptOptions::cached_data`](crate::ScriptOptions::cached_data) to skip compiling the
    /// same source again, in this runtime or another with the same cached data key.
    ///
    /// ```
    /// let rt = jsvm::Runtime::new().unwrap();
    /// let source = "function twice(n) { return 2 * n } twice(21)";
    /// let data = rt.cached_data(&rt.compile(source, Default::default()).unwrap()).unwrap();
    ///
    /// let other = jsvm::Runtime::new().unwrap();
    /// let options = jsvm::ScriptOptions::default().cached_data(data);
    /// let script = other.compile(source, options).unwrap();
    /// assert_eq!(script.cached_data_rejected(), Some(false));
    /// assert_eq!(other.main_context().run::<i32>(&script, &Default::default()).unwrap(), 42);
    /// ```
    pub fn cached_data(&self, script: &crate::Script) -> Result<Vec<u8>> {
        self.with_ctx(|ctx| script.cached_data(&ctx))
    }

    /// Registers the embedder's module resolver and loader: they answer the imports of modules
    /// the library does not own (program files, builtin modules) and `import()` from code with
    /// no callback of its own outside vm scripts. Use this instead of
    /// `engine().set_loader(...)`, which would replace the library's own loader. Its
    /// arguments are engine types: an escape hatch of the [`engine`](crate::engine) tier.
    ///
    /// Import attributes are not passed on (`None`): rquickjs gives no way to make its
    /// `ImportAttributes` outside its own loader.
    ///
    /// ```
    /// use jsvm::engine::rquickjs::{loader::{Resolver, Loader, ImportAttributes}, module::Declared, Ctx, Module};
    /// struct R;
    /// impl Resolver for R {
    ///     fn resolve<'js>(&mut self, _: &Ctx<'js>, _: &str, name: &str, _: Option<ImportAttributes<'js>>) -> jsvm::engine::rquickjs::Result<String> {
    ///         Ok(format!("mem:{name}"))
    ///     }
    /// }
    /// struct L;
    /// impl Loader for L {
    ///     fn load<'js>(&mut self, ctx: &Ctx<'js>, name: &str, _: Option<ImportAttributes<'js>>) -> jsvm::engine::rquickjs::Result<Module<'js, Declared>> {
    ///         Module::declare(ctx.clone(), name, "export default 7")
    ///     }
    /// }
    /// let rt = jsvm::Runtime::new().unwrap();
    /// rt.set_host_loader(R, L);
    /// rt.with_ctx(|ctx| {
    ///     let p: jsvm::engine::rquickjs::Promise = ctx.eval("import('seven')").unwrap();
    ///     while ctx.execute_pending_job() {}
    ///     let ns: jsvm::engine::rquickjs::Object = p.result().unwrap().unwrap();
    ///     assert_eq!(ns.get::<_, i32>("default").unwrap(), 7);
    /// });
    /// ```
    pub fn set_host_loader<R, L>(&self, resolver: R, loader: L)
    where
        R: rquickjs::loader::Resolver + 'static,
        L: rquickjs::loader::Loader + 'static,
    {
        self.with_ctx(|ctx| crate::module::set_host_loader(&ctx, resolver, loader))
    }
}

/// Heap counters of a [`Runtime`], from the engine.
///
/// ```
/// let rt = jsvm::Runtime::builder().memory_limit(32 << 20).build().unwrap();
/// let before = rt.memory_usage();
/// rt.main_context().eval::<()>("globalThis.big = new Array(100000).fill(1)").unwrap();
/// let after = rt.memory_usage();
/// assert!(after.malloc_size > before.malloc_size);
/// assert_eq!(after.malloc_limit, 32 << 20);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryUsage {
    /// Bytes allocated by the engine (what the memory limit caps).
    pub malloc_size: u64,
    /// The memory limit, or -1 as u64 when none.
    pub malloc_limit: u64,
    /// Bytes of live engine structures.
    pub memory_used_size: u64,
    /// Live objects.
    pub obj_count: u64,
    /// Bytes of SharedArrayBuffers this runtime made that are still alive, here or in other
    /// runtimes (see [`RuntimeBuilder::shared_memory`]); they count against the limit too.
    pub shared_size: u64,
    /// Whether an allocation was refused for the memory limit since a context's run (or a
    /// module's evaluation) last ended: the code running now met the limit, though the heap
    /// may have room again by the time it is asked (its unwinding freed what it held). A host
    /// that treats a full heap as fatal, as Node does, asks this when its own code failed.
    pub refused_since_run: bool,
}

impl MemoryUsage {
    /// The counters of the runtime `ctx` belongs to: the in-lock form of
    /// [`Runtime::memory_usage`].
    pub fn of(ctx: &Ctx<'_>) -> MemoryUsage {
        let m = unsafe {
            let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
            let mut m: qjs::JSMemoryUsage = std::mem::zeroed();
            qjs::JS_ComputeMemoryUsage(rt, &mut m);
            m
        };
        let state = RuntimeState::of(ctx);
        let limit = state.heap.limit();
        MemoryUsage {
            shared_size: state.sharing.as_ref().map_or(0, |s| s.live_bytes() as u64),
            refused_since_run: state.heap.refused_since_run(),
            malloc_size: m.malloc_size.max(0) as u64,
            malloc_limit: limit.map_or(u64::MAX, |l| l as u64),
            memory_used_size: m.memory_used_size.max(0) as u64,
            obj_count: m.obj_count.max(0) as u64,
        }
    }
}

/// Heap growth allowed between collections when the builder sets none.
const DEFAULT_GC_HEADROOM: usize = 4 << 20;
