//! What one runtime keeps for every part of the library to reach from inside the engine lock:
//! its limits, contexts' bookkeeping, compiled sources and caches.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use rquickjs::{qjs, Ctx, JsLifetime, Object, Persistent};

use crate::interrupt::Interrupts;

/// When the cycle collector runs. QuickJS schedules the next collection at 1.5 times the heap
/// that survived the last one; with the small live heaps of a vm program that means a full
/// collection (which visits every object of the runtime) every dozen or so new contexts, a
/// quarter of `runInNewContext`'s time (perf). After each collection the pacer moves the next one
/// to at least `headroom` bytes of growth, kept under three quarters of the memory limit so
/// that collecting still happens before allocation fails.
pub(crate) struct GcPacer {
    headroom: usize,
    ceiling: usize,
    /// The threshold the engine had when last paced: a different one means it collected since.
    seen: Cell<usize>,
}

impl GcPacer {
    pub(super) fn new(headroom: usize, memory_limit: Option<usize>) -> GcPacer {
        GcPacer {
            headroom,
            ceiling: memory_limit.map_or(usize::MAX, |m| m / 4 * 3),
            seen: Cell::new(0),
        }
    }

    /// Called where the library allocates much (context creation): two loads when nothing
    /// collected since the last call.
    pub(crate) fn pace(&self, ctx: &Ctx<'_>) {
        unsafe {
            let rt = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
            let threshold = qjs::JS_GetGCThreshold(rt) as usize;
            if threshold == self.seen.get() {
                return;
            }
            // The engine just set threshold = 1.5 * survivors (or this is the first call).
            let survivors = threshold / 3 * 2;
            let wanted = survivors.saturating_add(self.headroom).min(self.ceiling);
            let next = threshold.max(wanted);
            if next != threshold {
                qjs::JS_SetGCThreshold(rt, next as _);
            }
            self.seen.set(next);
        }
    }
}

/// Source text kept for stack traces, at most (scripts still alive keep theirs anyway).
const MAX_SOURCE_BYTES: usize = 64 << 20;

/// What every part of the library needs to reach from inside the engine lock.
/// See [`RuntimeState::module_source_reader`].
pub(crate) type ModuleSourceReader = dyn Fn(&str) -> Option<String>;

pub(crate) struct RuntimeState {
    pub(crate) interrupts: Rc<Interrupts>,
    /// The memory limit and what the engine holds (see `allocator.rs`).
    pub(crate) heap: Rc<crate::allocator::HeapLimit>,
    /// See [`crate::RuntimeBuilder::host_timeout`].
    pub(crate) host_timeout: Option<Duration>,
    /// The engine's job list, when its layout checked out (see `jobs.rs`).
    pub(crate) job_queue: Cell<Option<crate::job_queue::JobQueue>>,
    /// Jobs of `afterEvaluate` realms taken off the engine's list (see `job_queue::Parked`);
    /// handed back to the engine when its runtime goes (the slot's drop).
    pub(crate) parked: Rc<crate::job_queue::Parked>,
    /// The embedder's async context (`engine::set_async_context`), made on first use.
    pub(crate) async_context:
        std::cell::RefCell<Option<Rc<crate::async_context::slot::AsyncContext>>>,
    /// Engine contexts in `afterEvaluate` mode: their jobs wait for their own runs.
    pub(crate) after_evaluate_realms: Rc<std::cell::RefCell<std::collections::HashSet<usize>>>,
    /// `afterEvaluate` engine contexts whose last owned handle is gone: no run of theirs can
    /// come, so the jobs they left are dropped at the next run, job loop or context made
    /// (`jobs::discard_abandoned`).
    pub(crate) abandoned_realms: Rc<std::cell::RefCell<std::collections::HashSet<usize>>>,
    /// The realms whose context forbids wasm code generation (wasm.rs).
    pub(crate) wasm_forbidden: Rc<std::cell::RefCell<std::collections::HashSet<usize>>>,
    /// Contexts created and not yet freed (see `ContextHandle::live_count`).
    pub(crate) live_contexts: Rc<Cell<usize>>,
    pub(crate) scope_class: qjs::JSClassID,
    /// The class contextified globals are switched to, when the engine's object layout checked
    /// out (see `sandbox/layout.rs`); `None`: globals stay plain, the scope alone answers for them.
    pub(crate) global_class: Cell<Option<qjs::JSClassID>>,
    pub(super) next_id: Cell<u64>,
    /// WeakMap from sandbox objects to their context handles (Node's "contextified" mark,
    /// invisible to JavaScript).
    pub(super) registry: Registry,
    /// The scripts compiled in this runtime by filename (the latest of each name), so stack
    /// traces can read their source lines (see `stack.rs`).
    pub(super) sources:
        std::cell::RefCell<std::collections::HashMap<String, crate::source_lines::SourceLines>>,
    /// Bytes of source text `sources` keeps alive.
    pub(super) source_bytes: Cell<usize>,
    /// The specifier each module the host loader resolved was last requested by, when (a
    /// count), and the importer's name, by resolved name: the engine's link errors name the
    /// module resolved, V8's the specifier (and Node's arrow the importer's import).
    pub(crate) import_specifiers:
        std::cell::RefCell<std::collections::HashMap<String, (String, u64, String)>>,
    /// The host's reader of a module's source by its name (`set_module_source_reader`), for
    /// the arrow of a link error settled as code's handler is about to see it.
    pub(crate) module_source_reader: std::cell::RefCell<Option<Rc<ModuleSourceReader>>>,
    /// The names of a context's builtins, shared by all contexts (see `sandbox.rs`).
    pub(crate) builtin_names: std::cell::RefCell<Option<std::rc::Rc<crate::sandbox::BuiltinNames>>>,
    /// Which of the engine's builtins realms keep (realm/level.rs).
    pub(crate) language_level: crate::LanguageLevel,
    /// Contexts get their lazy groups of builtins on first use (realm.rs); only with the
    /// exotic global.
    pub(crate) lazy_builtins: bool,
    /// Realms get their builtins on a holder object, with the engine's global field swapped
    /// while they are made (realm.rs); false: on the global, as when the field is not found.
    pub(crate) builtins_on_holder: std::cell::Cell<bool>,
    /// Recently compiled scripts, by source (see `ContextHandle::compile`).
    pub(crate) compile_cache: std::cell::RefCell<crate::script::compile_cache::CompileCache>,
    pub(crate) gc_pacer: GcPacer,
    /// The key that authenticates cached data (see `RuntimeBuilder::cached_data_key`).
    pub(crate) cached_data_key: Option<crate::cached_data::DataKey>,
    /// Calls of async host functions waiting for their futures (see `async_host.rs`).
    pub(crate) host_calls: crate::pending_calls::PendingCalls,
    /// Set when the runtime shares memory (see `shared_memory.rs`).
    pub(crate) sharing: Option<Rc<crate::shared_memory::sharing::Sharing>>,
    /// The pending `Atomics.waitAsync` waits (`shared_memory/wait_async.rs`).
    pub(crate) async_waits: crate::shared_memory::sharing::AsyncWaits,
    /// The engine's interruption errors made since a limit fired, which code may have caught
    /// as values (see `stack::disarm_interruptions`).
    pub(crate) interruptions: std::cell::RefCell<Vec<Persistent<rquickjs::Value<'static>>>>,
    /// The value other than an error last thrown by code, by identity (see
    /// `display::thrown_value_at`), and where (`line:col:file`).
    pub(crate) thrown_value: std::cell::RefCell<Option<((i64, u64), String)>>,
    /// The main realm, for the other realms' stack formatting (see `main_prepare.rs`).
    /// The main realm's `ArrayBuffer.prototype.transfer` (refusing buffers over wasm memory),
    /// taken before a language level could take it out (`engine::transfer_array_buffer`).
    pub(crate) array_buffer_transfer:
        std::cell::RefCell<Option<Persistent<rquickjs::Function<'static>>>>,
    pub(crate) main_realm: std::cell::RefCell<Option<MainRealm>>,
    /// Objects whose methods' frames are named by a type, with it (see
    /// `stack::holder::name_frames_by_holder`).
    pub(crate) frame_holders:
        std::cell::RefCell<Vec<(Persistent<rquickjs::Object<'static>>, std::rc::Rc<str>)>>,
    /// The main realm's `[Intl, locale methods]` once made (see `intl_main.rs`).
    pub(crate) main_intl: std::cell::RefCell<Option<Persistent<rquickjs::Array<'static>>>>,
    /// The symbol the call sites handed to code's `Error.prepareStackTrace` keep what V8 says
    /// of their receivers under (see `stack::SiteFacts`), once made.
    pub(crate) site_facts_key: std::cell::RefCell<Option<Persistent<rquickjs::Symbol<'static>>>>,
    /// Functions whose frames the default stack format leaves out (see `stack::hide_frames`).
    pub(crate) hidden_frames: std::cell::RefCell<
        Vec<(
            Persistent<rquickjs::Function<'static>>,
            crate::frames::HiddenFrames,
        )>,
    >,
}

/// The main realm as the stack formatter of other realms reaches it (see `main_prepare.rs`).
pub(crate) struct MainRealm {
    /// The runtime's main context, alive as long as the runtime (`Runtime::drop` clears this
    /// record first).
    pub(crate) ctx: std::ptr::NonNull<qjs::JSContext>,
    /// Its `Error`, as when the runtime was made (Node's `MainContextError`).
    pub(crate) error: Persistent<rquickjs::Object<'static>>,
    /// The maker of its copies of call sites, made on first use.
    pub(crate) sites: Option<Persistent<rquickjs::Function<'static>>>,
    /// Its `Function.prototype.toString` as when the runtime was made, which the stack
    /// formatter of every realm reads functions' sources with (see `stack.rs`): a function's
    /// source is no realm's, and code cannot reach this copy.
    pub(crate) function_to_string: Option<Persistent<rquickjs::Function<'static>>>,
    /// What the engine calls to format each error's stack, in every realm of the runtime
    /// (see `stack.rs`): made once, with the main realm.
    pub(crate) prepare: Option<Persistent<rquickjs::Function<'static>>>,
}

impl RuntimeState {
    /// Remembers the source of a compiled script for stack traces.
    pub(crate) fn remember_source(&self, filename: &str, text: crate::source_lines::SourceLines) {
        let mut sources = self.sources.borrow_mut();
        // Bounded in entries and in bytes: a program compiling endless distinct filenames (or
        // large sources) keeps only recent ones alive for its stack traces.
        let held = self.source_bytes.get() + text.len();
        if (sources.len() >= 4096 && !sources.contains_key(filename)) || held > MAX_SOURCE_BYTES {
            sources.clear();
            self.source_bytes.set(0);
        }
        let added = text.len();
        if let Some(old) = sources.insert(filename.to_string(), text) {
            self.source_bytes
                .set(self.source_bytes.get().saturating_sub(old.len()));
        }
        self.source_bytes.set(self.source_bytes.get() + added);
    }

    /// Line `line` (as the engine numbers it) of the script named `filename`, if known.
    pub(crate) fn source_line(&self, filename: &str, line: i32) -> Option<String> {
        self.sources.borrow().get(filename)?.line(line)
    }

    /// [`RuntimeState::source_line`], shared (a long line is not copied for each reader).
    pub(crate) fn shared_source_line(
        &self,
        filename: &str,
        line: i32,
    ) -> Option<std::sync::Arc<str>> {
        self.sources.borrow().get(filename)?.shared_line(line)
    }

    /// The state of the runtime `ctx` belongs to.
    pub(crate) fn of(ctx: &Ctx<'_>) -> Rc<RuntimeState> {
        ctx.userdata::<StateSlot>()
            .map(|s| s.0.clone())
            .expect("context not created by jsvm::Runtime")
    }
    pub(crate) fn next_id(&self) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        id
    }
    /// The context handle registered for `key` (undefined when none).
    pub(crate) fn registered<'js>(
        &self,
        ctx: &Ctx<'js>,
        key: &Object<'js>,
    ) -> rquickjs::Result<rquickjs::Value<'js>> {
        let (map, get) = (self.registry_map(ctx), restore(ctx, &self.registry.get));
        get.call((rquickjs::function::This(map), key.clone()))
    }

    /// Registers `handle` for `key`.
    pub(crate) fn register<'js>(
        &self,
        ctx: &Ctx<'js>,
        key: &Object<'js>,
        handle: rquickjs::Value<'js>,
    ) -> rquickjs::Result<()> {
        let (map, set) = (self.registry_map(ctx), restore(ctx, &self.registry.set));
        set.call((rquickjs::function::This(map), key.clone(), handle))
    }

    /// A new WeakMap and its `get`, `set` and `delete`, as they were when the runtime was made.
    pub(crate) fn pristine_weak_map<'js>(
        &self,
        ctx: &Ctx<'js>,
    ) -> rquickjs::Result<(Object<'js>, [rquickjs::Function<'js>; 3])> {
        let constructor = restore(ctx, &self.registry.constructor);
        let methods = [
            &self.registry.get,
            &self.registry.set,
            &self.registry.delete,
        ]
        .map(|m| restore(ctx, m));
        Ok((constructor.construct(())?, methods))
    }

    /// The registry itself (the key of the main context's handle).
    pub(crate) fn registry_map<'js>(&self, ctx: &Ctx<'js>) -> Object<'js> {
        restore(ctx, &self.registry.map)
    }
}

/// The registry of contexts by sandbox: a WeakMap, used through its methods as they were when
/// the runtime was made (also the methods, and the constructor, of the library's other
/// WeakMaps: code may replace the global's).
pub(crate) struct Registry {
    pub(crate) map: Persistent<Object<'static>>,
    pub(crate) get: Persistent<rquickjs::Function<'static>>,
    pub(crate) set: Persistent<rquickjs::Function<'static>>,
    pub(crate) delete: Persistent<rquickjs::Function<'static>>,
    pub(crate) constructor: Persistent<rquickjs::Constructor<'static>>,
}

fn restore<'js, T>(ctx: &Ctx<'js>, kept: &Persistent<T>) -> T::Changed<'js>
where
    T: JsLifetime<'static> + Clone,
    T::Changed<'js>: rquickjs::FromJs<'js>,
{
    kept.clone()
        .restore(ctx)
        .expect("registry belongs to this runtime")
}

pub(crate) struct StateSlot(pub(crate) Rc<RuntimeState>);

impl Drop for StateSlot {
    /// rquickjs drops the runtime's userdata just before the engine frees the runtime (and the
    /// jobs on its list): the parked jobs are put back there for it.
    fn drop(&mut self) {
        self.0.parked.hand_back_all();
    }
}

unsafe impl<'js> JsLifetime<'js> for StateSlot {
    type Changed<'to> = StateSlot;
}
